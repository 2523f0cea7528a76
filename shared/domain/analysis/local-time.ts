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

const WEEK_MINUTES = 7 * DAY_MINUTES;
/** 1970-01-01 was a Thursday: epoch minute 0 is three days into the (Monday-based) week. */
const EPOCH_MINUTE_OF_WEEK = 3 * DAY_MINUTES;

/** The offset in force at each instant (a zone's DST rules applied per instant). */
export function offsetsAt(basis: LocalTimeBasis, instants: ArrayLike<number>): Int16Array {
  const out = new Int16Array(instants.length);
  if (basis.kind === 'offset') return out.fill(basis.offsetMinutes);
  for (let i = 0; i < instants.length; i++) out[i] = zoneOffsetMinutes(basis.zone, instants[i] ?? 0);
  return out;
}

/** Local minute of the week (0 = Monday 00:00) of each instant, given the offset in force at each. */
export function minutesOfWeek(instants: ArrayLike<number>, offsets: ArrayLike<number>): Int32Array {
  const out = new Int32Array(instants.length);
  for (let i = 0; i < instants.length; i++) {
    const m = Math.floor((instants[i] ?? 0) / MINUTE_MS) + (offsets[i] ?? 0) + EPOCH_MINUTE_OF_WEEK;
    out[i] = ((m % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;
  }
  return out;
}

/** A minute of the week as weekday and minute of the day. */
export function clockOfWeekMinute(minuteOfWeek: number): LocalClock {
  return { weekday: Math.floor(minuteOfWeek / DAY_MINUTES) + 1, minuteOfDay: minuteOfWeek % DAY_MINUTES };
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

export interface HoursOfWork {
  startMinutes: number;
  endMinutes: number;
  days: readonly number[];
}

/** Whether a local clock falls inside business hours (end before start means an overnight shift). */
export function inBusinessHours(clock: LocalClock, hours: HoursOfWork): boolean {
  const { startMinutes: start, endMinutes: end } = hours;
  if (start <= end)
    return hours.days.includes(clock.weekday) && clock.minuteOfDay >= start && clock.minuteOfDay < end;
  // Overnight: the part after midnight belongs to the previous day's shift.
  if (clock.minuteOfDay >= start) return hours.days.includes(clock.weekday);
  if (clock.minuteOfDay < end) return hours.days.includes(clock.weekday === 1 ? 7 : clock.weekday - 1);
  return false;
}

/** For each quarter-hour of the week, whether it lies inside the business hours: a lookup instead of a test. */
export function businessQuarterHours(hours: HoursOfWork): Uint8Array {
  const inside = new Uint8Array(WEEK_MINUTES / 15);
  for (let q = 0; q < inside.length; q++)
    inside[q] = inBusinessHours(clockOfWeekMinute(q * 15), hours) ? 1 : 0;
  return inside;
}

/** The value occurring most often (ties: the one reaching the count first). */
export function mode(values: ArrayLike<number>): number | null {
  // Offsets take a handful of distinct values: a short list beats a Map.
  const seen: number[] = [];
  const counts: number[] = [];
  let best: number | null = null;
  let bestCount = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    let k = seen.indexOf(v);
    if (k === -1) {
      k = seen.push(v) - 1;
      counts.push(0);
    }
    const c = (counts[k] as number) + 1;
    counts[k] = c;
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
