import { existsSync } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ContractorEvidence } from '../../shared/domain/evidence/contractor-evidence.js';
import { EvidenceBook } from '../../shared/domain/evidence/evidence-book.js';
import type { OffsetLikelihoods } from '../../shared/domain/timezone/likelihoods.js';
import type { TimezoneModel } from '../../shared/domain/timezone/model.js';
import { InputError } from '../errors.js';
import type { EventsRead, Rejection } from './events.js';
import { type IngestJob, type IngestMessage, type IngestRequest, ROW, ROW_WIDTH } from './ingest-protocol.js';
import { headOf, startsJsonArray } from './input-shape.js';
import { describeIoError, forEachLine } from './lines.js';

/** Below this size one thread is as fast as starting several. */
const PARALLEL_MIN_BYTES = 16 << 20;
const MAX_WORKERS = 4;
const WORKER_URL = new URL('./ingest-worker.mjs', import.meta.url);

/**
 * How many threads should read this input: one for standard input, small files, or when the worker bundles are
 * absent (running from source); otherwise one per core, up to four. DAYLIGHT_WORKERS overrides the count and
 * DAYLIGHT_PARALLEL_MIN_BYTES the size threshold.
 */
export async function workersFor(path: string): Promise<number> {
  if (path === '-' || threads() === 1) return 1;
  // A JSON array is read whole, on one thread: byte ranges of it are not records.
  if (startsJsonArray(await headOf(path))) return 1;
  const minBytes = Number(process.env.DAYLIGHT_PARALLEL_MIN_BYTES ?? PARALLEL_MIN_BYTES);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${describeIoError(error)}`);
  }
  return size < minBytes ? 1 : threads();
}

function threads(): number {
  if (!existsSync(fileURLToPath(WORKER_URL))) return 1;
  const requested = Number(process.env.DAYLIGHT_WORKERS ?? Math.min(availableParallelism(), MAX_WORKERS));
  return requested > 1 ? Math.floor(requested) : 1;
}

/**
 * Reads an events file on several threads, each taking a byte range that starts and ends at a line break, then
 * merges their evidence. `afterBatch` runs on the main thread after each batch is merged, which would otherwise
 * sit idle while the workers parse (the caller locates new addresses there). The result equals a single-threaded read: bottom-k samples merge exactly, and rejected
 * lines are reported in order with their absolute line numbers. With `likelihoodModel`, the workers then compute
 * every contractor's offset likelihoods from the merged evidence (the same numbers one thread would).
 */
export async function readEventsInParallel(
  path: string,
  workers: number,
  onRejected: (rejection: Rejection) => void,
  receivedAt = Date.now(),
  afterBatch?: (book: EvidenceBook) => void,
  likelihoodModel?: TimezoneModel,
): Promise<EventsRead> {
  const ranges = await splitAtLineBreaks(path, workers);
  const spillDir = await mkdtemp(join(tmpdir(), 'daylight-'));
  const book = new EvidenceBook();
  const running: RunningWorker[] = [];
  try {
    const results = ranges.map((range, k) => {
      // Each worker numbers contractors in the order it meets them.
      const contractors: ContractorEvidence[] = [];
      // The worker's numbers for addresses and devices, as the book's.
      const addresses: number[] = [];
      const devices: number[] = [];
      const onRows = (message: RowsMessage) => {
        for (const id of message.newContractorIds) contractors.push(book.of(id));
        for (const ip of message.newAddresses) addresses.push(book.addresses.intern(ip));
        for (const device of message.newDevices) devices.push(book.devices.intern(device));
        const { rows } = message;
        for (let i = 0; i < rows.length; i += ROW_WIDTH) {
          const evidence = contractors[rows[i + ROW.contractor] as number] as ContractorEvidence;
          const at = rows[i + ROW.at] as number;
          evidence.addRow(
            rows[i + ROW.hash] as number,
            at,
            rows[i + ROW.kind] as number,
            rows[i + ROW.detail] as number,
          );
          const address = rows[i + ROW.address] as number;
          const device = rows[i + ROW.device] as number;
          if (address < 0 && device < 0) continue;
          book.observe(
            evidence,
            at,
            rows[i + ROW.successful] === 1,
            address < 0 ? -1 : (addresses[address] as number),
            device < 0 ? -1 : (devices[device] as number),
          );
        }
        afterBatch?.(book);
      };
      const worker = startWorker(
        {
          path,
          start: range.start,
          end: range.end,
          receivedAt,
          ...(k > 0 ? { rejectionsFile: join(spillDir, `${k}.jsonl`) } : {}),
        },
        (items) => {
          for (const r of items) onRejected(r);
        },
        onRows,
      );
      running.push(worker);
      return worker.done;
    });
    const done = await Promise.all(results);
    const likelihoods = likelihoodModel ? requestLikelihoods(book, running, likelihoodModel) : undefined;
    // Later ranges' rejections follow in order, renumbered after every line of the ranges before them.
    let offset = 0;
    for (let k = 0; k < done.length; k++) {
      if (k > 0) {
        await forEachLine(join(spillDir, `${k}.jsonl`), (line) => {
          const r = JSON.parse(line) as Rejection;
          onRejected({ ...r, line: r.line + offset });
        });
      }
      offset += (done[k] as Done).lines;
    }
    return {
      book,
      lines: done.reduce((n, d) => n + d.lines, 0),
      valid: done.reduce((n, d) => n + d.valid, 0),
      rejected: done.reduce((n, d) => n + d.rejected, 0),
      ...(likelihoods ? { likelihoods: await likelihoods } : {}),
    };
  } finally {
    for (const worker of running) worker.finish();
    await rm(spillDir, { recursive: true, force: true });
  }
}

/** Every contractor's offset likelihoods, computed on the workers, a contiguous share of the contractors each. */
async function requestLikelihoods(
  book: EvidenceBook,
  running: readonly RunningWorker[],
  model: TimezoneModel,
): Promise<Map<string, OffsetLikelihoods>> {
  const ids = book.contractorIds();
  const shares = running.map((worker, k) => {
    const from = Math.floor((ids.length * k) / running.length);
    const share = ids.slice(from, Math.floor((ids.length * (k + 1)) / running.length));
    const each = share.map((id) => book.of(id).activeInstants());
    const instants = new Float64Array(each.reduce((n, a) => n + a.length, 0));
    let at = 0;
    for (const a of each) {
      instants.set(a, at);
      at += a.length;
    }
    const counts = Int32Array.from(each, (a) => a.length);
    return worker
      .likelihoods({ kind: 'likelihoods', model, counts, instants })
      .then((results) => ({ share, results }));
  });
  const out = new Map<string, OffsetLikelihoods>();
  for (const { share, results } of await Promise.all(shares))
    share.forEach((id, i) => {
      out.set(id, results[i] as OffsetLikelihoods);
    });
  return out;
}

type Done = Extract<IngestMessage, { kind: 'done' }>;
type RowsMessage = Extract<IngestMessage, { kind: 'rows' }>;

interface RunningWorker {
  done: Promise<Done>;
  /** Asks the worker, once done, for offset likelihoods; it exits after answering. */
  likelihoods(request: Extract<IngestRequest, { kind: 'likelihoods' }>): Promise<OffsetLikelihoods[]>;
  /** Lets a worker that was asked nothing exit. */
  finish(): void;
}

function startWorker(
  job: IngestJob,
  onRejections: (items: Rejection[]) => void,
  onRows: (message: RowsMessage) => void,
): RunningWorker {
  const worker = new Worker(WORKER_URL, { workerData: job });
  let asked = false;
  let answer: ((results: OffsetLikelihoods[]) => void) | undefined;
  let fail: (error: Error) => void = () => {};
  const done = new Promise<Done>((resolve, reject) => {
    fail = reject;
    worker.on('message', (message: IngestMessage) => {
      if (message.kind === 'rows') {
        onRows(message);
        const buffer = message.rows.buffer as ArrayBuffer;
        worker.postMessage({ kind: 'rows-buffer', buffer } satisfies IngestRequest, [buffer]);
      } else if (message.kind === 'rejections') onRejections(message.items);
      else if (message.kind === 'done') resolve(message);
      else if (message.kind === 'likelihoods') answer?.(message.results);
      else fail(new InputError(message.message));
    });
    worker.on('error', (error) => fail(error));
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`an ingest worker stopped with exit code ${code}`));
    });
  });
  return {
    done,
    likelihoods(request) {
      asked = true;
      return new Promise((resolve, reject) => {
        answer = resolve;
        fail = reject;
        worker.postMessage(request, [
          request.instants.buffer as ArrayBuffer,
          request.counts.buffer as ArrayBuffer,
        ]);
      });
    },
    finish() {
      if (!asked) worker.postMessage({ kind: 'finish' } satisfies IngestRequest);
      asked = true;
    },
  };
}

/** `parts` byte ranges covering the file, each boundary just after a line break. */
async function splitAtLineBreaks(path: string, parts: number): Promise<{ start: number; end: number }[]> {
  const file = await open(path, 'r');
  try {
    const size = (await file.stat()).size;
    const cuts = [0];
    const probe = Buffer.alloc(64 * 1024);
    for (let k = 1; k < parts; k++) {
      let at = Math.max(Math.floor((size * k) / parts), cuts[cuts.length - 1] as number);
      let cut = size;
      while (at < size) {
        const { bytesRead } = await file.read(probe, 0, probe.length, at);
        const nl = probe.subarray(0, bytesRead).indexOf(10);
        if (nl !== -1) {
          cut = at + nl + 1;
          break;
        }
        at += bytesRead;
        if (bytesRead === 0) break;
      }
      cuts.push(cut);
    }
    cuts.push(size);
    return cuts.slice(0, -1).map((start, k) => ({ start, end: cuts[k + 1] as number }));
  } finally {
    await file.close();
  }
}
