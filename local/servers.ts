import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { buildApp } from 'fauxqs';
import type { LocalEndpoints } from './aws-clients.js';

export interface LocalServers {
  endpoints: LocalEndpoints;
  stop(): Promise<void>;
}

/**
 * DynamoDB (dynalite) and SQS + SNS (fauxqs) in memory, on free loopback ports. Both start in milliseconds and
 * keep nothing: every `npm start` begins empty.
 */
/**
 * dynalite 4.0.0 ends each query's stream by calling its iterator's `return()`, which abstract-level 3's key and
 * value iterators do not have (they have `close()`), so every Query or Scan left an iterator, and the snapshot of
 * the data it holds, attached to the database: a soak grew by ~40 MB a minute (BENCHMARKS.md). Giving them the
 * `return()` dynalite expects closes them. Patched where dynalite loads it from (node_modules), once.
 */
function closeDynaliteIterators(): void {
  const level = createRequire(import.meta.url)('abstract-level') as Record<string, { prototype: object }>;
  for (const name of ['AbstractIterator', 'AbstractKeyIterator', 'AbstractValueIterator']) {
    const prototype = level[name]?.prototype as { return?: unknown; close?: () => Promise<void> } | undefined;
    if (prototype === undefined || prototype.return !== undefined || prototype.close === undefined) continue;
    prototype.return = function (this: { close: () => Promise<void> }) {
      return this.close();
    };
  }
}

export async function startServers(): Promise<LocalServers> {
  closeDynaliteIterators();
  // Tables are ACTIVE at once: the stack creates them and writes straight away.
  const dynamodb = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    dynamodb.once('error', reject);
    dynamodb.listen(0, '127.0.0.1', () => resolve());
  });
  const dynamodbUrl = `http://127.0.0.1:${(dynamodb.address() as AddressInfo).port}`;
  // `startFauxqs` listens on every interface; its app on the loopback address keeps the queues off the network.
  const fauxqs = buildApp({ logger: false });
  const messagingUrl = await fauxqs.listen({ port: 0, host: '127.0.0.1' });
  return {
    endpoints: { dynamodb: dynamodbUrl, sqs: messagingUrl, sns: messagingUrl },
    async stop() {
      await fauxqs.close();
      // The handlers' SDK clients live as long as the process and keep their sockets open; nothing uses them now.
      await new Promise<void>((resolve) => {
        dynamodb.close(() => resolve());
        dynamodb.closeAllConnections();
      });
    },
  };
}
