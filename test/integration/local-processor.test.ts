import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destroyClients, type LocalClients, localClients } from '../../local/aws-clients.js';
import type { QueueHandler } from '../../local/functions.js';
import { startProcessor } from '../../local/processor.js';
import type { Queue } from '../../local/resources.js';
import { type LocalServers, startServers } from '../../local/servers.js';

let servers: LocalServers;
let clients: LocalClients;

beforeAll(async () => {
  servers = await startServers();
  clients = localClients(servers.endpoints);
});
afterAll(async () => {
  destroyClients(clients);
  await servers.stop();
});

let queues = 0;
/** A queue that hands a failed message out again at once and dead-letters it on its second receive. */
async function retryingQueue(): Promise<{ queue: Queue; deadLetter: Queue }> {
  const name = `processor-test-${++queues}`;
  const create = async (queueName: string, attributes: Record<string, string>): Promise<Queue> => {
    const { QueueUrl = '' } = await clients.sqs.send(
      new CreateQueueCommand({ QueueName: queueName, Attributes: attributes }),
    );
    const { Attributes = {} } = await clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    return { url: QueueUrl, arn: Attributes.QueueArn ?? '' };
  };
  const deadLetter = await create(`${name}-dlq`, {});
  const queue = await create(name, {
    VisibilityTimeout: '0',
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetter.arn, maxReceiveCount: 2 }),
  });
  return { queue, deadLetter };
}

async function send(queue: Queue, ...bodies: string[]) {
  for (const body of bodies)
    await clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: body,
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'events' } },
      }),
    );
}

async function bodiesIn(queue: Queue): Promise<string[]> {
  const { Messages = [] } = await clients.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10 }),
  );
  return Messages.map((m) => m.Body ?? '');
}

describe('the local event source of the processor', () => {
  it('hands the handler an SQSEvent as Lambda does and deletes what it processed', async () => {
    // Prepare
    const { queue } = await retryingQueue();
    const events: SQSEvent[] = [];
    const handler: QueueHandler = async (event) => {
      events.push(event);
      return { batchItemFailures: [] };
    };
    await send(queue, 'one', 'two');

    // Act
    const processor = startProcessor(clients.sqs, queue, 'process-events', handler, () => {});
    await processor.drain();
    await processor.stop();

    // Assess
    const records = events.flatMap((e) => e.Records);
    expect(records.map((r) => r.body).sort()).toEqual(['one', 'two']);
    expect(records[0]).toMatchObject({
      eventSource: 'aws:sqs',
      eventSourceARN: queue.arn,
      awsRegion: 'us-east-1',
      attributes: { ApproximateReceiveCount: '1' },
      messageAttributes: { kind: { dataType: 'String', stringValue: 'events' } },
    });
    expect(records[0]?.messageId).not.toBe('');
    expect(records[0]?.receiptHandle).not.toBe('');
    expect(processor.stats()).toEqual({ processed: 2, failed: 0 });
    expect(await bodiesIn(queue)).toEqual([]);
  });

  it('retries only the messages named in batchItemFailures, then dead-letters them', async () => {
    // Prepare
    const { queue, deadLetter } = await retryingQueue();
    const receiveCounts: string[] = [];
    const handler: QueueHandler = async (event) => {
      const poison = event.Records.filter((r) => r.body === 'poison');
      for (const r of poison) receiveCounts.push(r.attributes.ApproximateReceiveCount);
      return { batchItemFailures: poison.map((r) => ({ itemIdentifier: r.messageId })) };
    };
    await send(queue, 'good', 'poison');

    // Act
    const processor = startProcessor(clients.sqs, queue, 'process-events', handler, () => {});
    await processor.drain();
    await processor.stop();

    // Assess
    expect(receiveCounts).toEqual(['1', '2']);
    expect(processor.stats()).toEqual({ processed: 1, failed: 2 });
    expect(await bodiesIn(deadLetter)).toEqual(['poison']);
  });

  it('retries the whole batch when the handler throws, as Lambda does', async () => {
    // Prepare
    const { queue, deadLetter } = await retryingQueue();
    let calls = 0;
    const logged: string[] = [];
    const handler: QueueHandler = async () => {
      calls++;
      if (calls === 1) throw new Error('throttled');
      return { batchItemFailures: [] };
    };
    await send(queue, 'a');

    // Act
    const processor = startProcessor(clients.sqs, queue, 'process-events', handler, (line) =>
      logged.push(line),
    );
    await processor.drain();
    await processor.stop();

    // Assess
    expect(calls).toBe(2);
    expect(processor.stats()).toEqual({ processed: 1, failed: 1 });
    expect(logged).toEqual(['process-events failed: Error: throttled']);
    expect(await bodiesIn(deadLetter)).toEqual([]);
  });

  it('fails the whole batch when a reported failure names no message of it', async () => {
    // Prepare
    const { queue } = await retryingQueue();
    let calls = 0;
    const handler: QueueHandler = async () => {
      calls++;
      return { batchItemFailures: calls === 1 ? [{ itemIdentifier: 'not-a-message' }] : [] };
    };
    await send(queue, 'a');

    // Act
    const processor = startProcessor(clients.sqs, queue, 'process-events', handler, () => {});
    await processor.drain();
    await processor.stop();

    // Assess
    expect(calls).toBe(2);
    expect(processor.stats()).toEqual({ processed: 1, failed: 1 });
  });
});
