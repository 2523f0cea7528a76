/**
 * The EM-like rounds that learn the kinds of week: each developer's week (in their true local time) is matched
 * against the current kinds under every chronotype shift and weekend share, then the kinds are re-estimated from
 * the weeks with each shift undone in proportion to its posterior.
 */
import type { FitScratch, TemplateParameters, Templates } from './templates.js';
import { fitScores, fitScratch } from './templates.js';
import type { TrainingOptions } from './training-options.js';
import type { SparseHistogram } from './week-bins.js';
import { BIN_MINUTES, BINS_PER_DAY, WEEK_BINS, wrapBin } from './week-bins.js';

/** A developer's week under each reading of their label (the fixed offset, or a DST zone that agrees with it). */
export interface Readings {
  histograms: SparseHistogram[];
  scale: number;
  offsetMinutes: number;
}

export function floored(mass: ArrayLike<number>, floor: number): number[] {
  const values = Array.from(mass);
  const total = values.reduce((a, b) => a + b, 0);
  return values.map((m) => (1 - floor) * (m / total) + floor / values.length);
}

/** Normalised exponentials of `logs[from … to)`. */
function posterior(logs: Float64Array, from: number, to: number): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = from; i < to; i++) max = Math.max(max, logs[i] as number);
  const out = new Float64Array(to - from);
  let total = 0;
  for (let i = from; i < to; i++) {
    out[i - from] = Math.exp((logs[i] as number) - max);
    total += out[i - from] as number;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / total;
  return out;
}

function smoothWeek(values: Float64Array, sigmaBins: number): Float64Array {
  if (sigmaBins <= 0) return values;
  const radius = Math.ceil(3 * sigmaBins);
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, i) =>
    Math.exp(-((i - radius) ** 2) / (2 * sigmaBins ** 2)),
  );
  const kernelTotal = kernel.reduce((a, b) => a + b, 0);
  const out = new Float64Array(WEEK_BINS);
  for (let b = 0; b < WEEK_BINS; b++) {
    let sum = 0;
    for (let k = 0; k < kernel.length; k++)
      sum += (kernel[k] as number) * (values[wrapBin(b + k - radius)] as number);
    out[b] = sum / kernelTotal;
  }
  return out;
}

/** A kind of week from its aligned shape and its per-day masses: smoothed, floored, summing to 1. */
function weekFrom(shape: Float64Array, dayMass: Float64Array, options: TrainingOptions): number[] {
  const smooth = smoothWeek(shape, options.smoothingMinutes / BIN_MINUTES);
  const massTotal = dayMass.reduce((a, b) => a + b, 0);
  const week = new Array<number>(WEEK_BINS);
  for (let day = 0; day < 7; day++) {
    let shapeMass = 0;
    for (let b = day * BINS_PER_DAY; b < (day + 1) * BINS_PER_DAY; b++) shapeMass += smooth[b] as number;
    for (let b = day * BINS_PER_DAY; b < (day + 1) * BINS_PER_DAY; b++) {
      const share = ((smooth[b] as number) / shapeMass) * ((dayMass[day] as number) / massTotal);
      week[b] = (1 - options.profileFloor) * share + options.profileFloor / WEEK_BINS;
    }
  }
  return week;
}

/** Where a round accumulates what each developer contributes; every developer weighs the same. */
export class Tally {
  readonly shapes: Float64Array[];
  readonly dayMasses: Float64Array[];
  readonly profileMass: Float64Array;
  readonly shiftMass: Float64Array;
  readonly weekendMass: Float64Array;
  /** Per developer (in reading order), the posterior over shifts. */
  readonly developerShifts: Float64Array[] = [];

  constructor(profiles: number, shifts: number, weekendShares: number) {
    this.shapes = Array.from({ length: profiles }, () => new Float64Array(WEEK_BINS));
    this.dayMasses = Array.from({ length: profiles }, () => new Float64Array(7));
    this.profileMass = new Float64Array(profiles);
    this.shiftMass = new Float64Array(shifts);
    this.weekendMass = new Float64Array(weekendShares);
  }

  /** Adds a developer's week (normalised) to kind k with shift `shiftBins` undone. */
  add(histogram: SparseHistogram, k: number, shiftBins: number, weight: number): void {
    const { bins, counts, total } = histogram;
    const shape = this.shapes[k] as Float64Array;
    for (let i = 0; i < bins.length; i++) {
      const bin = wrapBin((bins[i] as number) - shiftBins);
      shape[bin] = (shape[bin] as number) + (weight * (counts[i] as number)) / total;
    }
  }

