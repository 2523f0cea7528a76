import {
  DeleteMessageBatchCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import { entryOf, type QueueFunctionName } from '../functions/catalog.js';
import { LOCAL_REGION } from './aws-clients.js';
import { lambdaContext, type QueueHandler } from './functions.js';
import { type Queue, queueDepth } from './resources.js';

/** The short wait lets `stop` and `drain` answer quickly. */
const WAIT_SECONDS = 1;

export interface ProcessorStats {
  /** Messages the handler processed and that were deleted. */
  processed: number;
  /** Deliveries that failed (reported in batchItemFailures, or the whole batch when the handler threw). */
  failed: number;
}

export interface ProcessorLoop {
  /** Resolves once the queue is empty (nothing waiting, in flight or delayed) and no batch is running. */
  drain(): Promise<void>;
  stats(): ProcessorStats;
  stop(): Promise<void>;
}

/**
 * A queue's event source mapping, on one machine: long-polls for batches of the size the function's catalog entry
 * gives, invokes the handler with an `SQSEvent`, deletes what succeeded and leaves each failure to reappear after
 * the visibility timeout; after `maxReceiveCount` receives the queue moves it to its dead-letter queue. One batch
 * at a time.
 */
export function startProcessor(
  sqs: SQSClient,
  queue: Queue,
  name: QueueFunctionName,
  handler: QueueHandler,
  log: (line: string) => void,
): ProcessorLoop {
  const { trigger } = entryOf(name);
  const batchSize = 'queue' in trigger ? trigger.batchSize : 10;
  const abort = new AbortController();
  const stats: ProcessorStats = { processed: 0, failed: 0 };
  let waiting: (() => void)[] = [];

  const runBatch = async (messages: Message[]) => {
    const event: SQSEvent = { Records: messages.map((m) => toRecord(m, queue.arn)) };
    let failedIds: Set<string>;
    try {
      failedIds = failures(await handler(event, lambdaContext(name)), event);
    } catch (error) {
      // As Lambda: a handler that throws fails the whole batch.
      log(`${name} failed: ${(error as Error).name}: ${(error as Error).message}`);
      failedIds = new Set(event.Records.map((r) => r.messageId));
    }
    stats.failed += failedIds.size;
    const done = messages.filter((m) => !failedIds.has(m.MessageId ?? ''));
    if (done.length > 0) {
      const { Failed = [] } = await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queue.url,
          Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
        }),
      );
      stats.processed += done.length - Failed.length;
    }
  };

  let inFlight = false;
  /** Received messages count as not visible until deleted, so a depth of 0 outside a batch means drained. */
  const settleDrains = async () => {
    if (waiting.length === 0 || inFlight || (await queueDepth(sqs, queue.url)) > 0) return;
    for (const resolve of waiting) resolve();
    waiting = [];
  };

  const loop = async () => {
    while (!abort.signal.aborted) {
      try {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queue.url,
            MaxNumberOfMessages: batchSize,
            WaitTimeSeconds: WAIT_SECONDS,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: abort.signal },
        );
        inFlight = Messages.length > 0;
        if (inFlight) await runBatch(Messages);
        inFlight = false;
        await settleDrains();
      } catch (error) {
        inFlight = false;
        if (abort.signal.aborted) break;
        log(`polling ${queue.url} failed: ${(error as Error).message}; retrying`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  };
  const running = loop();

  return {
    drain: () =>
      new Promise<void>((resolve, reject) => {
        waiting.push(resolve);
        settleDrains().catch(reject);
      }),
    stats: () => ({ ...stats }),
    async stop() {
      abort.abort();
      await running;
    },
  };
}

/**
 * The messages to retry. As Lambda: an identifier that names no message of the batch fails the whole batch.
 */
function failures(response: Awaited<ReturnType<QueueHandler>>, event: SQSEvent): Set<string> {
  const ids = new Set(event.Records.map((r) => r.messageId));
  const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
  for (const id of failed) if (!ids.has(id)) return ids;
  return failed;
}

function toRecord(message: Message, queueArn: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? '',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: toRecordAttributes(message.MessageAttributes ?? {}),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: LOCAL_REGION,
  };
}

/** The SDK spells message attributes in PascalCase, the Lambda event in camelCase. */
function toRecordAttributes(attributes: Record<string, MessageAttributeValue>): SQSMessageAttributes {
  const out: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(attributes)) {
    out[name] = {
      dataType: value.DataType ?? 'String',
      ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
      ...(value.BinaryValue === undefined
        ? {}
        : { binaryValue: Buffer.from(value.BinaryValue).toString('base64') }),
      stringListValues: value.StringListValues ?? [],
      binaryListValues: (value.BinaryListValues ?? []).map((b) => Buffer.from(b).toString('base64')),
    };
  }
  return out;
}
