import type { Finding, OffsetCandidate, Severity } from '../report.js';
import { formatOffset, mode } from './local-time.js';
import { round } from './working-hours.js';

/** Offsets within an hour of each other are one answer: the contract scores inference at ±60 min. */
const SAME_OFFSET_MINUTES = 60;
/** Below this confidence a mismatch is reported one severity lower. */
const SURE = 0.8;

export interface InferredOffset {
  utcOffsetMinutes: number | null;
  confidence: number;
  candidates: readonly OffsetCandidate[];
  timezone: string | null;
}

/** The claimed zone's most common UTC offset at the instants of the activity (DST-aware), from its offsets there. */
export function claimedOffsetAtActivity(claimedOffsets: ArrayLike<number>): number | null {
  return claimedOffsets.length === 0 ? null : mode(claimedOffsets);
}

/**
 * TIMEZONE_MISMATCH: the inferred offset contradicts the claimed zone at the dates of the activity. The confidence
 * is the posterior mass away from the claim, so an uncertain inference never accuses anyone.
 */
export function timezoneMismatchFinding(
  inferred: InferredOffset,
  claimedZone: string,
  claimedOffsets: ArrayLike<number>,
): Finding | null {
  if (inferred.utcOffsetMinutes === null) return null;
  const claimed = claimedOffsetAtActivity(claimedOffsets);
  if (claimed === null) return null;
  const gap = inferred.utcOffsetMinutes - claimed;
  if (Math.abs(gap) <= SAME_OFFSET_MINUTES) return null;
  const consistent = inferred.candidates
    .filter((c) => Math.abs(c.offsetMinutes - claimed) <= SAME_OFFSET_MINUTES)
    .reduce((sum, c) => sum + c.probability, 0);
  const confidence = round(Math.min(inferred.confidence, 1 - consistent));
  if (confidence < 0.5) return null;
  const hours = Math.abs(gap) / 60;
  // The gap sets the severity; an inference we are not yet sure of (a night owl can look like someone further
  // west) counts one step lower, so it alone cannot make a contractor high risk.
  const byGap: Severity = hours >= 4 ? 'high' : hours >= 2 ? 'medium' : 'low';
  const severity: Severity = confidence >= SURE ? byGap : byGap === 'high' ? 'medium' : 'low';
  const where = inferred.timezone ? ` (fits ${inferred.timezone})` : '';
  return {
    code: 'TIMEZONE_MISMATCH',
    severity,
    confidence,
    summary: `Works like someone at ${formatOffset(inferred.utcOffsetMinutes)}${where}, ${round(hours, 1)} h ${gap > 0 ? 'ahead of' : 'behind'} the claimed ${claimedZone} (${formatOffset(claimed)}).`,
    evidence: {
      inferredOffsetMinutes: inferred.utcOffsetMinutes,
      inferredTimezone: inferred.timezone,
      inferenceConfidence: inferred.confidence,
      claimedTimezone: claimedZone,
      claimedOffsetMinutes: claimed,
      gapMinutes: gap,
      probabilityConsistentWithClaim: round(consistent, 3),
      candidates: inferred.candidates,
    },
  };
}
