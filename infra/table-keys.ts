/**
 * Attribute names of the Daylight tables. No CDK imports here: the DynamoDB adapters in
 * `functions/` read the same names, so the table and the code that writes it cannot disagree.
 */

/** Raw telemetry, one item per event, expired by DynamoDB once `expiresAt` passes. */
export const EVENTS_TABLE = {
  partitionKey: 'contractorId',
  sortKey: 'eventId',
  /** Epoch SECONDS (DynamoDB TTL ignores milliseconds, unlike the telemetry timestamps). */
  timeToLiveAttribute: 'expiresAt',
} as const;

/** Bounded per-contractor aggregates; writers compare `version` so concurrent updates never clobber. */
export const PROFILES_TABLE = {
  partitionKey: 'contractorId',
  versionAttribute: 'version',
} as const;

/** Alert state per contractor, so the same alert is never sent twice. */
export const ALERTS_TABLE = {
  partitionKey: 'contractorId',
  sortKey: 'alertId',
} as const;
