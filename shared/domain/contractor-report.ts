import type { Claim } from '../schema/claims.js';
import { fitBusinessHours, outsideBusinessHoursFinding } from './analysis/business-hours.js';
import type { ClaimedTime } from './analysis/claimed-time.js';
import { formatClock, type LocalTimeBasis, minutesOfWeek, offsetsAt } from './analysis/local-time.js';
import { recordedOffsetFinding } from './analysis/recorded-offsets.js';
import { measureResponsiveness, unreachableFinding } from './analysis/responsiveness.js';
import { claimedOffsetAtActivity, timezoneMismatchFinding } from './analysis/timezone-mismatch.js';
import { typicalWorkingWindow } from './analysis/working-hours.js';
import { compareClaims, resolveClaims } from './claims/index.js';
import type { ContractorEvidence } from './evidence/contractor-evidence.js';
import type { Report } from './report.js';
import { assessRisk } from './risk.js';
import { inferUtcOffset, type OffsetInference } from './timezone/infer.js';
import type { TimezoneModel } from './timezone/model.js';

export interface ReportOptions {
  /** Timezone model parameters; the shipped ones by default. */
  model?: TimezoneModel;
  /** An offset inference already made (a batch adapts its prior to everyone in it first). */
  inference?: OffsetInference;
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
      countries: [],
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
