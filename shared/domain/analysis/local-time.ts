import { zoneOffsetMinutes } from '../timezone/zone-offsets.js';

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;

/** A place in local time: ISO weekday (1 = Monday) and minutes since local midnight. */
export interface LocalClock {
  weekday: number;
  minuteOfDay: number;
}

/** How to turn a UTC instant into local time: a fixed offset or an IANA zone (DST-aware at each instant). */
export type LocalTimeBasis = { kind: 'offset'; offsetMinutes: number } | { kind: 'zone'; zone: string };

export function offsetAt(basis: LocalTimeBasis, instantMs: number): number {
  return basis.kind === 'offset' ? basis.offsetMinutes : zoneOffsetMinutes(basis.zone, instantMs);
}

export function localClock(instantMs: number, offsetMinutes: number): LocalClock {
  const localMinutes = Math.floor(instantMs / MINUTE_MS) + offsetMinutes;
  const dayIndex = Math.floor(localMinutes / DAY_MINUTES);
  // 1970-01-01 was a Thursday (ISO weekday 4).
  const weekday = ((((dayIndex + 3) % 7) + 7) % 7) + 1;
  const minuteOfDay = localMinutes - dayIndex * DAY_MINUTES;
  return { weekday, minuteOfDay };
}

/** "HH:MM" for minutes since midnight (wrapping). */
export function formatClock(minuteOfDay: number): string {
  const m = ((Math.round(minuteOfDay) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** "UTC+05:30" style label for an offset in minutes. */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '−' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `UTC${sign}${hh}:${mm}`;
}

/** Whether a local clock falls inside business hours (end before start means an overnight shift). */
export function inBusinessHours(
  clock: LocalClock,
  hours: { startMinutes: number; endMinutes: number; days: readonly number[] },
): boolean {
  const { startMinutes: start, endMinutes: end } = hours;
  if (start <= end)
    return hours.days.includes(clock.weekday) && clock.minuteOfDay >= start && clock.minuteOfDay < end;
  // Overnight: the part after midnight belongs to the previous day's shift.
  if (clock.minuteOfDay >= start) return hours.days.includes(clock.weekday);
  if (clock.minuteOfDay < end) return hours.days.includes(clock.weekday === 1 ? 7 : clock.weekday - 1);
  return false;
}

/** The value occurring most often (ties: the first seen). */
export function mode(values: Iterable<number>): number | null {
  const counts = new Map<number, number>();
  let best: number | null = null;
  let bestCount = 0;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

/** Counts of each value, largest first. */
export function histogram(values: Iterable<number>): { value: number; count: number }[] {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
}
