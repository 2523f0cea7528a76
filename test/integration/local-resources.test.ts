import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { PublishCommand } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destroyClients, type LocalClients, localClients } from '../../local/aws-clients.js';
import { createLocalResources, type LocalResources } from '../../local/resources.js';
import { type LocalServers, startServers } from '../../local/servers.js';

let servers: LocalServers;
let clients: LocalClients;
let resources: LocalResources;

beforeAll(async () => {
  servers = await startServers();
  clients = localClients(servers.endpoints);
  resources = await createLocalResources(clients);
});

afterAll(async () => {
  destroyClients(clients);
  await servers.stop();
});

async function keysOf(table: string) {
  const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: table }));
  return Table?.KeySchema?.map((k) => `${k.KeyType} ${k.AttributeName}`);
}

describe('the local resources', () => {
  it('creates the three tables with the keys of shared/config/table-keys.ts', async () => {
    // Prepare, Act: created in beforeAll. Assess
    expect(await keysOf('daylight-local-evidence')).toEqual(['HASH contractorId', 'RANGE week']);
    expect(await keysOf('daylight-local-profiles')).toEqual(['HASH contractorId']);
    expect(await keysOf('daylight-local-alerts')).toEqual(['HASH contractorId', 'RANGE code']);
  });

  it('sends a message the ingest queue cannot deliver after 5 receives to its dead-letter queue', async () => {
    // Act
    const { Attributes = {} } = await clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: resources.queues.ingest.url, AttributeNames: ['All'] }),
    );

    // Assess
    expect(JSON.parse(Attributes.RedrivePolicy ?? '{}')).toEqual({
      deadLetterTargetArn: resources.queues.ingestDeadLetter.arn,
      maxReceiveCount: 5,
    });
    expect(Number(Attributes.VisibilityTimeout)).toBeLessThanOrEqual(10);
    expect(resources.queues.ingest.url).toMatch(/\/daylight-local-ingest$/);
  });

  it('delivers what is published on the alerts topic to the alerts queue raw, with its attributes', async () => {
    // Prepare
    const alert = JSON.stringify({ alertId: 'alert-1', contractorId: 'c-1', code: 'TIMEZONE_MISMATCH' });

    // Act
    await clients.sns.send(
      new PublishCommand({
        TopicArn: resources.alertsTopicArn,
        Message: alert,
        MessageAttributes: { severity: { DataType: 'String', StringValue: 'high' } },
      }),
    );
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: resources.queues.alerts.url,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
      }),
    );

    // Assess
    expect(Messages.map((m) => m.Body)).toEqual([alert]);
    expect(Messages[0]?.MessageAttributes?.severity?.StringValue).toBe('high');
  });

  it('gives the alerts queue a dead-letter queue of its own', async () => {
    // Act
    const { Attributes = {} } = await clients.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: resources.queues.alerts.url,
        AttributeNames: ['RedrivePolicy'],
      }),
    );

    // Assess
    expect(JSON.parse(Attributes.RedrivePolicy ?? '{}').deadLetterTargetArn).toBe(
      resources.queues.alertsDeadLetter.arn,
    );
  });
});
