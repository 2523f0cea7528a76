import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { DeadLetterQueue, FAILURE_ATTRIBUTES, type FailureNote } from '../../ports/dead-letters.js';

/** SQS message attribute values are at most 256 KB in all; a reason is a sentence. */
const MAX_REASON = 1000;

export class SqsDeadLetterQueue extends DeadLetterQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {
    super();
  }

  async park(body: string, note: FailureNote): Promise<void> {
    const text = (value: string) => ({ DataType: 'String', StringValue: value });
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: body,
        MessageAttributes: {
          [FAILURE_ATTRIBUTES.reason]: text(note.reason.slice(0, MAX_REASON) || 'unknown'),
          [FAILURE_ATTRIBUTES.failedAt]: text(note.failedAt),
          [FAILURE_ATTRIBUTES.receiveCount]: { DataType: 'Number', StringValue: String(note.receiveCount) },
          [FAILURE_ATTRIBUTES.sourceQueue]: text(note.sourceQueue),
          ...(note.contractorId === undefined
            ? {}
            : { [FAILURE_ATTRIBUTES.contractorId]: text(note.contractorId) }),
        },
      }),
    );
  }
}
