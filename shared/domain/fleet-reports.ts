import type { Claim } from '../schema/claims.js';
import { buildReport } from './contractor-report.js';
import type { EvidenceBook } from './evidence/evidence-book.js';
import type { Report } from './report.js';
import { inferFromLikelihoods, offsetLikelihoods } from './timezone/infer.js';
import { defaultTimezoneModel, type TimezoneModel } from './timezone/model.js';
import { adaptPriorToPopulation } from './timezone/population.js';

export interface FleetOptions {
  /** Timezone model parameters; the shipped ones by default. */
  model?: TimezoneModel;
  /**
   * Adapt the offset prior to the contractors analysed together (empirical Bayes, capped so an outlier is still
   * judged on their own evidence). On by default: a team's contractors cluster in a few zones, and learning that
   * from their activity measurably sharpens each answer (BENCHMARKS.md). Off: each report depends only on its
   * contractor's own events and claims.
   */
  adaptPrior?: boolean;
}

/**
 * Reports for every contractor with events or claims, in contractor-id order. The expensive part of timezone
 * inference (the likelihood of each offset) is computed once per contractor, then combined with the fleet's prior.
 */
export function buildFleetReports(
  book: EvidenceBook,
  claimsByContractor: ReadonlyMap<string, readonly Claim[]>,
  options: FleetOptions = {},
): Report[] {
  const base = options.model ?? defaultTimezoneModel;
  const ids = [...new Set([...book.contractorIds(), ...claimsByContractor.keys()])].sort();
  const likelihoods = ids.map((id) => offsetLikelihoods(book.getOrEmpty(id).activeInstants(), base));
  const model = options.adaptPrior === false ? base : adaptPriorToPopulation(base, likelihoods);
  return ids.map((id, i) =>
    buildReport(book.getOrEmpty(id), claimsByContractor.get(id) ?? [], {
      model,
      inference: inferFromLikelihoods(likelihoods[i] as (typeof likelihoods)[number], model),
    }),
  );
}
