import { connect } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiHandler } from '../../local/functions.js';
import { type HttpApi, type Route, startHttpApi } from '../../local/http-api.js';

/** Handlers that record the event API Gateway would have sent and answer what the test says. */
const received: APIGatewayProxyEventV2[] = [];
let answer: Awaited<ReturnType<ApiHandler>> = { statusCode: 200, body: '{}' };
const recording: ApiHandler = async (event) => {
  received.push(event);
  return answer;
};
const failing: ApiHandler = async () => {
  throw new Error('table not found');
};

const routes: Route[] = [
  { method: 'POST', path: '/v1/events', name: 'ingest-events', handler: recording },
  { method: 'PUT', path: '/v1/contractors/{id}/claims', name: 'put-claims', handler: recording },
  { method: 'GET', path: '/v1/contractors/{id}/report', name: 'get-report', handler: failing },
  { method: 'GET', path: '/v1/contractors', name: 'list-contractors', handler: recording },
];

let api: HttpApi;
const logged: string[] = [];

beforeAll(async () => {
  api = await startHttpApi(routes, 0, (line) => logged.push(line));
});
afterAll(() => api.close());
beforeEach(() => {
  received.length = 0;
  answer = { statusCode: 200, body: '{}' };
});

describe('the local HTTP API', () => {
  it('hands POST /v1/events to the ingest handler as an HTTP API 2.0 event', async () => {
    // Prepare
    answer = { statusCode: 202, headers: { 'Content-Type': 'application/json' }, body: '{"accepted":1}' };

    // Act
    const response = await fetch(`${api.url}/v1/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Trace': 'abc' },
      body: '[{"id":"e-1"}]',
    });

    // Assess
    expect(response.status).toBe(202);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ accepted: 1 });
    const [event] = received;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /v1/events',
      rawPath: '/v1/events',
      rawQueryString: '',
      body: '[{"id":"e-1"}]',
      isBase64Encoded: false,
      headers: { 'content-type': 'application/json', 'x-trace': 'abc' },
      requestContext: {
        http: { method: 'POST', path: '/v1/events', sourceIp: '127.0.0.1' },
        stage: '$default',
      },
    });
    expect(event?.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('passes path parameters as API Gateway does, still percent-encoded', async () => {
    // Act
    await fetch(`${api.url}/v1/contractors/c%3A42/claims`, { method: 'PUT', body: '{}' });

    // Assess
    expect(received[0]?.routeKey).toBe('PUT /v1/contractors/{id}/claims');
    expect(received[0]?.pathParameters).toEqual({ id: 'c%3A42' });
  });

  it('passes the query string raw and parsed, repeated names joined by commas', async () => {
    // Act
    await fetch(`${api.url}/v1/contractors?minRisk=high&limit=5&tag=a&tag=b`);

    // Assess
    expect(received[0]?.rawQueryString).toBe('minRisk=high&limit=5&tag=a&tag=b');
    expect(received[0]?.queryStringParameters).toEqual({ minRisk: 'high', limit: '5', tag: 'a,b' });
    expect(received[0]?.body).toBeUndefined();
  });

  it('answers an unknown path with 404 and a known path with the wrong method with 405', async () => {
    // Act
    const unknown = await fetch(`${api.url}/v1/nothing`);
    const wrongMethod = await fetch(`${api.url}/v1/events`, { method: 'GET' });

    // Assess
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: 'Not Found' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect(received).toEqual([]);
  });

  it('refuses a body over 2 MB with 413 without calling the handler', async () => {
    // Act
    const response = await fetch(`${api.url}/v1/events`, {
      method: 'POST',
      body: 'x'.repeat(2 * 1024 * 1024 + 1),
    });

    // Assess
    expect(response.status).toBe(413);
    expect(received).toEqual([]);
  });

  it('answers 500 without details when a handler throws, and keeps serving', async () => {
    // Act
    const failed = await fetch(`${api.url}/v1/contractors/c-1/report`);
    const next = await fetch(`${api.url}/v1/contractors`);

    // Assess
    expect(failed.status).toBe(500);
    expect(await failed.text()).not.toContain('table not found');
    expect(logged.some((line) => line.includes('get-report failed'))).toBe(true);
    expect(next.status).toBe(200);
  });

  it('sends a handler’s cookies and base64 body as API Gateway does', async () => {
    // Prepare
    answer = {
      statusCode: 201,
      cookies: ['a=1', 'b=2'],
      body: Buffer.from('binary').toString('base64'),
      isBase64Encoded: true,
    };

    // Act
    const response = await fetch(`${api.url}/v1/contractors`);

    // Assess
    expect(response.status).toBe(201);
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.text()).toBe('binary');
  });

  it('answers a request that is not HTTP with 400 and keeps serving', async () => {
    // Act
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(api.url).port), '127.0.0.1', () =>
        socket.end('NOT HTTP\r\n\r\n'),
      );
      let text = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk;
      });
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    const after = await fetch(`${api.url}/v1/contractors`);

    // Assess
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect(after.status).toBe(200);
  });
});
