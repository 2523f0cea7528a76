import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  CURATED_PERSONAS,
  DEFAULT_DAYS,
  DEFAULT_SEED,
  DEFAULT_START,
  type ExampleOptions,
  exampleEvents,
  selectPersonas,
} from '../../cli/example/generate.js';
import type { TelemetryEventInput } from '../../shared/schema/events.js';

const OPTIONS: ExampleOptions = { seed: DEFAULT_SEED, start: DEFAULT_START, days: DEFAULT_DAYS };
const events = [...exampleEvents(selectPersonas(OPTIONS), OPTIONS)].flat();
const of = (id: string) => events.filter((e) => e.contractorId === id);
const local = (at: string, zone: string) => DateTime.fromISO(at, { setZone: true }).setZone(zone);
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Local hour (fractional) at which each working day's first session starts, split at a date. */
function dayStarts(id: string, zone: string, split: string) {
  const firsts = new Map<string, DateTime>();
  for (const e of of(id)) {
    if (e.type !== 'session') continue;
    const start = local(e.at, zone);
    const day = start.toISODate() ?? '';
    const seen = firsts.get(day);
    if (seen === undefined || start < seen) firsts.set(day, start);
  }
  const hours = (t: DateTime) => t.hour + t.minute / 60;
  const utcHours = (t: DateTime) => t.toUTC().hour + t.toUTC().minute / 60;
  const before = [...firsts.values()].filter((t) => (t.toISODate() ?? '') < split);
  const after = [...firsts.values()].filter((t) => (t.toISODate() ?? '') > split);
  return {
    localBefore: median(before.map(hours)),
    localAfter: median(after.map(hours)),
    utcBefore: median(before.map(utcHours)),
    utcAfter: median(after.map(utcHours)),
  };
}

function shareInside(list: TelemetryEventInput[], zone: string, from: number, to: number): number {
  const activity = list.filter((e) => e.type === 'activity');
  const inside = activity.filter((e) => {
    const t = local(e.at, zone);
    const hour = t.hour + t.minute / 60;
    return t.weekday <= 5 && hour >= from && hour < to;
  });
  return inside.length / activity.length;
}

