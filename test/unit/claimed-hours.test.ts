import { describe, expect, it } from 'vitest';
import {
  fitBusinessHours,
  outsideBusinessHoursFinding,
} from '../../shared/domain/analysis/business-hours.js';
import type { ClaimedTime } from '../../shared/domain/analysis/claimed-time.js';
import { inBusinessHours, minutesOfWeek, offsetsAt } from '../../shared/domain/analysis/local-time.js';
import { typicalWorkingWindow } from '../../shared/domain/analysis/working-hours.js';

const NINE_TO_FIVE = { startMinutes: 9 * 60, endMinutes: 17 * 60, days: [1, 2, 3, 4, 5] };

/** The instants in a zone's local time, as the report builder passes them. */
function inClaimedZone(instants: number[], zone: string): Int32Array {
  return minutesOfWeek(instants, offsetsAt({ kind: 'zone', zone }, instants));
}

function claimIn(timezone: string): ClaimedTime {
  return { timezone, businessHours: NINE_TO_FIVE, businessHoursDefaulted: false };
}

/** Instants every 30 minutes of local working hours on weekdays, for `days` days from `startUtc`. */
function workdays(
  startUtc: string,
  days: number,
  offsetMinutes: (t: number) => number,
  from = 9,
  to = 17,
): number[] {
  const out: number[] = [];
  const start = Date.parse(startUtc);
  for (let d = 0; d < days; d++) {
    for (let m = from * 60; m < to * 60; m += 30) {
      const localMidnightUtc = start + d * 86_400_000;
      const guess = localMidnightUtc + m * 60_000;
      const t = guess - offsetMinutes(guess) * 60_000;
      const weekday = new Date(localMidnightUtc).getUTCDay();
      if (weekday !== 0 && weekday !== 6) out.push(t);
    }
  }
  return out;
}

describe('fitBusinessHours', () => {
  it('finds a New York 9-to-5 worker inside claimed hours on both sides of the March DST change', () => {
    // Prepare: EST (−5) until 2026-03-08, EDT (−4) after
    const nyOffset = (t: number) => (t < Date.parse('2026-03-08T07:00:00Z') ? -300 : -240);
    const instants = workdays('2026-02-23T00:00:00Z', 28, nyOffset);

    // Act
    const fit = fitBusinessHours(inClaimedZone(instants, 'America/New_York'), claimIn('America/New_York'));

    // Assess
    expect(fit.insideShare).toBe(1);
    expect(fit.coverage).toBe(1);
  });

  it('sees a worker on fixed UTC−5 drift an hour out of New York hours after the DST change', () => {
    // Prepare: someone who never changes clocks (e.g. Bogotá) but claims New York
    const instants = workdays('2026-03-09T00:00:00Z', 14, () => -300);

    // Act
    const fit = fitBusinessHours(inClaimedZone(instants, 'America/New_York'), claimIn('America/New_York'));

    // Assess: 09:00–17:00 at −5 is 10:00–18:00 at −4: one hour of eight is outside
    expect(fit.insideShare).toBeCloseTo(7 / 8, 1);
    expect(fit.insideShare).toBeLessThan(1);
  });

  it('raises OUTSIDE_BUSINESS_HOURS for someone working Pyongyang days while claiming Chicago', () => {
    // Prepare
    const instants = workdays('2026-01-05T00:00:00Z', 21, () => 540);
    const claim = claimIn('America/Chicago');

    // Act
    const finding = outsideBusinessHoursFinding(
      fitBusinessHours(inClaimedZone(instants, claim.timezone), claim),
      claim,
    );

    // Assess
    expect(finding?.code).toBe('OUTSIDE_BUSINESS_HOURS');
    expect(finding?.severity).toBe('high');
    expect(finding?.summary).toContain('America/Chicago');
  });

  it('stays quiet for an honest Tokyo contractor who claims Tokyo', () => {
    // Prepare
    const instants = workdays('2026-01-05T00:00:00Z', 21, () => 540);
    const claim = claimIn('Asia/Tokyo');

    // Act
    const finding = outsideBusinessHoursFinding(
      fitBusinessHours(inClaimedZone(instants, claim.timezone), claim),
      claim,
    );

    // Assess
    expect(finding).toBeNull();
  });
});

describe('inBusinessHours', () => {
  it('counts the small hours of an overnight shift toward the day it started', () => {
    const overnight = { startMinutes: 22 * 60, endMinutes: 6 * 60, days: [5] };
    expect(inBusinessHours({ weekday: 5, minuteOfDay: 23 * 60 }, overnight)).toBe(true);
    expect(inBusinessHours({ weekday: 6, minuteOfDay: 2 * 60 }, overnight)).toBe(true);
    expect(inBusinessHours({ weekday: 5, minuteOfDay: 2 * 60 }, overnight)).toBe(false);
  });
});

describe('typicalWorkingWindow', () => {
  it('reports a Kolkata worker’s day in inferred local time, half-hour offset included', () => {
    // Prepare
    const instants = workdays('2026-01-05T00:00:00Z', 21, () => 330, 10, 18);

    // Act
    const window = typicalWorkingWindow(
      minutesOfWeek(instants, offsetsAt({ kind: 'offset', offsetMinutes: 330 }, instants)),
    );

    // Assess: the shortest stretch with 80% of activity lies inside 10:00–18:00
    expect((window?.start ?? '') >= '10:00').toBe(true);
    expect((window?.end ?? '99') <= '18:00').toBe(true);
    expect(window?.share).toBeGreaterThanOrEqual(0.8);
  });

  it('wraps around midnight for a night owl', () => {
    const instants = workdays('2026-01-05T00:00:00Z', 21, () => 60, 20, 24).concat(
      workdays('2026-01-06T00:00:00Z', 21, () => 60, 0, 2),
    );
    const window = typicalWorkingWindow(
      minutesOfWeek(instants, offsetsAt({ kind: 'offset', offsetMinutes: 60 }, instants)),
    );
    expect(window?.start).toBe('20:00');
    expect((window?.end ?? '99') < '03:00').toBe(true);
  });
});
