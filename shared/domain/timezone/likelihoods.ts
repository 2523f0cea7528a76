/**
 * The expensive half of the inference: how well each answer (a fixed offset, or a DST zone mapping each instant
 * through its own rules) explains a person's activity, before any prior over offsets. Each hypothesis turns the
 * instants into a local week, scored against the learned kinds of week, marginalising over the person's
 * chronotype shift and weekend share; the weekend, tied to local calendar days, is what separates the offset
 * from a late or early habit. Computed once per person, it serves both the batch's empirical-Bayes prior
 * (`population.ts`) and the person's own answer (`inferFromLikelihoods`).
 */
import type { TimezoneModel } from './model.js';
import { templatesOf } from './model.js';
import { HistogramPool, type RotatedHistogram } from './rotated-histogram.js';
import type { FitScratch, Templates } from './templates.js';
import { fitScratch, logSumExp, marginalise } from './templates.js';
import { BIN_MINUTES, localWeekBin, WEEK_BINS, weekBin, weighEvidence } from './week-bins.js';
import { emptyZoneRuns, type ZoneRuns, zoneRuns } from './zone-histogram.js';

export interface OffsetLikelihoods {
  /** The model's offsets, in the order of its `offsetPrior`. */
  offsets: readonly number[];
  /** Per offset, the (capped) log-likelihood of the evidence, fixed offset and DST zones together. */
  logLikelihoods: readonly number[];
  /** Per offset, the best-fitting DST zone when zones outweigh the fixed offset there; else null. */
  zones: readonly (string | null)[];
  evidenceCount: number;
  /** The evidence the likelihoods rest on, after bursts are merged and long histories capped. */
  effectiveSampleSize: number;
}

/** What every inference with one model reads, worked out once per model object. */
interface ModelPlan {
  templates: Templates;
  offsets: number[];
  /** Per offset: its rotation of the UTC week in bins, and its (regional, when learned) log shift prior. */
  rotations: Int32Array;
  logShiftPriors: Float64Array[];
  indexOfOffset: Map<number, number>;
  logZoneShare: number;
  logFixedShare: number;
}

const plans = new WeakMap<TimezoneModel, ModelPlan>();

function planOf(model: TimezoneModel): ModelPlan {
  let plan = plans.get(model);
  if (plan !== undefined) return plan;
  const templates = templatesOf(model);
  const logShiftPriors = model.offsetPrior.map(({ shiftPrior }) => {
    if (shiftPrior === undefined) return templates.logShiftPrior;
    const total = shiftPrior.reduce((a, b) => a + b, 0);
    const logs = shiftPrior.map((p) => Math.log(p / total));
    return Float64Array.from(model.profiles.flatMap(() => logs));
  });
  plan = {
    templates,
    offsets: model.offsetPrior.map((o) => o.offsetMinutes),
    rotations: Int32Array.from(model.offsetPrior, (o) => o.offsetMinutes / BIN_MINUTES),
    logShiftPriors,
    indexOfOffset: new Map(model.offsetPrior.map((o, i) => [o.offsetMinutes, i])),
    logZoneShare: Math.log(model.zoneShare),
    logFixedShare: Math.log(1 - model.zoneShare),
  };
  plans.set(model, plan);
  return plan;
}

/** Working memory reused from person to person (the domain is single-threaded and these calls never nest). */
const pool = new HistogramPool();
const dense = new Float64Array(WEEK_BINS);
const runs: ZoneRuns = emptyZoneRuns();
let utcBins = new Int32Array(1024);
const scratches = new WeakMap<Templates, { fit: FitScratch; sums: Float64Array; part: Float64Array }>();

function scratchOf(templates: Templates): { fit: FitScratch; sums: Float64Array; part: Float64Array } {
  let scratch = scratches.get(templates);
  if (scratch === undefined) {
    const size = templates.profiles * templates.shifts;
    scratch = { fit: fitScratch(templates), sums: new Float64Array(size), part: new Float64Array(size) };
    scratches.set(templates, scratch);
  }
  return scratch;
}

/** The instants `from` … `to − 1` as a histogram over UTC week bins. */
function histogramOf(
  from: number,
  to: number,
  weights: Float64Array,
  templates: Templates,
): RotatedHistogram {
  for (let i = from; i < to; i++) {
    const bin = utcBins[i] as number;
    dense[bin] = (dense[bin] as number) + (weights[i] as number);
  }
  return pool.take(templates).takeDense(dense);
}

/** Histograms of runs of instants, shared by the zones whose offset changes at the same instants. */
class RunHistograms {
  private readonly froms: number[] = [];
  private readonly tos: number[] = [];
  private readonly histograms: RotatedHistogram[] = [];

  get(from: number, to: number, weights: Float64Array, templates: Templates): RotatedHistogram {
    for (let i = 0; i < this.froms.length; i++)
      if (this.froms[i] === from && this.tos[i] === to) return this.histograms[i] as RotatedHistogram;
    const histogram = histogramOf(from, to, weights, templates);
    this.froms.push(from);
    this.tos.push(to);
    this.histograms.push(histogram);
    return histogram;
  }
}

