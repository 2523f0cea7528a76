import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { PROFILES_TABLE } from '../../config/table-keys.js';
import type { InfrastructureKey } from '../../domain/infrastructure-keys.js';
import { InfrastructureIndex, keyName } from '../../ports/infrastructure-index.js';
import type { CapacityMeter } from './capacity-meter.js';

/**
 * The index lives in the profiles table under keys no contractor id can take (`~` and `#` are outside the
 * contract's id alphabet), each item a string set of contractor ids. The contractor list never shows them: it
 * filters on a risk rank these items lack.
 */
const PREFIX = '~infra#';
/**
 * Contractors kept under one key: far more than any assessment compares (it reads 64), and far below DynamoDB's
 * 400 KB item limit, which a device id shared by thousands of generated identities would otherwise reach.
 */
export const MAX_CONTRACTORS_PER_KEY = 1000;
const BATCH_GET_LIMIT = 100;
const ATTEMPTS = 8;

export class DynamoInfrastructureIndex extends InfrastructureIndex {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly meter?: CapacityMeter,
  ) {
    super();
  }

  async contractorsOf(keys: readonly InfrastructureKey[]): Promise<Map<string, Set<string>>> {
    const found = new Map<string, Set<string>>();
    const unique = [...new Set(keys.map(keyName))];
    for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) {
      let pending: Record<string, unknown>[] = unique
        .slice(i, i + BATCH_GET_LIMIT)
        .map((name) => ({ [PROFILES_TABLE.partitionKey]: `${PREFIX}${name}` }));
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (attempt > ATTEMPTS) throw new Error(`${pending.length} index keys could not be read`);
        if (attempt > 1)
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(1000, 20 * 2 ** attempt)));
        const out = await this.client.send(
          new BatchGetCommand({
            RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } },
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        this.meter?.record(out.ConsumedCapacity, 'read');
        for (const item of out.Responses?.[this.tableName] ?? []) {
          const name = String(item[PROFILES_TABLE.partitionKey]).slice(PREFIX.length);
          const contractors = item.contractors as Set<string> | undefined;
          if (contractors !== undefined && contractors.size > 0) found.set(name, new Set(contractors));
        }
        pending = (out.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return found;
  }

  async record(keys: readonly InfrastructureKey[], contractorId: string): Promise<void> {
    for (const key of keys) await this.update(key, 'ADD', contractorId);
  }

  async forget(keys: readonly InfrastructureKey[], contractorId: string): Promise<void> {
    for (const key of keys) await this.update(key, 'DELETE', contractorId);
  }

  private async update(
    key: InfrastructureKey,
    action: 'ADD' | 'DELETE',
    contractorId: string,
  ): Promise<void> {
    try {
      const out = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [PROFILES_TABLE.partitionKey]: `${PREFIX}${keyName(key)}` },
          UpdateExpression: `${action} contractors :c`,
          // Forgetting never creates an item that was not there; recording stops once a key is full.
          ...(action === 'DELETE'
            ? { ConditionExpression: 'attribute_exists(contractors)' }
            : { ConditionExpression: 'attribute_not_exists(contractors) OR size(contractors) < :max' }),
          ExpressionAttributeValues: {
            ':c': new Set([contractorId]),
            ...(action === 'ADD' ? { ':max': MAX_CONTRACTORS_PER_KEY } : {}),
          },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.meter?.record(out.ConsumedCapacity, 'write');
    } catch (error) {
      const refused =
        error instanceof ConditionalCheckFailedException ||
        (error as Error).name === 'ConditionalCheckFailedException';
      if (refused) return;
      throw error;
    }
  }
}
