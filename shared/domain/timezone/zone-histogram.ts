/** Activity seen through a DST zone's clock: each instant placed by the offset the zone had at that instant. */
import type { Evidence, SparseHistogram } from './week-bins.js';
import { localWeekBin, sparseHistogram, WEEK_BINS } from './week-bins.js';
import { zoneOffsetSpan } from './zone-offsets.js';

/** Runs of sorted instants over which a zone kept one offset: instants `starts[r]` … `ends[r] − 1` had `offsets[r]`. */
export interface ZoneRuns {
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  offsets: Int32Array;
  /** The offset the zone had at most of the instants (the smaller on a tie): what the zone hypothesis reports. */
  majorityOffset: number;
}

export function emptyZoneRuns(capacity = 4): ZoneRuns {
  return {
    count: 0,
    starts: new Int32Array(capacity),
    ends: new Int32Array(capacity),
    offsets: new Int32Array(capacity),
    majorityOffset: 0,
  };
}

function push(runs: ZoneRuns, start: number, end: number, offset: number): void {
  if (runs.count > 0 && runs.offsets[runs.count - 1] === offset) {
    runs.ends[runs.count - 1] = end;
    return;
  }
  if (runs.count === runs.starts.length) {
    const grown = emptyZoneRuns(2 * runs.count);
    grown.starts.set(runs.starts);
    grown.ends.set(runs.ends);
    grown.offsets.set(runs.offsets);
    runs.starts = grown.starts;
    runs.ends = grown.ends;
    runs.offsets = grown.offsets;
  }
  runs.starts[runs.count] = start;
  runs.ends[runs.count] = end;
  runs.offsets[runs.count] = offset;
  runs.count++;
}

/** The first index in `from` … `instants.length` whose instant is at or after `limit`. */
function firstAtOrAfter(instants: ArrayLike<number>, from: number, limit: number): number {
  let low = from;
  let high = instants.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((instants[middle] as number) < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The zone's offset over `instants` (finite, sorted ascending) as runs: one rules lookup per offset change rather
 * than one per instant. Fills and returns `into` when given, so a caller looping over zones allocates nothing.
 */
export function zoneRuns(
  instants: ArrayLike<number>,
  zone: string,
  into: ZoneRuns = emptyZoneRuns(),
): ZoneRuns {
  into.count = 0;
  let i = 0;
  while (i < instants.length) {
    const span = zoneOffsetSpan(zone, instants[i] as number);
    const end = firstAtOrAfter(instants, i + 1, span.untilMs);
    push(into, i, end, span.offsetMinutes);
    i = end;
  }
  let majority = 0;
  let most = -1;
  for (let r = 0; r < into.count; r++) {
    const offset = into.offsets[r] as number;
    let count = 0;
    for (let q = 0; q < into.count; q++)
      if (into.offsets[q] === offset) count += (into.ends[q] as number) - (into.starts[q] as number);
    if (count > most || (count === most && offset < majority)) {
      most = count;
      majority = offset;
    }
  }
  into.majorityOffset = majority;
  return into;
}

export interface ZoneHistogram {
  histogram: SparseHistogram;
  /** The offset the zone had at most of the instants: what the zone hypothesis reports. */
  offsetMinutes: number;
}

export function zoneHistogram({ instants, weights }: Evidence, zone: string): ZoneHistogram {
  const dense = new Float64Array(WEEK_BINS);
  const runs = zoneRuns(instants, zone);
  for (let r = 0; r < runs.count; r++) {
    const offset = runs.offsets[r] as number;
    for (let i = runs.starts[r] as number; i < (runs.ends[r] as number); i++) {
      const bin = localWeekBin(instants[i] as number, offset);
      dense[bin] = (dense[bin] as number) + (weights[i] as number);
    }
  }
  return { histogram: sparseHistogram(dense), offsetMinutes: runs.majorityOffset };
}
