import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contractorIdParameter } from '../../functions/runtime/http.js';
import { BadRequestError } from '../../shared/pipeline/errors.js';
import { Claim } from '../../shared/schema/claims.js';
import { describeIssues } from '../../shared/schema/issues.js';
import { uncarriableCharacter, uncarriableFields } from '../../shared/schema/text.js';
import { checkEvent } from '../../shared/schema/validate-event.js';
import { contractFields, wireJson } from '../../shared/schema/wire.js';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const login = (fields: Record<string, unknown> = {}) => ({
  id: 'e1',
  contractorId: 'c-1',
  type: 'login',
  at: '2026-03-01T09:30:00Z',
  ip: '81.2.69.160',
  ...fields,
});

describe('Instants Daylight can store', () => {
  it.each([
    ['at', login({ at: '0000-01-01T00:00:00Z' })],
    ['at', login({ at: '1969-12-31T23:59:59Z' })],
    [
      'endAt',
      {
        id: 's',
        contractorId: 'c-1',
        type: 'session',
        at: '1969-12-31T23:00:00Z',
        endAt: '1969-12-31T23:30:00Z',
      },
    ],
  ])('refuses an event dated before 1970, naming %s', (field, raw) => {
    // Act
    const result = checkEvent(raw, NOW);

    // Assess
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.field)).toContain(field);
    expect(!result.ok && result.problems[0]?.reason).toMatch(/1970-01-01T00:00:00Z|future/);
  });

  it('accepts the first instant of 1970', () => {
    expect(checkEvent(login({ at: '1970-01-01T00:00:00Z' }), NOW).ok).toBe(true);
  });
});

describe('Text every queue can carry', () => {
  it.each([
    ['\uFFFE', 'U+FFFE'],
    ['\uFFFF', 'U+FFFF'],
    ['\u0000', 'U+0000'],
    ['\u0001', 'U+0001'],
    ['\uD800', 'U+D800'],
  ])('refuses %j in any text field of an event, naming the field and the character', (character, name) => {
    // Act
    const inSource = checkEvent(login({ source: `hr${character}` }), NOW);
    const inDevice = checkEvent(
      login({ device: { id: `d${character}`, keyboardLayouts: ['ko', `x${character}`] } }),
      NOW,
    );

    // Assess
    expect(inSource).toEqual({
      ok: false,
      problems: [{ field: 'source', reason: expect.stringContaining(name) }],
    });
    expect(!inDevice.ok && inDevice.problems.map((p) => p.field)).toEqual([
      'device.id',
      'device.keyboardLayouts.1',
    ]);
  });

  it('accepts emoji, right-to-left text, combining marks, tabs and new lines', () => {
    for (const text of ['😀 ok', 'مرحبا\u200F', 'e\u0301', 'a\tb\nc\r'])
      expect(checkEvent(login({ userAgent: text }), NOW).ok, text).toBe(true);
  });

  it('refuses such a character in a claim, naming the field', () => {
    // Act
    const parsed = Claim.safeParse({ contractorId: 'c-1', source: 'hr', name: 'Kim\uFFFE', city: 'Seoul' });

    // Assess
    expect(parsed.success).toBe(false);
    expect(parsed.success ? [] : describeIssues(parsed.error)).toEqual([
      { field: 'name', reason: expect.stringContaining('U+FFFE') },
    ]);
  });

  it('finds a refused character by the quick scan exactly when the definition does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (text) => {
        expect(uncarriableFields({ text }).length === 0).toBe(uncarriableCharacter(text) === undefined);
      }),
      { numRuns: 20_000 },
    );
  });

  it('sends any JSON value as ASCII that parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
        for (const v of [value, text, { text }]) {
          const wire = wireJson(v);
          expect(wire).toMatch(/^[\x20-\x7e]*$/);
          expect(JSON.parse(wire)).toEqual(JSON.parse(JSON.stringify(v)));
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('Extra fields', () => {
  it('are dropped before the event is queued, however deep, and the event reads the same', () => {
    // Prepare: an extra field 100,000 levels deep, at the top and inside the device
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    const raw = login({ extra: deep, device: { id: 'd-1', junk: deep } });

    // Act
    const kept = contractFields(raw, 'login');

    // Assess
    expect(kept).toEqual({ ...login(), device: { id: 'd-1' } });
    expect(() => wireJson(kept)).not.toThrow();
    const before = checkEvent(raw, NOW);
    expect(before.ok && checkEvent(kept, NOW)).toEqual(before);
  });
});

describe('Business hours', () => {
  it.each(['24:30', '24:59', '25:00', '23:60', '7:00'])('refuses %s as a clock time', (time) => {
    const parsed = Claim.safeParse({
      contractorId: 'c',
      source: 'hr',
      businessHours: { start: '09:00', end: time },
    });
    expect(parsed.success ? [] : describeIssues(parsed.error).map((p) => p.field)).toEqual([
      'businessHours.end',
    ]);
  });

  it.each(['00:00', '23:59', '24:00'])('accepts %s', (time) => {
    expect(
      Claim.safeParse({ contractorId: 'c', source: 'hr', businessHours: { start: '00:00', end: time } })
        .success,
    ).toBe(true);
  });
});

describe('The contractor id of a path', () => {
  const request = (id: string) => ({ pathParameters: { id } }) as unknown as APIGatewayProxyEventV2;
  const problem = (id: string) => {
    try {
      contractorIdParameter(request(id));
      return undefined;
    } catch (error) {
      return error instanceof BadRequestError ? error.problems[0] : error;
    }
  };

  it.each(['%', '%ED%A0%80', '%E0%A4%A', 'x'.repeat(3000), 'a%20b', '~infra%23device%3Ax', '%00'])(
    'refuses %j with a 400 naming the id',
    (id) => {
      expect(problem(id.slice(0, 3000))).toEqual({ field: 'id', reason: expect.any(String) });
    },
  );

  it('decodes a valid id', () => {
    expect(contractorIdParameter(request('c%40example.com'))).toBe('c@example.com');
  });
});
