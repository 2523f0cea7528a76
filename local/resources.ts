import { CreateTableCommand, type KeySchemaElement } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { ALERTS_TABLE, EVIDENCE_TABLE, PROFILES_TABLE } from '../shared/config/table-keys.js';
import type { LocalClients } from './aws-clients.js';

/** Names from docs/pipeline.md: the local counterparts of the stateful stack's resources. */
export const LOCAL_NAMES = {
  tables: {
    evidence: 'daylight-local-evidence',
    profiles: 'daylight-local-profiles',
    alerts: 'daylight-local-alerts',
  },
  queues: {
    ingest: 'daylight-local-ingest',
    ingestDeadLetter: 'daylight-local-ingest-dlq',
    alerts: 'daylight-local-alerts',
    alertsDeadLetter: 'daylight-local-alerts-dlq',
  },
  topic: 'daylight-local-alerts',
} as const;

/** docs/pipeline.md: a message that fails this many receives moves to the dead-letter queue. */
export const LOCAL_MAX_RECEIVE_COUNT = 5;
/** Seconds before a failed message is handed out again: short, so a retry is seen while you watch. */
export const LOCAL_VISIBILITY_TIMEOUT_SECONDS = 5;

export interface Queue {
  url: string;
  arn: string;
}

export interface LocalResources {
  tables: { evidence: string; profiles: string; alerts: string };
  queues: { ingest: Queue; ingestDeadLetter: Queue; alerts: Queue; alertsDeadLetter: Queue };
  alertsTopicArn: string;
}

/**
 * The tables, queues and topic of `infra/stateful-stack.ts`, with the keys of `shared/config/table-keys.ts`.
 * No TTL setting: dynalite has no UpdateTimeToLive, and nothing local lives long enough to expire.
 */
export async function createLocalResources(clients: LocalClients): Promise<LocalResources> {
  const { tables, queues, topic } = LOCAL_NAMES;
  await Promise.all([
    createTable(clients, tables.evidence, EVIDENCE_TABLE.partitionKey, EVIDENCE_TABLE.sortKey),
    createTable(clients, tables.profiles, PROFILES_TABLE.partitionKey),
    createTable(clients, tables.alerts, ALERTS_TABLE.partitionKey, ALERTS_TABLE.sortKey),
  ]);
  const [ingest, alerts] = await Promise.all([
    workQueue(clients.sqs, queues.ingest, queues.ingestDeadLetter),
    workQueue(clients.sqs, queues.alerts, queues.alertsDeadLetter),
  ]);
  const { TopicArn } = await clients.sns.send(new CreateTopicCommand({ Name: topic }));
  if (TopicArn === undefined) throw new Error(`the SNS server did not return the ARN of topic ${topic}`);
  // Raw delivery, as on AWS: the alerts queue holds the alert JSON itself, not the SNS envelope.
  await clients.sns.send(
    new SubscribeCommand({
      TopicArn,
      Protocol: 'sqs',
      Endpoint: alerts.queue.arn,
      Attributes: { RawMessageDelivery: 'true' },
    }),
  );
  return {
    tables: { ...tables },
    queues: {
      ingest: ingest.queue,
      ingestDeadLetter: ingest.deadLetter,
      alerts: alerts.queue,
      alertsDeadLetter: alerts.deadLetter,
    },
    alertsTopicArn: TopicArn,
  };
}

async function createTable(clients: LocalClients, name: string, partitionKey: string, sortKey?: string) {
  const keys: KeySchemaElement[] = [{ AttributeName: partitionKey, KeyType: 'HASH' }];
  if (sortKey !== undefined) keys.push({ AttributeName: sortKey, KeyType: 'RANGE' });
  await clients.dynamodb.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: keys,
      AttributeDefinitions: keys.map((k) => ({ AttributeName: k.AttributeName, AttributeType: 'S' })),
    }),
  );
}

async function workQueue(sqs: SQSClient, name: string, deadLetterName: string) {
  const deadLetter = await createQueue(sqs, deadLetterName, {});
  const queue = await createQueue(sqs, name, {
    VisibilityTimeout: String(LOCAL_VISIBILITY_TIMEOUT_SECONDS),
    RedrivePolicy: JSON.stringify({
      deadLetterTargetArn: deadLetter.arn,
      maxReceiveCount: LOCAL_MAX_RECEIVE_COUNT,
    }),
  });
  return { queue, deadLetter };
}

async function createQueue(sqs: SQSClient, name: string, attributes: Record<string, string>): Promise<Queue> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  if (QueueUrl === undefined) throw new Error(`the SQS server did not return the URL of queue ${name}`);
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  const arn = Attributes?.QueueArn;
  if (arn === undefined) throw new Error(`the SQS server did not return the ARN of queue ${name}`);
  return { url: QueueUrl, arn };
}

/** Messages waiting, in flight or delayed: zero means the queue is empty. */
export async function queueDepth(sqs: SQSClient, url: string): Promise<number> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  return Object.values(Attributes).reduce((sum, n) => sum + Number(n), 0);
}
