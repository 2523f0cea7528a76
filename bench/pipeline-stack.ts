/**
 * The pipeline's real adapters over the embedded servers of `npm start` (dynalite, fauxqs), wired by the
 * processor Lambda's composition root (functions/runtime/services.ts), with what the benchmark needs to price a
 * run: a capacity meter per table (and one for the shared-infrastructure index in the profiles table), a count of
 * the SQS requests AWS would bill and of the alerts published.
 */
import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SendMessageBatchCommandInput,
} from '@aws-sdk/client-sqs';
import { documents } from '../functions/runtime/aws-clients.js';
import { pipelineDependencies, type TableMeters } from '../functions/runtime/services.js';
import { destroyClients, localClients } from '../local/aws-clients.js';
import { localEnvironment } from '../local/environment.js';
import { createLocalResources, queueDepth } from '../local/resources.js';
import { startServers } from '../local/servers.js';
import { CapacityMeter } from '../shared/adapters/dynamodb/capacity-meter.js';
import { SqsEventQueue } from '../shared/adapters/messaging/sqs-event-queue.js';
import type { IpLocator } from '../shared/domain/geography/ip-location.js';
import type { PipelineDependencies } from '../shared/pipeline/dependencies.js';
import type { QueueRecord } from '../shared/pipeline/processor.js';
import type { NetworkPolicy } from '../shared/schema/network-policy.js';

/** SQS bills every 64 KB chunk of a request's payload as one request. */
const SQS_CHUNK_BYTES = 64 * 1024;

/** Where the units go; `infrastructure` is the shared-infrastructure index, kept in the profiles table. */
export const TABLES = ['evidence', 'profiles', 'infrastructure', 'alerts'] as const;
export type Table = (typeof TABLES)[number];

/** Everything a run has cost so far; subtract two of them for a phase. */
export interface Usage {
  read: Record<Table, number>;
  write: Record<Table, number>;
  /** Billed SQS requests (64 KB chunks) on the ingest queue, by action. */
  sqs: { send: number; receive: number; delete: number };
  /** SNS publishes (alerts). */
  publishes: number;
}

export interface BenchStack {
  deps: PipelineDependencies;
  queue: SqsEventQueue;
  usage(): Usage;
  /** Up to 10 ingest messages, long-polling for `waitSeconds` as Lambda's event source and `npm start` do. */
  receive(waitSeconds: number): Promise<Message[]>;
  /** Deletes a batch's processed messages in one call, as the event source does. */
  deleteMessages(messages: readonly Message[]): Promise<void>;
  /** Messages waiting, in flight or delayed on the ingest queue. */
  depth(): Promise<number>;
  stop(): Promise<void>;
}

export const records = (messages: readonly Message[]): QueueRecord[] =>
  messages.map((m) => ({ messageId: m.MessageId ?? '', body: m.Body ?? '' }));

/** A fresh, empty stack. The locator is shared so that its databases are opened (and timed) once per run. */
export async function startBenchStack(
  locator: IpLocator,
  networkPolicy: NetworkPolicy,
  now: number,
): Promise<BenchStack> {
  const servers = await startServers();
  const clients = localClients(servers.endpoints);
  const resources = await createLocalResources(clients);
  const meters: TableMeters = {
    evidence: new CapacityMeter(),
    profiles: new CapacityMeter(),
    infrastructure: new CapacityMeter(),
    alerts: new CapacityMeter(),
  };
  const units = (kind: 'readUnits' | 'writeUnits') =>
    Object.fromEntries(TABLES.map((t) => [t, meters[t][kind]])) as Record<Table, number>;
  const sqs = { send: 0, receive: 0, delete: 0 };
  let publishes = 0;
  countSqsRequests(clients.sqs.middlewareStack, sqs);
  const ingestUrl = resources.queues.ingest.url;
  const deps = pipelineDependencies(
    { dynamodb: documents(clients.dynamodb), sns: clients.sns },
    localEnvironment(servers.endpoints, resources),
    {
      locator: () => locator,
      networkPolicy,
      retentionDays: 180,
      // Fixed, after the dataset's last week, so that a redelivery sees the same clock.
      now: () => now,
      meters,
    },
  );
  const publisher = deps.publisher;
  deps.publisher = {
    publish: async (alert) => {
      publishes++;
      await publisher.publish(alert);
    },
  };
  return {
    deps,
    queue: new SqsEventQueue(clients.sqs, ingestUrl),
    usage: () => ({
      read: units('readUnits'),
      write: units('writeUnits'),
      sqs: { ...sqs },
      publishes,
    }),
    async receive(waitSeconds) {
      const out = await clients.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: ingestUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: waitSeconds,
        }),
      );
      return out.Messages ?? [];
    },
    async deleteMessages(messages) {
      if (messages.length === 0) return;
      const { Failed = [] } = await clients.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: ingestUrl,
          Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
        }),
      );
      if (Failed.length > 0) throw new Error(`${Failed.length} messages could not be deleted`);
    },
    depth: () => queueDepth(clients.sqs, ingestUrl),
    async stop() {
      destroyClients(clients);
      await servers.stop();
    },
  };
}

type SqsStack = ReturnType<typeof localClients>['sqs']['middlewareStack'];

/**
 * Counts the requests AWS would bill on the ingest queue: a send by the bytes of its bodies, a receive by the
 * bytes it returned, a delete as one. Installed after the resources exist, so set-up calls are not counted;
 * the polls for queue depth are the benchmark's own and are not counted either.
 */
function countSqsRequests(stack: SqsStack, counts: Usage['sqs']): void {
  const chunks = (bytes: number) => Math.max(1, Math.ceil(bytes / SQS_CHUNK_BYTES));
  const bodyBytes = (bodies: (string | undefined)[]) =>
    bodies.reduce((sum, body) => sum + Buffer.byteLength(body ?? '', 'utf8'), 0);
  stack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const command = context.commandName;
      if (command === 'SendMessageBatchCommand') {
        const { Entries = [] } = args.input as SendMessageBatchCommandInput;
        counts.send += chunks(bodyBytes(Entries.map((e) => e.MessageBody)));
      } else if (command === 'ReceiveMessageCommand') {
        const { Messages = [] } = result.output as { Messages?: Message[] };
        counts.receive += chunks(bodyBytes(Messages.map((m) => m.Body)));
      } else if (command === 'DeleteMessageBatchCommand') counts.delete += 1;
      return result;
    },
    { step: 'initialize', name: 'daylightBenchSqsBilling' },
  );
}
