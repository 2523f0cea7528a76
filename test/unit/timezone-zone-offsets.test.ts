import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isKnownZone, zoneOffsetMinutes } from '../../shared/domain/timezone/zone-offsets.js';

const at = (iso: string): number => Date.parse(iso);

describe('zoneOffsetMinutes', () => {
  it('gives New York −240 in July and −300 in January', () => {
    // Prepare
    const july = at('2026-07-15T12:00:00Z');
    const january = at('2026-01-15T12:00:00Z');

    // Act
    const summer = zoneOffsetMinutes('America/New_York', july);
    const winter = zoneOffsetMinutes('America/New_York', january);

    // Assess
    expect(summer).toBe(-240);
    expect(winter).toBe(-300);
  });

  it('switches New York to daylight time exactly at 2026-03-08 07:00 UTC', () => {
    // Prepare
    const transition = at('2026-03-08T07:00:00Z');

    // Act
    const before = zoneOffsetMinutes('America/New_York', transition - 1);
    const atTransition = zoneOffsetMinutes('America/New_York', transition);
    const minuteBefore = zoneOffsetMinutes('America/New_York', transition - 60_000);

    // Assess
    expect(minuteBefore).toBe(-300);
    expect(before).toBe(-300);
    expect(atTransition).toBe(-240);
  });

  it('gives Sydney +660 in January and +600 in July (southern summer time)', () => {
    expect(zoneOffsetMinutes('Australia/Sydney', at('2026-01-15T00:00:00Z'))).toBe(660);
    expect(zoneOffsetMinutes('Australia/Sydney', at('2026-07-15T00:00:00Z'))).toBe(600);
  });

  it('handles half-hour and 45-minute zones', () => {
    expect(zoneOffsetMinutes('Asia/Kolkata', at('2026-05-01T00:00:00Z'))).toBe(330);
    expect(zoneOffsetMinutes('Asia/Kathmandu', at('2026-05-01T00:00:00Z'))).toBe(345);
  });

  it("follows Lord Howe Island's half-hour daylight saving", () => {
    expect(zoneOffsetMinutes('Australia/Lord_Howe', at('2026-01-15T00:00:00Z'))).toBe(660);
    expect(zoneOffsetMinutes('Australia/Lord_Howe', at('2026-07-15T00:00:00Z'))).toBe(630);
  });

  it('agrees with luxon for random zones and instants', () => {
    // Prepare
    const zones = Intl.supportedValuesOf('timeZone');
    const first = at('1975-01-01T00:00:00Z');
    const last = at('2060-01-01T00:00:00Z');

    // Act & Assess
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: first, max: last }),
        (zone, instantMs) =>
          zoneOffsetMinutes(zone, instantMs) === Math.round(new IANAZone(zone).offset(instantMs)),
      ),
      { numRuns: 300 },
    );
  });

  it('throws on a zone the runtime does not know', () => {
    expect(() => zoneOffsetMinutes('Mars/Olympus_Mons', 0)).toThrow(/unknown time zone/);
  });
});

describe('isKnownZone', () => {
  it('accepts IANA zones and aliases and rejects made-up names', () => {
    expect(isKnownZone('Europe/Berlin')).toBe(true);
    expect(isKnownZone('UTC')).toBe(true);
    expect(isKnownZone('Mars/Olympus_Mons')).toBe(false);
    expect(isKnownZone('')).toBe(false);
  });
});
