/** Small statistics for the soak: percentiles, quarter means and a least-squares slope. */

/** Nearest-rank percentile (p in 0–100) of unsorted values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] as number;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / values.length;
}

export interface Sample {
  /** ms since the soak's start. */
  t: number;
  value: number;
}

/** The samples of each quarter of [0, span) ms (a sample at `span` or later goes in the last). */
export function quarters(samples: readonly Sample[], span: number): Sample[][] {
  const out: Sample[][] = [[], [], [], []];
  for (const s of samples) out[Math.min(3, Math.max(0, Math.floor((4 * s.t) / span)))]?.push(s);
  return out;
}

/** Least-squares slope of value against t, per minute (value units per 60,000 ms). */
export function slopePerMinute(samples: readonly Sample[]): number {
  if (samples.length < 2) return Number.NaN;
  const mt = mean(samples.map((s) => s.t));
  const mv = mean(samples.map((s) => s.value));
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.t - mt) * (s.value - mv);
    den += (s.t - mt) ** 2;
  }
  return den === 0 ? Number.NaN : (num / den) * 60_000;
}
