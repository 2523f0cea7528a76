/** Activity seen through a DST zone's clock: each instant placed by the offset the zone had at that instant. */
import type { Evidence, SparseHistogram } from './week-bins.js';
import { localWeekBin, sparseHistogram, WEEK_BINS } from './week-bins.js';
import { zoneOffsetMinutes } from './zone-offsets.js';

export interface ZoneHistogram {
  histogram: SparseHistogram;
  /** The offset the zone had at most of the instants: what the zone hypothesis reports. */
  offsetMinutes: number;
}

export function zoneHistogram({ instants, weights }: Evidence, zone: string): ZoneHistogram {
  const dense = new Float64Array(WEEK_BINS);
  const offsetCounts = new Map<number, number>();
  instants.forEach((instant, i) => {
    const offset = zoneOffsetMinutes(zone, instant);
    const bin = localWeekBin(instant, offset);
    dense[bin] = (dense[bin] as number) + (weights[i] as number);
    offsetCounts.set(offset, (offsetCounts.get(offset) ?? 0) + 1);
  });
  let offsetMinutes = 0;
  let most = -1;
  for (const [offset, count] of offsetCounts) {
    if (count > most || (count === most && offset < offsetMinutes)) {
      most = count;
      offsetMinutes = offset;
    }
  }
  return { histogram: sparseHistogram(dense), offsetMinutes };
}
