import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { errorResponse, jsonBody } from '../../functions/runtime/http.js';
import { SqsEventQueue } from '../../shared/adapters/messaging/sqs-event-queue.js';
import { listContractors } from '../../shared/pipeline/contractors.js';
import { BadRequestError, UnavailableError } from '../../shared/pipeline/errors.js';
import { ingestEvents } from '../../shared/pipeline/ingest.js';
import { InvalidCursorError, ProfileStore } from '../../shared/ports/profile-store.js';
import { MemoryEventQueue } from '../support/memory-event-queue.js';

const NOW = Date.parse('2026-04-20T00:00:00Z');
const login = (i: number) => ({
  id: `e-${i}`,
  contractorId: 'c-1',
  type: 'login',
  at: '2026-04-19T10:00:00Z',
  ip: '81.2.69.160',
});
const request = (body: string, isBase64Encoded = false) =>
  ({ body, isBase64Encoded, requestContext: { requestId: 'r-1' } }) as unknown as APIGatewayProxyEventV2;

describe('POST /v1/events', () => {
  const sqs = mockClient(SQSClient);
  afterEach(() => sqs.reset());

  it('refuses a body that is not an array, or holds more than 500 events, saying why', async () => {
    const queue = new MemoryEventQueue();
    await expect(ingestEvents({ events: [] }, queue, NOW)).rejects.toThrow(/must be a JSON array/);
    await expect(
      ingestEvents(
        Array.from({ length: 501 }, (_, i) => login(i)),
        queue,
        NOW,
      ),
    ).rejects.toMatchObject({ status: 413 });
    expect(queue.messages).toEqual([]);
  });

  it('splits a large batch into queue messages under 256 KB, in order, losing none', async () => {
    // Prepare: 500 events of ~1.1 KB each.
    const events = Array.from({ length: 500 }, (_, i) => ({ ...login(i), userAgent: 'x'.repeat(1000) }));
    const queue = new MemoryEventQueue();
    // Act
    const result = await ingestEvents(events, queue, NOW);
    // Assess
    expect(result).toEqual({ accepted: 500, rejected: 0, rejections: [] });
    expect(queue.messages.length).toBeGreaterThan(1);
    for (const m of queue.messages) expect(JSON.stringify(m).length).toBeLessThan(256 * 1024);
    const ids = queue.messages.flatMap((m) =>
      m.kind === 'events' ? m.events.map((e) => (e as { id: string }).id) : [],
    );
    expect(ids).toEqual(events.map((e) => e.id));
  });

  it('answers 503 (retry) when the queue refuses the events, never a false 202', async () => {
    // Prepare
    sqs
      .on(SendMessageBatchCommand)
      .rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    const queue = new SqsEventQueue(new SQSClient({ region: 'us-east-1' }), 'https://sqs.example/q');
    // Act
    const outcome = ingestEvents([login(1)], queue, NOW);
    // Assess
    await expect(outcome).rejects.toBeInstanceOf(UnavailableError);
    await expect(outcome).rejects.toMatchObject({ status: 503 });
  });

  it('also fails when the queue accepts only part of a batch', async () => {
    sqs.on(SendMessageBatchCommand).resolves({
      Successful: [],
      Failed: [{ Id: '0', Code: 'InternalError', SenderFault: false }],
    });
    const queue = new SqsEventQueue(new SQSClient({ region: 'us-east-1' }), 'https://sqs.example/q');
    await expect(ingestEvents([login(1)], queue, NOW)).rejects.toMatchObject({ status: 503 });
  });

  it('refuses bodies over 1 MB with 413 and text that is not JSON with 400', () => {
    expect(() => jsonBody(request(`[${'"x",'.repeat(300_000)}"x"]`))).toThrow(/larger than 1048576 bytes/);
    expect(() => jsonBody(request('[{"id":'))).toThrow(BadRequestError);
    expect(jsonBody(request(Buffer.from('[1]').toString('base64'), true))).toEqual([1]);
  });

  it('maps an unexpected error to a 500 naming the request, without its message', () => {
    const logged: string[] = [];
    const response = errorResponse(new Error('secret table name'), 'r-9', (m) => logged.push(m));
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret');
    expect(JSON.parse(response.body ?? '{}')).toEqual({ error: 'internal error', requestId: 'r-9' });
    expect(logged).toEqual(['unexpected error']);
  });
});

describe('GET /v1/contractors', () => {
  class NoProfiles extends ProfileStore {
    async get() {
      return null;
    }
    async put(): Promise<number> {
      throw new Error('unused');
    }
    async delete() {
      return false;
    }
    async list(query: { cursor?: string }) {
      if (query.cursor === 'bogus') throw new InvalidCursorError('bogus');
      return { profiles: [] };
    }
  }
  const profiles = new NoProfiles();

  it('names the query field that is wrong', async () => {
    await expect(listContractors({ minRisk: 'severe' }, { profiles })).rejects.toMatchObject({
      status: 400,
      problems: [{ field: 'minRisk', reason: 'must be one of none, low, medium, high' }],
    });
    await expect(listContractors({ limit: '1000' }, { profiles })).rejects.toMatchObject({
      problems: [{ field: 'limit' }],
    });
    await expect(listContractors({ cursor: 'bogus' }, { profiles })).rejects.toMatchObject({
      problems: [{ field: 'cursor' }],
    });
    await expect(listContractors({ minRisk: 'medium' }, { profiles })).resolves.toEqual({ profiles: [] });
  });
});
