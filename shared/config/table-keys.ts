/**
 * Attribute names of the Daylight tables. No CDK imports here: the DynamoDB adapters in `shared/adapters/` and
 * the local stack read the same names, so the tables and the code that writes them cannot disagree.
 */

/**
 * Evidence, one item per contractor and UTC week (`week` = the Monday, `YYYY-MM-DD`): the week's bounded sample
 * of events, active hours, address and device spans, encoded compactly. An item never grows with a contractor's
 * history, only with one week's activity (and is capped); DynamoDB expires it once `expiresAt` passes.
 */
export const EVIDENCE_TABLE = {
  partitionKey: 'contractorId',
  sortKey: 'week',
  /** Epoch SECONDS (DynamoDB TTL ignores milliseconds, unlike the telemetry timestamps). */
  timeToLiveAttribute: 'expiresAt',
  versionAttribute: 'version',
} as const;

/** One item per contractor: claims by source and the latest assessment summary; writers compare `version`. */
export const PROFILES_TABLE = {
  partitionKey: 'contractorId',
  versionAttribute: 'version',
} as const;

/** Alert state per contractor and finding code, so the same alert is never sent twice. */
export const ALERTS_TABLE = {
  partitionKey: 'contractorId',
  sortKey: 'code',
} as const;