export function offsetLikelihoods(instantsMs: ArrayLike<number>, model: TimezoneModel): OffsetLikelihoods {
  const plan = planOf(model);
  const { templates } = plan;
  const scratch = scratchOf(templates);
  const evidence = weighEvidence(instantsMs, model.slotMinutes, model.dayExponent);
  const { instants, weights } = evidence;
  const count = instants.length;
  const scale = evidence.total > 0 ? Math.min(1, model.evidenceCap / evidence.total) : 1;
  pool.releaseAll();
  try {
    if (utcBins.length < count) utcBins = new Int32Array(2 * count);
    for (let i = 0; i < count; i++) utcBins[i] = weekBin(instants[i] as number);
    const utc = histogramOf(0, count, weights, templates);

    const fixed = plan.offsets.map((_, j) => {
      const onWeekend = utc.scoreRotation(plan.rotations[j] as number, scratch.sums);
      const logShiftPrior = plan.logShiftPriors[j];
      return marginalise(scratch.sums, onWeekend, utc.total, templates, scale, scratch.fit, logShiftPrior);
    });

    // Zones are grouped under the offset they report, competing with that fixed offset for its prior mass.
    const zoneOffsetIndex = new Int32Array(model.zones.length).fill(-1);
    const zoneLogLikelihoods = new Float64Array(model.zones.length);
    const shared = new RunHistograms();
    model.zones.forEach((zone, z) => {
      zoneRuns(instants, zone, runs);
      const j = plan.indexOfOffset.get(runs.majorityOffset);
      // A zone reporting an offset that is not an answer can never be chosen: no need to score it.
      if (j === undefined) return;
      zoneOffsetIndex[z] = j;
      zoneLogLikelihoods[z] =
        runs.count <= 1
          ? (fixed[j] as number) // the zone kept one offset throughout: it is that fixed offset
          : zoneLogLikelihood(j, plan, scale, utc, shared, weights, instants);
    });

    const logLikelihoods: number[] = [];
    const zones: (string | null)[] = [];
    const group: number[] = [];
    plan.offsets.forEach((_, j) => {
      group.length = 0;
      let best = -1;
      for (let z = 0; z < model.zones.length; z++) {
        if (zoneOffsetIndex[z] !== j) continue;
        const logLikelihood = zoneLogLikelihoods[z] as number;
        if (best < 0 || logLikelihood > (zoneLogLikelihoods[best] as number)) best = z;
        group.push(logLikelihood);
      }
      let logLikelihood = fixed[j] as number;
      let zone: string | null = null;
      if (group.length > 0) {
        const zonePart = plan.logZoneShare + logSumExp(group) - Math.log(group.length);
        const fixedPart = plan.logFixedShare + logLikelihood;
        logLikelihood = logAddExp(zonePart, fixedPart);
        if (zonePart > fixedPart) zone = model.zones[best] as string;
      }
      logLikelihoods.push(logLikelihood);
      zones.push(zone);
    });
    return {
      offsets: plan.offsets,
      logLikelihoods,
      zones,
      evidenceCount: count,
      effectiveSampleSize: evidence.total * scale,
    };
  } finally {
    pool.releaseAll();
  }
}

/**
 * A zone whose offset changed within the history: the whole history at the majority offset, corrected run by run
 * where the zone had another offset (likelihoods add over instants). Runs are shared between zones whose clocks
 * change at the same instants, like the EU's or the US's. An offset that is not a whole number of bins (rules
 * from before standard time) cannot be a rotation, and such a zone's local week is built instant by instant.
 */
function zoneLogLikelihood(
  j: number,
  plan: ModelPlan,
  scale: number,
  utc: RotatedHistogram,
  shared: RunHistograms,
  weights: Float64Array,
  instants: Float64Array,
): number {
  const { templates } = plan;
  const { fit, sums, part } = scratchOf(templates);
  const size = templates.profiles * templates.shifts;
  const majority = runs.majorityOffset;
  let whole = true;
  for (let r = 0; r < runs.count; r++) if ((runs.offsets[r] as number) % BIN_MINUTES !== 0) whole = false;
  let onWeekend: number;
  if (whole) {
    const majorityRotation = majority / BIN_MINUTES;
    onWeekend = utc.scoreRotation(majorityRotation, sums);
    for (let r = 0; r < runs.count; r++) {
      const offset = runs.offsets[r] as number;
      if (offset === majority) continue;
      const run = shared.get(runs.starts[r] as number, runs.ends[r] as number, weights, templates);
      onWeekend += run.scoreRotation(offset / BIN_MINUTES, part);
      for (let t = 0; t < size; t++) sums[t] = (sums[t] as number) + (part[t] as number);
      onWeekend -= run.scoreRotation(majorityRotation, part);
      for (let t = 0; t < size; t++) sums[t] = (sums[t] as number) - (part[t] as number);
    }
  } else {
    for (let r = 0; r < runs.count; r++) {
      const offset = runs.offsets[r] as number;
      for (let i = runs.starts[r] as number; i < (runs.ends[r] as number); i++) {
        const bin = localWeekBin(instants[i] as number, offset);
        dense[bin] = (dense[bin] as number) + (weights[i] as number);
      }
    }
    onWeekend = pool.take(templates).takeDense(dense).scoreRotation(0, sums);
  }
  return marginalise(sums, onWeekend, utc.total, templates, scale, fit, plan.logShiftPriors[j]);
}

function logAddExp(a: number, b: number): number {
  const max = Math.max(a, b);
  if (max === Number.NEGATIVE_INFINITY) return max;
  return max + Math.log(Math.exp(a - max) + Math.exp(b - max));
}
