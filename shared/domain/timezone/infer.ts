/**
 * Infers a contractor's true UTC offset from the instants they were active: the likelihood of each answer
 * (`likelihoods.ts`, the expensive half) times the offset prior gives the posterior, whose mass within ±60 min is
 * the confidence. A batch computes the likelihoods once per person, adapts the prior to the batch
 * (`adaptPriorToPopulation`), then answers each person with `inferFromLikelihoods`.
 */
import type { OffsetCandidate } from '../report.js';
import { type OffsetLikelihoods, offsetLikelihoods } from './likelihoods.js';
import type { TimezoneModel } from './model.js';
import { defaultTimezoneModel } from './model.js';
import { logSumExp } from './templates.js';

export { type OffsetLikelihoods, offsetLikelihoods } from './likelihoods.js';

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

/** The posterior over the model's offsets: its prior times the likelihoods, which must come from the same offsets. */
export function posteriorFromLikelihoods(
  likelihoods: OffsetLikelihoods,
  model: TimezoneModel,
): OffsetPosterior {
  const prior = model.offsetPrior;
  const { offsets } = likelihoods;
  if (offsets.length !== prior.length || prior.some((o, i) => o.offsetMinutes !== offsets[i]))
    throw new RangeError("likelihoods were computed for another model's offsets");
  const logPosterior = prior.map(
    ({ probability }, i) => Math.log(probability) + (likelihoods.logLikelihoods[i] as number),
  );
  const norm = logSumExp(logPosterior);
  return {
    offsets: [...offsets],
    probabilities: logPosterior.map((lp) => Math.exp(lp - norm)),
    logLikelihoods: [...likelihoods.logLikelihoods],
    zones: [...likelihoods.zones],
    evidenceCount: likelihoods.evidenceCount,
    effectiveSampleSize: likelihoods.effectiveSampleSize,
  };
}

export function offsetPosterior(instantsMs: ArrayLike<number>, model: TimezoneModel): OffsetPosterior {
  return posteriorFromLikelihoods(offsetLikelihoods(instantsMs, model), model);
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

/** The answer for one person: the cheap half, prior × likelihood, given likelihoods computed with `model`'s offsets. */
export function inferFromLikelihoods(
  likelihoods: OffsetLikelihoods,
  model: TimezoneModel = defaultTimezoneModel,
): OffsetInference {
  const posterior = posteriorFromLikelihoods(likelihoods, model);
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

export function inferUtcOffset(
  instantsMs: ArrayLike<number>,
  model: TimezoneModel = defaultTimezoneModel,
): OffsetInference {
  return inferFromLikelihoods(offsetLikelihoods(instantsMs, model), model);
}
