/**
 * Learns the timezone model from developers whose true offset is known: a few kinds of week (office hours,
 * evenings, weekends…) with the priors over chronotype shift and weekend share, by EM-like alignment of the
 * developers' weeks in their true local time; and the prior over offsets. Pure: the caller does the I/O.
 */
import type { TimezoneModel } from './model.js';
import { learnOffsetPrior } from './offset-prior.js';
import type { FitScratch, Templates } from './templates.js';
import { buildTemplates, fitScores, fitScratch } from './templates.js';
import { DEFAULT_TRAINING_OPTIONS, type TrainingOptions } from './training-options.js';
import type { SparseHistogram } from './week-bins.js';
import {
  BIN_MINUTES,
  BINS_PER_DAY,
  evidenceInstants,
  localWeekBin,
  sparseHistogram,
  WEEK_BINS,
  wrapBin,
} from './week-bins.js';
import { zoneHistogram } from './zone-histogram.js';

export interface TrainingDeveloper {
  instantsMs: readonly number[];
  /** The label: the offset the developer's own tools recorded most often. */
  offsetMinutes: number;
}

/** A developer's week in local time under each reading of their label (the fixed offset, or a DST zone). */
interface Readings {
  histograms: SparseHistogram[];
  scale: number;
}

function readingsOf(developer: TrainingDeveloper, options: TrainingOptions): Readings | null {
  const evidence = evidenceInstants(developer.instantsMs, options.slotMinutes);
  if (evidence.length === 0) return null;
  const fixed = new Float64Array(WEEK_BINS);
  for (const instant of evidence) {
    const bin = localWeekBin(instant, developer.offsetMinutes);
    fixed[bin] = (fixed[bin] as number) + 1;
  }
  const histograms = [sparseHistogram(fixed)];
  for (const zone of options.zones) {
    const seen = zoneHistogram(evidence, zone);
    if (seen.offsetMinutes === developer.offsetMinutes) histograms.push(seen.histogram);
  }
  return { histograms, scale: Math.min(1, options.evidenceCap / evidence.length) };
}

function smoothWeek(values: Float64Array, sigmaBins: number): Float64Array {
  if (sigmaBins <= 0) return values;
  const radius = Math.ceil(3 * sigmaBins);
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigmaBins ** 2)));
  const kernelTotal = kernel.reduce((a, b) => a + b, 0);
  const out = new Float64Array(WEEK_BINS);
  for (let b = 0; b < WEEK_BINS; b++) {
    let sum = 0;
    for (let k = 0; k < kernel.length; k++) sum += (kernel[k] as number) * (values[wrapBin(b + k - radius)] as number);
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

function floored(mass: Float64Array, floor: number): number[] {
  const total = mass.reduce((a, b) => a + b, 0);
  return Array.from(mass, (m) => (1 - floor) * (m / total) + floor / mass.length);
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

/** Where the EM rounds accumulate what each developer contributes. */
class Tally {
  readonly shapes: Float64Array[];
  readonly dayMasses: Float64Array[];
  readonly profileMass: Float64Array;
  readonly shiftMass: Float64Array;
  readonly weekendMass: Float64Array;

  constructor(profiles: number, shifts: number, weekendShares: number) {
    this.shapes = Array.from({ length: profiles }, () => new Float64Array(WEEK_BINS));
    this.dayMasses = Array.from({ length: profiles }, () => new Float64Array(7));
    this.profileMass = new Float64Array(profiles);
    this.shiftMass = new Float64Array(shifts);
    this.weekendMass = new Float64Array(weekendShares);
  }

  /** Adds a developer's week (normalised: everyone weighs the same) to profile k, undoing shift `shiftBins`. */
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

function seedTally(readings: readonly Readings[], options: TrainingOptions, shifts: number[]): Tally {
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

function emRound(readings: readonly Readings[], templates: Templates, shifts: number[], tally: Tally): void {
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
    // M-step tallies: undo each shift in proportion to its posterior, so each kind of week is learned aligned.
    const profilePosterior = posterior(best.profile, 0, templates.profiles);
    for (let k = 0; k < templates.profiles; k++) {
      const r = profilePosterior[k] as number;
      tally.profileMass[k] = (tally.profileMass[k] as number) + r;
      if (r < 1e-6) continue;
      tally.addDays(chosen, k, r);
      const shiftPosterior = posterior(best.shift, k * S, (k + 1) * S);
      shiftPosterior.forEach((p, s) => {
        tally.shiftMass[s] = (tally.shiftMass[s] as number) + r * p;
        if (r * p >= 1e-6) tally.add(chosen, k, (shifts[s] as number) / BIN_MINUTES, r * p);
      });
      posterior(best.weekend, k * W, (k + 1) * W).forEach((p, w) => {
        tally.weekendMass[w] = (tally.weekendMass[w] as number) + r * p;
      });
    }
  }
}

function parametersFrom(tally: Tally, shifts: number[], options: TrainingOptions) {
  const profileWeights = floored(tally.profileMass, 0.02);
  return {
    profiles: tally.shapes.map((shape, k) => ({
      probability: profileWeights[k] as number,
      week: weekFrom(shape, tally.dayMasses[k] as Float64Array, options),
    })),
    shifts: floored(tally.shiftMass, options.shiftPriorFloor).map((probability, s) => ({
      shiftMinutes: shifts[s] as number,
      probability,
    })),
    weekendShares: floored(tally.weekendMass, options.weekendPriorFloor).map((probability, w) => ({
      share: options.weekendShares[w] as number,
      probability,
    })),
  };
}

const rounded = (value: number): number => Number(value.toPrecision(6));

export function trainTimezoneModel(
  developers: readonly TrainingDeveloper[],
  overrides: Partial<TrainingOptions> = {},
): TimezoneModel {
  const options: TrainingOptions = { ...DEFAULT_TRAINING_OPTIONS, ...overrides };
  const readings = developers.map((d) => readingsOf(d, options)).filter((r): r is Readings => r !== null);
  const shifts: number[] = [];
  for (let m = options.shiftMinMinutes; m <= options.shiftMaxMinutes; m += options.shiftStepMinutes) shifts.push(m);

  let parameters = parametersFrom(seedTally(readings, options, shifts), shifts, options);
  for (let round = 0; round < options.rounds; round++) {
    const tally = new Tally(options.profiles, shifts.length, options.weekendShares.length);
    emRound(readings, buildTemplates(parameters), shifts, tally);
    parameters = parametersFrom(tally, shifts, options);
  }

  return {
    version: 1,
    profiles: parameters.profiles.map(({ probability, week }) => {
      const total = week.reduce((a, b) => a + b, 0);
      return { probability: rounded(probability), week: week.map((p) => rounded(p / total)) };
    }),
    shifts: parameters.shifts.map((s) => ({ ...s, probability: rounded(s.probability) })),
    weekendShares: parameters.weekendShares.map((w) => ({ ...w, probability: rounded(w.probability) })),
    offsetPrior: learnOffsetPrior(
      developers.map((d) => d.offsetMinutes),
      {
        smoothingMinutes: options.offsetPriorSmoothingMinutes,
        floor: options.offsetPriorFloor,
        fractionalWeight: options.fractionalOffsetWeight,
      },
    ).map((o) => ({ ...o, probability: rounded(o.probability) })),
    zones: [...options.zones],
    zoneShare: options.zoneShare,
    evidenceCap: options.evidenceCap,
    slotMinutes: options.slotMinutes,
    minEvents: options.minEvents,
    minConfidence: options.minConfidence,
    trainedOn: { developers: readings.length, excludedRepos: [...options.excludedRepos] },
  };
}
