import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { VersionConflictError } from '../../ports/errors.js';
import type { CapacityMeter } from './capacity-meter.js';

/**
 * Puts an item only over the version read (`null`: only if there is none yet), with the next version in
 * `versionAttribute`; DynamoDB's refusal becomes the port's `VersionConflictError`. Returns the version written.
 * Every store's optimistic locking goes through here: no transactions, which dynalite lacks.
 */
export async function putIfVersion(
  client: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown>,
  versionAttribute: string,
  expectedVersion: number | null,
  what: string,
  meter?: CapacityMeter,
): Promise<number> {
  const version = (expectedVersion ?? 0) + 1;
  try {
    const out = await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...item, [versionAttribute]: version },
        ConditionExpression:
          expectedVersion === null ? 'attribute_not_exists(#version)' : '#version = :expected',
        ExpressionAttributeNames: { '#version': versionAttribute },
        ...(expectedVersion === null ? {} : { ExpressionAttributeValues: { ':expected': expectedVersion } }),
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    meter?.record(out.ConsumedCapacity, 'write');
    return version;
  } catch (error) {
    if (
      error instanceof ConditionalCheckFailedException ||
      (error as Error).name === 'ConditionalCheckFailedException'
    )
      throw new VersionConflictError(`${what} was changed by another writer`);
    throw error;
  }
}

/** Every item of one partition, read consistently, page after page (`projection`: only these attributes). */
export async function queryPartition(
  client: DynamoDBDocumentClient,
  tableName: string,
  partitionKey: string,
  value: string,
  meter?: CapacityMeter,
  projection?: readonly string[],
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const names: Record<string, string> = { '#pk': partitionKey };
  projection?.forEach((attribute, i) => {
    names[`#p${i}`] = attribute;
  });
  let start: Record<string, unknown> | undefined;
  do {
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':pk': value },
        ...(projection === undefined
          ? {}
          : { ProjectionExpression: projection.map((_, i) => `#p${i}`).join(', ') }),
        ConsistentRead: true,
        ExclusiveStartKey: start,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    meter?.record(out.ConsumedCapacity, 'read');
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
}