describe('example behaviour', () => {
  it('keeps a New York worker at 9 local across the 8 March DST change, an hour earlier in UTC', () => {
    // Act
    const starts = dayStarts('c-newyork-honest', 'America/New_York', '2026-03-08');

    // Assess
    expect(Math.abs(starts.localBefore - starts.localAfter)).toBeLessThan(0.5);
    expect(starts.localBefore).toBeGreaterThan(8);
    expect(starts.localBefore).toBeLessThan(10);
    expect(starts.utcBefore - starts.utcAfter).toBeGreaterThan(0.5);
    expect(starts.utcBefore - starts.utcAfter).toBeLessThan(1.5);
  });

  it('records git offsets that follow each zone’s DST: New York, Berlin and Adelaide', () => {
    const offsets = (id: string, before: string, after: string) => {
      const commits = of(id).filter((e) => e.type === 'activity' && e.source === 'git');
      const at = (e: TelemetryEventInput) => (e.type === 'activity' ? e.recordedOffsetMinutes : undefined);
      return [
        new Set(commits.filter((e) => Date.parse(e.at) < Date.parse(before)).map(at)),
        new Set(commits.filter((e) => Date.parse(e.at) > Date.parse(after)).map(at)),
      ];
    };
    expect(offsets('c-newyork-honest', '2026-03-08', '2026-03-09')).toEqual([
      new Set([-300]),
      new Set([-240]),
    ]);
    expect(offsets('c-berlin-honest', '2026-03-29', '2026-03-30')).toEqual([new Set([60]), new Set([120])]);
    expect(offsets('c-adelaide-honest', '2026-04-04', '2026-04-06')).toEqual([
      new Set([630]),
      new Set([570]),
    ]);
  });

  it('works an honest day inside the claimed hours, and a deceiver’s outside them', () => {
    expect(shareInside(of('c-tokyo-honest'), 'Asia/Tokyo', 8, 19)).toBeGreaterThan(0.85);
    expect(shareInside(of('c-dprk-chicago'), 'America/Chicago', 9, 17)).toBeLessThan(0.1);
    expect(shareInside(of('c-newyork-12h'), 'America/New_York', 9, 17)).toBeLessThan(0.1);
  });

  it('keeps the night owl working past midnight and the early bird done by mid-afternoon', () => {
    const hours = (id: string, zone: string) =>
      of(id)
        .filter((e) => e.type === 'activity')
        .map((e) => local(e.at, zone).hour);
    expect(hours('c-berlin-nightowl', 'Europe/Berlin').filter((h) => h < 2).length).toBeGreaterThan(10);
    expect(hours('c-berlin-nightowl', 'Europe/Berlin').filter((h) => h >= 6 && h < 12)).toEqual([]);
    expect(hours('c-chicago-earlybird', 'America/Chicago').filter((h) => h >= 16 && h < 19)).toEqual([]);
  });

  it('has the weekend worker work weekends and rest on Mondays and Tuesdays', () => {
    const weekdays = of('c-mexicocity-weekend')
      .filter((e) => e.type === 'session')
      .map((e) => local(e.at, 'America/Mexico_City').weekday);
    expect(weekdays.filter((d) => d >= 6).length).toBeGreaterThan(10);
    expect(weekdays.filter((d) => d <= 2).length).toBeLessThan(3);
  });

  it('flies the traveller to Lisbon with a real gap and signs them in from Portugal there, whatever the seed', () => {
    // Prepare: the persona leaves New York on day 10 at 18:30 (7 h flight) and flies back ten days later
    // at 11:00 Lisbon time (8.5 h flight)
    const departs = Date.parse('2026-03-12T18:30:00-04:00');
    const lands = departs + 7 * 3_600_000;
    const returns = Date.parse('2026-03-22T11:00:00+00:00');
    const home = returns + 8.5 * 3_600_000;
    const traveller = CURATED_PERSONAS.filter((p) => p.contractorId === 'c-newyork-traveller');
    const seeds = ['1', '2', '3', '4', '5'];
    const mine = seeds.flatMap((seed) => [...exampleEvents(traveller, { ...OPTIONS, seed })].flat());

    // Act
    const instants = mine.flatMap((e) =>
      e.type === 'chat' && e.respondedAt !== undefined ? [Date.parse(e.respondedAt)] : [Date.parse(e.at)],
    );
    const lisbon = mine.filter((e) => e.type === 'login' && e.device?.timezone === 'Europe/Lisbon');

    // Assess
    expect(instants.filter((t) => t > departs && t < lands)).toEqual([]);
    expect(instants.filter((t) => t > returns && t < home)).toEqual([]);
    expect(lisbon.length).toBeGreaterThan(5 * seeds.length);
    for (const login of lisbon) {
      expect(login.type === 'login' && login.ip.startsWith('85.24')).toBe(true);
      expect(Date.parse(login.at)).toBeGreaterThan(lands);
      expect(Date.parse(login.at)).toBeLessThan(returns);
    }
  });

  it('has honest contractors answer most messages quickly, and a deceiver rarely in claimed hours', () => {
    const quick = (id: string) => {
      const chats = of(id).filter((e) => e.type === 'chat');
      const fast = chats.filter(
        (e) =>
          e.type === 'chat' &&
          e.respondedAt !== undefined &&
          Date.parse(e.respondedAt) - Date.parse(e.at) < 1_800_000,
      );
      return fast.length / chats.length;
    };
    expect(quick('c-berlin-honest')).toBeGreaterThan(0.7);
    expect(quick('c-dprk-chicago')).toBeLessThan(0.25);
    expect(quick('c-dprk-unreachable')).toBeLessThan(0.25);
  });

  it('signs VPN users in from hosting ranges and leaks a North Korean address now and then', () => {
    const ips = of('c-dprk-pyongyang-slip').flatMap((e) => (e.type === 'login' ? [e.ip] : []));
    expect(ips.filter((ip) => ip.startsWith('175.45.17')).length).toBeGreaterThan(0);
    expect(ips.filter((ip) => /^(104\.131|3\.(8[0-9]|9[0-5])|173\.255)\./.test(ip)).length).toBeGreaterThan(
      10,
    );
  });

  it('shows one device id under two identities', () => {
    const deviceIds = (id: string) =>
      new Set(of(id).flatMap((e) => (e.type === 'login' && e.device?.id ? [e.device.id] : [])));
    expect([...deviceIds('c-dprk-shared-a')]).toEqual([...deviceIds('c-dprk-shared-b')]);
  });
});
