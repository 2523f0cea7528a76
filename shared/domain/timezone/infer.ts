/**
 * Infers a contractor's true UTC offset from the instants they were active. Each hypothesis (a fixed offset, or
 * a DST zone mapping each instant through its own rules) turns the instants into a local week, which is scored
 * against the learned kinds of week, marginalising over the person's chronotype shift and weekend share; the
 * weekend, tied to local calendar days, is what separates the offset from a late or early habit. The capped
 * log-likelihood times the offset prior gives the posterior, whose mass within ±60 min is the confidence.
 */
import type { OffsetCandidate } from '../report.js';
import type { TimezoneModel } from './model.js';
import { defaultTimezoneModel, templatesOf } from './model.js';
import { fitScores, fitScratch, logSumExp } from './templates.js';
import { BIN_MINUTES, sparseHistogram, WEEK_BINS, weekBin, weighEvidence } from './week-bins.js';
import { zoneHistogram } from './zone-histogram.js';

export interface OffsetInference {
  /** null when the evidence is too thin or no answer is confident enough. */
  utcOffsetMinutes: number | null;
  /** P(true offset within ±60 min of `utcOffsetMinutes`); 0 when that is null. */
  confidence: number;
  /** Best first, at most five; probabilities sum to at most 1. */
  candidates: OffsetCandidate[];
  /** The DST zone whose rules fit best, when a zone hypothesis wins. */
  timezone: string | null;
  /** The evidence the answer rests on, after bursts are merged and long histories capped. */
  effectiveSampleSize: number;
}

/** The full posterior over the model's offsets, for callers (the trainer, the benchmark) that need all of it. */
export interface OffsetPosterior {
  offsets: number[];
  probabilities: number[];
  /** Per offset, the best-fitting DST zone when zones outweigh the fixed offset there. */
  zones: (string | null)[];
  /** Per offset, the (capped) log-likelihood of the evidence, before the prior. */
  logLikelihoods: number[];
  evidenceCount: number;
  effectiveSampleSize: number;
}

const WINDOW_MINUTES = 60;
const MAX_CANDIDATES = 5;

function logAddExp(a: number, b: number): number {
  const max = Math.max(a, b);
  if (max === Number.NEGATIVE_INFINITY) return max;
  return max + Math.log(Math.exp(a - max) + Math.exp(b - max));
}

const regionalCache = new WeakMap<TimezoneModel, Map<number, Float64Array>>();

/** Per offset that has one, its regional shift prior as logs laid out `[kind · shifts + shift]`. */
function regionalShiftPriors(model: TimezoneModel): Map<number, Float64Array> {
  let byOffset = regionalCache.get(model);
  if (byOffset === undefined) {
    byOffset = new Map();
    for (const { offsetMinutes, shiftPrior } of model.offsetPrior) {
      if (shiftPrior === undefined) continue;
      const total = shiftPrior.reduce((a, b) => a + b, 0);
      const logs = shiftPrior.map((p) => Math.log(p / total));
      byOffset.set(offsetMinutes, Float64Array.from(model.profiles.flatMap(() => logs)));
    }
    regionalCache.set(model, byOffset);
  }
  return byOffset;
}

