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
  /** Ascending. */
  instants: Float64Array;
  weights: Float64Array;
  /** Sum of the weights: the amount of evidence before any cap. */
  total: number;
}

/** Above this, slot · count no longer fits a key whose quotient and remainder a double recovers exactly. */
const EXACT_KEYS = 2 ** 50;

/** Per slot of the span being deduplicated, the position of its first instant (−1: none); reused between calls. */
let firstOfSlot = new Int32Array(4096);

/**
 * The finite instants, ascending, keeping only the first (in input order) of those that share a slot. When the
 * history spans few slots for its size (the usual weeks of activity), a table indexed by slot does it in one pass;
 * otherwise sorting the keys slot · n + position natively does what a set of seen slots and a sort by comparator did.
 */
function firstPerSlot(instantsMs: ArrayLike<number>, slotMs: number): Float64Array {
  const n = instantsMs.length;
  let lowest = Number.POSITIVE_INFINITY;
  let highest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const instant = instantsMs[i] as number;
    if (!Number.isFinite(instant)) continue;
    const slot = Math.floor(instant / slotMs);
    if (slot < lowest) lowest = slot;
    if (slot > highest) highest = slot;
  }
  if (lowest > highest) return new Float64Array(0);
  const span = highest - lowest + 1;
  if (span <= 4 * n + 4096) return firstPerSlotByTable(instantsMs, slotMs, lowest, span);
  if ((Math.max(Math.abs(lowest), Math.abs(highest)) + 1) * n >= EXACT_KEYS)
    return firstPerSlotBySet(instantsMs, slotMs);
  const keys = new Float64Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const instant = instantsMs[i] as number;
    if (Number.isFinite(instant)) keys[count++] = Math.floor(instant / slotMs) * n + i;
  }
  const sorted = keys.subarray(0, count).sort();
  const kept = new Float64Array(count);
  let size = 0;
  let previousSlot = Number.NaN;
  for (let i = 0; i < count; i++) {
    const key = sorted[i] as number;
    const slot = Math.floor(key / n);
    if (slot === previousSlot) continue;
    previousSlot = slot;
    kept[size++] = instantsMs[key - slot * n] as number;
  }
  return kept.subarray(0, size);
}

function firstPerSlotByTable(
  instantsMs: ArrayLike<number>,
  slotMs: number,
  lowest: number,
  span: number,
): Float64Array {
  if (firstOfSlot.length < span) firstOfSlot = new Int32Array(2 * span);
  const table = firstOfSlot;
  table.fill(-1, 0, span);
  let size = 0;
  for (let i = 0; i < instantsMs.length; i++) {
    const instant = instantsMs[i] as number;
    if (!Number.isFinite(instant)) continue;
    const at = Math.floor(instant / slotMs) - lowest;
    if (table[at] === -1) {
      table[at] = i;
      size++;
    }
  }
  const kept = new Float64Array(size);
  let k = 0;
  for (let at = 0; at < span; at++) {
    const i = table[at] as number;
    if (i >= 0) kept[k++] = instantsMs[i] as number;
  }
  return kept;
}

/** `firstPerSlot` for instants so far from 1970, or so many, that its keys would not be exact. */
function firstPerSlotBySet(instantsMs: ArrayLike<number>, slotMs: number): Float64Array {
  const seen = new Set<number>();
  const instants: number[] = [];
  for (let i = 0; i < instantsMs.length; i++) {
    const instant = instantsMs[i] as number;
    if (!Number.isFinite(instant)) continue;
    const slot = Math.floor(instant / slotMs);
    if (seen.has(slot)) continue;
    seen.add(slot);
    instants.push(instant);
  }
  return Float64Array.from(instants).sort();
}

function finiteSorted(instantsMs: ArrayLike<number>): Float64Array {
  const instants = new Float64Array(instantsMs.length);
  let size = 0;
  for (let i = 0; i < instantsMs.length; i++) {
    const instant = instantsMs[i] as number;
    if (Number.isFinite(instant)) instants[size++] = instant;
  }
  return instants.subarray(0, size).sort();
}

/** `k ** −exponent` for small k, remembered for the last exponent (every person of a model shares it). */
let powersFor = Number.NaN;
const powers: number[] = [];

function dayWeight(k: number, exponent: number): number {
  if (exponent !== powersFor) {
    powers.length = 0;
    powersFor = exponent;
  }
  if (k < 256) {
    let weight = powers[k];
    if (weight === undefined) {
      weight = k ** -exponent;
      powers[k] = weight;
    }
    return weight;
  }
  return k ** -exponent;
}

/**
 * The instants that count as evidence: finite, and at most one per `slotMinutes` slot of absolute time, so a
 * burst of fifty commits pushed in one minute weighs like one sign of presence rather than fifty. Each instant
 * then weighs 1 / k^dayExponent when k instants fall within 12 hours of it: a busy day says more than a quiet
 * one about when the person works, but not k times more, since its hours are not independent draws. (A window
 * around each instant rather than calendar days keeps the weights the same however the instants are shifted.)
 */
export function weighEvidence(instantsMs: ArrayLike<number>, slotMinutes: number, dayExponent = 0): Evidence {
  const instants =
    slotMinutes > 0 ? firstPerSlot(instantsMs, Math.max(1, slotMinutes) * 60_000) : finiteSorted(instantsMs);
  const weights = new Float64Array(instants.length);
  let total = 0;
  let low = 0;
  let high = 0;
  for (let i = 0; i < instants.length; i++) {
    const instant = instants[i] as number;
    while ((instants[low] as number) < instant - HALF_DAY_MS) low++;
    while (high < instants.length && (instants[high] as number) <= instant + HALF_DAY_MS) high++;
    const weight = dayExponent === 0 ? 1 : dayWeight(high - low, dayExponent);
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
