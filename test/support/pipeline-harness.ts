import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { documents } from '../../functions/runtime/aws-clients.js';
import { pipelineDependencies } from '../../functions/runtime/services.js';
import { destroyClients, type LocalClients, localClients } from '../../local/aws-clients.js';
import { localEnvironment } from '../../local/environment.js';
import { createLocalResources, type LocalResources } from '../../local/resources.js';
import { startServers } from '../../local/servers.js';
import { CapacityMeter } from '../../shared/adapters/dynamodb/capacity-meter.js';
import { MaxmindIpLocator } from '../../shared/adapters/geoip/maxmind-ip-locator.js';
import { SqsEventQueue } from '../../shared/adapters/messaging/sqs-event-queue.js';
import type { Alert } from '../../shared/domain/alerts.js';
import type { IpLocator } from '../../shared/domain/geography/ip-location.js';
import type { PipelineDependencies } from '../../shared/pipeline/dependencies.js';
import type { QueueRecord } from '../../shared/pipeline/processor.js';
import type { NetworkPolicy } from '../../shared/schema/network-policy.js';
import { type FaultPlan, type FaultProxy, startFaultProxy } from './fault-proxy.js';

let sharedLocator: IpLocator | undefined;

/** The real adapters over embedded DynamoDB (dynalite) and SQS/SNS (fauxqs): what the handlers wire on AWS. */
export interface PipelineHarness {
  deps: PipelineDependencies;
  queue: SqsEventQueue;
  meter: CapacityMeter;
  resources: LocalResources;
  clients: LocalClients;
  /** Receives up to 10 ingest messages (waiting briefly), without deleting them. */
  receive(queueUrl?: string): Promise<(QueueRecord & { receiptHandle: string })[]>;
  delete(receiptHandle: string, queueUrl?: string): Promise<void>;
  /** Every alert waiting on the alerts queue, deleted as read. */
  drainAlerts(): Promise<Alert[]>;
  /** The fault proxies (DynamoDB, then SQS/SNS) when faults were asked for. */
  proxies: FaultProxy[];
  stop(): Promise<void>;
}

export interface HarnessOptions {
  networkPolicy?: NetworkPolicy;
  /** Faults injected between the pipeline's adapters and the servers (the queue's own delivery is spared). */
  faults?: FaultPlan;
}

export async function startPipelineHarness(
  options: HarnessOptions | NetworkPolicy = {},
): Promise<PipelineHarness> {
  const { networkPolicy, faults } =
    'corporateNetworks' in options ? { networkPolicy: options, faults: undefined } : options;
  const servers = await startServers();
  const clients = localClients(servers.endpoints);
  const resources = await createLocalResources(clients);
  const proxies =
    faults === undefined
      ? []
      : await Promise.all([
          startFaultProxy(servers.endpoints.dynamodb, faults),
          startFaultProxy(servers.endpoints.sqs, faults),
        ]);
  const adapterClients =
    proxies.length === 0
      ? clients
      : localClients({
          dynamodb: proxies[0]?.url ?? '',
          sqs: proxies[1]?.url ?? '',
          sns: proxies[1]?.url ?? '',
        });
  const meter = new CapacityMeter();
  const queue = new SqsEventQueue(adapterClients.sqs, resources.queues.ingest.url);
  // Wired as the processor Lambda wires itself, from the environment the local stack gives the functions.
  const deps = pipelineDependencies(
    { dynamodb: documents(adapterClients.dynamodb), sns: adapterClients.sns },
    localEnvironment(servers.endpoints, resources),
    {
      locator: () => {
        sharedLocator ??= MaxmindIpLocator.open();
        return sharedLocator;
      },
      networkPolicy,
      retentionDays: 180,
      now: () => Date.parse('2026-04-20T00:00:00Z'),
      meters: { evidence: meter, profiles: meter, infrastructure: meter, alerts: meter },
    },
  );
  const receive = async (queueUrl = resources.queues.ingest.url) => {
    const out = await clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    return (out.Messages ?? []).map((m) => ({
      messageId: m.MessageId ?? '',
      body: m.Body ?? '',
      receiptHandle: m.ReceiptHandle ?? '',
    }));
  };
  const remove = async (receiptHandle: string, queueUrl = resources.queues.ingest.url) => {
    await clients.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle }));
  };
  return {
    deps,
    queue,
    meter,
    resources,
    clients,
    receive,
    delete: remove,
    async drainAlerts() {
      const alerts: Alert[] = [];
      for (;;) {
        const batch = await receive(resources.queues.alerts.url);
        if (batch.length === 0) return alerts;
        for (const m of batch) {
          alerts.push(JSON.parse(m.body) as Alert);
          await remove(m.receiptHandle, resources.queues.alerts.url);
        }
      }
    },
    proxies,
    async stop() {
      if (adapterClients !== clients) destroyClients(adapterClients);
      await Promise.all(proxies.map((p) => p.close()));
      destroyClients(clients);
      await servers.stop();
    },
  };
}
