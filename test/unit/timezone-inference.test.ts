import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { inferUtcOffset } from '../../shared/domain/timezone/infer.js';
import { defaultTimezoneModel, type TimezoneModel } from '../../shared/domain/timezone/model.js';
import { randomSource, syntheticHistory } from './timezone-synthetic-history.js';

const within = (answer: number | null, expected: number, minutes: number): boolean =>
  answer !== null && Math.abs(answer - expected) <= minutes;

describe('inferUtcOffset', () => {
  it('places a 9-to-6 worker in Tokyo at UTC+9', () => {
    // Prepare
    const instants = syntheticHistory({
      where: 'Asia/Tokyo',
      from: '2025-01-06',
      days: 120,
      startHour: 9,
      endHour: 18,
    });

    // Act
    const inferred = inferUtcOffset(instants);

    // Assess
    expect(inferred.utcOffsetMinutes).toBe(540);
    expect(inferred.timezone).toBeNull();
    expect(inferred.candidates[0]?.offsetMinutes).toBe(540);
  });

  it('recognises New York by its daylight-saving change in March', () => {
    // Prepare: January to May 2026, across the 8 March switch from −5:00 to −4:00.
    const instants = syntheticHistory({
      where: 'America/New_York',
      from: '2026-01-05',
      days: 150,
      startHour: 9,
      endHour: 17.5,
    });

    // Act
    const inferred = inferUtcOffset(instants);

    // Assess: the offset it has at most of the activity, and the zone whose rules explain the switch.
    expect([-300, -240]).toContain(inferred.utcOffsetMinutes);
    expect(inferred.timezone).toBe('America/New_York');
  });

  it('puts an office worker in Kolkata within an hour of UTC+5:30, with +5:30 among the top candidates', () => {
    // Prepare
    const instants = syntheticHistory({
      where: 'Asia/Kolkata',
      from: '2025-01-06',
      days: 120,
      startHour: 9.5,
      endHour: 18.5,
    });

    // Act
    const inferred = inferUtcOffset(instants);

    // Assess
    expect(within(inferred.utcOffsetMinutes, 330, 60)).toBe(true);
    expect(inferred.candidates.slice(0, 3).map((c) => c.offsetMinutes)).toContain(330);
  });

  it("follows Sydney's southern-hemisphere daylight saving (+11:00 in summer, +10:00 from April)", () => {
    // Prepare: January to July, across the 6 April 2025 switch.
    const instants = syntheticHistory({
      where: 'Australia/Sydney',
      from: '2025-01-06',
      days: 180,
      startHour: 9.5,
      endHour: 18.5,
    });

    // Act
    const inferred = inferUtcOffset(instants);

    // Assess
    expect(within(inferred.utcOffsetMinutes, 630, 60)).toBe(true);
    expect(inferred.candidates[0]).toMatchObject({ offsetMinutes: 660, timezone: 'Australia/Sydney' });
  });

  it('places a night owl in Berlin (weeknights until 1 am, weekend afternoons) in Central Europe', () => {
    // Prepare: someone who codes after a day job; the weekend afternoons are what rule out a day worker in America.
    const random = randomSource(3);
    const instants: number[] = [];
    for (let d = 0; d < 150; d++) {
      const day = DateTime.fromISO('2025-01-06', { zone: 'Europe/Berlin' }).plus({ days: d });
      const weekend = day.weekday >= 6;
      const count = random() < (weekend ? 0.6 : 0.8) ? 4 : 0;
      for (let i = 0; i < count; i++) {
        const hour = weekend ? 13 + random() * 5 : 21 + random() * 4;
        instants.push(day.plus({ minutes: Math.floor(hour * 60) }).toMillis());
      }
    }

    // Act
    const inferred = inferUtcOffset(instants);

    // Assess
    expect(within(inferred.utcOffsetMinutes, 60, 60)).toBe(true);
  });

  it('gives no answer from three events', () => {
    // Prepare
    const instants = [
      Date.parse('2026-03-02T01:00:00Z'),
      Date.parse('2026-03-03T02:00:00Z'),
      Date.parse('2026-03-04T03:00:00Z'),
    ];

    // Act
    const inferred = inferUtcOffset(instants);

    // Assess
    expect(inferred).toMatchObject({ utcOffsetMinutes: null, confidence: 0, timezone: null });
  });

  it('counts a burst of commits in one minute as one sign of presence', () => {
    // Prepare: fifty commits pushed at once are still thin evidence.
    const burst = Array.from({ length: 50 }, (_, i) => Date.parse('2026-03-02T09:00:00Z') + i * 1000);

    // Act
    const inferred = inferUtcOffset(burst);

    // Assess
    expect(inferred.utcOffsetMinutes).toBeNull();
    expect(inferred.effectiveSampleSize).toBeLessThanOrEqual(1);
  });

  it('ignores instants that are not finite numbers', () => {
    // Prepare
    const instants = syntheticHistory({
      where: 'Asia/Tokyo',
      from: '2025-01-06',
      days: 120,
      startHour: 9,
      endHour: 18,
    });

    // Act
    const inferred = inferUtcOffset([...instants, Number.NaN, Number.POSITIVE_INFINITY]);

    // Assess
    expect(inferred.utcOffsetMinutes).toBe(540);
  });
});

