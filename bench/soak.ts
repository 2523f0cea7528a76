/**
 * Soak of the local pipeline: the whole stack in this process (embedded dynalite + fauxqs, the real
 * handlers, the HTTP API on 127.0.0.1, the processor loop), fed through `POST /v1/events` at a steady target rate
 * from the example dataset in time order, claims first. Bounded: it posts for `--seconds` or until `--max-events`,
 * then waits at most `--drain-seconds` for the queue to empty, and stops. It measures the achieved ingest rate, the
 * ingest queue's depth over time, ingest → processed and ingest → alert latency, and RSS / heap over time.
 * With `--window-days N` it posts the first N days again and again under new event ids (`replayed`), so the stored
 * item count levels off after the first lap: memory that still grows then is not the embedded DynamoDB's data.
 * Usage: npm run bench:soak [-- --seconds 120 --rate 250 --contractors 100 --seed 1 --max-events 1000000]
 *        npm run bench:soak -- --seconds 300 --window-days 7
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { writeHeapSnapshot } from 'node:v8';
import { type AttributeValue, ScanCommand, type ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { FUNCTION_NAMES } from '../functions/catalog.js';
import { deleteAlertMessages, receiveAlertMessages } from '../local/alert-queue.js';
import { ApiClient } from '../local/api-client.js';
import { type LocalFunctions, loadFunctions } from '../local/functions.js';
import { queueDepth } from '../local/resources.js';
import { startLocalStack } from '../local/stack.js';
import { daysFor, replayed, soakDataset, timeOrdered } from './soak-input.js';
import { mean, percentile, quarters, type Sample, slopePerMinute } from './soak-stats.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '120' },
    rate: { type: 'string', default: '250' },
    contractors: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
    'max-events': { type: 'string', default: '1000000' },
    'drain-seconds': { type: 'string', default: '180' },
    'sample-seconds': { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '4' },
    /** Replay the first N days lap after lap under new event ids, instead of moving on through new weeks. */
    'window-days': { type: 'string' },
    /** Diagnosis: write V8 heap snapshots at the end of the first quarter and when posting stops. */
    'heap-snapshots': { type: 'boolean', default: false },
  },
});
const positive = (name: string, text: string | undefined): number => {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not '${text}'`);
  return n;
};
const seconds = positive('seconds', values.seconds);
const rate = positive('rate', values.rate);
const contractors = Math.round(positive('contractors', values.contractors));
const maxEvents = Math.round(positive('max-events', values['max-events']));
const drainSeconds = positive('drain-seconds', values['drain-seconds']);
const sampleMs = positive('sample-seconds', values['sample-seconds']) * 1000;
const concurrency = Math.round(positive('concurrency', values.concurrency));
const seed = values.seed ?? '1';
const windowDays =
  values['window-days'] === undefined
    ? undefined
    : Math.round(positive('window-days', values['window-days']));
/** The ingest contract's largest request. */
const BATCH = 500;
/** Batches kept for attributing alerts; an alert arrives within a batch or two of the one that raised it. */
const RING = 64;

const planned = Math.min(maxEvents, Math.ceil(rate * seconds));
const dataset = soakDataset(contractors, windowDays ?? daysFor(contractors, planned), seed);
const personas = JSON.parse(readFileSync(`${dataset.dir}/personas.json`, 'utf8')) as {
  contractorId: string;
  honest: boolean;
}[];
const deceptive = new Set(personas.filter((p) => !p.honest).map((p) => p.contractorId));
const claims = JSON.parse(readFileSync(`${dataset.dir}/claims.json`, 'utf8')) as { contractorId: string }[];
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
const gc = (globalThis as { gc?: () => void }).gc;
const loadBefore = loadavg();

// ---- the real handlers, timed: the processor's batches are recorded as they finish ----

interface AlertSeen {
  t: number;
  arrival: number;
  detected: number;
  contractorId: string;
  code: string;
  severity: string;
  /** arrival − receivedAt of the earliest / latest message in the raising batch that carried the contractor. */
  fromEarliest?: number;
  fromLatest?: number;
  /** arrival − detectedAt (the assessment's clock, inside the batch): publish → SNS → queue → this consumer. */
  fromDetected: number;
}
const alerts: AlertSeen[] = [];
/** Alerts whose batch has not finished yet. */
let pending: AlertSeen[] = [];

/** The batch that raised the alert (it ran the assessment at `detectedAt`, and carried the contractor's events). */
function attribute(alert: AlertSeen, candidates: readonly BatchRecord[]): boolean {
  for (let i = candidates.length - 1; i >= 0; i--) {
    const batch = candidates[i] as BatchRecord;
    if (batch.started > alert.detected || batch.ended < alert.detected) continue;
    const carried = batch.carried.get(alert.contractorId);
    if (carried === undefined) return false;
    alert.fromEarliest = alert.arrival - carried.first;
    alert.fromLatest = alert.arrival - carried.last;
    return true;
  }
  return false;
}

interface BatchRecord {
  started: number;
  ended: number;
  /** Per contractor, the earliest and latest `receivedAt` (the ingest handler's clock) among its messages. */
  carried: Map<string, { first: number; last: number }>;
}
const ring: BatchRecord[] = [];
/** Per events message processed: when its batch finished (ms since t0) and ms since the ingest handler got it. */
const processedLatency: { t: number; ms: number; events: number }[] = [];
const batches: { t: number; ms: number; messages: number; contractors: number }[] = [];
let t0 = Number.POSITIVE_INFINITY;

function recordBatch(started: number, ended: number, records: SQSRecord[], failedIds: Set<string>): void {
  const carried = new Map<string, { first: number; last: number }>();
  for (const record of records) {
    if (failedIds.has(record.messageId)) continue;
    // Parsed, not matched: a regex match is a slice of the message body and would keep every body of the ring alive.
    const body = JSON.parse(record.body) as { receivedAt?: number; events?: { contractorId: string }[] };
    const receivedAt = body.receivedAt ?? Number.NaN;
    // A reassess message (claims changed) carries no events and no receivedAt.
    if (Number.isNaN(receivedAt)) continue;
    const events = body.events?.length ?? 0;
    for (const { contractorId: id } of body.events ?? []) {
      const seen = carried.get(id);
      if (seen === undefined) carried.set(id, { first: receivedAt, last: receivedAt });
      else {
        seen.first = Math.min(seen.first, receivedAt);
        seen.last = Math.max(seen.last, receivedAt);
      }
    }
    if (started >= t0) processedLatency.push({ t: ended - t0, ms: ended - receivedAt, events });
  }
  if (started >= t0)
    batches.push({ t: ended - t0, ms: ended - started, messages: records.length, contractors: carried.size });
  const batch = { started, ended, carried };
  ring.push(batch);
  if (ring.length > RING) ring.shift();
  if (pending.length > 0) pending = pending.filter((alert) => !attribute(alert, [batch]));
}

// The handlers read their environment when they load, so they are imported on first use, after the stack has set it.
let loaded: Promise<LocalFunctions> | undefined;
const real = () => {
  loaded ??= loadFunctions();
  return loaded;
};
type AnyHandler = (event: unknown, context: Context) => Promise<unknown>;
const functions = {
  ...Object.fromEntries(
    FUNCTION_NAMES.map((name) => [
      name,
      async (event: unknown, context: Context) => ((await real())[name] as AnyHandler)(event, context),
    ]),
  ),
  // The processor is timed: each batch's messages, contractors and duration.
  'process-events': async (event: SQSEvent, context: Context) => {
    const handler = (await real())['process-events'];
    const started = Date.now();
    const result = await handler(event, context);
    const failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    recordBatch(started, Date.now(), event.Records, failed);
    return result;
  },
} as LocalFunctions;

const logLines: string[] = [];
const stack = await startLocalStack({
  port: 0,
  networkPolicy: readFileSync(`${dataset.dir}/networks.json`, 'utf8'),
  functions,
  log: (line) => {
    logLines.push(line);
    if (logLines.length <= 20) process.stderr.write(`[stack] ${line}\n`);
  },
});
await real();
const { sqs } = stack.clients;
const ingestUrl = stack.resources.queues.ingest.url;
const alertsUrl = stack.resources.queues.alerts.url;

// ---- alerts: consumed as they arrive, each attributed to the batch that raised it ----

let claimsPhaseAlerts = 0;
const stopAlerts = new AbortController();
const alertLoop = (async () => {
  while (!stopAlerts.signal.aborted) {
    let messages: Awaited<ReturnType<typeof receiveAlertMessages>>;
    try {
      messages = await receiveAlertMessages(sqs, alertsUrl, 1, stopAlerts.signal);
    } catch (error) {
      if (stopAlerts.signal.aborted) break;
      process.stderr.write(`alerts receive failed: ${(error as Error).message}\n`);
      await sleep(500);
      continue;
    }
    const arrival = Date.now();
    for (const message of messages) {
      const alert = JSON.parse(message.Body ?? '{}') as {
        contractorId: string;
        code: string;
        severity: string;
        detectedAt: string;
      };
      if (arrival < t0) {
        claimsPhaseAlerts++;
        continue;
      }
      const detected = Date.parse(alert.detectedAt);
      const seen: AlertSeen = {
        t: arrival - t0,
        arrival,
        detected,
        contractorId: alert.contractorId,
        code: alert.code,
        severity: alert.severity,
        fromDetected: arrival - detected,
      };
      // Published mid-batch, an alert usually arrives before its batch is recorded: then the batch attributes it.
      if (!attribute(seen, ring)) pending.push(seen);
      alerts.push(seen);
    }
    await deleteAlertMessages(sqs, alertsUrl, messages);
  }
})();

// ---- claims first, drained, before the clock starts ----

const api = new ApiClient(stack.config.apiUrl);
const claimsStarted = Date.now();
for (const claim of claims) await api.putClaim(claim.contractorId, claim);
await stack.drain();
const claimsSeconds = (Date.now() - claimsStarted) / 1000;
await sleep(1500);
process.stderr.write(
  `${claims.length} claim records stored and reassessed in ${claimsSeconds.toFixed(1)} s; soaking for ${seconds} s at ${rate} events/s…\n`,
);

// ---- samplers: ingest queue depth every second, memory every few seconds ----

const depth: Sample[] = [];
const rss: Sample[] = [];
const heap: Sample[] = [];
const external: Sample[] = [];
let sampling = true;
const MB = 1024 * 1024;
const sampleMemory = () => {
  gc?.();
  const usage = process.memoryUsage();
  const t = Date.now() - t0;
  rss.push({ t, value: usage.rss / MB });
  heap.push({ t, value: usage.heapUsed / MB });
  external.push({ t, value: (usage.external + usage.arrayBuffers) / MB });
};
const snapshot = (name: string) => {
  if (!values['heap-snapshots']) return;
  gc?.();
  process.stderr.write(`heap snapshot: ${writeHeapSnapshot(`bench/out/soak-${name}.heapsnapshot`)}\n`);
};
if (values['heap-snapshots']) setTimeout(() => snapshot('q1'), (seconds * 1000) / 4).unref();
t0 = Date.now();
sampleMemory();
const depthLoop = (async () => {
  for (let k = 1; sampling; k++) {
    try {
      depth.push({ t: Date.now() - t0, value: await queueDepth(sqs, ingestUrl) });
    } catch (error) {
      process.stderr.write(`depth sample failed: ${(error as Error).message}\n`);
    }
    await sleep(t0 + k * 1000 - Date.now());
  }
})();
/** Items stored in the three tables (a counting scan: Count only, no items returned). */
/** Every page of a scan of one table (`COUNT` returns counts only, no items). */
async function* scanPages(table: string, select?: 'COUNT'): AsyncGenerator<ScanCommandOutput> {
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await stack.clients.dynamodb.send(
      new ScanCommand({
        TableName: table,
        ...(select === undefined ? {} : { Select: select }),
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      }),
    );
    yield page;
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
}
async function storedItems(): Promise<number> {
  let count = 0;
  for (const table of Object.values(stack.resources.tables))
    for await (const page of scanPages(table, 'COUNT')) count += page.Count ?? 0;
  return count;
}
const items: Sample[] = [];
const memoryLoop = (async () => {
  for (let k = 1; sampling; k++) {
    await sleep(t0 + k * sampleMs - Date.now());
    if (!sampling) break;
    sampleMemory();
    try {
      items.push({ t: Date.now() - t0, value: await storedItems() });
    } catch (error) {
      process.stderr.write(`item count failed: ${(error as Error).message}\n`);
    }
  }
})();

// ---- load: a POST of up to 500 events every 500 / rate seconds, at most `concurrency` at once ----

interface Post {
  t: number;
  ms: number;
  lateMs: number;
  events: number;
  accepted: number;
  rejected: number;
}
const posts: Post[] = [];
const postErrors: string[] = [];
const replay = windowDays === undefined ? undefined : replayed(`${dataset.dir}/events.jsonl`);
const input = replay ?? timeOrdered(`${dataset.dir}/events.jsonl`);
const intervalMs = (BATCH / rate) * 1000;
const deadline = t0 + seconds * 1000;
const inFlight = new Set<Promise<void>>();
let posted = 0;
let exhausted = false;

async function post(lines: string[], due: number): Promise<void> {
  const started = Date.now();
  try {
    const response = await fetch(`${stack.config.apiUrl}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `[${lines.join(',')}]`,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`POST /v1/events answered ${response.status}: ${text.slice(0, 200)}`);
    const body = JSON.parse(text) as { accepted?: number; rejected?: number };
    posts.push({
      t: started - t0,
      ms: Date.now() - started,
      lateMs: started - due,
      events: lines.length,
      accepted: body.accepted ?? 0,
      rejected: body.rejected ?? 0,
    });
  } catch (error) {
    postErrors.push((error as Error).message);
  }
}

