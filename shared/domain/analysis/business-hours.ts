import type { Finding } from '../report.js';
import { zoneOffsetMinutes } from '../timezone/zone-offsets.js';
import type { ClaimedTime } from './claimed-time.js';
import { formatClock, inBusinessHours, localClock } from './local-time.js';
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

export function fitBusinessHours(instants: ArrayLike<number>, claim: ClaimedTime): BusinessHoursFit {
  const hours = claim.businessHours;
  const slots = businessHourSlots(claim);
  const seen = new Set<number>();
  let inside = 0;
  for (let i = 0; i < instants.length; i++) {
    const t = instants[i] ?? 0;
    const clock = localClock(t, zoneOffsetMinutes(claim.timezone, t));
    if (inBusinessHours(clock, hours)) {
      inside++;
      seen.add(slotOf(clock.weekday, clock.minuteOfDay));
    }
  }
  let covered = 0;
  for (const s of slots) if (seen.has(s)) covered++;
  return {
    insideShare: instants.length === 0 ? 0 : round(inside / instants.length),
    coverage: slots.size === 0 ? 0 : round(covered / slots.size),
    moments: instants.length,
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

function slotOf(weekday: number, minuteOfDay: number): number {
  return (weekday - 1) * 24 + Math.floor(minuteOfDay / 60);
}

/** The hour slots of the week that the claimed business hours cover. */
function businessHourSlots(claim: ClaimedTime): Set<number> {
  const slots = new Set<number>();
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let minute = 0; minute < 1440; minute += 60) {
      // An hour counts when its middle lies inside the hours (09:30–17:30 covers 09:00…17:00 halves fairly).
      if (inBusinessHours({ weekday, minuteOfDay: minute + 30 }, claim.businessHours)) {
        slots.add(slotOf(weekday, minute));
      }
    }
  }
  return slots;
}
