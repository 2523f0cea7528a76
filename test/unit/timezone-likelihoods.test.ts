import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  inferFromLikelihoods,
  inferUtcOffset,
  offsetLikelihoods,
} from '../../shared/domain/timezone/infer.js';
import { defaultTimezoneModel, type TimezoneModel, templatesOf } from '../../shared/domain/timezone/model.js';
import { adaptPriorToPopulation, adaptToPopulation } from '../../shared/domain/timezone/population.js';
import { RotatedHistogram } from '../../shared/domain/timezone/rotated-histogram.js';
import { fitScores, fitScratch, logSumExp, marginalise } from '../../shared/domain/timezone/templates.js';
import {
  sparseHistogram,
  WEEK_BINS,
  weekBin,
  weighEvidence,
} from '../../shared/domain/timezone/week-bins.js';
import { zoneHistogram, zoneRuns } from '../../shared/domain/timezone/zone-histogram.js';
import { zoneOffsetMinutes } from '../../shared/domain/timezone/zone-offsets.js';
import { syntheticHistory } from './timezone-synthetic-history.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const team = [
  { where: 'Asia/Tokyo', startHour: 9, endHour: 18 },
  { where: 'America/New_York', startHour: 8, endHour: 17 },
  { where: 'Europe/Berlin', startHour: 10, endHour: 19 },
  { where: 'Australia/Sydney', startHour: 9, endHour: 17 },
].map((habit, i) => syntheticHistory({ ...habit, from: '2026-02-16', days: 60, seed: i + 1 }));

/** The log-likelihoods computed the plain way: every hypothesis's local week built instant by instant. */
function directLogLikelihoods(instantsMs: readonly number[], model: TimezoneModel): number[] {
  const templates = templatesOf(model);
  const scratch = fitScratch(templates);
  const evidence = weighEvidence(instantsMs, model.slotMinutes, model.dayExponent);
  const scale = evidence.total > 0 ? Math.min(1, model.evidenceCap / evidence.total) : 1;
  const logShiftPrior = (offsetMinutes: number): Float64Array => {
    const prior = model.offsetPrior.find((o) => o.offsetMinutes === offsetMinutes)?.shiftPrior;
    if (prior === undefined) return templates.logShiftPrior;
    const total = prior.reduce((a, b) => a + b, 0);
    return Float64Array.from(model.profiles.flatMap(() => prior.map((p) => Math.log(p / total))));
  };
  const utc = new Float64Array(WEEK_BINS);
  evidence.instants.forEach((instant, i) => {
    utc[weekBin(instant)] = (utc[weekBin(instant)] as number) + (evidence.weights[i] as number);
  });
  const zones = model.zones.map((zone) => {
    const seen = zoneHistogram(evidence, zone);
    const log = fitScores(seen.histogram, 0, templates, scale, scratch, logShiftPrior(seen.offsetMinutes));
    return { offsetMinutes: seen.offsetMinutes, log };
  });
  return model.offsetPrior.map(({ offsetMinutes }) => {
    const rotation = offsetMinutes / 15;
    const fixed = fitScores(
      sparseHistogram(utc),
      rotation,
      templates,
      scale,
      scratch,
      logShiftPrior(offsetMinutes),
    );
    const group = zones.filter((z) => z.offsetMinutes === offsetMinutes).map((z) => z.log);
    if (group.length === 0) return fixed;
    const zonePart = Math.log(model.zoneShare) + logSumExp(group) - Math.log(group.length);
    return logSumExp([zonePart, Math.log(1 - model.zoneShare) + fixed]);
  });
}

