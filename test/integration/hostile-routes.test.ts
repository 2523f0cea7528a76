import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/stack.js';

/**
 * Every route of the local stack (the real handlers on the embedded DynamoDB and SQS) under generated hostile
 * input: never a 5xx; a refusal always says why; the valid events sent beside hostile ones are accepted and later
 * counted in their contractor's report; and a bystander's report is the same at the end as before.
 */
let stack: LocalStack;
let bystanderBefore: string;
const RECEIVED = Date.now();
const BYSTANDER = 'c-bystander';
const BYSTANDER_DEVICE = 'dev-bystander';
/** Valid events sent per innocent contractor, checked against their reports at the end. */
const sentFor = new Map<string, number>();

/** Percent-encoding of any text (a lone surrogate is sent as U+FFFD, as a browser would). */
const encode = (text: string) =>
  encodeURIComponent(
    text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  );

const at = (minutesAgo: number) => new Date(RECEIVED - minutesAgo * 60_000).toISOString();

/** Commits: they carry no address or device, so innocents never share anything with the bystander. */
function validEvent(contractorId: string, n: number) {
  return { id: `${contractorId}:${n}`, contractorId, type: 'activity', at: at(60 + n), kind: 'commit' };
}

async function call(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${stack.config.apiUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return { status: response.status, text };
}

/** A 4xx always names what is wrong; nothing answers 5xx. */
function expectNoServerError({ status, text }: { status: number; text: string }, what: string) {
  expect(status, `${what} → ${text.slice(0, 300)}`).toBeLessThan(500);
  if (status >= 400 && status !== 404 && status !== 405 && status !== 413)
    expect(typeof (JSON.parse(text) as { error?: unknown }).error, what).toBe('string');
}

/** Text of every kind: any code unit (lone surrogates, U+FFFE, controls), emoji, huge. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '\uFFFE',
    '\uFFFF',
    '\u0000',
    '\uD800',
    '😀',
    '%',
    '%ED%A0%80',
    '~infra#device:x',
    'x'.repeat(3000),
  ),
);
/** Instants of every kind: far past, far future, year 0, impossible days, offsets of every shape. */
const anyInstant = fc.oneof(
  fc
    .date({ min: new Date(-62_198_755_200_000), max: new Date(253_402_300_799_000), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
    )
    .map(
      ([y, m, d]) =>
        `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T24:00:60+25:00`,
    ),
  fc.constantFrom('0000-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '9999-12-31T23:59:59Z', at(-10)),
);
/**
 * An event that no rule of the contract lets through, on the bystander's device: if it were stored, the
 * bystander's shared-infrastructure finding would change.
 */
const poison = fc
  .tuple(
    fc.constantFrom('c-poison', 'c-poison-2', 'x'.repeat(3000), '~infra#device:x', ''),
    fc.oneof(
      anyInstant.filter((t) => !/^(19[7-9]\d|20[0-2]\d)-/.test(t)).map((t) => ({ at: t })),
      fc.constantFrom({ source: 'hr\uFFFE' }, { id: '\uD800' }, { userAgent: '\u0001' }),
    ),
  )
  .map(([contractorId, bad]) => ({
    id: 'p',
    contractorId,
    type: 'login',
    at: at(5),
    ip: '81.2.69.160',
    device: { id: BYSTANDER_DEVICE },
    ...bad,
  }));
const hostileItem = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  poison,
  fc.record({
    id: anyText,
    contractorId: anyText,
    type: fc.constantFrom('login', 'chat', 'x'),
    at: anyInstant,
  }),
  // A valid event of another contractor with a field made hostile.
  fc
    .tuple(
      fc.constantFrom('id', 'at', 'ip', 'device', 'source', 'userAgent', 'extra'),
      fc.oneof(anyText, anyInstant, fc.jsonValue()),
    )
    .map(([field, value]) => ({ ...validEvent('c-other', 0), [field]: value })),
);

beforeAll(async () => {
  stack = await startLocalStack({ port: 0, log: () => {} });
  const bystander = [
    ...Array.from({ length: 6 }, (_, n) => ({
      id: `b-login-${n}`,
      contractorId: BYSTANDER,
      type: 'login',
      at: at(120 + n),
      ip: '81.2.69.160',
      device: { id: BYSTANDER_DEVICE },
    })),
    { id: 'b-commit', contractorId: BYSTANDER, type: 'activity', at: at(30), kind: 'commit' },
  ];
  expect((await call('POST', '/v1/events', JSON.stringify(bystander))).status).toBe(202);
  await stack.drain();
  const report = await call('GET', `/v1/contractors/${BYSTANDER}/report`);
  expect(report.status).toBe(200);
  bystanderBefore = report.text;
}, 60_000);
afterAll(() => stack?.stop());

describe('POST /v1/events takes what the CLI takes', () => {
  it('reads JSON Lines, refusing a line that is not JSON alone, by its index among the records', async () => {
    // Prepare
    const body = [
      JSON.stringify(validEvent('c-lines', 0)),
      '',
      JSON.stringify(validEvent('c-lines', 1)),
      '{oops',
    ].join('\n');

    // Act
    const typed = await call('POST', '/v1/events', body, { 'content-type': 'application/x-ndjson' });
    const untyped = await call('POST', '/v1/events', body, { 'content-type': 'application/json' });

    // Assess
    for (const answer of [typed, untyped]) {
      expect(answer.status).toBe(202);
      expect(JSON.parse(answer.text)).toEqual({
        accepted: 2,
        rejected: 1,
        rejections: [{ index: 2, field: '(line)', reason: expect.stringMatching(/^is not valid JSON/) }],
      });
    }
  });

  it('takes a JSON array after a byte-order mark', async () => {
    const answer = await call('POST', '/v1/events', `\uFEFF${JSON.stringify([validEvent('c-bom', 0)])}`);
    expect(answer.status).toBe(202);
    expect(JSON.parse(answer.text)).toMatchObject({ accepted: 1, rejected: 0 });
  });
});

describe('Every route under hostile input', () => {
  it('POST /v1/events: accepts the valid events beside hostile ones, refuses the rest by index, never 5xx', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(hostileItem, { maxLength: 6 }),
        fc.integer({ min: 1, max: 3 }),
        async (hostile, valid) => {
          // Prepare: a fresh innocent contractor per run, their events among the hostile ones
          const innocent = `c-innocent-${run++}`;
          const events = Array.from({ length: valid }, (_, n) => validEvent(innocent, n));
          const batch = [...events, ...hostile];

          // Act
          const answer = await call('POST', '/v1/events', JSON.stringify(batch));

          // Assess
          expectNoServerError(answer, JSON.stringify(batch).slice(0, 300));
          expect(answer.status).toBe(202);
          const { rejections } = JSON.parse(answer.text) as { rejections: { index: number }[] };
          expect(rejections.filter((r) => r.index < valid)).toEqual([]);
          sentFor.set(innocent, valid);
        },
      ),
      { numRuns: 120 },
    );
  }, 120_000);

  it('POST /v1/events: bodies of any shape or encoding are refused with a reason, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)),
          anyText,
          fc.integer({ min: 1, max: 200_000 }).map((d) => `${'['.repeat(d)}${']'.repeat(d)}`),
          fc.integer({ min: 1, max: 100_000 }).map((d) => `[{"deep":${'{"a":'.repeat(d)}1${'}'.repeat(d)}}]`),
        ),
        async (body) => expectNoServerError(await call('POST', '/v1/events', body), body.slice(0, 200)),
      ),
      { numRuns: 80 },
    );
  }, 120_000);

  it('PUT /v1/contractors/{id}/claims: any id and any body, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyText,
        fc.boolean(),
        fc.oneof(
          fc.jsonValue({ maxDepth: 3 }),
          fc.record({
            source: anyText,
            name: anyText,
            timezone: fc.oneof(anyText, fc.constant('Asia/Seoul')),
            businessHours: fc.record({ start: anyText, end: fc.constantFrom('24:30', '24:00', '17:00') }),
          }),
        ),
        async (id, encoded, body) => {
          const path = `/v1/contractors/${encoded ? encode(id) : id.replace(/[/?#]/g, '')}/claims`;
          expectNoServerError(
            await call('PUT', path, JSON.stringify(body)),
            `${path} ${JSON.stringify(body).slice(0, 200)}`,
          );
        },
      ),
      { numRuns: 120 },
    );
  }, 120_000);

  it('GET /v1/contractors/{id}/report and DELETE /v1/contractors/{id}: any id, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyText.filter((id) => !id.startsWith('c-')),
        fc.boolean(),
        async (id, encoded) => {
          const segment = encoded ? encode(id) : id.replace(/[/?#]/g, '');
          expectNoServerError(await call('GET', `/v1/contractors/${segment}/report`), `report ${segment}`);
          expectNoServerError(await call('DELETE', `/v1/contractors/${segment}`), `delete ${segment}`);
        },
      ),
      { numRuns: 120 },
    );
  }, 120_000);

  it('GET /v1/contractors: any query, crafted cursors included, never 5xx', async () => {
    const cursor = fc.oneof(
      anyText,
      fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
      anyText.map((id) => Buffer.from(JSON.stringify({ contractorId: id })).toString('base64url')),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          { minRisk: fc.oneof(anyText, fc.constant('high')), limit: fc.oneof(anyText, fc.integer()), cursor },
          { requiredKeys: [] },
        ),
        async (query) => {
          const text = Object.entries(query)
            .map(([k, v]) => `${k}=${encode(String(v))}`)
            .join('&');
          expectNoServerError(await call('GET', `/v1/contractors?${text}`), text.slice(0, 200));
        },
      ),
      { numRuns: 120 },
    );
  }, 120_000);

  it("counts every accepted valid event in its contractor's report, and leaves the bystander's report as it was", async () => {
    // Act
    await stack.drain();

    // Assess
    expect(sentFor.size).toBeGreaterThan(100);
    for (const [contractorId, count] of sentFor) {
      const report = await call('GET', `/v1/contractors/${contractorId}/report`);
      expect(report.status, contractorId).toBe(200);
      expect(
        (JSON.parse(report.text) as { activity: { events: number } }).activity.events,
        contractorId,
      ).toBe(count);
    }
    expect((await stack.processing()).deadLettered).toBe(0);
    expect(JSON.parse((await call('GET', `/v1/contractors/${BYSTANDER}/report`)).text)).toEqual(
      JSON.parse(bystanderBefore),
    );
  }, 120_000);
});