  /** Day masses ignore the shift: a shift moves hours within the local days, never between them. */
  addDays(histogram: SparseHistogram, k: number, weight: number): void {
    const { bins, counts, total } = histogram;
    const days = this.dayMasses[k] as Float64Array;
    for (let i = 0; i < bins.length; i++) {
      const day = Math.floor((bins[i] as number) / BINS_PER_DAY);
      days[day] = (days[day] as number) + (weight * (counts[i] as number)) / total;
    }
  }

  parameters(shifts: readonly number[], options: TrainingOptions): TemplateParameters {
    const profileWeights = floored(this.profileMass, 0.02);
    return {
      profiles: this.shapes.map((shape, k) => ({
        probability: profileWeights[k] as number,
        week: weekFrom(shape, this.dayMasses[k] as Float64Array, options),
      })),
      shifts: floored(this.shiftMass, options.shiftPriorFloor).map((probability, s) => ({
        shiftMinutes: shifts[s] as number,
        probability,
      })),
      weekendShares: floored(this.weekendMass, options.weekendPriorFloor).map((probability, w) => ({
        share: options.weekendShares[w] as number,
        probability,
      })),
    };
  }
}

/** The evening share of a week, used only to seed the kinds of week apart before EM refines them. */
function eveningShare({ bins, counts, total }: SparseHistogram): number {
  let evening = 0;
  for (let i = 0; i < bins.length; i++) {
    const hour = ((bins[i] as number) % BINS_PER_DAY) / (60 / BIN_MINUTES);
    if (hour >= 18 || hour < 2) evening += counts[i] as number;
  }
  return evening / total;
}

/** A deterministic start: developers split into kinds by how much of their activity is in the evening. */
export function seedTally(
  readings: readonly Readings[],
  shifts: readonly number[],
  options: TrainingOptions,
): Tally {
  const tally = new Tally(options.profiles, shifts.length, options.weekendShares.length);
  const zeroShift = shifts.indexOf(0);
  const order = readings
    .map((r, i) => ({ i, evening: eveningShare(r.histograms[0] as SparseHistogram) }))
    .sort((a, b) => a.evening - b.evening || a.i - b.i);
  order.forEach(({ i }, rank) => {
    const histogram = (readings[i] as Readings).histograms[0] as SparseHistogram;
    const k = Math.min(options.profiles - 1, Math.floor((rank * options.profiles) / order.length));
    tally.add(histogram, k, 0, 1);
    tally.addDays(histogram, k, 1);
    tally.profileMass[k] = (tally.profileMass[k] as number) + 1;
    if (zeroShift >= 0) tally.shiftMass[zeroShift] = (tally.shiftMass[zeroShift] as number) + 1;
  });
  tally.weekendMass.fill(1);
  return tally;
}

export function emRound(
  readings: readonly Readings[],
  templates: Templates,
  shifts: readonly number[],
): Tally {
  const tally = new Tally(templates.profiles, templates.shifts, templates.weekendShares);
  const scratch: FitScratch = fitScratch(templates);
  const best: FitScratch = fitScratch(templates);
  const S = templates.shifts;
  const W = templates.weekendShares;
  for (const { histograms, scale } of readings) {
    // E-step: the reading (fixed offset or DST zone) that fits best, and the posteriors under it.
    let bestLog = Number.NEGATIVE_INFINITY;
    let chosen = histograms[0] as SparseHistogram;
    for (const histogram of histograms) {
      const log = fitScores(histogram, 0, templates, scale, scratch);
      if (log > bestLog) {
        bestLog = log;
        chosen = histogram;
        best.shift.set(scratch.shift);
        best.weekend.set(scratch.weekend);
        best.profile.set(scratch.profile);
      }
    }
    // M-step tallies: undo each shift in proportion to its posterior, so each kind is learned aligned.
    const profilePosterior = posterior(best.profile, 0, templates.profiles);
    const developerShift = new Float64Array(S);
    tally.developerShifts.push(developerShift);
    for (let k = 0; k < templates.profiles; k++) {
      const r = profilePosterior[k] as number;
      tally.profileMass[k] = (tally.profileMass[k] as number) + r;
      if (r < 1e-6) continue;
      tally.addDays(chosen, k, r);
      posterior(best.shift, k * S, (k + 1) * S).forEach((p, s) => {
        tally.shiftMass[s] = (tally.shiftMass[s] as number) + r * p;
        developerShift[s] = (developerShift[s] as number) + r * p;
        if (r * p >= 1e-6) tally.add(chosen, k, (shifts[s] as number) / BIN_MINUTES, r * p);
      });
      posterior(best.weekend, k * W, (k + 1) * W).forEach((p, w) => {
        tally.weekendMass[w] = (tally.weekendMass[w] as number) + r * p;
      });
    }
  }
  return tally;
}
