/**
 * A worker thread that reads one byte range of an events file into evidence, so a large file is parsed on every
 * core. Rejections stream back in batches (line numbers relative to the range); the evidence comes back packed.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { type Rejection, readEvents } from './events.js';

export interface IngestJob {
  path: string;
  start: number;
  end: number;
  receivedAt: number;
  /**
   * Where to keep rejections (JSON Lines, line numbers relative to the range) until every earlier range is done;
   * absent for the first range, whose rejections stream straight back. A file keeps memory flat however bad the
   * input is.
   */
  rejectionsFile?: string;
}

export type IngestMessage =
  | { kind: 'rejections'; items: Rejection[] }
  | {
      kind: 'done';
      lines: number;
      valid: number;
      rejected: number;
      packed: ReturnType<import('../../shared/domain/evidence/evidence-book.js').EvidenceBook['pack']>;
    }
  | { kind: 'error'; message: string };

const port = parentPort;
if (port) {
  const job = workerData as IngestJob;
  let batch: Rejection[] = [];
  const spill = job.rejectionsFile === undefined ? undefined : openSync(job.rejectionsFile, 'w');
  const flush = () => {
    if (batch.length === 0) return;
    if (spill === undefined) port.postMessage({ kind: 'rejections', items: batch } satisfies IngestMessage);
    else writeSync(spill, `${batch.map((r) => JSON.stringify(r)).join('\n')}\n`);
    batch = [];
  };
  try {
    const read = await readEvents(
      job.path,
      (rejection) => {
        batch.push(rejection);
        if (batch.length >= 256) flush();
      },
      job.receivedAt,
      { start: job.start, end: job.end },
    );
    flush();
    if (spill !== undefined) closeSync(spill);
    const packed = read.book.pack();
    const message: IngestMessage = {
      kind: 'done',
      lines: read.lines,
      valid: read.valid,
      rejected: read.rejected,
      packed,
    };
    port.postMessage(message, [
      packed.rowCounts.buffer,
      packed.thresholds.buffer,
      packed.hashes.buffer,
      packed.values.buffer,
    ] as ArrayBuffer[]);
  } catch (error) {
    port.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}
