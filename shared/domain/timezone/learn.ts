/**
 * Learns the timezone model from developers whose true offset is known: a few kinds of week (office hours,
 * evenings, mixed…) with the priors over chronotype shift and weekend share, by EM-like alignment of the
 * developers' weeks in their true local time; then the prior over offsets, and per offset a regional shift
 * prior. Pure: the caller does the I/O.
 */
import type { Readings, Tally } from './em.js';
import { emRound, floored, seedTally } from './em.js';
import type { TimezoneModel } from './model.js';
import { learnOffsetPrior } from './offset-prior.js';
import { buildTemplates } from './templates.js';
import { DEFAULT_TRAINING_OPTIONS, type TrainingOptions } from './training-options.js';
import { localWeekBin, sparseHistogram, WEEK_BINS, weighEvidence } from './week-bins.js';
import { zoneHistogram } from './zone-histogram.js';

export interface TrainingDeveloper {
  instantsMs: readonly number[];
  /** The label: the offset the developer's own tools recorded most often. */
  offsetMinutes: number;
}

function readingsOf(developer: TrainingDeveloper, options: TrainingOptions): Readings | null {
  const evidence = weighEvidence(developer.instantsMs, options.slotMinutes, options.dayExponent);
  if (evidence.instants.length === 0) return null;
  const fixed = new Float64Array(WEEK_BINS);
  evidence.instants.forEach((instant, i) => {
    const bin = localWeekBin(instant, developer.offsetMinutes);
    fixed[bin] = (fixed[bin] as number) + (evidence.weights[i] as number);
  });
  const histograms = [sparseHistogram(fixed)];
  // A DST zone is a reading of the label only if its most common offset over the history is the label.
  for (const zone of options.zones) {
    const seen = zoneHistogram(evidence, zone);
    if (seen.offsetMinutes === developer.offsetMinutes) histograms.push(seen.histogram);
  }
  const scale = Math.min(1, options.evidenceCap / evidence.total);
  return { histograms, scale, offsetMinutes: developer.offsetMinutes };
}

/**
 * The shift prior for people at a given offset: the shift posteriors of developers at nearby offsets (a
 * Gaussian kernel in minutes), shrunk towards everyone's prior in proportion to how few such developers there
 * are. Habits differ by region: developers in India or China often work later into the evening than in Europe,
 * which with one prior for everyone places them two or three hours west.
 */
function regionalShiftPrior(
  readings: readonly Readings[],
  tally: Tally,
  overall: readonly number[],
  offsetMinutes: number,
  options: TrainingOptions,
): number[] {
  const sigma = options.regionalSigmaMinutes;
  const local = new Float64Array(overall.length);
  let weight = 0;
  readings.forEach((reading, i) => {
    const k = Math.exp(-((reading.offsetMinutes - offsetMinutes) ** 2) / (2 * sigma ** 2));
    const shifts = tally.developerShifts[i] as Float64Array;
    for (let s = 0; s < local.length; s++) local[s] = (local[s] as number) + k * (shifts[s] as number);
    weight += k;
  });
  const shrink = options.regionalPseudoCount / (options.regionalPseudoCount + weight);
  const mixed = overall.map(
    (g, s) => shrink * g + (1 - shrink) * ((local[s] as number) / Math.max(weight, 1e-12)),
  );
  return floored(mixed, options.shiftPriorFloor);
}

const rounded = (value: number): number => Number(value.toPrecision(6));

export function trainTimezoneModel(
  developers: readonly TrainingDeveloper[],
  overrides: Partial<TrainingOptions> = {},
): TimezoneModel {
  const options: TrainingOptions = { ...DEFAULT_TRAINING_OPTIONS, ...overrides };
  const readings = developers.map((d) => readingsOf(d, options)).filter((r): r is Readings => r !== null);
  const shifts: number[] = [];
  for (let m = options.shiftMinMinutes; m <= options.shiftMaxMinutes; m += options.shiftStepMinutes)
    shifts.push(m);

  let tally = seedTally(readings, shifts, options);
  let parameters = tally.parameters(shifts, options);
  for (let round = 0; round < options.rounds; round++) {
    tally = emRound(readings, buildTemplates(parameters), shifts);
    parameters = tally.parameters(shifts, options);
  }
  const overallShifts = parameters.shifts.map((s) => s.probability);
  const regional = (offsetMinutes: number): { shiftPrior?: number[] } =>
    options.regionalSigmaMinutes > 0 && options.rounds > 0
      ? {
          shiftPrior: regionalShiftPrior(readings, tally, overallShifts, offsetMinutes, options).map(rounded),
        }
      : {};

  const offsetPrior = learnOffsetPrior(
    developers.map((d) => d.offsetMinutes),
    {
      smoothingMinutes: options.offsetPriorSmoothingMinutes,
      floor: options.offsetPriorFloor,
      fractionalWeight: options.fractionalOffsetWeight,
    },
  );
  return {
    version: 1,
    profiles: parameters.profiles.map(({ probability, week }) => {
      const total = week.reduce((a, b) => a + b, 0);
      return { probability: rounded(probability), week: week.map((p) => rounded(p / total)) };
    }),
    shifts: parameters.shifts.map((s) => ({ ...s, probability: rounded(s.probability) })),
    weekendShares: parameters.weekendShares.map((w) => ({ ...w, probability: rounded(w.probability) })),
    offsetPrior: offsetPrior.map((o) => ({
      ...o,
      probability: rounded(o.probability),
      ...regional(o.offsetMinutes),
    })),
    populationPriorWeight: options.populationPriorWeight,
    populationMaxShare: options.populationMaxShare,
    zones: [...options.zones],
    zoneShare: options.zoneShare,
    evidenceCap: options.evidenceCap,
    slotMinutes: options.slotMinutes,
    dayExponent: options.dayExponent,
    minEvents: options.minEvents,
    minConfidence: options.minConfidence,
    trainedOn: { developers: readings.length, excludedRepos: [...options.excludedRepos] },
  };
}
