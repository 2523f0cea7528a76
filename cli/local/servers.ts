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
export async function startServers(): Promise<LocalServers> {
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
