/** Local clocks, DST-aware (luxon reads the IANA rules), and RFC 3339 stamps written the way sources write them. */
import { IANAZone } from 'luxon';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** "YYYY-MM-DD" */
  iso: string;
}

const zones = new Map<string, IANAZone>();

function zoneOf(name: string): IANAZone {
  let zone = zones.get(name);
  if (zone === undefined) {
    zone = IANAZone.create(name);
    if (!zone.isValid) throw new Error(`unknown time zone '${name}'`);
    zones.set(name, zone);
  }
  return zone;
}

const hourly = new Map<string, Map<number, number>>();

function offsetAtHour(zone: string, hour: number): number {
  let hours = hourly.get(zone);
  if (hours === undefined) {
    hours = new Map();
    hourly.set(zone, hours);
  }
  let offset = hours.get(hour);
  if (offset === undefined) {
    offset = zoneOf(zone).offset(hour * HOUR_MS);
    hours.set(hour, offset);
  }
  return offset;
}

/**
 * The zone's UTC offset in minutes at an instant (DST-aware). Asking Intl costs microseconds and generation asks
 * millions of times, so offsets are cached per UTC hour; an hour whose two ends differ holds a DST change and is
 * asked exactly.
 */
export function offsetAt(zone: string, instantMs: number): number {
  const hour = Math.floor(instantMs / HOUR_MS);
  const offset = offsetAtHour(zone, hour);
  return offset === offsetAtHour(zone, hour + 1) ? offset : zoneOf(zone).offset(instantMs);
}

/** The calendar date `days` after a "YYYY-MM-DD" date. */
export function calendarDate(startIso: string, days: number): CalendarDate {
  const [year = 0, month = 1, day = 1] = startIso.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: ((date.getUTCDay() + 6) % 7) + 1,
    iso: date.toISOString().slice(0, 10),
  };
}

/**
 * The instant at which a local clock in `zone` shows `minuteOfDay` minutes past midnight of `date`
 * (past 1440 runs into the next days). A clock time skipped by a DST change moves forward, as clocks do;
 * a time that happens twice when clocks go back is taken the first time.
 */
export function localInstant(zone: string, date: CalendarDate, minuteOfDay: number): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * MINUTE_MS;
  // The real instant is within 14 h of the wall clock read as UTC, and no zone changes offset twice in a day.
  const before = offsetAt(zone, wall - 14 * HOUR_MS);
  const after = offsetAt(zone, wall + 14 * HOUR_MS);
  const first = wall - before * MINUTE_MS;
  if (offsetAt(zone, first) === before) return first;
  const second = wall - after * MINUTE_MS;
  if (offsetAt(zone, second) === after) return second;
  return first;
}

/** Minutes past local midnight at an instant. */
export function localMinuteOfDay(zone: string, instantMs: number): number {
  const local = instantMs + offsetAt(zone, instantMs) * MINUTE_MS;
  return (((local % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS;
}

/** `2026-03-02T00:14:07Z`, or with milliseconds as identity providers write them. */
export function utcStamp(instantMs: number, withMillis = false): string {
  const text = new Date(instantMs).toISOString();
  return withMillis ? text : `${text.slice(0, 19)}Z`;
}

/** `2026-03-02T09:14:07+09:00`: the local clock and its offset, as git and desktop agents write them. */
export function offsetStamp(instantMs: number, offsetMinutes: number): string {
  const local = new Date(Math.floor(instantMs / 1000) * 1000 + offsetMinutes * MINUTE_MS).toISOString();
  const sign = offsetMinutes < 0 ? '-' : '+';
  const size = Math.abs(offsetMinutes);
  const hours = String(Math.floor(size / 60)).padStart(2, '0');
  const minutes = String(size % 60).padStart(2, '0');
  return `${local.slice(0, 19)}${sign}${hours}:${minutes}`;
}

/** An offset stamp in the zone's offset at that instant. */
export function zonedStamp(instantMs: number, zone: string): string {
  return offsetStamp(instantMs, offsetAt(zone, instantMs));
}
