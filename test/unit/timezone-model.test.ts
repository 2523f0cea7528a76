import { describe, expect, it } from 'vitest';
import { inferUtcOffset } from '../../shared/domain/timezone/infer.js';
import { type TrainingDeveloper, trainTimezoneModel } from '../../shared/domain/timezone/learn.js';
import { defaultTimezoneModel, parseTimezoneModel } from '../../shared/domain/timezone/model.js';
import { adaptToPopulation } from '../../shared/domain/timezone/population.js';
import { syntheticHistory } from './timezone-synthetic-history.js';

const priorAt = (
  model: { offsetPrior: { offsetMinutes: number; probability: number }[] },
  offset: number,
) => {
  const total = model.offsetPrior.reduce((sum, o) => sum + o.probability, 0);
  return (model.offsetPrior.find((o) => o.offsetMinutes === offset)?.probability ?? 0) / total;
};

function developers(): TrainingDeveloper[] {
  const places: [string, number][] = [
    ['Asia/Tokyo', 540],
    ['Europe/London', 0],
    ['America/Chicago', -360],
  ];
  return places.flatMap(([where, offsetMinutes], p) =>
    Array.from({ length: 6 }, (_, i) => ({
      offsetMinutes,
      instantsMs: syntheticHistory({
        where,
        from: '2025-01-06',
        days: 60,
        startHour: 8 + i * 0.5,
        endHour: 17 + i * 0.5,
        seed: 10 * p + i + 1,
      }),
    })),
  );
}

describe('defaultTimezoneModel', () => {
  it('ships kinds of week that are distributions over the 672 quarter-hours of the week', () => {
    for (const profile of defaultTimezoneModel.profiles) {
      expect(profile.week).toHaveLength(7 * 96);
      expect(profile.week.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    }
  });
});

describe('parseTimezoneModel', () => {
  it('rejects parameters with a week of the wrong length, naming the field', () => {
    // Prepare
    const broken = { ...defaultTimezoneModel, profiles: [{ probability: 1, week: [1, 2, 3] }] };

    // Act & Assess
    expect(() => parseTimezoneModel(broken)).toThrow(/profiles/);
  });

  it('rejects a DST zone the runtime does not know', () => {
    expect(() => parseTimezoneModel({ ...defaultTimezoneModel, zones: ['Mars/Olympus_Mons'] })).toThrow(
      /IANA time zone/,
    );
  });

  it('accepts what the trainer writes', () => {
    const model = trainTimezoneModel(developers(), { rounds: 2 });
    expect(parseTimezoneModel(JSON.parse(JSON.stringify(model)))).toEqual(model);
  });
});

describe('trainTimezoneModel', () => {
  it('learns the same parameters from the same developers', () => {
    expect(trainTimezoneModel(developers(), { rounds: 2 })).toEqual(
      trainTimezoneModel(developers(), { rounds: 2 }),
    );
  });

  it('puts most prior weight on the offsets the developers were at, but leaves unseen offsets possible', () => {
    // Act
    const model = trainTimezoneModel(developers(), { rounds: 2 });

    // Assess
    expect(priorAt(model, 540)).toBeGreaterThan(priorAt(model, 300));
    expect(priorAt(model, -360)).toBeGreaterThan(priorAt(model, -600));
    expect(priorAt(model, 345)).toBeGreaterThan(0);
  });

  it('learns parameters that place a new developer from one of the training places', () => {
    // Prepare
    const model = trainTimezoneModel(developers(), { rounds: 2 });
    const newcomer = syntheticHistory({
      where: 'Asia/Tokyo',
      from: '2025-04-07',
      days: 60,
      startHour: 9,
      endHour: 18,
    });

    // Act
    const inferred = inferUtcOffset(newcomer, model);

    // Assess
    expect(inferred.utcOffsetMinutes).toBe(540);
  });
});

describe('adaptToPopulation', () => {
  it('raises the prior of the offset where a batch of contractors evidently works', () => {
    // Prepare
    const team = Array.from({ length: 8 }, (_, i) =>
      syntheticHistory({
        where: 'Asia/Tokyo',
        from: '2025-01-06',
        days: 60,
        startHour: 9,
        endHour: 18,
        seed: i + 1,
      }),
    );

    // Act
    const adapted = adaptToPopulation(defaultTimezoneModel, team);

    // Assess
    expect(priorAt(adapted, 540)).toBeGreaterThan(2 * priorAt(defaultTimezoneModel, 540));
    expect(adapted.profiles).toBe(defaultTimezoneModel.profiles);
  });

  it('still judges a contractor who works far from the rest of the batch on their own evidence', () => {
    // Prepare: ten people in Tokyo and one in Berlin.
    const tokyo = Array.from({ length: 10 }, (_, i) =>
      syntheticHistory({
        where: 'Asia/Tokyo',
        from: '2025-01-06',
        days: 60,
        startHour: 9,
        endHour: 18,
        seed: i + 1,
      }),
    );
    const berlin = syntheticHistory({
      where: 'Europe/Berlin',
      from: '2025-01-06',
      days: 60,
      startHour: 9.5,
      endHour: 18.5,
      seed: 99,
    });

    // Act
    const adapted = adaptToPopulation(defaultTimezoneModel, [...tokyo, berlin]);

    // Assess
    expect(inferUtcOffset(berlin, adapted).utcOffsetMinutes).toBe(inferUtcOffset(berlin).utcOffsetMinutes);
  });

  it('leaves the model as shipped when no one has enough activity', () => {
    expect(adaptToPopulation(defaultTimezoneModel, [[Date.parse('2026-01-05T10:00:00Z')]])).toBe(
      defaultTimezoneModel,
    );
  });
});
