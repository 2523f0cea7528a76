import type { WorkingHours } from '../report.js';
import { formatClock } from './local-time.js';

const BIN_MINUTES = 15;
const BINS = 96;
/** The working window is the shortest stretch of the day holding this share of a person's activity. */
const WINDOW_SHARE = 0.8;

/** The contractor's typical working window, from the instants in local time (the inferred one). */
export function typicalWorkingWindow(minutesOfWeek: ArrayLike<number>): WorkingHours | null {
  if (minutesOfWeek.length === 0) return null;
  const bins = new Float64Array(BINS);
  for (let i = 0; i < minutesOfWeek.length; i++) {
    const b = Math.floor(((minutesOfWeek[i] as number) % 1440) / BIN_MINUTES);
    bins[b] = (bins[b] ?? 0) + 1;
  }
  const total = minutesOfWeek.length;
  const need = WINDOW_SHARE * total;
  // Shortest circular run of bins whose sum reaches `need`: two pointers over the doubled day.
  let best = { start: 0, length: BINS, sum: total };
  let sum = 0;
  let lo = 0;
  for (let hi = 0; hi < 2 * BINS; hi++) {
    sum += bins[hi % BINS] ?? 0;
    while (lo <= hi && hi - lo + 1 <= BINS && sum - (bins[lo % BINS] ?? 0) >= need) {
      sum -= bins[lo % BINS] ?? 0;
      lo++;
    }
    const length = hi - lo + 1;
    if (sum >= need && length < best.length && length <= BINS) best = { start: lo % BINS, length, sum };
  }
  return {
    start: formatClock(best.start * BIN_MINUTES),
    end: formatClock((best.start + best.length) * BIN_MINUTES),
    share: round(best.sum / total),
  };
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
