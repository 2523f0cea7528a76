import type { EvidenceSnapshot } from '../domain/evidence/evidence-snapshot.js';
import { mergeSnapshots, WEEK_MS, weeklySnapshots, weekStart } from '../domain/evidence/evidence-weeks.js';
import { encodeSnapshot } from '../domain/evidence/snapshot-codec.js';
import { infrastructureKeys } from '../domain/infrastructure-keys.js';
import { keyName } from '../ports/infrastructure-index.js';
import type { TelemetryEvent } from '../schema/events.js';
import { QueueMessage } from '../schema/queue-message.js';
import { checkEvent } from '../schema/validate-event.js';
import { wireJson } from '../schema/wire.js';
import { assessContractor } from './assess.js';
import type { PipelineDependencies } from './dependencies.js';
import { withVersionRetry } from './retry.js';

export interface QueueRecord {
  messageId: string;
  body: string;
}

export interface BatchOutcome {
  /** Messages to retry (SQS redelivers them, then moves them to the dead-letter queue). */
  failedMessageIds: string[];
  contractors: number;
  weeksWritten: number;
  alertsPublished: number;
  /** Events in a message that no longer pass the contract (never retried: they never would). */
  invalidEvents: number;
  /**
   * Why each failed message failed (codes and counts, no personal data): once per message that could not be read,
   * and once per contractor whose part of a message could not be stored.
   */
  failures: MessageFailure[];
}

export interface MessageFailure {
  messageId: string;
  reason: string;
  /** The contractor whose part failed; absent when the message as a whole could not be read. */
  contractorId?: string;
}

/** Contractors folded in parallel: enough to overlap DynamoDB round trips, few enough not to be throttled. */
const CONCURRENCY = 8;

/**
 * Folds a batch of queue messages into the stored evidence and reassesses every contractor they touch. The batch
 * is grouped by contractor and week first, so a week item is read and written once per batch however many events
 * it gains (the main cost, in write units). A message that cannot be read, or whose contractor could not be
 * stored, fails alone; the rest of the batch is kept. Redelivery changes nothing: merging evidence already held
 * writes nothing, and alerts already sent are not sent again.
 */
export async function processBatch(
  records: readonly QueueRecord[],
  deps: PipelineDependencies,
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = {
    failedMessageIds: [],
    contractors: 0,
    weeksWritten: 0,
    alertsPublished: 0,
    invalidEvents: 0,
    failures: [],
  };
  const events: TelemetryEvent[] = [];
  /** Which messages carry each contractor's events: if storing them fails, those messages are retried. */
  const sources = new Map<string, Set<string>>();
  const note = (contractorId: string, messageId: string) => {
    const set = sources.get(contractorId) ?? new Set<string>();
    set.add(messageId);
    sources.set(contractorId, set);
  };
  for (const record of records) {
    const message = readMessage(record.body);
    if (typeof message === 'string') {
      outcome.failedMessageIds.push(record.messageId);
      outcome.failures.push({ messageId: record.messageId, reason: message });
      continue;
    }
    if (message.kind === 'reassess') {
      note(message.contractorId, record.messageId);
      continue;
    }
    for (const raw of message.events) {
      const checked = checkEvent(raw, message.receivedAt);
      if (!checked.ok) {
        outcome.invalidEvents++;
        continue;
      }
      events.push(checked.event);
      note(checked.event.contractorId, record.messageId);
    }
  }
  const weeks = weeklySnapshots(events);
  const contractors = [...sources.keys()];
  outcome.contractors = contractors.length;
  const failed = new Set(outcome.failedMessageIds);
  await forEachLimited(contractors, CONCURRENCY, async (contractorId) => {
    try {
      const own = weeks.get(contractorId) ?? new Map<string, EvidenceSnapshot>();
      for (const [week, snapshot] of own) {
        if (await foldWeek(contractorId, week, snapshot, deps)) outcome.weeksWritten++;
      }
      await indexInfrastructure(contractorId, [...own.values()], deps);
      outcome.alertsPublished += (await assessContractor(contractorId, deps)).alertsPublished;
    } catch (error) {
      for (const messageId of sources.get(contractorId) ?? []) {
        failed.add(messageId);
        outcome.failures.push({ messageId, reason: (error as Error).name || 'Error', contractorId });
      }
    }
  });
  outcome.failedMessageIds = [...failed];
  return outcome;
}