/** The shipped model with a flat prior over whole-hour offsets and no zones: time-translation symmetric. */
const symmetricModel: TimezoneModel = {
  ...defaultTimezoneModel,
  offsetPrior: Array.from({ length: 27 }, (_, i) => ({ offsetMinutes: -720 + 60 * i, probability: 1 })),
  zones: [],
};

describe('inferUtcOffset (properties)', () => {
  it('moves the answer by k hours when every instant moves by k hours', () => {
    // Offsets near the middle of −12:00 … +14:00: a broad posterior moved near an end loses mass over it (from
    // UTC+4 moved three hours east, the confidence changes by 0.03), which is not what this property is about.
    fc.assert(
      fc.property(
        fc.integer({ min: -2, max: 2 }).map((h) => h * 60),
        fc.integer({ min: -3, max: 3 }),
        fc.integer({ min: 8, max: 11 }),
        fc.integer({ min: 1, max: 1000 }),
        (offsetMinutes, k, startHour, seed) => {
          // Prepare
          const instants = syntheticHistory({
            where: offsetMinutes,
            from: '2025-03-03',
            days: 70,
            startHour,
            endHour: startHour + 8,
            dayOffChance: 0.05,
            seed,
          });
          const moved = instants.map((t) => t + k * 3_600_000);

          // Act
          const before = inferUtcOffset(instants, symmetricModel);
          const after = inferUtcOffset(moved, symmetricModel);

          // Assess: local = UTC + offset, so activity k hours later in UTC means an offset k hours smaller. The
          // confidence moves only by the little mass of hypotheses that the shift carries across −12:00/+14:00.
          expect(before.utcOffsetMinutes).not.toBeNull();
          expect(after.utcOffsetMinutes).toBe((before.utcOffsetMinutes as number) - 60 * k);
          expect(Math.abs(after.confidence - before.confidence)).toBeLessThan(0.02);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('keeps candidate probabilities in [0, 1], best first, summing to at most 1', () => {
    const first = Date.parse('2015-01-01T00:00:00Z');
    const last = Date.parse('2026-01-01T00:00:00Z');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: first, max: last }), { maxLength: 300 }), (instants) => {
        // Act
        const inferred = inferUtcOffset(instants);

        // Assess
        const probabilities = inferred.candidates.map((c) => c.probability);
        expect(probabilities.every((p) => p >= 0 && p <= 1)).toBe(true);
        expect(probabilities.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-9);
        expect([...probabilities].sort((a, b) => b - a)).toEqual(probabilities);
        expect(inferred.candidates.length).toBeLessThanOrEqual(5);
        expect(inferred.confidence).toBeGreaterThanOrEqual(0);
        expect(inferred.confidence).toBeLessThanOrEqual(1);
        if (inferred.utcOffsetMinutes === null) expect(inferred.confidence).toBe(0);
      }),
      { numRuns: 60 },
    );
  });
});
