import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { ALERTS_TABLE } from '../../config/table-keys.js';
import type { AlertState } from '../../domain/alerts.js';
import { FINDING_CODES, SEVERITIES } from '../../domain/report.js';
import { AlertStore } from '../../ports/alert-store.js';
import type { CapacityMeter } from './capacity-meter.js';
import { putIfVersion, queryPartition } from './conditional.js';
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
    const items = await queryPartition(
      this.client,
      this.tableName,
      ALERTS_TABLE.partitionKey,
      contractorId,
      this.meter,
    );
    return items.map((item) => {
      const { schema: _s, ...state } = AlertItem.parse(item);
      return state;
    });
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
    const item = { ...state, schema: ITEM_SCHEMA };
    return putIfVersion(
      this.client,
      this.tableName,
      item,
      'version',
      expectedVersion,
      'the alert state',
      this.meter,
    );
  }
}
