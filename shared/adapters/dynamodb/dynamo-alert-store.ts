import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { ALERTS_TABLE } from '../../config/table-keys.js';
import { FINDING_CODES, SEVERITIES } from '../../domain/report.js';
import { type AlertState, AlertStore } from '../../ports/alert-store.js';
import type { CapacityMeter } from './capacity-meter.js';
import { conditionally, versionCondition } from './conditional.js';
import { deleteKeys } from './delete-keys.js';

const ITEM_SCHEMA = 1;
const AlertItem = z.object({
  contractorId: z.string(),
  code: z.enum(FINDING_CODES),
  severity: z.enum(SEVERITIES),
  alertId: z.string(),
  status: z.enum(['pending', 'sent']),
  alertedAt: z.string(),
  version: z.number().int().positive(),
  schema: z.literal(ITEM_SCHEMA),
});

/** Alert state, one item per contractor and finding code. */
export class DynamoAlertStore extends AlertStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly meter?: CapacityMeter,
  ) {
    super();
  }

  async list(contractorId: string): Promise<AlertState[]> {
    const states: AlertState[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': ALERTS_TABLE.partitionKey },
          ExpressionAttributeValues: { ':pk': contractorId },
          ConsistentRead: true,
          ExclusiveStartKey: start,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.meter?.record(out.ConsumedCapacity, 'read');
      for (const item of out.Items ?? []) {
        const { schema: _s, ...state } = AlertItem.parse(item);
        states.push(state);
      }
      start = out.LastEvaluatedKey;
    } while (start !== undefined);
    return states;
  }

  async deleteAll(contractorId: string): Promise<number> {
    const states = await this.list(contractorId);
    const keys = states.map((s) => ({
      [ALERTS_TABLE.partitionKey]: s.contractorId,
      [ALERTS_TABLE.sortKey]: s.code,
    }));
    await deleteKeys(this.client, this.tableName, keys, this.meter);
    return keys.length;
  }

  async put(state: Omit<AlertState, 'version'>, expectedVersion: number | null): Promise<number> {
    const version = (expectedVersion ?? 0) + 1;
    const condition = versionCondition('version', expectedVersion);
    await conditionally(async () => {
      const out = await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...state, version, schema: ITEM_SCHEMA },
          ConditionExpression: condition.ConditionExpression,
          ExpressionAttributeNames: condition.ExpressionAttributeNames,
          ...(expectedVersion === null ? {} : { ExpressionAttributeValues: condition.values }),
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.meter?.record(out.ConsumedCapacity, 'write');
    }, 'the alert state');
    return version;
  }
}
