/**
 * Empirical Bayes over the people analysed together: the offset prior re-estimated from everyone's evidence.
 * A team's contractors are not scattered like the world's developers (a vendor in one city, a team around one
 * time zone), and learning that from the batch itself sharpens each person's answer. No one's claims or labels
 * are used, only activity; a batch of one leaves the prior almost as shipped.
 */
import { offsetPosterior } from './infer.js';
import type { TimezoneModel } from './model.js';

const ROUNDS = 30;

/** The model with its offset prior adapted to the people whose activity is given (one history per person). */
export function adaptToPopulation(
  model: TimezoneModel,
  histories: Iterable<ArrayLike<number>>,
): TimezoneModel {
  const shipped = model.offsetPrior.map((o) => o.probability);
  const shippedTotal = shipped.reduce((a, b) => a + b, 0);
  const base = shipped.map((p) => p / shippedTotal);
  // Each person's likelihood over offsets, as a ratio to its maximum (the prior does not change it).
  const likelihoods: Float64Array[] = [];
  for (const instants of histories) {
    const posterior = offsetPosterior(instants, model);
    if (posterior.evidenceCount < model.minEvents) continue;
    const max = Math.max(...posterior.logLikelihoods);
    likelihoods.push(Float64Array.from(posterior.logLikelihoods, (l) => Math.exp(l - max)));
  }
  if (likelihoods.length === 0) return model;

  const weight = model.populationPriorWeight;
  let prior = base;
  for (let round = 0; round < ROUNDS; round++) {
    const mass = base.map((p) => weight * p);
    for (const likelihood of likelihoods) {
      let total = 0;
      for (let i = 0; i < prior.length; i++) total += (prior[i] as number) * (likelihood[i] as number);
      for (let i = 0; i < prior.length; i++)
        mass[i] = (mass[i] as number) + ((prior[i] as number) * (likelihood[i] as number)) / total;
    }
    const massTotal = weight + likelihoods.length;
    prior = mass.map((m) => m / massTotal);
  }
  return {
    ...model,
    offsetPrior: model.offsetPrior.map((o, i) => ({ ...o, probability: prior[i] as number })),
  };
}
