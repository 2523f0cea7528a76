import type { Finding } from '../report.js';
import type { ClaimedTime } from './claimed-time.js';
import { businessQuarterHours, formatClock } from './local-time.js';
import { round } from './working-hours.js';

/** Below this many moments a share says little about anyone's habits. */
const MIN_MOMENTS = 30;
/** "Most activity falls outside claimed business hours": under this share inside them. */
const INSIDE_SHARE_LIMIT = 0.4;

export interface BusinessHoursFit {
  /** Share of activity inside the claimed business hours (claimed zone, DST-aware at each instant). */
  insideShare: number;
  /** Share of the claimed business hours of the week (hour slots) in which the contractor was seen active. */
  coverage: number;
  moments: number;
}

/**
 * How activity sits against the claimed hours. `minutesOfWeek` are the instants in the claimed zone's local time
 * (DST applied at each instant), so the same claim is judged right in summer and in winter.
 */
export function fitBusinessHours(minutesOfWeek: ArrayLike<number>, claim: ClaimedTime): BusinessHoursFit {
  const quarters = businessQuarterHours(claim.businessHours);
  const seenHours = new Uint8Array(168);
  let inside = 0;
  for (let i = 0; i < minutesOfWeek.length; i++) {
    const m = minutesOfWeek[i] as number;
    if (quarters[Math.floor(m / 15)] === 1) {
      inside++;
      seenHours[Math.floor(m / 60)] = 1;
    }
  }
  // An hour of the week counts as claimed when its middle lies inside the hours.
  let claimed = 0;
  let covered = 0;
  for (let h = 0; h < 168; h++) {
    if (quarters[h * 4 + 2] !== 1) continue;
    claimed++;
    covered += seenHours[h] as number;
  }
  const n = minutesOfWeek.length;
  return {
    insideShare: n === 0 ? 0 : round(inside / n),
    coverage: claimed === 0 ? 0 : round(covered / claimed),
    moments: n,
  };
}

export function outsideBusinessHoursFinding(fit: BusinessHoursFit, claim: ClaimedTime): Finding | null {
  if (fit.moments < MIN_MOMENTS || fit.insideShare >= INSIDE_SHARE_LIMIT) return null;
  const outside = 1 - fit.insideShare;
  const severity = fit.insideShare < 0.15 ? 'high' : fit.insideShare < 0.28 ? 'medium' : 'low';
  // Assumed hours are a weaker yardstick than hours the contractor wrote down.
  const base = Math.min(0.95, 0.5 + (INSIDE_SHARE_LIMIT - fit.insideShare) * 1.5);
  const confidence = round(claim.businessHoursDefaulted ? base * 0.8 : base);
  const { startMinutes, endMinutes } = claim.businessHours;
  const window = `${formatClock(startMinutes)}–${formatClock(endMinutes)} ${claim.timezone}`;
  return {
    code: 'OUTSIDE_BUSINESS_HOURS',
    severity,
    confidence,
    summary: `${Math.round(outside * 100)}% of activity falls outside the claimed business hours (${window}).`,
    evidence: {
      insideShare: fit.insideShare,
      coverageOfBusinessHours: fit.coverage,
      moments: fit.moments,
      claimedTimezone: claim.timezone,
      businessHours: {
        start: formatClock(startMinutes),
        end: formatClock(endMinutes),
        days: [...claim.businessHours.days],
        assumed: claim.businessHoursDefaulted,
      },
    },
  };
}
