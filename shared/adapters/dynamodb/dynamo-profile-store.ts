import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { PROFILES_TABLE } from '../../config/table-keys.js';
import { FINDING_CODES, RISK_LEVELS, SEVERITIES } from '../../domain/report.js';
import {
  InvalidCursorError,
  type ProfilePage,
  ProfileStore,
  type ProfileSummary,
  type StoredProfile,
} from '../../ports/profile-store.js';
import { ContractorId } from '../../schema/events.js';
import { uncarriableCharacter } from '../../schema/text.js';
import type { CapacityMeter } from './capacity-meter.js';
import { putIfVersion } from './conditional.js';

const ITEM_SCHEMA = 1;

const ProfileItem = z.object({
  contractorId: z.string(),
  riskScore: z.number(),
  riskLevel: z.enum(RISK_LEVELS),
  riskRank: z.number().int(),
  findings: z.array(z.object({ code: z.enum(FINDING_CODES), severity: z.enum(SEVERITIES) })),
  utcOffsetMinutes: z.number().nullable(),
  confidence: z.number(),
  events: z.number(),
  evidenceVersion: z.number(),
  assessedAt: z.string(),
  version: z.number().int().positive(),
  schema: z.literal(ITEM_SCHEMA),
});
/** DynamoDB's limit on a partition key, in UTF-8 bytes. */
const MAX_KEY_BYTES = 2048;

/**
 * A cursor is the scan's last key: a contractor id (the contract's id rule) or one of the shared-infrastructure
 * index's keys in the same table. Anything else, however it was made, is refused before it reaches the store.
 */
const Cursor = z.strictObject({
  contractorId: z.union([
    ContractorId,
    z
      .string()
      .regex(/^~infra#(device|address):./s)
      .refine(
        (key) => Buffer.byteLength(key, 'utf8') <= MAX_KEY_BYTES && uncarriableCharacter(key) === undefined,
      ),
  ]),
});

/** Profile summaries, one item per contractor; the list is a filtered scan (a page is at most `limit` items). */
export class DynamoProfileStore extends ProfileStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly meter?: CapacityMeter,
  ) {
    super();
  }

  async get(contractorId: string): Promise<StoredProfile | null> {
    const out = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [PROFILES_TABLE.partitionKey]: contractorId },
        ConsistentRead: true,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.meter?.record(out.ConsumedCapacity, 'read');
    if (out.Item === undefined) return null;
    const { version, riskRank: _rank, schema: _schema, ...summary } = ProfileItem.parse(out.Item);
    return { summary, version };
  }

  async put(summary: ProfileSummary, expectedVersion: number | null): Promise<number> {
    const item = { ...summary, riskRank: RISK_LEVELS.indexOf(summary.riskLevel), schema: ITEM_SCHEMA };
    return putIfVersion(
      this.client,
      this.tableName,
      item,
      PROFILES_TABLE.versionAttribute,
      expectedVersion,
      'the profile',
      this.meter,
    );
  }

  async delete(contractorId: string): Promise<boolean> {
    const out = await this.client.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { [PROFILES_TABLE.partitionKey]: contractorId },
        ReturnValues: 'ALL_OLD',
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.meter?.record(out.ConsumedCapacity, 'write');
    return out.Attributes !== undefined;
  }

  async list(query: {
    minRisk: (typeof RISK_LEVELS)[number];
    limit: number;
    cursor?: string;
  }): Promise<ProfilePage> {
    const start = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const profiles: ProfileSummary[] = [];
    let next: Record<string, unknown> | undefined = start;
    // A filtered scan page may hold fewer matches than asked for: read on until the page is full or the table ends.
    do {
      const out = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'riskRank >= :rank',
          ExpressionAttributeValues: { ':rank': RISK_LEVELS.indexOf(query.minRisk) },
          Limit: query.limit - profiles.length,
          ExclusiveStartKey: next,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.meter?.record(out.ConsumedCapacity, 'read');
      for (const item of out.Items ?? []) {
        const { version: _v, riskRank: _r, schema: _s, ...summary } = ProfileItem.parse(item);
        profiles.push(summary);
      }
      next = out.LastEvaluatedKey;
    } while (next !== undefined && profiles.length < query.limit);
    profiles.sort((a, b) => b.riskScore - a.riskScore || a.contractorId.localeCompare(b.contractorId));
    return next === undefined ? { profiles } : { profiles, cursor: encodeCursor(next) };
  }
}

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(Cursor.parse(key))).toString('base64url');
}

function decodeCursor(cursor: string): Record<string, unknown> {
  try {
    return Cursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidCursorError('not a cursor this store made');
  }
}
