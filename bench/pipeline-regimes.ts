/**
 * The example dataset through the pipeline, two ways: everything posted first and then drained in full batches
 * (what Lambda's event source does under steady load, with its batching window), and drained while it is
 * posted (what `npm start` does: one batch at a time, of whatever has arrived). Then the same batches once
 * more, as a redelivery would bring them.
 */
import { readFileSync } from 'node:fs';
import type { Message } from '@aws-sdk/client-sqs';
import type { IpLocator } from '../shared/domain/geography/ip-location.js';
import { putClaim } from '../shared/pipeline/contractors.js';
import { ingestEvents, MAX_EVENTS_PER_REQUEST } from '../shared/pipeline/ingest.js';
import { processBatch, type QueueRecord } from '../shared/pipeline/processor.js';
import { Claim } from '../shared/schema/claims.js';
import { parseNetworkPolicy } from '../shared/schema/network-policy.js';
import { type BenchStack, records, startBenchStack, TABLES, type Usage } from './pipeline-stack.js';

const EXAMPLES = new URL('../examples/', import.meta.url);
/** After the dataset's last week (as in test/integration/pipeline-flow.test.ts): no event is in the future. */
const RECEIVED_AT = Date.parse('2026-04-20T00:00:00Z');
/** Seconds a receive waits for messages: local/processor.ts uses 1. */
const WAIT_SECONDS = 1;

export const dataset = loadDataset();

function loadDataset() {
  const events = readFileSync(new URL('events.jsonl', EXAMPLES), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { at: string; contractorId: string })
    // Time order, as collectors post: a week item then gains its events in few batches.
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const claims = (JSON.parse(readFileSync(new URL('claims.json', EXAMPLES), 'utf8')) as unknown[]).map((c) =>
    Claim.parse(c),
  );
  const networkPolicy = parseNetworkPolicy(
    JSON.parse(readFileSync(new URL('networks.json', EXAMPLES), 'utf8')),
  );
  const contractors = new Set(events.map((e) => e.contractorId)).size;
  return { events, claims, networkPolicy, contractors };
}

/** One phase of a run: its requests posted, and the processing of the messages they queued. */
export interface PhaseResult {
  requests: number;
  /** Posting, wall time from the phase's start. */
  postMs: number;
  /** The phase's start to its last message processed. */
  wallMs: number;
  /** Time inside processBatch, summed. */
  processMs: number;
  /** Time inside the service call (ingestEvents or putClaim), per request. */
  msPerRequest: number;
  messages: number;
  batches: number;
  alertsPublished: number;
  usage: Usage;
}

export interface RegimeResult {
  /** The claim records, one putClaim each, and their reassessments. */
  claims: PhaseResult;
  /** The events in time order, 500 a request. */
  events: PhaseResult;
  /** What processing every batch of both phases a second time added. */
  redelivery: Usage;
  redeliveryMs: number;
}

type Mode = 'post-then-drain' | 'drain-while-posting';

export async function runRegime(mode: Mode, locator: IpLocator): Promise<RegimeResult> {
  const stack = await startBenchStack(locator, dataset.networkPolicy, RECEIVED_AT);
  try {
    const processed: QueueRecord[][] = [];
    // Claims first, as `npm start` loads them: contractors are known before their telemetry arrives.
    const claimRequests = dataset.claims.map((claim) => async () => {
      await putClaim(claim.contractorId, claim, { ...stack.deps, queue: stack.queue });
    });
    const claims = await phase(stack, mode, claimRequests, processed);
    const eventRequests: (() => Promise<void>)[] = [];
    for (let i = 0; i < dataset.events.length; i += MAX_EVENTS_PER_REQUEST) {
      const slice = dataset.events.slice(i, i + MAX_EVENTS_PER_REQUEST);
      eventRequests.push(async () => {
        const result = await ingestEvents(slice, stack.queue, RECEIVED_AT);
        if (result.rejected > 0) throw new Error(`ingest rejected ${result.rejected} example events`);
      });
    }
    const events = await phase(stack, mode, eventRequests, processed);

    // A redelivery of every batch, with the same message ids and bodies: merging what is held writes nothing.
    const before = stack.usage();
    const t = performance.now();
    for (const batch of processed) {
      const outcome = await processBatch(batch, stack.deps);
      if (outcome.failedMessageIds.length > 0) throw new Error('a redelivered batch failed');
    }
    return { claims, events, redelivery: minus(stack.usage(), before), redeliveryMs: performance.now() - t };
  } finally {
    await stack.stop();
  }
}

/**
 * Posts the requests one after another and drains the ingest queue as the processor would: after the last
 * request, or at the same time (receiving up to 10 messages, processing them, deleting them).
 */
async function phase(
  stack: BenchStack,
  mode: Mode,
  requests: readonly (() => Promise<void>)[],
  processed: QueueRecord[][],
): Promise<PhaseResult> {
  const start = stack.usage();
  const result = { processMs: 0, batches: 0, messages: 0, alertsPublished: 0, postMs: 0, requestMs: 0 };
  let posting = true;
  const t0 = performance.now();
  const post = async () => {
    for (const request of requests) {
      const t = performance.now();
      await request();
      result.requestMs += performance.now() - t;
    }
    posting = false;
    result.postMs = performance.now() - t0;
  };
  const drain = async () => {
    for (;;) {
      const batch = await stack.receive(posting ? WAIT_SECONDS : 0);
      if (batch.length > 0) await processOnce(batch);
      else if (!posting && (await stack.depth()) === 0) return;
    }
  };
  const processOnce = async (batch: Message[]) => {
    const recs = records(batch);
    const t = performance.now();
    const outcome = await processBatch(recs, stack.deps);
    result.processMs += performance.now() - t;
    if (outcome.failedMessageIds.length > 0)
      throw new Error(`processBatch failed: ${JSON.stringify(outcome.failures)}`);
    result.alertsPublished += outcome.alertsPublished;
    result.batches++;
    result.messages += batch.length;
    processed.push(recs);
    await stack.deleteMessages(batch);
  };
  if (mode === 'post-then-drain') {
    await post();
    await drain();
  } else await Promise.all([post(), drain()]);
  return {
    requests: requests.length,
    postMs: result.postMs,
    wallMs: performance.now() - t0,
    processMs: result.processMs,
    msPerRequest: result.requestMs / requests.length,
    messages: result.messages,
    batches: result.batches,
    alertsPublished: result.alertsPublished,
    usage: minus(stack.usage(), start),
  };
}

function minus(a: Usage, b: Usage): Usage {
  const tables = (x: Usage['read'], y: Usage['read']) =>
    Object.fromEntries(TABLES.map((t) => [t, x[t] - y[t]])) as Usage['read'];
  return {
    read: tables(a.read, b.read),
    write: tables(a.write, b.write),
    sqs: {
      send: a.sqs.send - b.sqs.send,
      receive: a.sqs.receive - b.sqs.receive,
      delete: a.sqs.delete - b.sqs.delete,
    },
    publishes: a.publishes - b.publishes,
  };
}

export const sum = (units: Usage['read']) => TABLES.reduce((total, t) => total + units[t], 0);
