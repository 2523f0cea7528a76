/** What the main thread and the ingest workers say to each other (see ingest-worker.ts). */
import type { OffsetLikelihoods } from '../../shared/domain/timezone/likelihoods.js';
import type { TimezoneModel } from '../../shared/domain/timezone/model.js';
import type { Device } from '../../shared/schema/events.js';
import type { Rejection } from './events.js';

export interface IngestJob {
  path: string;
  start: number;
  end: number;
  receivedAt: number;
  /** Where to keep rejections (JSON Lines, line numbers relative to the range); absent for the first range. */
  rejectionsFile?: string;
}

/**
 * Where each field of an event sits in its row of a rows array: the contractor (index into the ids sent so far),
 * the event's hash, instant, kind and detail, then for sign-ins and sessions the address and device (indices into
 * those sent so far, -1 when absent) and 1 if it succeeded (1 for other events too).
 */
export const ROW = {
  contractor: 0,
  hash: 1,
  at: 2,
  kind: 3,
  detail: 4,
  address: 5,
  device: 6,
  successful: 7,
} as const;
export const ROW_WIDTH = 8;
export type IngestMessage =
  | { kind: 'rejections'; items: Rejection[] }
  | {
      kind: 'rows';
      newContractorIds: string[];
      newAddresses: string[];
      newDevices: Device[];
      rows: Float64Array;
    }
  | { kind: 'done'; lines: number; valid: number; rejected: number }
  | { kind: 'likelihoods'; results: OffsetLikelihoods[] }
  | { kind: 'error'; message: string };

/**
 * While reading, the main thread moves each merged rows array back (`rows-buffer`). After `done`, it sends one of
 * these: offset likelihoods to compute from the merged evidence (each
 * contractor's active instants, `counts[i]` of them after those before), the costliest part of the reports, so it
 * runs on every core too; or `finish`. The worker then exits.
 */
export type IngestRequest =
  | { kind: 'likelihoods'; model: TimezoneModel; counts: Int32Array; instants: Float64Array }
  | { kind: 'finish' }
  /** A rows array the main thread has merged, moved back for the next batch: fresh memory costs page faults. */
  | { kind: 'rows-buffer'; buffer: ArrayBuffer };
