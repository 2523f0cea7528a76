import { formatRejection, type Rejection } from '../input/events.js';

/** Refused records printed in full; past these, a file of one repeated mistake would bury everything else. */
export const REJECTIONS_SHOWN = 20;

/**
 * Reports refused records on stderr as `file:line: field: reason`: the first ones in full, then only counted by
 * field and reason, so one wrong layout gives a screen of evidence and a tally, not a line per record.
 */
export class RejectionLog {
  private shown = 0;
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly path: string,
    private readonly write: (text: string) => void,
  ) {}

  readonly add = (rejection: Rejection): void => {
    for (const p of rejection.problems) {
      const key = `${p.field}: ${p.reason.split(': ')[0]}`;
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    }
    if (this.shown++ < REJECTIONS_SHOWN) this.write(`${formatRejection(this.path, rejection)}\n`);
  };

  /** The problem met most often, with its count, e.g. `at: must be an RFC 3339 timestamp (1,204 times)`. */
  commonest(): string | undefined {
    const [key, count] = [...this.counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [];
    return key === undefined ? undefined : `${key} (${(count ?? 0).toLocaleString('en')} times)`;
  }

  /** Writes the tally of what was not shown, if anything was held back. */
  finish(): void {
    const hidden = this.shown - REJECTIONS_SHOWN;
    if (hidden <= 0) return;
    const reasons = [...this.counts]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 5)
      .map(([key, count]) => `${key} (${count.toLocaleString('en')})`);
    this.write(
      `… and ${hidden.toLocaleString('en')} more refused records, not shown; problems by kind: ${reasons.join('; ')}\n`,
    );
  }
}
