import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FaultPlan {
  /** Share of requests refused before they reach the server (0..1). */
  failureRate: number;
  /** Deterministic choice of which requests fail. */
  random: () => number;
}

export interface FaultProxy {
  url: string;
  /** Requests refused so far, by kind. */
  injected: { throttled: number; serverErrors: number };
  setFailureRate(rate: number): void;
  close(): Promise<void>;
}

/**
 * An HTTP proxy on loopback in front of an embedded AWS-compatible server that refuses a share of requests the
 * way AWS does under load: half as throttling (HTTP 400 with the service's throttling error), half as HTTP 500.
 * The SDK's retries (exponential backoff with jitter) and SQS redelivery must absorb them.
 */
export async function startFaultProxy(target: string, plan: FaultPlan): Promise<FaultProxy> {
  const upstream = new URL(target);
  const injected = { throttled: 0, serverErrors: 0 };
  let rate = plan.failureRate;
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (c: Buffer) => chunks.push(c));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      if (plan.random() < rate) {
        const dynamo = String(incoming.headers['x-amz-target'] ?? '').startsWith('DynamoDB');
        const throttle = plan.random() < 0.5;
        if (throttle) injected.throttled++;
        else injected.serverErrors++;
        const type = throttle
          ? dynamo
            ? 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException'
            : 'ThrottlingException'
          : 'InternalFailure';
        outgoing.writeHead(throttle ? 400 : 500, {
          'content-type': 'application/x-amz-json-1.0',
          'x-amzn-query-error': `${type.split('#').pop()};Sender`,
        });
        outgoing.end(JSON.stringify({ __type: type, message: 'injected fault' }));
        return;
      }
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...incoming.headers, host: upstream.host },
        },
        (response) => {
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(outgoing);
        },
      );
      forward.on('error', () => {
        outgoing.writeHead(502);
        outgoing.end();
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    injected,
    setFailureRate(next) {
      rate = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A small seeded generator (mulberry32), so a failing storm can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
