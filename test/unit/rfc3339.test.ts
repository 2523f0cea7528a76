import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RFC3339_PATTERN } from '../../shared/schema/events.js';
import { parseRfc3339 } from '../../shared/schema/rfc3339.js';

describe('parseRfc3339', () => {
  it('normalises an offset timestamp to the UTC instant', () => {
    expect(parseRfc3339('2026-03-01T09:30:00+09:00')).toBe(Date.parse('2026-03-01T00:30:00Z'));
    expect(parseRfc3339('2026-03-01T09:30:00.123456-05:30')).toBe(Date.parse('2026-03-01T15:00:00.123Z'));
    expect(parseRfc3339('2026-03-01 09:30:00z')).toBe(Date.parse('2026-03-01T09:30:00Z'));
  });

  it('refuses dates and times that do not exist, which Date.parse would roll over', () => {
    for (const text of [
      '2026-02-30T09:30:00Z',
      '2026-02-29T09:30:00Z',
      '2026-04-31T00:00:00Z',
      '2026-03-01T24:00:00Z',
      '2026-03-01T23:59:60Z',
      '2026-03-01T09:30:00+25:00',
      '2026-13-01T00:00:00Z',
      '2026-03-01T09:30:00',
      '2026-03-01T09:30:00.Z',
    ]) {
      expect(parseRfc3339(text), text).toBeUndefined();
    }
    expect(parseRfc3339('2024-02-29T09:30:00Z')).toBe(Date.parse('2024-02-29T09:30:00Z'));
    expect(parseRfc3339('0000-02-29T00:00:00Z')).toBe(Date.parse('0000-02-29T00:00:00Z'));
    expect(parseRfc3339('1900-02-29T00:00:00Z')).toBeUndefined();
  });

  it('agrees with Date.parse on every real instant written in RFC 3339, years 0–99 included', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0000-01-02'), max: new Date('9999-12-30'), noInvalidDate: true }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (date, offset) => {
          const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 23);
          const sign = offset < 0 ? '-' : '+';
          const abs = Math.abs(offset);
          const text = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          expect(RFC3339_PATTERN.test(text)).toBe(true);
          expect(parseRfc3339(text)).toBe(date.getTime());
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('accepts nothing the RFC 3339 pattern rejects', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        if (parseRfc3339(text) !== undefined) expect(RFC3339_PATTERN.test(text)).toBe(true);
      }),
    );
  });
});
