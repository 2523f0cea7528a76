/**
 * A histogram over week bins scored against every template at any rotation, cheaply. A template is a profile
 * moved by its shift and rescaled per local day (`templates.ts`), so its log-likelihood at rotation r is
 *   Σ_b h[b] · logProfile[b + r − shift]  +  Σ_day (h's mass on that local day) · logDayFactor[day].
 * The first term depends only on the lag r − shift, and the 40 offsets × 12 shifts of a model share about 90
 * lags: each lag is one pass over the histogram, computed the first time it is needed and then reused.
 */
import type { Templates } from './templates.js';
import { BINS_PER_DAY, WEEK_BINS, wrapBin } from './week-bins.js';

const SATURDAY = 5;
const SUNDAY = 6;

export class RotatedHistogram {
  /** Occupied bins, ascending, and their counts (the first `size` entries). */
  readonly bins = new Int32Array(WEEK_BINS);
  readonly counts = new Float64Array(WEEK_BINS);
  size = 0;
  total = 0;
  private templates: Templates | null = null;
  /** `lagSums[lag · profiles + k]`: Σ_b h[b] · logProfiles[k · 2·WEEK_BINS + b + lag], valid where `lagKnown[lag]`. */
  private lagSums = new Float64Array(0);
  private readonly lagKnown = new Uint8Array(WEEK_BINS);
  /** `cumulative[x]`: the mass in bins 0 … x − 1 of the histogram repeated twice, x in 0 … 2·WEEK_BINS. */
  private readonly cumulative = new Float64Array(2 * WEEK_BINS + 1);
  private readonly dayMass = new Float64Array(7);

  /** Empties the histogram and forgets every lag, ready to be filled for `templates`. */
  reset(templates: Templates): this {
    this.templates = templates;
    if (this.lagSums.length !== WEEK_BINS * templates.profiles)
      this.lagSums = new Float64Array(WEEK_BINS * templates.profiles);
    this.lagKnown.fill(0);
    this.size = 0;
    this.total = 0;
    return this;
  }

  /** Fills the histogram from a dense one (one count per bin), keeping only occupied bins; zeroes `dense`. */
  takeDense(dense: Float64Array): this {
    const cumulative = this.cumulative;
    let size = 0;
    let total = 0;
    for (let b = 0; b < WEEK_BINS; b++) {
      const count = dense[b] as number;
      if (count > 0) {
        this.bins[size] = b;
        this.counts[size] = count;
        total += count;
        size++;
        dense[b] = 0;
      }
      cumulative[b + 1] = total;
    }
    for (let b = 1; b <= WEEK_BINS; b++) cumulative[WEEK_BINS + b] = total + (cumulative[b] as number);
    this.size = size;
    this.total = total;
    return this;
  }

  private lag(lag: number, templates: Templates): number {
    const K = templates.profiles;
    if (this.lagKnown[lag] === 0) {
      const logProfiles = templates.logProfiles;
      const { bins, counts, size, lagSums } = this;
      const stride = 2 * WEEK_BINS;
      let k = 0;
      // Three profiles per pass over the histogram (the shipped model has three): a third of the loads.
      for (; k + 3 <= K; k += 3) {
        const from = stride * k + lag;
        let sum0 = 0;
        let sum1 = 0;
        let sum2 = 0;
        for (let i = 0; i < size; i++) {
          const count = counts[i] as number;
          const at = from + (bins[i] as number);
          sum0 += count * (logProfiles[at] as number);
          sum1 += count * (logProfiles[at + stride] as number);
          sum2 += count * (logProfiles[at + 2 * stride] as number);
        }
        lagSums[lag * K + k] = sum0;
        lagSums[lag * K + k + 1] = sum1;
        lagSums[lag * K + k + 2] = sum2;
      }
      for (; k < K; k++) {
        const from = stride * k + lag;
        let sum = 0;
        for (let i = 0; i < size; i++)
          sum += (counts[i] as number) * (logProfiles[from + (bins[i] as number)] as number);
        lagSums[lag * K + k] = sum;
      }
      this.lagKnown[lag] = 1;
    }
    return lag * K;
  }

  /**
   * Writes into `sums[k · shifts + s]` the log-likelihood of the histogram rotated by `rotation` bins under each
   * template (what `fitScores` sums) and returns how much of it then falls on the local weekend.
   */
  scoreRotation(rotation: number, sums: Float64Array): number {
    const templates = this.templates;
    if (templates === null) throw new Error('RotatedHistogram used before reset');
    const start = wrapBin(rotation);
    const { dayMass, cumulative } = this;
    // Local day d is UTC bins 96·d − start … 96·d + 95 − start, wrapping around the week.
    for (let day = 0; day < 7; day++) {
      const from = wrapBin(day * BINS_PER_DAY - start);
      dayMass[day] = (cumulative[from + BINS_PER_DAY] as number) - (cumulative[from] as number);
    }
    const K = templates.profiles;
    const S = templates.shifts;
    const { logDayFactors, shiftBins } = templates;
    const lagSums = this.lagSums;
    for (let s = 0; s < S; s++) {
      const at = this.lag(wrapBin(start - (shiftBins[s] as number)), templates);
      for (let k = 0; k < K; k++) {
        const t = k * S + s;
        let sum = lagSums[at + k] as number;
        for (let day = 0; day < 7; day++)
          sum += (dayMass[day] as number) * (logDayFactors[t * 7 + day] as number);
        sums[t] = sum;
      }
    }
    return (dayMass[SATURDAY] as number) + (dayMass[SUNDAY] as number);
  }
}

/**
 * Reusable histograms, so inferring for thousands of contractors allocates almost nothing: `take()` hands out the
 * next free one, reset for `templates`; `releaseAll()` makes them all free again.
 */
export class HistogramPool {
  private readonly histograms: RotatedHistogram[] = [];
  private used = 0;

  take(templates: Templates): RotatedHistogram {
    let histogram = this.histograms[this.used];
    if (histogram === undefined) {
      histogram = new RotatedHistogram();
      this.histograms.push(histogram);
    }
    this.used++;
    return histogram.reset(templates);
  }

  releaseAll(): void {
    this.used = 0;
  }
}
