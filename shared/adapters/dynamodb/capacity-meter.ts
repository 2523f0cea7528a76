import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';

/** Read and write units DynamoDB reports as consumed, summed over calls: what the pipeline costs. */
export class CapacityMeter {
  readUnits = 0;
  writeUnits = 0;

  record(consumed: ConsumedCapacity | ConsumedCapacity[] | undefined, kind: 'read' | 'write'): void {
    const list = consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed];
    for (const c of list) {
      const units = c.CapacityUnits ?? (kind === 'read' ? c.ReadCapacityUnits : c.WriteCapacityUnits) ?? 0;
      if (kind === 'read') this.readUnits += units;
      else this.writeUnits += units;
    }
  }
}
