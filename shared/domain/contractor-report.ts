import type { Claim } from '../schema/claims.js';
import { fitBusinessHours, outsideBusinessHoursFinding } from './analysis/business-hours.js';
import type { ClaimedTime } from './analysis/claimed-time.js';
import { formatClock, type LocalTimeBasis, minutesOfWeek, offsetsAt } from './analysis/local-time.js';
import { recordedOffsetFinding } from './analysis/recorded-offsets.js';
import { measureResponsiveness, unreachableFinding } from './analysis/responsiveness.js';
import { claimedOffsetAtActivity, timezoneMismatchFinding } from './analysis/timezone-mismatch.js';
import { typicalWorkingWindow } from './analysis/working-hours.js';
import { compareClaims, resolveClaims } from './claims/index.js';
import { countryOfZone } from './claims/zones.js';
import { deviceMismatchFinding } from './devices/device-mismatch.js';
import type { DeviceSighting } from './devices/device-sightings.js';
import { remoteAccessToolFinding } from './devices/remote-access.js';
import type { ContractorEvidence } from './evidence/contractor-evidence.js';
import { anonymizingNetworkFinding } from './geography/anonymizing-network.js';
import { countryShares, networkShares } from './geography/countries.js';
import { highRiskRegionFinding } from './geography/high-risk-region.js';
import { impossibleTravelFinding } from './geography/impossible-travel.js';
import { locationMismatchFinding } from './geography/location-mismatch.js';
import { multiCountryFinding } from './geography/multi-country.js';
import type { NetworkSighting } from './geography/sightings.js';
import type { Finding, Report } from './report.js';
import { assessRisk } from './risk.js';
import { inferUtcOffset, type OffsetInference } from './timezone/infer.js';
import type { TimezoneModel } from './timezone/model.js';

export interface ReportOptions {
  /** Timezone model parameters; the shipped ones by default. */
  model?: TimezoneModel;
  /** An offset inference already made (a batch adapts its prior to everyone in it first). */
  inference?: OffsetInference;
  /** The country whose offsets that inference's prior leaned toward (see geography/offset-prior.ts). */
  priorCountry?: string | null;
  /** The contractor's sign-ins with where they came from, in time order. */
  sightings?: readonly NetworkSighting[];
  /** The device descriptions their sign-ins reported. */
  devices?: readonly DeviceSighting[];
  /** Findings of analyses across contractors (shared infrastructure). */
  crossFindings?: readonly Finding[];
}

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

/** Everything Daylight concludes about one contractor from their evidence and claims. Pure. */
export function buildReport(
  evidence: ContractorEvidence,
  claims: readonly Claim[],
  options: ReportOptions = {},
): Report {
  const instants = evidence.activeInstants();
  const inference = options.inference ?? inferUtcOffset(instants, options.model);
  const claim = claims.length > 0 ? resolveClaims(claims) : null;
  const findings = compareClaims(claims);
  const sightings = options.sightings ?? [];
  const devices = options.devices ?? [];
  const claimedCountry = claim?.country ?? soleCountry(claim?.timezone ?? null);

  const inferredBasis: LocalTimeBasis | null = inference.timezone
    ? { kind: 'zone', zone: inference.timezone }
    : inference.utcOffsetMinutes !== null
      ? { kind: 'offset', offsetMinutes: inference.utcOffsetMinutes }
      : null;

  const claimedTime: ClaimedTime | null =
    claim?.timezone && claim.businessHours
      ? {
          timezone: claim.timezone,
          businessHours: claim.businessHours,
          businessHoursDefaulted: claim.businessHoursDefaulted,
        }
      : null;

  let hours: Report['hours'] = null;
  // The claimed zone's offset at each instant, computed once for every comparison that needs it.
  const claimedOffsets = claim?.timezone ? offsetsAt({ kind: 'zone', zone: claim.timezone }, instants) : null;
  if (claimedTime && claimedOffsets) {
    const zone = claimedTime.timezone;
    const mismatch = timezoneMismatchFinding(inference, zone, claimedOffsets);
    if (mismatch) findings.push(mismatch);
    const fit = fitBusinessHours(minutesOfWeek(instants, claimedOffsets), claimedTime);
    const outside = outsideBusinessHoursFinding(fit, claimedTime);
    if (outside) findings.push(outside);
    const replies = measureResponsiveness(evidence.chatReplies(), claimedTime);
    const unreachable = unreachableFinding(replies, claimedTime);
    if (unreachable) findings.push(unreachable);
    hours = {
      insideBusinessHoursShare: fit.insideShare,
      coverageOfBusinessHours: fit.coverage,
      businessHoursAssumed: claimedTime.businessHoursDefaulted,
      replies: {
        businessHours: replies.businessHours,
        outsideBusinessHours: replies.outsideBusinessHours,
        reachableInBusinessHours: replies.reachable,
      },
    };
    const recorded = recordedOffsetFinding(evidence.recordedOffsets(), zone);
    if (recorded) findings.push(recorded);
  }
  findings.push(
    ...[
      claimedCountry === null ? null : locationMismatchFinding(sightings, claimedCountry),
      highRiskRegionFinding(sightings, claimedCountry),
      impossibleTravelFinding(sightings),
      multiCountryFinding(sightings),
      anonymizingNetworkFinding(sightings),
      claim === null
        ? null
        : deviceMismatchFinding(
            devices,
            { timezone: claim.timezone, country: claimedCountry, nationality: claim.nationality },
            sightings,
          ),
      remoteAccessToolFinding(devices),
      ...(options.crossFindings ?? []),
    ].filter((f): f is Finding => f !== null),
  );
  findings.sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.confidence - a.confidence,
  );

  const counts = evidence.eventCounts();
  const span = evidence.span();
  return {
    contractorId: evidence.contractorId,
    claimed: {
      timezone: claim?.timezone ?? null,
      utcOffsetMinutes: claimedOffsets ? claimedOffsetAtActivity(claimedOffsets) : null,
      country: claim?.country ?? null,
      sources: claim?.sources ?? [],
      businessHours: claim?.businessHours
        ? {
            start: formatClock(claim.businessHours.startMinutes),
            end: formatClock(claim.businessHours.endMinutes),
            days: [...claim.businessHours.days],
          }
        : null,
    },
    inferred: {
      utcOffsetMinutes: inference.utcOffsetMinutes,
      confidence: inference.confidence,
      candidates: inference.candidates,
      countries: countryShares(sightings),
      networks: networkShares(sightings),
      priorCountry: options.priorCountry ?? null,
      timezone: inference.timezone,
      workingHours: inferredBasis
        ? typicalWorkingWindow(minutesOfWeek(instants, offsetsAt(inferredBasis, instants)))
        : null,
    },
    activity: {
      events: counts.total,
      firstAt: span ? new Date(span.first).toISOString() : null,
      lastAt: span ? new Date(span.last).toISOString() : null,
      byType: counts.byType,
    },
    hours,
    findings,
    risk: assessRisk(findings),
  };
}

/** The claimed zone's country when it has exactly one (America/Chicago → US); null otherwise. */
function soleCountry(zone: string | null): string | null {
  if (zone === null) return null;
  const countries = countryOfZone(zone);
  return countries.length === 1 ? (countries[0] as string) : null;
}
