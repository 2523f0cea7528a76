/**
 * The model turned into what the likelihood loops read: one log-probability template of the local week per
 * (kind of week, chronotype shift), each stored twice over so a rotation by an offset needs no modulo; and the
 * same templates factored as (log profile moved by the shift) + (log rescaling of each local day), which lets
 * every offset and shift that share a lag share one pass over the histogram (see `rotated-histogram.ts`).
 */
import type { SparseHistogram } from './week-bins.js';
import { BIN_MINUTES, BINS_PER_DAY, WEEK_BINS, wrapBin } from './week-bins.js';

/** Saturday 00:00 in the local week: bins from here on are the weekend. */
export const WEEKEND_START = 5 * BINS_PER_DAY;

export interface WeekProfile {
  probability: number;
  /** Share of activity in each quarter-hour of the local week, Monday 00:00 first. */
  week: readonly number[];
}

export interface TemplateParameters {
  profiles: readonly WeekProfile[];
  shifts: readonly { shiftMinutes: number; probability: number }[];
  weekendShares: readonly { share: number; probability: number }[];
}

export interface Templates {
  profiles: number;
  shifts: number;
  weekendShares: number;
  /** `logTemplates[k · shifts + s][b]` for b in 0 … 2·WEEK_BINS − 1. */
  logTemplates: Float64Array[];
  logProfilePrior: Float64Array;
  shiftBins: Int32Array;
  /** `[k · shifts + s]` */
  logShiftPrior: Float64Array;
  /** `[k · weekendShares + w]`: log(λ_w / profile k's weekend mass), and the same for its weekdays. */
  logWeekendRatio: Float64Array;
  logWeekdayRatio: Float64Array;
  logWeekendPrior: Float64Array;
  /** `logProfiles[k · 2·WEEK_BINS + x]`: log share of profile k in local bin x mod WEEK_BINS, x in 0 … 2·WEEK_BINS − 1. */
  logProfiles: Float64Array;
  /**
   * `logDayFactors[(k · shifts + s) · 7 + day]`: log of the factor rescaling that day of profile k moved by shift s,
   * so that `logTemplates[k · shifts + s][b]` = `logProfiles[k · 2·WEEK_BINS + b − shiftBins[s]]` + the factor of b's day.
   */
  logDayFactors: Float64Array;
}

/**
 * p(local bin | shift s): the profile moved s bins later, each local calendar day then rescaled to the day's
 * mass in the profile, so a late riser's Friday night stays Friday's and weekends keep pinning the offset.
 */
export function shiftedTemplate(profile: ArrayLike<number>, shiftBins: number): Float64Array {
  return shiftedWithFactors(profile, shiftBins).moved;
}

/** The shifted template and, per local day, the factor that rescaled it. */
function shiftedWithFactors(
  profile: ArrayLike<number>,
  shiftBins: number,
): { moved: Float64Array; factors: Float64Array } {
  const moved = new Float64Array(WEEK_BINS);
  const factors = new Float64Array(7);
  for (let b = 0; b < WEEK_BINS; b++) moved[b] = profile[wrapBin(b - shiftBins)] as number;
  for (let day = 0; day < 7; day++) {
    let dayMass = 0;
    let movedMass = 0;
    for (let b = day * BINS_PER_DAY; b < (day + 1) * BINS_PER_DAY; b++) {
      dayMass += profile[b] as number;
      movedMass += moved[b] as number;
    }
    const factor = dayMass / movedMass;
    factors[day] = factor;
    for (let b = day * BINS_PER_DAY; b < (day + 1) * BINS_PER_DAY; b++)
      moved[b] = (moved[b] as number) * factor;
  }
  return { moved, factors };
}

function logNormalised(weights: readonly { probability: number }[]): Float64Array {
  const total = weights.reduce((sum, w) => sum + w.probability, 0);
  return Float64Array.from(weights, (w) => Math.log(w.probability / total));
}

export function buildTemplates({ profiles, shifts, weekendShares }: TemplateParameters): Templates {
  const logTemplates: Float64Array[] = [];
  const logWeekendRatio = new Float64Array(profiles.length * weekendShares.length);
  const logWeekdayRatio = new Float64Array(profiles.length * weekendShares.length);
  const K = profiles.length;
  const logProfiles = new Float64Array(2 * WEEK_BINS * K);
  const logDayFactors = new Float64Array(K * shifts.length * 7);
  profiles.forEach(({ week }, k) => {
    let total = 0;
    let weekend = 0;
    for (let b = 0; b < WEEK_BINS; b++) {
      total += week[b] as number;
      if (b >= WEEKEND_START) weekend += week[b] as number;
    }
    const normalised = week.map((p) => p / total);
    for (let b = 0; b < WEEK_BINS; b++) {
      const log = Math.log(normalised[b] as number);
      logProfiles[2 * WEEK_BINS * k + b] = log;
      logProfiles[2 * WEEK_BINS * k + b + WEEK_BINS] = log;
    }
    const weekendMass = weekend / total;
    weekendShares.forEach(({ share }, w) => {
      logWeekendRatio[k * weekendShares.length + w] = Math.log(share / weekendMass);
      logWeekdayRatio[k * weekendShares.length + w] = Math.log((1 - share) / (1 - weekendMass));
    });
    shifts.forEach(({ shiftMinutes }, s) => {
      const { moved: template, factors } = shiftedWithFactors(normalised, shiftMinutes / BIN_MINUTES);
      for (let day = 0; day < 7; day++)
        logDayFactors[(k * shifts.length + s) * 7 + day] = Math.log(factors[day] as number);
      const doubled = new Float64Array(2 * WEEK_BINS);
      for (let b = 0; b < WEEK_BINS; b++) {
        const log = Math.log(template[b] as number);
        doubled[b] = log;
        doubled[b + WEEK_BINS] = log;
      }
      logTemplates.push(doubled);
    });
  });
  return {
    profiles: profiles.length,
    shifts: shifts.length,
    weekendShares: weekendShares.length,
    logTemplates,
    logProfilePrior: logNormalised(profiles),
    logShiftPrior: Float64Array.from(profiles.flatMap(() => Array.from(logNormalised(shifts)))),
    shiftBins: Int32Array.from(shifts, (s) => s.shiftMinutes / BIN_MINUTES),
    logWeekendRatio,
    logWeekdayRatio,
    logWeekendPrior: logNormalised(weekendShares),
    logProfiles,
    logDayFactors,
  };
}

