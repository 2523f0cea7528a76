import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { destroyClients, type LocalClients, localClients } from '../../local/aws-clients.js';
import { createLocalResources, type LocalResources } from '../../local/resources.js';
import { startServers } from '../../local/servers.js';
import { CapacityMeter } from '../../shared/adapters/dynamodb/capacity-meter.js';
import { DynamoAlertStore } from '../../shared/adapters/dynamodb/dynamo-alert-store.js';
import { DynamoEvidenceStore } from '../../shared/adapters/dynamodb/dynamo-evidence-store.js';
import { DynamoInfrastructureIndex } from '../../shared/adapters/dynamodb/dynamo-infrastructure-index.js';
import { DynamoProfileStore } from '../../shared/adapters/dynamodb/dynamo-profile-store.js';
import { MaxmindIpLocator } from '../../shared/adapters/geoip/maxmind-ip-locator.js';
import { SnsAlertPublisher } from '../../shared/adapters/messaging/sns-alert-publisher.js';
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
  const documents = DynamoDBDocumentClient.from(adapterClients.dynamodb, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const meter = new CapacityMeter();
  const queue = new SqsEventQueue(adapterClients.sqs, resources.queues.ingest.url);
  const deps: PipelineDependencies = {
    evidence: new DynamoEvidenceStore(documents, resources.tables.evidence, meter),
    profiles: new DynamoProfileStore(documents, resources.tables.profiles, meter),
    alerts: new DynamoAlertStore(documents, resources.tables.alerts, meter),
    infrastructure: new DynamoInfrastructureIndex(documents, resources.tables.profiles, meter),
    publisher: new SnsAlertPublisher(adapterClients.sns, resources.alertsTopicArn),
    locator: () => {
      sharedLocator ??= MaxmindIpLocator.open();
      return sharedLocator;
    },
    ...(networkPolicy === undefined ? {} : { networkPolicy }),
    retentionDays: 180,
    now: () => Date.parse('2026-04-20T00:00:00Z'),
  };
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