for (let k = 0; ; k++) {
  const due = t0 + k * intervalMs;
  if (due >= deadline || posted >= planned) break;
  await sleep(due - Date.now());
  while (inFlight.size >= concurrency) await Promise.race(inFlight);
  if (Date.now() >= deadline) break;
  const lines = await input.next(Math.min(BATCH, planned - posted));
  if (lines.length === 0) {
    exhausted = true;
    break;
  }
  posted += lines.length;
  const request: Promise<void> = post(lines, due).finally(() => inFlight.delete(request));
  inFlight.add(request);
}
await Promise.all(inFlight);
const postingEnded = Date.now();
snapshot('end');
const span = postingEnded - t0;
process.stderr.write(`posted ${posted} events in ${(span / 1000).toFixed(1)} s; draining…\n`);

// ---- drain (bounded), the last alerts, then the stored data ----

const drained = await Promise.race([
  stack.drain().then(() => true),
  sleep(drainSeconds * 1000).then(() => false),
]);
const drainMs = Date.now() - postingEnded;
await sleep(2000);
sampling = false;
stopAlerts.abort();
await Promise.all([alertLoop, depthLoop, memoryLoop]);
const processing = await stack.processing();

async function tableSize(table: string): Promise<{ items: number; bytes: number }> {
  let items = 0;
  let bytes = 0;
  for await (const page of scanPages(table))
    for (const item of page.Items ?? []) {
      items++;
      bytes += itemBytes(item);
    }
  return { items, bytes };
}
/** DynamoDB's item size: attribute names plus values (numbers counted as their text). */
function itemBytes(item: Record<string, AttributeValue>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) bytes += Buffer.byteLength(name) + valueBytes(value);
  return bytes;
}
function valueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.N !== undefined) return value.N.length;
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.M !== undefined) return 3 + itemBytes(value.M);
  if (value.L !== undefined) return 3 + value.L.reduce((s, v) => s + 1 + valueBytes(v), 0);
  if (value.SS !== undefined) return value.SS.reduce((s, v) => s + Buffer.byteLength(v), 0);
  if (value.NS !== undefined) return value.NS.reduce((s, v) => s + v.length, 0);
  if (value.BS !== undefined) return value.BS.reduce((s, v) => s + v.length, 0);
  return 0;
}
const stored = {
  evidence: await tableSize(stack.resources.tables.evidence),
  profiles: await tableSize(stack.resources.tables.profiles),
  alerts: await tableSize(stack.resources.tables.alerts),
};
await stack.stop();
const loadAfter = loadavg();

