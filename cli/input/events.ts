import { EvidenceBook } from '../../shared/domain/evidence/evidence-book.js';
import type { OffsetLikelihoods } from '../../shared/domain/timezone/likelihoods.js';
import type { TelemetryEvent } from '../../shared/schema/events.js';
import type { FieldProblem } from '../../shared/schema/issues.js';
import { checkEvent } from '../../shared/schema/validate-event.js';
import { forEachLine } from './lines.js';

export interface Rejection {
  line: number;
  problems: FieldProblem[];
}

export interface EventsRead {
  book: EvidenceBook;
  lines: number;
  valid: number;
  rejected: number;
  /** Each contractor's offset likelihoods, when the reader computed them (on worker threads). */
  likelihoods?: ReadonlyMap<string, OffsetLikelihoods>;
}

/**
 * Turns JSON Lines into evidence, one line at a time. A bad line never stops the run: it is handed to
 * `onRejected` with its line number and the field and reason, and every valid line is still analysed.
 */
export class EventLineReader {
  valid = 0;
  rejected = 0;

  constructor(
    private readonly onEvent: (event: TelemetryEvent) => void,
    private readonly onRejected: (rejection: Rejection) => void,
    private readonly receivedAt: number,
  ) {}

  readonly line = (line: string, number: number): void => {
    if (line.length === 0 || line.trim().length === 0) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      this.rejected++;
      const reason = error instanceof Error ? error.message : 'not valid JSON';
      this.onRejected({
        line: number,
        problems: [{ field: '(line)', reason: `is not valid JSON: ${reason}` }],
      });
      return;
    }
    const checked = checkEvent(raw, this.receivedAt);
    if (!checked.ok) {
      this.rejected++;
      this.onRejected({ line: number, problems: checked.problems });
      return;
    }
    this.valid++;
    this.onEvent(checked.event);
  };
}

/** Streams a JSON Lines file of events (or a byte range of it) into an evidence book on this thread. */
export async function readEvents(
  path: string,
  onRejected: (rejection: Rejection) => void,
  receivedAt = Date.now(),
  range?: { start: number; end: number },
): Promise<EventsRead> {
  const book = new EvidenceBook();
  const reader = new EventLineReader((event) => book.add(event), onRejected, receivedAt);
  const lines = await forEachLine(path, reader.line, range);
  return { book, lines, valid: reader.valid, rejected: reader.rejected };
}

export function formatRejection(path: string, r: Rejection): string {
  const where = path === '-' ? 'stdin' : path;
  return r.problems.map((p) => `${where}:${r.line}: ${p.field}: ${p.reason}`).join('\n');
}