export function offsetPosterior(instantsMs: ArrayLike<number>, model: TimezoneModel): OffsetPosterior {
  const evidence = weighEvidence(instantsMs, model.slotMinutes, model.dayExponent);
  const count = evidence.instants.length;
  const scale = evidence.total > 0 ? Math.min(1, model.evidenceCap / evidence.total) : 1;
  const templates = templatesOf(model);
  const scratch = fitScratch(templates);
  const regional = regionalShiftPriors(model);

  const utc = new Float64Array(WEEK_BINS);
  evidence.instants.forEach((instant, i) => {
    utc[weekBin(instant)] = (utc[weekBin(instant)] as number) + (evidence.weights[i] as number);
  });
  const histogram = sparseHistogram(utc);

  // Zones are grouped under the offset they report, competing with that fixed offset for its prior mass.
  const zonesByOffset = new Map<number, { zone: string; logLikelihood: number }[]>();
  for (const zone of model.zones) {
    const seen = zoneHistogram(evidence, zone);
    const shiftPrior = regional.get(seen.offsetMinutes);
    const logLikelihood = fitScores(seen.histogram, 0, templates, scale, scratch, shiftPrior);
    const group = zonesByOffset.get(seen.offsetMinutes) ?? [];
    group.push({ zone, logLikelihood });
    zonesByOffset.set(seen.offsetMinutes, group);
  }

  const logZoneShare = Math.log(model.zoneShare);
  const logFixedShare = Math.log(1 - model.zoneShare);
  const offsets: number[] = [];
  const logPosterior: number[] = [];
  const logLikelihoods: number[] = [];
  const zones: (string | null)[] = [];
  for (const { offsetMinutes, probability } of model.offsetPrior) {
    const rotation = offsetMinutes / BIN_MINUTES;
    const fixed = fitScores(histogram, rotation, templates, scale, scratch, regional.get(offsetMinutes));
    const group = zonesByOffset.get(offsetMinutes);
    let logLikelihood = fixed;
    let zone: string | null = null;
    if (group !== undefined) {
      const best = group.reduce((a, b) => (b.logLikelihood > a.logLikelihood ? b : a));
      const zonePart = logZoneShare + logSumExp(group.map((g) => g.logLikelihood)) - Math.log(group.length);
      const fixedPart = logFixedShare + fixed;
      logLikelihood = logAddExp(zonePart, fixedPart);
      if (zonePart > fixedPart) zone = best.zone;
    }
    offsets.push(offsetMinutes);
    logPosterior.push(Math.log(probability) + logLikelihood);
    logLikelihoods.push(logLikelihood);
    zones.push(zone);
  }
  const norm = logSumExp(logPosterior);
  return {
    offsets,
    probabilities: logPosterior.map((lp) => Math.exp(lp - norm)),
    logLikelihoods,
    zones,
    evidenceCount: count,
    effectiveSampleSize: evidence.total * scale,
  };
}

function windowMass(posterior: OffsetPosterior, center: number): number {
  let mass = 0;
  posterior.offsets.forEach((offset, j) => {
    if (Math.abs(offset - center) <= WINDOW_MINUTES) mass += posterior.probabilities[j] as number;
  });
  return mass;
}

/**
 * The answer: the offset whose ±60 min window holds the most posterior mass, since "right" means within an hour;
 * on a tie, the likelier offset itself, so the answer is a peak rather than a point between two.
 */
function bestAnswer(posterior: OffsetPosterior): { index: number; mass: number } {
  let index = 0;
  let mass = -1;
  posterior.offsets.forEach((offset, i) => {
    const inWindow = windowMass(posterior, offset);
    const tie = Math.abs(inWindow - mass) <= 1e-12;
    const likelier = (posterior.probabilities[i] as number) > (posterior.probabilities[index] as number);
    if (inWindow > mass + 1e-12 || (tie && likelier)) {
      index = i;
      mass = inWindow;
    }
  });
  return { index, mass };
}

export function inferUtcOffset(
  instantsMs: ArrayLike<number>,
  model: TimezoneModel = defaultTimezoneModel,
): OffsetInference {
  const posterior = offsetPosterior(instantsMs, model);
  if (posterior.evidenceCount < model.minEvents) {
    return {
      utcOffsetMinutes: null,
      confidence: 0,
      candidates: [],
      timezone: null,
      effectiveSampleSize: posterior.effectiveSampleSize,
    };
  }
  const order = posterior.offsets.map((_, i) => i);
  order.sort((a, b) => (posterior.probabilities[b] as number) - (posterior.probabilities[a] as number));
  const candidates = order.slice(0, MAX_CANDIDATES).map((i): OffsetCandidate => {
    const zone = posterior.zones[i];
    const candidate: OffsetCandidate = {
      offsetMinutes: posterior.offsets[i] as number,
      probability: posterior.probabilities[i] as number,
    };
    if (zone !== null && zone !== undefined) candidate.timezone = zone;
    return candidate;
  });
  const { index, mass } = bestAnswer(posterior);
  const confidence = Math.min(1, mass);
  if (confidence < model.minConfidence) {
    return {
      utcOffsetMinutes: null,
      confidence: 0,
      candidates,
      timezone: null,
      effectiveSampleSize: posterior.effectiveSampleSize,
    };
  }
  return {
    utcOffsetMinutes: posterior.offsets[index] as number,
    confidence,
    candidates,
    // Named only when the answer itself is a zone's offset with the zone outweighing the fixed offset there.
    timezone: posterior.zones[index] ?? null,
    effectiveSampleSize: posterior.effectiveSampleSize,
  };
}