// ---- figures ----

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const secondsOf = (ms: number) => fixed(ms / 1000, 2);
const spread = (ms: readonly number[]) =>
  ms.length === 0
    ? '– (none)'
    : `${secondsOf(percentile(ms, 50))} / ${secondsOf(percentile(ms, 90))} / ${secondsOf(percentile(ms, 99))} / ${secondsOf(Math.max(...ms))} s (n = ${ms.length})`;

const accepted = posts.reduce((s, p) => s + p.accepted, 0);
const rejected = posts.reduce((s, p) => s + p.rejected, 0);
const lastPostEnd = Math.max(...posts.map((p) => p.t + p.ms));
const processedEvents = processedLatency.reduce((s, m) => s + m.events, 0);
const attributed = alerts.filter((a) => a.fromEarliest !== undefined);
const memoryOf = (samples: Sample[]) => {
  const during = samples.filter((s) => s.t <= span);
  const q = quarters(during, span).map((part) => mean(part.map((s) => s.value)));
  const warm = during.filter((s) => s.t >= span / 4);
  const [q1, q2, , q4] = q as [number, number, number, number];
  return {
    q1,
    q2,
    q4,
    growth: (100 * (q4 - q2)) / q2,
    slope: slopePerMinute(warm),
    all: slopePerMinute(during),
    peak: Math.max(...samples.map((s) => s.value)),
  };
};
const memRss = memoryOf(rss);
const memHeap = memoryOf(heap);
const mbRow = (m: ReturnType<typeof memoryOf>) =>
  `${fixed(m.q1, 0)} / ${fixed(m.q2, 0)} / ${fixed(m.q4, 0)} MB; Q2 → Q4 ${m.growth >= 0 ? '+' : ''}${fixed(m.growth)} %; ` +
  `slope ${fixed(m.slope, 2)} MB/min from Q2 (${fixed(m.all, 2)} over the whole soak); peak ${fixed(m.peak, 0)} MB`;
