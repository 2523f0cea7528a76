/** The local week as 7 × 96 quarter-hour bins, Monday 00:00 first: the grid every timezone computation uses. */

export const BIN_MINUTES = 15;
export const BINS_PER_DAY = (24 * 60) / BIN_MINUTES;
export const WEEK_BINS = 7 * BINS_PER_DAY;

const DAY_MS = 86_400_000;
const HALF_DAY_MS = DAY_MS / 2;
const BIN_MS = BIN_MINUTES * 60_000;

/** The week bin of a wall-clock instant (an epoch ms read as if UTC); 1970-01-01 was a Thursday. */
export function weekBin(wallMs: number): number {
  const day = Math.floor(wallMs / DAY_MS);
  const weekday = (((day + 3) % 7) + 7) % 7;
  return weekday * BINS_PER_DAY + Math.floor((wallMs - day * DAY_MS) / BIN_MS);
}

/** The week bin of `instantMs` seen from a place at `offsetMinutes` from UTC. */
export function localWeekBin(instantMs: number, offsetMinutes: number): number {
  return weekBin(instantMs + offsetMinutes * 60_000);
}

/** Rotates a week index by `bins`, wrapping around the week. */
export function wrapBin(bin: number): number {
  return ((bin % WEEK_BINS) + WEEK_BINS) % WEEK_BINS;
}

/** The instants that count as evidence, each with its weight. */
export interface Evidence {
  instants: number[];
  weights: Float64Array;
  /** Sum of the weights: the amount of evidence before any cap. */
  total: number;
}

/**
 * The instants that count as evidence: finite, and at most one per `slotMinutes` slot of absolute time, so a
 * burst of fifty commits pushed in one minute weighs like one sign of presence rather than fifty. Each instant
 * then weighs 1 / k^dayExponent when k instants fall within 12 hours of it: a busy day says more than a quiet
 * one about when the person works, but not k times more, since its hours are not independent draws. (A window
 * around each instant rather than calendar days keeps the weights the same however the instants are shifted.)
 */
export function weighEvidence(instantsMs: ArrayLike<number>, slotMinutes: number, dayExponent = 0): Evidence {
  const slotMs = Math.max(1, slotMinutes) * 60_000;
  const seen = new Set<number>();
  const instants: number[] = [];
  for (let i = 0; i < instantsMs.length; i++) {
    const instant = instantsMs[i] as number;
    if (!Number.isFinite(instant)) continue;
    if (slotMinutes > 0) {
      const slot = Math.floor(instant / slotMs);
      if (seen.has(slot)) continue;
      seen.add(slot);
    }
    instants.push(instant);
  }
  instants.sort((a, b) => a - b);
  const weights = new Float64Array(instants.length);
  let total = 0;
  let low = 0;
  let high = 0;
  for (let i = 0; i < instants.length; i++) {
    const instant = instants[i] as number;
    while ((instants[low] as number) < instant - HALF_DAY_MS) low++;
    while (high < instants.length && (instants[high] as number) <= instant + HALF_DAY_MS) high++;
    const weight = dayExponent === 0 ? 1 : (high - low) ** -dayExponent;
    weights[i] = weight;
    total += weight;
  }
  return { instants, weights, total };
}

/** A sparse histogram: the occupied bins and their counts, which is all the likelihood loops need. */
export interface SparseHistogram {
  bins: Int32Array;
  counts: Float64Array;
  total: number;
}

export function sparseHistogram(dense: ArrayLike<number>): SparseHistogram {
  let occupied = 0;
  for (let b = 0; b < dense.length; b++) if ((dense[b] as number) > 0) occupied++;
  const bins = new Int32Array(occupied);
  const counts = new Float64Array(occupied);
  let total = 0;
  let i = 0;
  for (let b = 0; b < dense.length; b++) {
    const count = dense[b] as number;
    if (count > 0) {
      bins[i] = b;
      counts[i] = count;
      total += count;
      i++;
    }
  }
  return { bins, counts, total };
}
