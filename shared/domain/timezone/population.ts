/**
 * Empirical Bayes over the people analysed together: the offset prior partly re-estimated from everyone's
 * evidence. A team's contractors are not scattered like the world's developers (a vendor in one city, a team
 * around one time zone), and learning that from the batch itself sharpens each person's answer. Only activity is
 * used, never claims. The batch's distribution takes at most `populationMaxShare` of the prior (less for a small
 * batch), because the person this tool exists to find is the one who works far from everyone else.
 */
import { type OffsetLikelihoods, offsetLikelihoods } from './likelihoods.js';
import type { TimezoneModel } from './model.js';

const ROUNDS = 30;

/**
 * The model with its offset prior adapted to the people whose likelihoods are given (one per person, computed
 * with `model`): only the prior's probabilities change, so the likelihoods stay valid for the adapted model.
 */
export function adaptPriorToPopulation(
  model: TimezoneModel,
  batch: readonly OffsetLikelihoods[],
): TimezoneModel {
  const shipped = model.offsetPrior.map((o) => o.probability);
  const shippedTotal = shipped.reduce((a, b) => a + b, 0);
  const base = shipped.map((p) => p / shippedTotal);
  // Each person's likelihood over offsets, as a ratio to its maximum (the prior does not change it).
  const likelihoods: Float64Array[] = [];
  for (const person of batch) {
    if (person.evidenceCount < model.minEvents) continue;
    if (person.offsets.length !== model.offsetPrior.length)
      throw new RangeError("likelihoods were computed for another model's offsets");
    const max = Math.max(...person.logLikelihoods);
    likelihoods.push(Float64Array.from(person.logLikelihoods, (l) => Math.exp(l - max)));
  }
  if (likelihoods.length === 0) return model;

  // The batch's own distribution never outweighs the shipped prior by more than `populationMaxShare`, so one
  // contractor working far from the rest of the batch is still judged on their own evidence.
  const batchShare = Math.min(
    model.populationMaxShare,
    likelihoods.length / (likelihoods.length + model.populationPriorWeight),
  );
  let prior = base;
  for (let round = 0; round < ROUNDS; round++) {
    const batch = new Float64Array(prior.length);
    for (const likelihood of likelihoods) {
      let total = 0;
      for (let i = 0; i < prior.length; i++) total += (prior[i] as number) * (likelihood[i] as number);
      for (let i = 0; i < prior.length; i++)
        batch[i] = (batch[i] as number) + ((prior[i] as number) * (likelihood[i] as number)) / total;
    }
    prior = base.map(
      (p, i) => (1 - batchShare) * p + (batchShare * (batch[i] as number)) / likelihoods.length,
    );
  }
  return {
    ...model,
    offsetPrior: model.offsetPrior.map((o, i) => ({ ...o, probability: prior[i] as number })),
  };
}

/** `adaptPriorToPopulation` from the people's activity (one history per person), for callers without likelihoods. */
export function adaptToPopulation(
  model: TimezoneModel,
  histories: Iterable<ArrayLike<number>>,
): TimezoneModel {
  const batch: OffsetLikelihoods[] = [];
  for (const instants of histories) batch.push(offsetLikelihoods(instants, model));
  return adaptPriorToPopulation(model, batch);
}