const depthDuring = depth.filter((s) => s.t <= span);
const depthQ = quarters(depthDuring, span);
const depthAtEnd = depthDuring.at(-1)?.value ?? Number.NaN;
const quarterOf = (t: number) => Math.min(3, Math.max(0, Math.floor((4 * t) / span)));

const batchP50 = percentile(
  batches.map((b) => b.ms),
  50,
);
const batchMax = Math.max(...batches.map((b) => b.ms));
const msPerContractor =
  batches.reduce((sum, b) => sum + b.ms, 0) / batches.reduce((sum, b) => sum + b.contractors, 0);

const rows: [string, string][] = [
  [
    'input',
    `\`daylight example --contractors ${contractors} --days ${dataset.days} --start ${dataset.start} --seed ${seed}\`: ` +
      `${contractors} contractors (${deceptive.size} deceptive), ${claims.length} claim records PUT first (${fixed(claimsSeconds)} s with their reassessments)` +
      (replay === undefined ? '' : `; replayed under new event ids, ${replay.laps()} laps begun`),
  ],
  [
    'target rate, duration',
    `${int(rate)} events/s for ${seconds} s (${int(planned)} events planned), ${BATCH} a POST, ≤ ${concurrency} POSTs at once`,
  ],
  [
    '**achieved ingest rate**',
    `**${int(accepted / (lastPostEnd / 1000))} events/s** (${int(accepted)} accepted in ${fixed(lastPostEnd / 1000)} s, ${posts.length} POSTs; ${int(rejected)} rejected, ${postErrors.length} failed requests${exhausted ? '; dataset exhausted' : ''})`,
  ],
  [
    'POST /v1/events, 500 events: p50 / p99 / max',
    `${int(
      percentile(
        posts.map((p) => p.ms),
        50,
      ),
    )} / ${int(
      percentile(
        posts.map((p) => p.ms),
        99,
      ),
    )} / ${int(Math.max(...posts.map((p) => p.ms)))} ms; started > 100 ms late: ${posts.filter((p) => p.lateMs > 100).length}`,
  ],
  [
    'processor while posting',
    `${int(processedEvents)} events in ${processedLatency.length} messages, ${batches.length} batches ` +
      `(mean ${fixed(mean(batches.map((b) => b.messages)))} messages, ${fixed(mean(batches.map((b) => b.contractors)))} contractors reassessed); ` +
      `batch p50 / max ${secondsOf(batchP50)} / ${secondsOf(batchMax)} s; ${fixed(msPerContractor)} ms per contractor reassessed`,
  ],
  [
    '**ingest queue depth** (messages; 1 message ≈ 1 POST)',
    `**mean per quarter ${depthQ.map((q) => fixed(mean(q.map((s) => s.value)))).join(' / ')}; max ${int(Math.max(...depthDuring.map((s) => s.value)))}; ${int(depthAtEnd)} when posting stopped; ${drained ? `drained ${secondsOf(drainMs)} s after` : `NOT drained after ${drainSeconds} s`}**`,
  ],
  [
    'messages processed / failed / dead-lettered (whole run)',
    `${int(processing.processed)} / ${int(processing.failed)} / ${int(processing.deadLettered)}`,
  ],
  ['**ingest → processed**, p50 / p90 / p99 / max', `**${spread(processedLatency.map((m) => m.ms))}**`],
  [
    '**ingest → alert** (earliest message of the raising batch), p50 / p90 / p99 / max',
    `**${spread(attributed.map((a) => a.fromEarliest as number))}**`,
  ],
  [
    'ingest → alert (latest message of the raising batch)',
    spread(attributed.map((a) => a.fromLatest as number)),
  ],
  ['assessment → alert on the queue (detectedAt → received)', spread(alerts.map((a) => a.fromDetected))],
  [
    'alerts',
    `${alerts.length} during the soak (${attributed.length} attributed to a batch), ${new Set(alerts.map((a) => a.contractorId)).size} contractors, ` +
      `${alerts.filter((a) => deceptive.has(a.contractorId)).length} for deceptive personas; ${claimsPhaseAlerts} from the claims alone (not timed)`,
  ],
  ['**RSS**, mean Q1 / Q2 / Q4', `**${mbRow(memRss)}**`],
  ['**heap used**, mean Q1 / Q2 / Q4', `**${mbRow(memHeap)}**`],
  [
    'stored items (all three tables), mean Q1 / Q2 / Q4',
    (() => {
      const q = quarters(
        items.filter((i) => i.t <= span),
        span,
      ).map((part) => mean(part.map((i) => i.value)));
      return `${q.map((n) => int(n)).join(' / ')}; ${int(items.at(-1)?.value ?? Number.NaN)} at the end`;
    })(),
  ],
  [
    'stored at the end (dynalite, in this process)',
    `evidence ${int(stored.evidence.items)} week items, ${fixed(stored.evidence.bytes / MB)} MB; profiles ${int(stored.profiles.items)}; alert states ${int(stored.alerts.items)}`,
  ],
  [
    'machine',
    `load average ${loadBefore.map((n) => fixed(n)).join(' ')} before, ${loadAfter.map((n) => fixed(n)).join(' ')} after; ${gc === undefined ? 'no forced GC (run without --expose-gc)' : `GC forced before each memory sample (every ${sampleMs / 1000} s)`}; ${input.outOfOrder()} events out of time order; ${logLines.length} stack log lines`,
  ],
];

