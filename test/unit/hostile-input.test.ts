import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventLineReader, type Rejection } from '../../cli/input/events.js';
import { lambdaContext } from '../../local/functions.js';

/**
 * 100,000 generated hostile payloads in all: through the real ingest handler (its queue mocked: this is about
 * the edge, not the queue) and through the CLI's line reader. Nothing may crash or answer 5xx; every refusal says
 * where and why; valid events in the same batch are kept.
 */
const HANDLER_RUNS = 60_000;
const LINE_RUNS = 40_000;
const NOW = Date.now();

const validEvent = fc
  .record({
    n: fc.nat(1_000_000),
    minutesAgo: fc.integer({ min: 0, max: 100_000 }),
  })
  .map(({ n, minutesAgo }) => ({
    id: `valid-${n}`,
    contractorId: 'c-ok',
    type: 'login',
    at: new Date(NOW - minutesAgo * 60_000).toISOString(),
    ip: '81.2.69.160',
  }));

const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.string({ maxLength: 50 }),
  fc.constantFrom(
    '__proto__',
    { __proto__: { polluted: true } },
    JSON.parse(
      '{"__proto__":{"polluted":true},"id":"p","contractorId":"c","type":"login","at":"2026-01-01T00:00:00Z","ip":"1.1.1.1"}',
    ),
    { constructor: { prototype: { polluted: true } }, id: 'q', contractorId: 'c', type: 'chat', at: 'x' },
  ),
  // A valid event with one field replaced by something hostile.
  fc
    .tuple(
      validEvent,
      fc.constantFrom('id', 'contractorId', 'type', 'at', 'ip', 'success', 'device', 'endAt', 'userAgent'),
      fc.oneof(
        fc.string({ minLength: 0, maxLength: 3000 }),
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
        fc.constantFrom(
          '2026-02-30T00:00:00Z',
          '2026-13-01T00:00:00Z',
          '9999-12-31T23:59:59Z',
          '1.2.3.256',
          '::ffff::1',
          'ｆｅ８０::1',
          '\u0000',
          '\ud800',
        ),
      ),
    )
    .map(([event, field, value]) => ({ ...event, [field]: value })),
);

/** A body: a batch mixing hostile items with valid ones at known places, or something that is no batch at all. */
const body = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(fc.array(nasty, { maxLength: 8 }), fc.array(validEvent, { maxLength: 3 })),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => [[], [], JSON.stringify(v)] as const) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => [[], [], Buffer.from(b)] as const) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1, max: 5_000 })
      .map((d) => [[], [], `${'['.repeat(d)}${']'.repeat(d)}`] as const),
  },
);

function request(raw: string | Buffer): APIGatewayProxyEventV2 {
  const isBase64Encoded = Buffer.isBuffer(raw);
  return {
    body: isBase64Encoded ? raw.toString('base64') : raw,
    isBase64Encoded,
    requestContext: { requestId: 'fuzz' },
  } as unknown as APIGatewayProxyEventV2;
}

describe('Hostile input', () => {
  const sqs = mockClient(SQSClient);
  let handler: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

  beforeAll(async () => {
    sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({
      Successful: input.Entries.map((e) => ({ Id: e.Id, MessageId: e.Id, MD5OfMessageBody: '' })),
      Failed: [],
    }));
    process.env.DAYLIGHT_INGEST_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/000000000000/ingest';
    process.env.AWS_REGION = 'us-east-1';
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    const ingest = (await import('../../functions/ingest-events.js')).handler;
    handler = (event) => ingest(event, lambdaContext('ingest-events'));
  });
  afterAll(() => sqs.restore());

  it(`never crashes or answers 5xx on ${HANDLER_RUNS.toLocaleString('en')} hostile batches, and keeps the valid events`, async () => {
    await fc.assert(
      fc.asyncProperty(body, async ([hostile, valid, raw]) => {
        // Prepare: valid events interleaved with hostile ones, their indices remembered.
        const items: unknown[] = [];
        const validAt = new Set<number>();
        hostile.forEach((h, i) => {
          items.push(h);
          const v = valid[i];
          if (v !== undefined) {
            validAt.add(items.length);
            items.push(v);
          }
        });
        // Act
        const response = await handler(request(raw ?? JSON.stringify(items)));
        // Assess
        expect([202, 400, 413]).toContain(response.statusCode);
        const answer = JSON.parse(response.body ?? '{}');
        if (response.statusCode !== 202) {
          expect(typeof answer.error).toBe('string');
          return;
        }
        for (const r of answer.rejections) {
          expect(Number.isInteger(r.index) && typeof r.field === 'string' && r.reason.length > 0).toBe(true);
          expect(validAt.has(r.index)).toBe(false);
        }
        if (raw === undefined) expect(answer.accepted + answer.rejected).toBe(items.length);
        else expect(answer.accepted + answer.rejected).toBe((JSON.parse(raw.toString()) as unknown[]).length);
      }),
      { numRuns: HANDLER_RUNS },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 300_000);

  it('refuses an oversize body with 413 without parsing it', async () => {
    const response = await handler(request(`[${'"x",'.repeat(400_000)}"x"]`));
    expect(response.statusCode).toBe(413);
  });

  it(`reads ${LINE_RUNS.toLocaleString('en')} hostile lines without throwing, each valid or rejected with a field`, () => {
    fc.assert(
      fc.property(
        fc.oneof(
          nasty.map((v) => JSON.stringify(v) ?? 'undefined'),
          fc.string({ maxLength: 200 }),
          validEvent.map((v) => JSON.stringify(v)),
        ),
        (line) => {
          const rejections: Rejection[] = [];
          let events = 0;
          const reader = new EventLineReader(
            () => events++,
            (r) => rejections.push(r),
            NOW,
          );
          reader.line(line, 7);
          reader.finish();
          // A line that is a JSON array is a batch of records, one per element; any other line is one record.
          const blank = line.trim().length === 0;
          const array = parsedArray(line);
          expect(events + rejections.length).toBe(blank ? 0 : (array?.length ?? 1));
          for (const r of rejections) {
            expect(r.line).toBe(7);
            expect(r.problems.length).toBeGreaterThan(0);
            for (const p of r.problems) expect(p.field.length > 0 && p.reason.length > 0).toBe(true);
          }
        },
      ),
      { numRuns: LINE_RUNS },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

function parsedArray(line: string): unknown[] | undefined {
  if (!line.trimStart().startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
