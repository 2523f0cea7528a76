/**
 * The inference gives the answers it gave before it was made faster. `timezone-frozen-answers.json` holds
 * histories (synthetic, or from `daylight example`, never real developers) with the outputs computed by the code as
 * it was before the speed-up; only floating-point noise may differ.
 */
import { describe, expect, it } from 'vitest';
import type { OffsetInference } from '../../shared/domain/timezone/infer.js';
import { inferUtcOffset, offsetPosterior } from '../../shared/domain/timezone/infer.js';
import { defaultTimezoneModel, type TimezoneModel } from '../../shared/domain/timezone/model.js';
import { adaptToPopulation } from '../../shared/domain/timezone/population.js';
import frozen from './timezone-frozen-answers.json' with { type: 'json' };

interface FrozenPosterior {
  probabilities: number[];
  logLikelihoods: number[];
  zones: (string | null)[];
  evidenceCount: number;
  effectiveSampleSize: number;
}

interface FrozenAnswers {
  inference: OffsetInference;
  posterior: FrozenPosterior;
  adapted: OffsetInference;
  plain: OffsetInference;
}

const PROBABILITY_NOISE = 1e-9;
// Log-likelihoods run to thousands of nats; summing in another order moves them by far less than this.
const LOG_NOISE = 1e-7;

const histories: [string, number[]][] = Object.entries(frozen.histories).map(([name, instants]) => [
  name,
  (instants as (number | string)[]).map(Number),
]);
const expected = frozen.expected as Record<string, FrozenAnswers>;

/** The shipped model without its learned extras: every instant kept, no regional shift priors. */
const plainModel: TimezoneModel = {
  ...defaultTimezoneModel,
  slotMinutes: 0,
  dayExponent: 0,
  offsetPrior: defaultTimezoneModel.offsetPrior.map(({ offsetMinutes, probability }) => ({
    offsetMinutes,
    probability,
  })),
};

function expectSameInference(actual: OffsetInference, frozenAnswer: OffsetInference): void {
  expect(actual.utcOffsetMinutes).toBe(frozenAnswer.utcOffsetMinutes);
  expect(actual.timezone).toBe(frozenAnswer.timezone);
  expect(actual.confidence).toBeCloseTo(frozenAnswer.confidence, 9);
  expect(actual.effectiveSampleSize).toBeCloseTo(frozenAnswer.effectiveSampleSize, 9);
  expect(actual.candidates.map((c) => [c.offsetMinutes, c.timezone ?? null])).toEqual(
    frozenAnswer.candidates.map((c) => [c.offsetMinutes, c.timezone ?? null]),
  );
  actual.candidates.forEach((candidate, i) => {
    const probability = frozenAnswer.candidates[i]?.probability ?? Number.NaN;
    expect(Math.abs(candidate.probability - probability)).toBeLessThan(PROBABILITY_NOISE);
  });
}

describe('inferUtcOffset (frozen answers)', () => {
  it.each(histories)('answers %s as it did before the speed-up', (name, instants) => {
    // Prepare
    const answers = expected[name] as FrozenAnswers;

    // Act
    const inferred = inferUtcOffset(instants, defaultTimezoneModel);
    const plain = inferUtcOffset(instants, plainModel);

    // Assess
    expectSameInference(inferred, answers.inference);
    expectSameInference(plain, answers.plain);
  });

  it.each(histories)('weighs every offset for %s as it did before', (name, instants) => {
    // Prepare
    const answers = expected[name] as FrozenAnswers;

    // Act
    const posterior = offsetPosterior(instants, defaultTimezoneModel);

    // Assess
    expect(posterior.offsets).toEqual(defaultTimezoneModel.offsetPrior.map((o) => o.offsetMinutes));
    expect(posterior.zones).toEqual(answers.posterior.zones);
    expect(posterior.evidenceCount).toBe(answers.posterior.evidenceCount);
    posterior.probabilities.forEach((p, i) => {
      expect(Math.abs(p - (answers.posterior.probabilities[i] as number))).toBeLessThan(PROBABILITY_NOISE);
    });
    posterior.logLikelihoods.forEach((l, i) => {
      expect(Math.abs(l - (answers.posterior.logLikelihoods[i] as number))).toBeLessThan(LOG_NOISE);
    });
  });
});

describe('adaptToPopulation (frozen answers)', () => {
  it('adapts the offset prior to the batch and answers each person as before', () => {
    // Act
    const adapted = adaptToPopulation(
      defaultTimezoneModel,
      histories.map(([, instants]) => instants),
    );

    // Assess
    adapted.offsetPrior.forEach((o, i) => {
      expect(Math.abs(o.probability - (frozen.adaptedPrior[i] as number))).toBeLessThan(PROBABILITY_NOISE);
    });
    for (const [name, instants] of histories)
      expectSameInference(inferUtcOffset(instants, adapted), (expected[name] as FrozenAnswers).adapted);
  });
});
