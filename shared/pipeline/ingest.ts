import type { EventQueue } from '../ports/messaging.js';
import type { QueueMessage } from '../schema/queue-message.js';
import { checkEvent } from '../schema/validate-event.js';
import { contractFields, wireJson } from '../schema/wire.js';
import { BadRequestError, PayloadTooLargeError, UnavailableError } from './errors.js';

export const MAX_EVENTS_PER_REQUEST = 500;
/** The contract's limit on one request body. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Below SQS's 256 KB message limit with room for the envelope. */
const MAX_MESSAGE_BYTES = 240 * 1024;

/** A record of a batch that could not even be parsed (a line of JSON Lines that is not JSON): refused alone. */
export class UnreadableRecord {
  constructor(readonly reason: string) {}
}

export interface Rejection {
  index: number;
  field: string;
  reason: string;
}

export interface IngestResult {
  accepted: number;
  rejected: number;
  rejections: Rejection[];
}

/**
 * Checks a batch of events against the contract and queues the valid ones for the processor. A bad event is
 * reported by its index, field and reason, and never holds back the valid ones in the same batch.
 */
export async function ingestEvents(
  body: unknown,
  queue: EventQueue,
  receivedAt: number,
): Promise<IngestResult> {
  if (!Array.isArray(body))
    throw new BadRequestError(
      'the body must be a JSON array of events, or JSON Lines (application/x-ndjson)',
    );
  if (body.length > MAX_EVENTS_PER_REQUEST)
    throw new PayloadTooLargeError(
      `at most ${MAX_EVENTS_PER_REQUEST} events per request, not ${body.length}`,
    );
  const rejections: Rejection[] = [];
  const valid: { event: Record<string, unknown>; bytes: number }[] = [];
  body.forEach((raw, index) => {
    if (raw instanceof UnreadableRecord) {
      rejections.push({ index, field: '(line)', reason: raw.reason });
      return;
    }
    const checked = checkEvent(raw, receivedAt);
    if (!checked.ok) {
      for (const p of checked.problems) rejections.push({ index, field: p.field, reason: p.reason });
      return;
    }
    // Queued as the contract reads it: extra fields go here, before anything serializes the event.
    const event = contractFields(raw as Record<string, unknown>, checked.event.type);
    const bytes = wireJson(event).length + 1;
    if (bytes > MAX_MESSAGE_BYTES)
      rejections.push({ index, field: '(record)', reason: `is larger than ${MAX_MESSAGE_BYTES} bytes` });
    else valid.push({ event, bytes });
  });
  try {
    await queue.send(messagesOf(valid, receivedAt));
  } catch (error) {
    throw new UnavailableError(`the events could not be queued, retry the request: ${(error as Error).name}`);
  }
  const rejected = new Set(rejections.map((r) => r.index)).size;
  return { accepted: valid.length, rejected, rejections };
}

/** Valid events split into queue messages under the size limit (as sent: `wireJson`), in their order. */
function messagesOf(
  events: readonly { event: Record<string, unknown>; bytes: number }[],
  receivedAt: number,
): QueueMessage[] {
  const messages: QueueMessage[] = [];
  let current: unknown[] = [];
  let bytes = 0;
  for (const { event, bytes: size } of events) {
    if (current.length > 0 && bytes + size > MAX_MESSAGE_BYTES) {
      messages.push({ kind: 'events', receivedAt, events: current });
      current = [];
      bytes = 0;
    }
    current.push(event);
    bytes += size;
  }
  if (current.length > 0) messages.push({ kind: 'events', receivedAt, events: current });
  return messages;
}
