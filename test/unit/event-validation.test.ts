import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TelemetryEvent } from '../../shared/schema/events.js';
import { fastEvent } from '../../shared/schema/fast-event.js';
import { checkEvent } from '../../shared/schema/validate-event.js';

const NOW = Date.parse('2026-06-01T00:00:00Z');

/** Values that are sometimes right and often subtly wrong, to probe the edges of every field. */
const anyTimestamp = fc.oneof(
  fc
    .date({ min: new Date('1990-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom(
    '2026-03-01T09:30:00+09:00',
    '2026-03-01T09:30:00-05:30',
    '2026-03-01 09:30:00Z',
    '2026-03-01T09:30:00',
    '2026-02-30T09:30:00Z',
    '2026-03-01T24:30:00Z',
    'yesterday',
    '',
  ),
  fc.integer(),
);
const anyIp = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.constantFrom('999.1.1.1', '01.2.3.4', '1.2.3', '::1', 'fe80::1%eth0', ''),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const anyString = (max: number) =>
  fc.oneof(fc.string({ maxLength: 12 }), fc.string({ minLength: max - 1, maxLength: max + 1 }));
const anyDevice = fc.oneof(
  fc.record(
    {
      id: anyString(256),
      timezone: anyString(64),
      locale: fc.oneof(fc.constant('en-US'), fc.integer()),
      keyboardLayouts: fc.array(fc.oneof(fc.constant('ko-KR'), fc.integer()), { maxLength: 34 }),
      remoteAccessTools: fc.array(fc.constantFrom('AnyDesk', 'TeamViewer'), { maxLength: 3 }),
      extra: fc.string(),
    },
    { requiredKeys: [] },
  ),
  fc.constantFrom(null, [], 'laptop'),
);
const validTimestamp = fc
  .date({ min: new Date('2020-01-01'), max: new Date('2026-05-01'), noInvalidDate: true })
  .map((d) => d.toISOString());
/** Mostly valid events of every type, each with a chance of one or two fields replaced by an edge value. */
const anyEvent = fc
  .tuple(
    fc.record(
      {
        id: fc.string({ minLength: 1, maxLength: 20 }),
        contractorId: fc.constantFrom('c-1', 'a.b:c@d+e'),
        type: fc.constantFrom('login', 'session', 'activity', 'chat'),
        at: validTimestamp,
        source: maybe(fc.constant('okta')),
        ip: fc.ipV4(),
        success: maybe(fc.boolean()),
        device: maybe(fc.record({ id: fc.constant('d1'), keyboardLayouts: fc.constant(['en-US']) })),
        kind: maybe(fc.constant('commit')),
        recordedOffsetMinutes: maybe(fc.integer({ min: -720, max: 840 })),
        direct: maybe(fc.boolean()),
        extra: maybe(fc.string()),
      },
      { requiredKeys: ['id', 'contractorId', 'type', 'at'] },
    ),
    fc.integer({ min: 0, max: 3_600_000 * 30 }),
    fc.record(
      {
        id: anyString(128),
        contractorId: fc.oneof(fc.constantFrom('bad id!', ''), anyString(128)),
        type: fc.constant('logout'),
        at: anyTimestamp,
        endAt: anyTimestamp,
        respondedAt: anyTimestamp,
        source: fc.oneof(fc.integer(), anyString(128)),
        ip: anyIp,
        success: fc.constant('yes'),
        userAgent: anyString(1024),
        device: anyDevice,
        kind: fc.integer(),
        recordedOffsetMinutes: fc.oneof(fc.integer({ min: -800, max: 900 }), fc.double(), fc.constant(60.5)),
        channel: anyString(256),
        direct: fc.constant(1),
      },
      { requiredKeys: [] },
    ),
    fc.boolean(),
  )
  .map(([base, gap, edge, mutate]) => {
    // Sessions and chats need a later instant; sometimes past the 24 h limit.
    const later = new Date(Date.parse(base.at) + gap).toISOString();
    const event: Record<string, unknown> = { ...base, endAt: later, respondedAt: later };
    if (!mutate) return event;
    const keys = Object.keys(edge).slice(0, 2);
    for (const key of keys) event[key] = (edge as Record<string, unknown>)[key];
    return event;
  });

describe('event validation', () => {
  it('takes the fast path only for events the schema accepts, with the same result', () => {
    let accepted = 0;
    fc.assert(
      fc.property(anyEvent, (raw) => {
        // Act
        const fast = fastEvent(raw as Record<string, unknown>);
        const schema = TelemetryEvent.safeParse(raw);

        // Assess
        if (fast !== undefined) {
          accepted++;
          expect(schema.success).toBe(true);
          expect(fast).toEqual(schema.data);
        }
      }),
      { numRuns: 5000 },
    );
    // The generator must reach the fast path often enough for the comparison to mean something.
    expect(accepted).toBeGreaterThan(100);
  });

  it('accepts a plain event on the fast path, dropping unknown fields and applying defaults', () => {
    const raw = {
      id: 'e1',
      contractorId: 'c-1',
      type: 'login',
      at: '2026-03-01T09:30:00+09:00',
      ip: '81.2.69.160',
      x: 1,
    };
    expect(fastEvent(raw)).toEqual({
      id: 'e1',
      contractorId: 'c-1',
      type: 'login',
      at: Date.parse('2026-03-01T00:30:00Z'),
      ip: '81.2.69.160',
      success: true,
    });
  });

  it('explains each problem by field', () => {
    const result = checkEvent(
      {
        id: 'e1',
        contractorId: 'c-1',
        type: 'session',
        at: '2026-03-01T09:00:00Z',
        endAt: '2026-03-01T08:00:00Z',
      },
      NOW,
    );
    expect(result).toEqual({ ok: false, problems: [{ field: 'endAt', reason: 'must be after at' }] });
  });

  it('rejects an event stamped more than five minutes after it was received', () => {
    const at = new Date(NOW + 6 * 60_000).toISOString();
    const result = checkEvent({ id: 'e1', contractorId: 'c-1', type: 'activity', at }, NOW);
    expect(result).toEqual({
      ok: false,
      problems: [{ field: 'at', reason: 'is more than 5 minutes in the future' }],
    });
  });

  it('names the field and the allowed types for an unknown event type', () => {
    const result = checkEvent(
      { id: 'e1', contractorId: 'c-1', type: 'logout', at: '2026-03-01T09:00:00Z' },
      NOW,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]?.field).toBe('type');
  });
});
