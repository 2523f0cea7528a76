import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { EventQueue } from '../../ports/messaging.js';
import type { QueueMessage } from '../../schema/queue-message.js';
import { wireJson } from '../../schema/wire.js';

/** SendMessageBatch takes at most 10 entries and 256 KB in all: one message per call keeps every body's room. */
const ENTRIES_PER_CALL = 10;
const BYTES_PER_CALL = 256 * 1024;

export class SqsEventQueue extends EventQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {
    super();
  }

  async send(messages: readonly QueueMessage[]): Promise<void> {
    let batch: { Id: string; MessageBody: string }[] = [];
    let bytes = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const out = await this.client.send(
        new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: batch }),
      );
      if ((out.Failed?.length ?? 0) > 0)
        throw new Error(`${out.Failed?.length} of ${batch.length} messages were refused by the queue`);
      batch = [];
      bytes = 0;
    };
    for (const message of messages) {
      const body = wireJson(message);
      const size = Buffer.byteLength(body, 'utf8');
      if (batch.length === ENTRIES_PER_CALL || bytes + size > BYTES_PER_CALL) await flush();
      batch.push({ Id: String(batch.length), MessageBody: body });
      bytes += size;
    }
    await flush();
  }
}