describe('offsetLikelihoods', () => {
  it('weighs each answer as building its local week instant by instant would', () => {
    // Windows across DST changes, and across Berlin's and New York's move from local mean time (not whole
    // quarter-hours) to standard time.
    const windows = ['2025-03-01', '2025-10-10', '2026-03-20', '1893-03-10', '1883-10-25'].map(Date.parse);
    fc.assert(
      fc.property(
        fc.constantFrom(...windows),
        fc.array(fc.integer({ min: 0, max: 50 * DAY_MS }), { minLength: 1, maxLength: 400 }),
        (start, moments) => {
          // Prepare
          const instants = moments.map((m) => start + m);

          // Act
          const { logLikelihoods } = offsetLikelihoods(instants, defaultTimezoneModel);

          // Assess
          const expected = directLogLikelihoods(instants, defaultTimezoneModel);
          logLikelihoods.forEach((log, i) => {
            expect(Math.abs(log - (expected[i] as number))).toBeLessThan(1e-9 * Math.max(1, Math.abs(log)));
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('gives each contractor the same answer whether inferred at once or from their likelihoods', () => {
    for (const instants of team) {
      // Act
      const likelihoods = offsetLikelihoods(instants, defaultTimezoneModel);

      // Assess
      expect(inferFromLikelihoods(likelihoods, defaultTimezoneModel)).toEqual(
        inferUtcOffset(instants, defaultTimezoneModel),
      );
    }
  });

  it('refuses likelihoods computed for another set of offsets', () => {
    // Prepare
    const fewer = { ...defaultTimezoneModel, offsetPrior: defaultTimezoneModel.offsetPrior.slice(1) };
    const likelihoods = offsetLikelihoods(team[0] as number[], fewer);

    // Act & Assess
    expect(() => inferFromLikelihoods(likelihoods, defaultTimezoneModel)).toThrow(/another model/);
  });
});

describe('adaptPriorToPopulation', () => {
  it('adapts the prior from likelihoods exactly as from the histories themselves', () => {
    // Prepare
    const likelihoods = team.map((instants) => offsetLikelihoods(instants, defaultTimezoneModel));

    // Act
    const adapted = adaptPriorToPopulation(defaultTimezoneModel, likelihoods);

    // Assess
    expect(adapted).toEqual(adaptToPopulation(defaultTimezoneModel, team));
    team.forEach((instants, i) => {
      expect(inferFromLikelihoods(likelihoods[i] as (typeof likelihoods)[number], adapted)).toEqual(
        inferUtcOffset(instants, adapted),
      );
    });
  });
});

describe('weighEvidence', () => {
  const from = Date.parse('2026-01-05T00:00:00Z');
  // Weeks of activity, decades of it, and values no clock gives: each takes another path to the same rule.
  const histories = fc.oneof(
    fc.array(fc.integer({ min: from, max: from + 3 * DAY_MS }), { maxLength: 200 }),
    fc.array(fc.integer({ min: -30 * 365 * DAY_MS, max: 30 * 365 * DAY_MS }), { maxLength: 200 }),
    fc.array(fc.double({ min: -1e20, max: 1e20 }), { maxLength: 50 }),
  );

  it('keeps, of the instants sharing a slot, the one that came first, and sorts what it keeps', () => {
    fc.assert(
      fc.property(histories, fc.constantFrom(1, 15, 60), (instants, slotMinutes) => {
        // Prepare: the plain reading of the rule.
        const seen = new Set<number>();
        const expected = instants.filter((t) => {
          if (!Number.isFinite(t)) return false;
          const slot = Math.floor(t / (slotMinutes * 60_000));
          if (seen.has(slot)) return false;
          seen.add(slot);
          return true;
        });

        // Act
        const evidence = weighEvidence(instants, slotMinutes, 0.5);

        // Assess
        expect([...evidence.instants]).toEqual(expected.sort((a, b) => a - b));
      }),
      { numRuns: 200 },
    );
  });
});

describe('zoneRuns', () => {
  it("agrees instant by instant with the zone's offset", () => {
    const zones = defaultTimezoneModel.zones;
    const from = Date.parse('2024-01-01T00:00:00Z');
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.array(fc.integer({ min: from, max: from + 800 * DAY_MS }), { maxLength: 300 }),
        (zone, unsorted) => {
          // Prepare
          const instants = [...unsorted].sort((a, b) => a - b);

          // Act
          const runs = zoneRuns(instants, zone);

          // Assess
          const offsets: number[] = [];
          for (let r = 0; r < runs.count; r++)
            for (let i = runs.starts[r] as number; i < (runs.ends[r] as number); i++)
              offsets.push(runs.offsets[r] as number);
          expect(offsets).toEqual(instants.map((t) => zoneOffsetMinutes(zone, t)));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('RotatedHistogram', () => {
  it('scores a week at any rotation as the full templates do', () => {
    const templates = templatesOf(defaultTimezoneModel);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: WEEK_BINS - 1 }), fc.double({ min: 0.1, max: 3 })), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.integer({ min: -60, max: 60 }),
        (entries, rotation) => {
          // Prepare
          const dense = new Float64Array(WEEK_BINS);
          for (const [bin, count] of entries) dense[bin] = (dense[bin] as number) + count;
          const expected = fitScores(sparseHistogram(dense), rotation, templates, 0.5, fitScratch(templates));

          // Act
          const histogram = new RotatedHistogram().reset(templates).takeDense(dense);
          const sums = new Float64Array(templates.profiles * templates.shifts);
          const onWeekend = histogram.scoreRotation(rotation, sums);
          const actual = marginalise(sums, onWeekend, histogram.total, templates, 0.5, fitScratch(templates));

          // Assess
          expect(Math.abs(actual - expected)).toBeLessThan(1e-9 * Math.max(1, Math.abs(expected)));
        },
      ),
      { numRuns: 60 },
    );
  });
});
