import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CapacityMeter } from './capacity-meter.js';

/** BatchWriteItem takes 25 requests at most. */
const PER_CALL = 25;
const ATTEMPTS = 8;

/**
 * Deletes items by key, 25 a call, sending back whatever DynamoDB left unprocessed (throttling) with backoff until
 * none is left; throws if some still remain after the last attempt, so an erasure never silently stops halfway.
 */
export async function deleteKeys(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Record<string, unknown>[],
  meter?: CapacityMeter,
): Promise<void> {
  for (let i = 0; i < keys.length; i += PER_CALL) {
    let requests = keys.slice(i, i + PER_CALL).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 1; requests.length > 0; attempt++) {
      if (attempt > ATTEMPTS)
        throw new Error(`${requests.length} items of ${tableName} could not be deleted`);
      if (attempt > 1)
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(1000, 20 * 2 ** attempt)));
      const out = await client.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: requests }, ReturnConsumedCapacity: 'TOTAL' }),
      );
      meter?.record(out.ConsumedCapacity, 'write');
      requests = (out.UnprocessedItems?.[tableName] ?? []).flatMap((r) =>
        r.DeleteRequest?.Key === undefined ? [] : [{ DeleteRequest: { Key: r.DeleteRequest.Key } }],
      );
    }
  }
}
