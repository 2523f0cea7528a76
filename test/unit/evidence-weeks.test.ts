import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EvidenceBook } from '../../shared/domain/evidence/evidence-book.js';
import type { EvidenceSnapshot } from '../../shared/domain/evidence/evidence-snapshot.js';
import {
  evidenceFromSnapshots,
  mergeSnapshots,
  weeklySnapshots,
  weekOf,
  weekStart,
} from '../../shared/domain/evidence/evidence-weeks.js';
import { decodeSnapshot, encodeSnapshot } from '../../shared/domain/evidence/snapshot-codec.js';
import type { TelemetryEvent } from '../../shared/schema/events.js';
import { checkEvent } from '../../shared/schema/validate-event.js';

const START = Date.parse('2026-03-02T00:00:00Z');
const DAYS = 30;

const rawEvent = fc
  .record({
    n: fc.integer({ min: 0, max: 400 }),
    contractor: fc.constantFrom('c-a', 'c-b'),
    type: fc.constantFrom('login', 'session', 'activity', 'chat'),
    minute: fc.integer({ min: 0, max: DAYS * 1440 }),
    ip: fc.constantFrom('81.2.69.160', '2001:db8::1', '175.45.176.3'),
    device: fc.constantFrom(
      undefined,
      { id: 'd1', timezone: 'Europe/London' },
      { id: 'd2', locale: 'ko-KR' },
    ),
    length: fc.integer({ min: 1, max: 600 }),
    offset: fc.constantFrom(undefined, 0, 540, -300),
    replyAfter: fc.option(fc.integer({ min: 0, max: 90 * 1440 })),
  })
  .map((r) => {
    const at = START + r.minute * 60_000;
    const iso = (t: number) => new Date(t).toISOString();
    const base = { id: `${r.contractor}-${r.n}`, contractorId: r.contractor, at: iso(at) };
    switch (r.type) {
      case 'login':
        return { ...base, type: 'login', ip: r.ip, success: r.n % 5 !== 0, device: r.device };
      case 'session':
        return { ...base, type: 'session', endAt: iso(at + r.length * 60_000), ip: r.ip, device: r.device };
      case 'activity':
        return { ...base, type: 'activity', recordedOffsetMinutes: r.offset };
      default:
        return {
          ...base,
          type: 'chat',
          direct: r.n % 2 === 0,
          respondedAt: r.replyAfter === null ? undefined : iso(at + r.replyAfter * 60_000),
        };
    }
  });

function valid(raws: unknown[]): TelemetryEvent[] {
  const out: TelemetryEvent[] = [];
  for (const raw of raws) {
    const checked = checkEvent(JSON.parse(JSON.stringify(raw)), START + 200 * 86_400_000);
    if (checked.ok) out.push(checked.event);
  }
  return out;
}

/** A snapshot in a canonical order, so two holding the same evidence compare equal. */
function canonical(s: EvidenceSnapshot) {
  const byJson = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();
  return {
    ...s,
    events: byJson(s.events),
    hours: [...s.hours].sort(),
    addresses: byJson(s.addresses),
    devices: byJson(s.devices),
  };
}

/** Stores each part's weeks (through the codec), merging week by week as the processor does. */
function storedWeeks(parts: TelemetryEvent[][]): Map<string, Map<string, EvidenceSnapshot>> {
  const store = new Map<string, Map<string, EvidenceSnapshot>>();
  for (const part of parts) {
    for (const [contractor, weeks] of weeklySnapshots(part)) {
      const own = store.get(contractor) ?? new Map<string, EvidenceSnapshot>();
      for (const [week, snapshot] of weeks) {
        const before = own.get(week);
        const merged = before === undefined ? snapshot : mergeSnapshots(before, snapshot);
        own.set(week, decodeSnapshot(encodeSnapshot(merged, weekStart(week)), weekStart(week)));
      }
      store.set(contractor, own);
    }
  }
  return store;
}

describe('Evidence kept by week', () => {
  it('names the Monday of the UTC week an instant falls in', () => {
    expect(weekOf(Date.parse('2026-03-02T00:00:00Z'))).toBe('2026-03-02');
    expect(weekOf(Date.parse('2026-03-08T23:59:59.999Z'))).toBe('2026-03-02');
    expect(weekOf(Date.parse('2026-03-09T00:00:00Z'))).toBe('2026-03-09');
    expect(weekOf(Date.parse('1970-01-01T00:00:00Z'))).toBe('1969-12-29');
  });

  it('merges, in any split and order and with repeats, into the evidence of one pass over every event', () => {
    fc.assert(
      fc.property(fc.array(rawEvent, { maxLength: 300 }), fc.array(fc.nat(3)), (raws, cuts) => {
        // Prepare: the events in parts (by the cuts), the last part delivered again.
        const events = valid(raws);
        expect(events).toHaveLength(raws.length);
        const parts: TelemetryEvent[][] = [[], [], [], []];
        events.forEach((e, i) => {
          parts[cuts[i % Math.max(1, cuts.length)] ?? 0]?.push(e);
        });
        parts.push(parts[3] ?? []);
        const whole = new EvidenceBook();
        for (const e of events) whole.add(e);
        // Act
        const stored = storedWeeks(parts.reverse());
        // Assess
        for (const id of whole.contractorIds()) {
          const book = evidenceFromSnapshots(id, stored.get(id)?.values() ?? []);
          const expected = whole.of(id).snapshot(whole.addresses, whole.devices);
          expect(canonical(book.of(id).snapshot(book.addresses, book.devices))).toEqual(canonical(expected));
          expect(book.of(id).eventCounts()).toEqual(whole.of(id).eventCounts());
        }
      }),
      { numRuns: 60 },
    );
  });

  it('round-trips a snapshot through its binary form exactly, far instants and absent details included', () => {
    fc.assert(
      fc.property(fc.array(rawEvent, { maxLength: 200 }), (raws) => {
        for (const weeks of weeklySnapshots(valid(raws)).values())
          for (const [week, snapshot] of weeks) {
            const base = weekStart(week);
            expect(decodeSnapshot(encodeSnapshot(snapshot, base), base)).toEqual(snapshot);
          }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps counts unbiased when one week holds more events than its sample', () => {
    // Prepare: 3,000 activities in one week, stored as one week item.
    const raws = Array.from({ length: 3000 }, (_, i) => ({
      id: `big-${i}`,
      contractorId: 'c-big',
      type: 'activity',
      at: new Date(START + i * 60_000).toISOString(),
    }));
    const events = valid(raws);
    const whole = new EvidenceBook();
    for (const e of events) whole.add(e);
    // Act
    const stored = storedWeeks([events.slice(0, 1500), events.slice(1500)]);
    const book = evidenceFromSnapshots('c-big', stored.get('c-big')?.values() ?? []);
    // Assess
    expect(book.of('c-big').eventCounts()).toEqual(whole.of('c-big').eventCounts());
    expect(book.of('c-big').eventCounts().exact).toBe(false);
  });

  it('refuses a stored form of another version rather than misreading it', () => {
    const bytes = encodeSnapshot(
      { events: [], eventsLimit: null, hours: [], addresses: [], devices: [] },
      START,
    );
    bytes[0] = 9;
    expect(() => decodeSnapshot(bytes, START)).toThrow(/format 9 is not supported/);
  });
});
