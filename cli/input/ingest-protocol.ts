/** What the main thread and the ingest workers say to each other (see ingest-worker.ts). */
import type { Rejection } from './events.js';

export interface IngestJob {
  path: string;
  start: number;
  end: number;
  receivedAt: number;
  /** Where to keep rejections (JSON Lines, line numbers relative to the range); absent for the first range. */
  rejectionsFile?: string;
}

/** Per event: contractor (index into the ids sent so far), hash, at, kind, detail. */
export const ROW_WIDTH = 5;
export type IngestMessage =
  | { kind: 'rejections'; items: Rejection[] }
  | { kind: 'rows'; newContractorIds: string[]; rows: Float64Array }
  | { kind: 'done'; lines: number; valid: number; rejected: number }
  | { kind: 'error'; message: string };