/** Records the contractor under each device id and home address of the new evidence not recorded yet. */
async function indexInfrastructure(
  contractorId: string,
  snapshots: readonly EvidenceSnapshot[],
  deps: PipelineDependencies,
): Promise<void> {
  if (snapshots.length === 0) return;
  const keys = snapshots.flatMap((s) => infrastructureKeys(s, deps.locator(), deps.networkPolicy));
  if (keys.length === 0) return;
  const users = await deps.infrastructure.contractorsOf(keys);
  const missing = new Map(
    keys.filter((k) => !users.get(keyName(k))?.has(contractorId)).map((k) => [keyName(k), k]),
  );
  if (missing.size > 0) await deps.infrastructure.record([...missing.values()], contractorId);
}

function readMessage(body: string): QueueMessage | string {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return 'the message body is not JSON';
  }
  const parsed = QueueMessage.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `the message is not a Daylight queue message: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`;
  }
  return parsed.data;
}

/** Merges a week's new evidence into the stored week; true when it had to be written (something was new). */
async function foldWeek(
  contractorId: string,
  week: string,
  snapshot: EvidenceSnapshot,
  deps: PipelineDependencies,
): Promise<boolean> {
  const base = weekStart(week);
  const expiresAt = Math.floor((base + WEEK_MS) / 1000) + deps.retentionDays * 86_400;
  return withVersionRetry(async () => {
    const stored = await deps.evidence.getWeek(contractorId, week);
    const merged = stored === null ? snapshot : mergeSnapshots(stored.snapshot, snapshot);
    if (stored !== null && sameBytes(encodeSnapshot(stored.snapshot, base), encodeSnapshot(merged, base)))
      return false;
    await deps.evidence.putWeek(contractorId, week, merged, stored?.version ?? null, expiresAt);
    return true;
  });
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  });
  await Promise.all(lanes);
}

/** A message as the queue's event source delivers it: the receives so far count toward the dead-letter queue. */
export interface DeliveredRecord extends QueueRecord {
  receiveCount: number;
}

/** What happens to a message that fails its last allowed try. */
export interface LastTry {
  /** The queue's maxReceiveCount. */
  maxReceiveCount: number;
  /** Parks a message (or one contractor's part of it) with its reason in the dead-letter queue. */
  park: (record: QueueRecord, failure: MessageFailure) => Promise<void>;
}

/**
 * One delivery from the ingest queue: the batch is folded once (`processBatch`), and each message that failed is
 * returned to be retried; the contractors already stored from it are merged again to the same bytes, so a retry
 * changes nothing for them. On a message's last allowed receive it is parked in the dead-letter queue instead,
 * with its reason (the queue's own redrive would keep none), and only the part that failed: each failing
 * contractor's events apart, so nothing valid of anyone else is dead-lettered with them. A message that cannot be
 * parked is retried as usual, and the queue's redrive moves it whole.
 */
export async function processDelivery(
  records: readonly DeliveredRecord[],
  deps: PipelineDependencies,
  lastTry?: LastTry,
): Promise<{ outcome: BatchOutcome; retry: string[] }> {
  const outcome = await processBatch(records, deps);
  const retry: string[] = [];
  for (const record of records) {
    const failures = outcome.failures.filter((f) => f.messageId === record.messageId);
    if (failures.length === 0) continue;
    if (lastTry === undefined || record.receiveCount < lastTry.maxReceiveCount) {
      retry.push(record.messageId);
      continue;
    }
    const parked = await Promise.all(
      failures.map((failure) =>
        lastTry
          .park({ messageId: record.messageId, body: partOf(record.body, failure.contractorId) }, failure)
          .then(
            () => true,
            () => false,
          ),
      ),
    );
    if (parked.includes(false)) retry.push(record.messageId);
  }
  return { outcome, retry };
}

/** The message as one contractor's part of it (their events alone), or whole when no contractor is named. */
function partOf(body: string, contractorId: string | undefined): string {
  const message = contractorId === undefined ? undefined : readMessage(body);
  if (message === undefined || typeof message === 'string' || message.kind !== 'events') return body;
  const events = message.events.filter(
    (raw) =>
      typeof raw === 'object' &&
      raw !== null &&
      (raw as { contractorId?: unknown }).contractorId === contractorId,
  );
  return wireJson({ ...message, events });
}