/** Working arrays for `fitScores`; after a call they hold the prior-weighted log terms of each latent. */
export interface FitScratch {
  /** `[k · shifts + s]`: the unscaled log-likelihood of the histogram under each template. */
  sums: Float64Array;
  /** `[k · shifts + s]` */
  shift: Float64Array;
  /** `[k · weekendShares + w]` */
  weekend: Float64Array;
  /** `[k]`: the log joint of profile k with everything else marginalised. */
  profile: Float64Array;
}

export function fitScratch(templates: Templates): FitScratch {
  return {
    sums: new Float64Array(templates.profiles * templates.shifts),
    shift: new Float64Array(templates.profiles * templates.shifts),
    weekend: new Float64Array(templates.profiles * templates.weekendShares),
    profile: new Float64Array(templates.profiles),
  };
}

/**
 * The scaled log-likelihood of the histogram rotated by `rotation` bins, marginalised over the kind of week,
 * the shift and the weekend share. Given the kind of week, shift and weekend share separate: the weekend share
 * only reweights the template's weekend as a whole, so its term depends only on how many instants fall there.
 */
export function fitScores(
  histogram: SparseHistogram,
  rotation: number,
  templates: Templates,
  scale: number,
  scratch: FitScratch,
  logShiftPrior: Float64Array = templates.logShiftPrior,
): number {
  const { bins, counts, total } = histogram;
  const start = wrapBin(rotation);
  let onWeekend = 0;
  for (let i = 0; i < bins.length; i++) {
    const local = (bins[i] as number) + start;
    if (local >= WEEKEND_START && (local < WEEK_BINS || local >= WEEK_BINS + WEEKEND_START))
      onWeekend += counts[i] as number;
  }
  const templateCount = templates.profiles * templates.shifts;
  for (let t = 0; t < templateCount; t++) {
    const log = templates.logTemplates[t] as Float64Array;
    let sum = 0;
    for (let i = 0; i < bins.length; i++)
      sum += (counts[i] as number) * (log[(bins[i] as number) + start] as number);
    scratch.sums[t] = sum;
  }
  return marginalise(scratch.sums, onWeekend, total, templates, scale, scratch, logShiftPrior);
}

/**
 * The scaled log-likelihood given the histogram's log-likelihood under each template (`sums[k · shifts + s]`),
 * how much of it falls on the local weekend and its total, marginalised over kind of week, shift and weekend share.
 */
export function marginalise(
  sums: Float64Array,
  onWeekend: number,
  total: number,
  templates: Templates,
  scale: number,
  scratch: FitScratch,
  logShiftPrior: Float64Array = templates.logShiftPrior,
): number {
  const S = templates.shifts;
  const W = templates.weekendShares;
  for (let k = 0; k < templates.profiles; k++) {
    for (let w = 0; w < W; w++) {
      const log =
        onWeekend * (templates.logWeekendRatio[k * W + w] as number) +
        (total - onWeekend) * (templates.logWeekdayRatio[k * W + w] as number);
      scratch.weekend[k * W + w] = (templates.logWeekendPrior[w] as number) + scale * log;
    }
    for (let s = 0; s < S; s++)
      scratch.shift[k * S + s] = (logShiftPrior[k * S + s] as number) + scale * (sums[k * S + s] as number);
    scratch.profile[k] =
      (templates.logProfilePrior[k] as number) +
      logSumExp(scratch.shift, k * S, (k + 1) * S) +
      logSumExp(scratch.weekend, k * W, (k + 1) * W);
  }
  return logSumExp(scratch.profile, 0, templates.profiles);
}

export function logSumExp(values: ArrayLike<number>, from = 0, to = values.length): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = from; i < to; i++) if ((values[i] as number) > max) max = values[i] as number;
  if (max === Number.NEGATIVE_INFINITY) return max;
  let sum = 0;
  for (let i = from; i < to; i++) sum += Math.exp((values[i] as number) - max);
  return max + Math.log(sum);
}