const perQuarter = [0, 1, 2, 3].map((q) => {
  const inQ = <T extends { t: number }>(items: T[]) => items.filter((i) => quarterOf(i.t) === q);
  const qSeconds = span / 4000;
  const qPosts = inQ(posts);
  const qProcessed = inQ(processedLatency);
  const qBatches = inQ(batches);
  const qAlerts = inQ(attributed);
  return [
    `Q${q + 1}`,
    int(qPosts.reduce((s, p) => s + p.accepted, 0) / qSeconds),
    int(qProcessed.reduce((s, m) => s + m.events, 0) / qSeconds),
    fixed(mean((depthQ[q] ?? []).map((s) => s.value))),
    secondsOf(mean(qBatches.map((b) => b.ms))),
    secondsOf(
      percentile(
        qProcessed.map((m) => m.ms),
        50,
      ),
    ),
    `${qAlerts.length}`,
    fixed(mean(inQ(rss.filter((s) => s.t <= span)).map((s) => s.value)), 0),
    fixed(mean(inQ(heap.filter((s) => s.t <= span)).map((s) => s.value)), 0),
    int(mean(inQ(items.filter((s) => s.t <= span)).map((s) => s.value))),
  ];
});

const out = [
  '| measure | value |',
  '|---|---|',
  ...rows.map(([k, v]) => `| ${k} | ${v} |`),
  '',
  '| quarter | posted events/s | processed events/s | mean queue depth | mean batch | ingest → processed p50 | alerts | RSS MB | heap MB | stored items |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...perQuarter.map((r) => `| ${r.join(' | ')} |`),
];
process.stdout.write(`${out.join('\n')}\n`);
writeFileSync(
  'bench/out/soak-last.json',
  JSON.stringify(
    {
      args: values,
      dataset,
      posts,
      batches,
      processedLatency,
      alerts,
      depth,
      rss,
      heap,
      external,
      items,
      stored,
      logLines,
    },
    null,
    1,
  ),
);
process.exit(0);
