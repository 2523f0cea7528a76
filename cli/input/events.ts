import { EvidenceBook } from '../../shared/domain/evidence/evidence-book.js';
import type { OffsetLikelihoods } from '../../shared/domain/timezone/likelihoods.js';
import type { TelemetryEvent } from '../../shared/schema/events.js';
import type { FieldProblem } from '../../shared/schema/issues.js';
import { checkEvent } from '../../shared/schema/validate-event.js';
import { elementLines, startsJsonArray } from './input-shape.js';
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
  /** The first line that was not blank (its first 200 characters), to say what a file of no events looks like. */
  firstLine?: string;
  /** Each contractor's offset likelihoods, when the reader computed them (on worker threads). */
  likelihoods?: ReadonlyMap<string, OffsetLikelihoods>;
}

/**
 * Turns JSON Lines, or a JSON array of events in any layout, into evidence. Lines are handled one at a time; a
 * text whose first record starts with `[` is an array, gathered and read whole at `finish`, each element reported
 * at the line it starts on. A bad record never stops the run: it is handed to `onRejected` with its line number
 * and the field and reason, and every valid one is still analysed. A byte-order mark is not an error.
 */
export class EventLineReader {
  valid = 0;
  rejected = 0;
  firstLine: string | undefined;
  /** The array's lines, once the first record showed the input is one; undefined for JSON Lines. */
  private array: { firstLine: number; lines: string[] } | undefined;
  private seenRecord = false;

  constructor(
    private readonly onEvent: (event: TelemetryEvent) => void,
    private readonly onRejected: (rejection: Rejection) => void,
    private readonly receivedAt: number,
    /** False where the text is a byte range of JSON Lines (the parse workers): no array starts mid-file. */
    private readonly acceptArray = true,
  ) {}

  readonly line = (text: string, number: number): void => {
    const line = number === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (this.array !== undefined) {
      this.array.lines.push(line);
      return;
    }
    if (line.length === 0 || line.trim().length === 0) return;
    this.firstLine ??= line.slice(0, 200);
    if (this.acceptArray && !this.seenRecord && startsJsonArray(line)) {
      this.seenRecord = true;
      // An array on one line is read at once; one spread over lines is gathered until the input ends.
      const whole = parseJson(line);
      if (Array.isArray(whole)) for (const raw of whole) this.record(raw, number);
      else this.array = { firstLine: number, lines: [line] };
      return;
    }
    this.seenRecord = true;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'not valid JSON';
      this.reject(number, [{ field: '(line)', reason: `is not valid JSON: ${reason}` }]);
      return;
    }
    this.record(raw, number);
  };

  /** Reads the array, when the input was one. */
  finish(): void {
    if (this.array === undefined) return;
    const { firstLine, lines } = this.array;
    this.array = undefined;
    const text = lines.join('\n');
    let elements: unknown;
    try {
      elements = JSON.parse(text);
    } catch (error) {
      this.reject(firstLine, [
        { field: '(file)', reason: `is not a valid JSON array: ${(error as Error).message}` },
      ]);
      return;
    }
    if (!Array.isArray(elements)) return;
    const starts = elementLines(text);
    elements.forEach((raw, i) => {
      this.record(raw, firstLine + (starts[i] ?? 1) - 1);
    });
  }

  private record(raw: unknown, number: number): void {
    const checked = checkEvent(raw, this.receivedAt);
    if (!checked.ok) {
      this.reject(number, checked.problems);
      return;
    }
    this.valid++;
    this.onEvent(checked.event);
  }

  private reject(line: number, problems: FieldProblem[]): void {
    this.rejected++;
    this.onRejected({ line, problems });
  }
}

/** Streams a file of events (JSON Lines, a byte range of it, or a JSON array) into an evidence book on this thread. */
export async function readEvents(
  path: string,
  onRejected: (rejection: Rejection) => void,
  receivedAt = Date.now(),
  range?: { start: number; end: number },
): Promise<EventsRead> {
  const book = new EvidenceBook();
  const reader = new EventLineReader((event) => book.add(event), onRejected, receivedAt);
  const lines = await forEachLine(path, reader.line, range);
  reader.finish();
  return {
    book,
    lines,
    valid: reader.valid,
    rejected: reader.rejected,
    ...(reader.firstLine === undefined ? {} : { firstLine: reader.firstLine }),
  };
}

export function formatRejection(path: string, r: Rejection): string {
  const where = path === '-' ? 'stdin' : path;
  return r.problems.map((p) => `${where}:${r.line}: ${p.field}: ${p.reason}`).join('\n');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
