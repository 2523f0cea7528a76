import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { FAILURE_ATTRIBUTES } from '../../shared/ports/dead-letters.js';

/** A dead letter as an operator reads it: why it failed and what it holds, in counts (no addresses, no names). */
export interface DeadLetter {
  messageId: string;
  sentAt: string | null;
  receiveCount: number;
  reason: string;
  failedAt: string | null;
  /** The contractor whose part of a message this is, when the processor split it out; null for a whole message. */
  contractorId: string | null;
  summary: string;
  body: string;
}

/** Long enough to page through a dead-letter queue before the first messages are handed out again. */
const INSPECT_VISIBILITY_SECONDS = 30;

/**
 * Reads up to `max` dead letters without removing them: each is made visible again at once when done, so
 * inspecting never hides a message from a redrive.
 */
export async function inspectDeadLetters(
  sqs: SQSClient,
  queueUrl: string,
  max: number,
): Promise<DeadLetter[]> {
  const seen = new Map<string, DeadLetter>();
  const handles: Message[] = [];
  try {
    while (seen.size < max) {
      const batch = await receive(sqs, queueUrl, INSPECT_VISIBILITY_SECONDS, Math.min(10, max - seen.size));
      if (batch.length === 0) break;
      for (const m of batch) {
        handles.push(m);
        if (!seen.has(m.MessageId ?? '')) seen.set(m.MessageId ?? '', describe(m));
      }
    }
  } finally {
    for (let i = 0; i < handles.length; i += 10)
      await sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: queueUrl,
          Entries: handles.slice(i, i + 10).map((m, j) => ({
            Id: String(j),
            ReceiptHandle: m.ReceiptHandle ?? '',
            VisibilityTimeout: 0,
          })),
        }),
      );
  }
  return [...seen.values()];
}

/**
 * Sends up to `max` dead letters back to the queue they came from, body unchanged, and deletes each from the
 * dead-letter queue only once it is sent: a failure midway leaves the rest where they were.
 */
export async function redriveDeadLetters(
  sqs: SQSClient,
  deadLetterUrl: string,
  targetUrl: string,
  max: number,
): Promise<number> {
  let moved = 0;
  while (moved < max) {
    const batch = await receive(sqs, deadLetterUrl, 60, Math.min(10, max - moved));
    if (batch.length === 0) break;
    for (const m of batch) {
      await sqs.send(new SendMessageCommand({ QueueUrl: targetUrl, MessageBody: m.Body ?? '' }));
      await sqs.send(
        new DeleteMessageCommand({ QueueUrl: deadLetterUrl, ReceiptHandle: m.ReceiptHandle ?? '' }),
      );
      moved++;
    }
  }
  return moved;
}

async function receive(sqs: SQSClient, queueUrl: string, visibility: number, count: number) {
  const out = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: count,
      VisibilityTimeout: visibility,
      WaitTimeSeconds: 0,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['All'],
    }),
  );
  return out.Messages ?? [];
}

function describe(m: Message): DeadLetter {
  const attribute = (name: string) => m.MessageAttributes?.[name]?.StringValue;
  const sent = m.Attributes?.SentTimestamp;
  const receiveCount = Number(
    attribute(FAILURE_ATTRIBUTES.receiveCount) ?? m.Attributes?.ApproximateReceiveCount ?? 0,
  );
  // SNS names its delivery failures in these attributes; the processor in its own; a queue's redrive in none.
  const reason =
    attribute(FAILURE_ATTRIBUTES.reason) ??
    (attribute('ErrorMessage') !== undefined
      ? `SNS delivery failed: ${attribute('ErrorMessage')}`
      : undefined) ??
    'moved by the queue after its last receive; no reason was recorded (the consumer timed out or crashed)';
  return {
    messageId: m.MessageId ?? '',
    sentAt: sent === undefined ? null : new Date(Number(sent)).toISOString(),
    receiveCount,
    reason,
    failedAt: attribute(FAILURE_ATTRIBUTES.failedAt) ?? null,
    contractorId: attribute(FAILURE_ATTRIBUTES.contractorId) ?? null,
    summary: summarise(m.Body ?? ''),
    body: m.Body ?? '',
  };
}

/** What a message holds, in counts: enough to decide whether to redrive it, nothing personal. */
export function summarise(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `unreadable body (${Buffer.byteLength(body)} bytes, not JSON)`;
  }
  const o = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  if (o.kind === 'events' && Array.isArray(o.events)) {
    const contractors = new Set(o.events.map((e) => (e as { contractorId?: unknown })?.contractorId));
    return `${o.events.length} events for ${contractors.size} contractors`;
  }
  if (o.kind === 'reassess') return `reassess ${String(o.contractorId)}`;
  if (typeof o.alertId === 'string')
    return `alert ${String(o.severity)} ${String(o.code)} for ${String(o.contractorId)}`;
  return `JSON of an unknown shape (${Buffer.byteLength(body)} bytes)`;
}
