import type { Claim } from '../schema/claims.js';
import type { NetworkPolicy } from '../schema/network-policy.js';
import { buildReport } from './contractor-report.js';
import { resolveDevices } from './devices/device-sightings.js';
import type { EvidenceBook } from './evidence/evidence-book.js';
import type { IpLocator } from './geography/ip-location.js';
import { geographicPrior } from './geography/offset-prior.js';
import { resolveSightings } from './geography/sightings.js';
import type { Report } from './report.js';
import { sharedInfrastructureFindings } from './shared-infrastructure.js';
import { inferFromLikelihoods, type OffsetLikelihoods, offsetLikelihoods } from './timezone/infer.js';
import { defaultTimezoneModel, type TimezoneModel } from './timezone/model.js';
import { adaptPriorToPopulation } from './timezone/population.js';

export interface FleetOptions {
  /** Where addresses are: every sign-in address is located once, after reading. */
  locator: IpLocator;
  /** This deployment's corporate VPN egress networks, which are neither anonymising nor a location. */
  networkPolicy?: NetworkPolicy;
  /** Timezone model parameters; the shipped ones by default. */
  model?: TimezoneModel;
  /**
   * Adapt the offset prior to the contractors analysed together (empirical Bayes, capped so an outlier is still
   * judged on their own evidence). On by default: a team's contractors cluster in a few zones, and learning that
   * from their activity measurably sharpens each answer (BENCHMARKS.md). Off: each report depends only on its
   * contractor's own events and claims.
   */
  adaptPrior?: boolean;
  /**
   * Offset likelihoods already computed with the same model (the CLI computes them on its parse threads); a
   * contractor missing here has theirs computed now.
   */
  likelihoods?: ReadonlyMap<string, OffsetLikelihoods>;
}

/**
 * Reports for every contractor with events or claims, in contractor-id order. The expensive part of timezone
 * inference (the likelihood of each offset) is computed once per contractor, then combined with the fleet's prior
 * and, where home sign-ins allow, their country's offsets. Cross-contractor findings (shared devices and home
 * addresses) are computed once for everyone.
 */
export function buildFleetReports(
  book: EvidenceBook,
  claimsByContractor: ReadonlyMap<string, readonly Claim[]>,
  options: FleetOptions,
): Report[] {
  const base = options.model ?? defaultTimezoneModel;
  const ids = [...new Set([...book.contractorIds(), ...claimsByContractor.keys()])].sort();
  book.addresses.locateAll(options.locator, options.networkPolicy);
  const shared = sharedInfrastructureFindings(book, ids);
  const likelihoods = ids.map(
    (id) => options.likelihoods?.get(id) ?? offsetLikelihoods(book.getOrEmpty(id).activeInstants(), base),
  );
  const model = options.adaptPrior === false ? base : adaptPriorToPopulation(base, likelihoods);
  return ids.map((id, i) => {
    const evidence = book.getOrEmpty(id);
    const sightings = resolveSightings(evidence.addressSpans(), book.addresses);
    const devices = resolveDevices(evidence.deviceSpans(), book.devices);
    const remoteAccessSeen = devices.some((d) => (d.device.remoteAccessTools?.length ?? 0) > 0);
    const geo = geographicPrior(model, sightings, remoteAccessSeen);
    const crossFinding = shared.get(id);
    return buildReport(evidence, claimsByContractor.get(id) ?? [], {
      model: geo?.model ?? model,
      inference: inferFromLikelihoods(likelihoods[i] as (typeof likelihoods)[number], geo?.model ?? model),
      priorCountry: geo?.country ?? null,
      sightings,
      devices,
      crossFindings: crossFinding ? [crossFinding] : [],
    });
  });
}
