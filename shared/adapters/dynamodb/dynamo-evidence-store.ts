import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { EVIDENCE_TABLE } from '../../config/table-keys.js';
import type { EvidenceSnapshot } from '../../domain/evidence/evidence-snapshot.js';
import { weekStart } from '../../domain/evidence/evidence-weeks.js';
import { decodeSnapshot, encodeSnapshot } from '../../domain/evidence/snapshot-codec.js';
import {
  EvidenceStore,
  type StoredClaims,
  type StoredContractor,
  type StoredWeek,
} from '../../ports/evidence-store.js';
import { Claim } from '../../schema/claims.js';
import type { CapacityMeter } from './capacity-meter.js';
import { putIfVersion, queryPartition } from './conditional.js';
import { deleteKeys } from './delete-keys.js';

/** The sort key of the claims item, beside the week items (`YYYY-MM-DD` sorts before it). */
const CLAIMS_KEY = 'claims';
const ITEM_SCHEMA = 1;

const WeekItem = z.object({
  week: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  evidence: z.instanceof(Uint8Array),
  version: z.number().int().positive(),
  schema: z.literal(ITEM_SCHEMA),
});
const ClaimsItem = z.object({
  claims: z.array(Claim),
  version: z.number().int().positive(),
  schema: z.literal(ITEM_SCHEMA),
});

/** Evidence weeks and claims in one table, one partition per contractor: a report is one query. */
export class DynamoEvidenceStore extends EvidenceStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly meter?: CapacityMeter,
  ) {
    super();
  }

  async getWeek(contractorId: string, week: string): Promise<StoredWeek | null> {
    const out = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [EVIDENCE_TABLE.partitionKey]: contractorId, [EVIDENCE_TABLE.sortKey]: week },
        ConsistentRead: true,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.meter?.record(out.ConsumedCapacity, 'read');
    return out.Item === undefined ? null : weekOfItem(out.Item);
  }

  async putWeek(
    contractorId: string,
    week: string,
    snapshot: EvidenceSnapshot,
    expectedVersion: number | null,
    expiresAt: number,
  ): Promise<number> {
    const item = {
      [EVIDENCE_TABLE.partitionKey]: contractorId,
      [EVIDENCE_TABLE.sortKey]: week,
      evidence: encodeSnapshot(snapshot, weekStart(week)),
      [EVIDENCE_TABLE.timeToLiveAttribute]: expiresAt,
      schema: ITEM_SCHEMA,
    };
    return putIfVersion(
      this.client,
      this.tableName,
      item,
      EVIDENCE_TABLE.versionAttribute,
      expectedVersion,
      'the evidence week',
      this.meter,
    );
  }

  async loadContractor(contractorId: string): Promise<StoredContractor> {
    const weeks: StoredWeek[] = [];
    let claims: StoredClaims | null = null;
    let unreadable = 0;
    for (const item of await this.partition(contractorId)) {
      // One bad item (an old week of no valid name, a foreign write) costs that item, not the contractor.
      try {
        if (item[EVIDENCE_TABLE.sortKey] === CLAIMS_KEY) claims = ClaimsItem.parse(item);
        else weeks.push(weekOfItem(item));
      } catch {
        unreadable++;
      }
    }
    return { weeks, claims, unreadable };
  }

  async deleteContractor(contractorId: string): Promise<number> {
    const keys = await this.partition(contractorId, [EVIDENCE_TABLE.partitionKey, EVIDENCE_TABLE.sortKey]);
    await deleteKeys(this.client, this.tableName, keys, this.meter);
    return keys.length;
  }

  async putClaims(contractorId: string, claims: Claim[], expectedVersion: number | null): Promise<number> {
    const item = {
      [EVIDENCE_TABLE.partitionKey]: contractorId,
      [EVIDENCE_TABLE.sortKey]: CLAIMS_KEY,
      claims,
      schema: ITEM_SCHEMA,
    };
    return putIfVersion(
      this.client,
      this.tableName,
      item,
      EVIDENCE_TABLE.versionAttribute,
      expectedVersion,
      'the claims',
      this.meter,
    );
  }

  private partition(contractorId: string, projection?: readonly string[]) {
    return queryPartition(
      this.client,
      this.tableName,
      EVIDENCE_TABLE.partitionKey,
      contractorId,
      this.meter,
      projection,
    );
  }
}

function weekOfItem(item: Record<string, unknown>): StoredWeek {
  const parsed = WeekItem.parse(item);
  return {
    week: parsed.week,
    snapshot: decodeSnapshot(parsed.evidence, weekStart(parsed.week)),
    version: parsed.version,
  };
}
