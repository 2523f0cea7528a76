import { EvidenceBook } from '../../shared/domain/evidence/evidence-book.js';
import type { FieldProblem } from '../../shared/schema/issues.js';
import { checkEvent } from '../../shared/schema/validate-event.js';
import { readLines } from './lines.js';

export interface Rejection {
  line: number;
  problems: FieldProblem[];
}

export interface EventsRead {
  book: EvidenceBook;
  lines: number;
  valid: number;
  rejected: number;
}

/**
 * Streams a JSON Lines file of events into an evidence book. A bad line never stops the run: it is handed to
 * `onRejected` with its line number and the field and reason, and every valid line is still analysed.
 */
export async function readEvents(
  path: string,
  onRejected: (rejection: Rejection) => void,
  receivedAt = Date.now(),
): Promise<EventsRead> {
  const book = new EvidenceBook();
  let lines = 0;
  let valid = 0;
  let rejected = 0;
  for await (const { line, number } of readLines(path)) {
    lines = number;
    if (line.trim().length === 0) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      rejected++;
      const reason = error instanceof Error ? error.message : 'not valid JSON';
      onRejected({ line: number, problems: [{ field: '(line)', reason: `is not valid JSON: ${reason}` }] });
      continue;
    }
    const checked = checkEvent(raw, receivedAt);
    if (!checked.ok) {
      rejected++;
      onRejected({ line: number, problems: checked.problems });
      continue;
    }
    valid++;
    book.add(checked.event);
  }
  return { book, lines, valid, rejected };
}

export function formatRejection(path: string, r: Rejection): string {
  const where = path === '-' ? 'stdin' : path;
  return r.problems.map((p) => `${where}:${r.line}: ${p.field}: ${p.reason}`).join('\n');
}
