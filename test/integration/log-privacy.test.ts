import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, Context, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destroyClients, LOCAL_CREDENTIALS, LOCAL_REGION, localClients } from '../../local/aws-clients.js';
import { createLocalResources } from '../../local/resources.js';
import { startServers } from '../../local/servers.js';
import { exampleClaims, exampleEvents } from '../support/example-data.js';

/** Everything the functions print while they run: what CloudWatch Logs would keep. */
function captureOutput(): { text: () => string; restore: () => void } {
  const chunks: string[] = [];
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const tap = (chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  };
  process.stdout.write = tap as typeof process.stdout.write;
  process.stderr.write = tap as typeof process.stderr.write;
  return {
    text: () => chunks.join(''),
    restore: () => {
      process.stdout.write = out;
      process.stderr.write = err;
    },
  };
}

const api = (body: string, pathParameters?: Record<string, string>) =>
  ({
    body,
    isBase64Encoded: false,
    pathParameters,
    requestContext: { requestId: 'privacy' },
  }) as unknown as APIGatewayProxyEventV2;
const context = { functionName: 'daylight-test', awsRequestId: 'privacy' } as unknown as Context;

describe('Function logs', () => {
  let servers: Awaited<ReturnType<typeof startServers>>;
  let logged = '';

  beforeAll(async () => {
    // Prepare: the real handlers on embedded servers, with events, claims, a poison message and bad requests.
    servers = await startServers();
    const clients = localClients(servers.endpoints);
    const resources = await createLocalResources(clients);
    Object.assign(process.env, {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      POWERTOOLS_LOG_LEVEL: 'DEBUG',
      DAYLIGHT_DYNAMODB_ENDPOINT: servers.endpoints.dynamodb,
      DAYLIGHT_SQS_ENDPOINT: servers.endpoints.sqs,
      DAYLIGHT_SNS_ENDPOINT: servers.endpoints.sns,
      DAYLIGHT_INGEST_QUEUE_URL: resources.queues.ingest.url,
      DAYLIGHT_INGEST_DEAD_LETTER_QUEUE_URL: resources.queues.ingestDeadLetter.url,
      DAYLIGHT_MAX_RECEIVE_COUNT: '5',
      DAYLIGHT_EVIDENCE_TABLE: resources.tables.evidence,
      DAYLIGHT_PROFILES_TABLE: resources.tables.profiles,
      DAYLIGHT_ALERTS_TABLE: resources.tables.alerts,
      DAYLIGHT_ALERTS_TOPIC_ARN: resources.alertsTopicArn,
      DAYLIGHT_EVENT_RETENTION_DAYS: '180',
    });
    const withContext =
      (handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>) =>
      (event: APIGatewayProxyEventV2) =>
        handler(event, context);
    const ingest = withContext((await import('../../functions/ingest-events.js')).handler);
    const claims = withContext((await import('../../functions/put-claims.js')).handler);
    const report = withContext((await import('../../functions/get-report.js')).handler);
    const processEvents = (await import('../../functions/process-events.js')).handler;
    const capture = captureOutput();
    try {
      for (const claim of exampleClaims.slice(0, 20))
        await claims(api(JSON.stringify(claim), { id: claim.contractorId }));
      await claims(api(JSON.stringify({ source: 'x', name: 'Kim Jong Bad', phone: 12 }), { id: 'c-bad' }));
      const events = exampleEvents.slice(0, 1500);
      for (let i = 0; i < events.length; i += 500)
        await ingest(api(JSON.stringify(events.slice(i, i + 500))));
      await ingest(
        api(JSON.stringify([{ id: 'x', contractorId: 'c', type: 'login', at: 'nope', ip: '175.45.176.99' }])),
      );
      await ingest(api('{"broken'));
      await clients.sqs.send(
        new SendMessageCommand({
          QueueUrl: resources.queues.ingest.url,
          MessageBody: '{"kind":"events","receivedAt":1,"events":"81.2.69.160"}',
        }),
      );
      for (;;) {
        const out = await clients.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: resources.queues.ingest.url,
            MaxNumberOfMessages: 10,
            AttributeNames: ['All'],
          }),
        );
        const messages = out.Messages ?? [];
        if (messages.length === 0) break;
        const event = {
          Records: messages.map((m) => ({
            messageId: m.MessageId ?? '',
            receiptHandle: m.ReceiptHandle ?? '',
            body: m.Body ?? '',
            attributes: { ApproximateReceiveCount: '5' },
            messageAttributes: {},
            md5OfBody: '',
            eventSource: 'aws:sqs',
            eventSourceARN: resources.queues.ingest.arn,
            awsRegion: LOCAL_REGION,
          })),
        } as unknown as SQSEvent;
        await processEvents(event, context);
        for (const m of messages)
          await clients.sqs.send(
            new (await import('@aws-sdk/client-sqs')).DeleteMessageCommand({
              QueueUrl: resources.queues.ingest.url,
              ReceiptHandle: m.ReceiptHandle ?? '',
            }),
          );
      }
      await report(api('', { id: exampleClaims[0]?.contractorId ?? '' }));
    } finally {
      capture.restore();
      destroyClients(clients);
    }
    logged = capture.text();
  }, 120_000);
  afterAll(async () => servers?.stop());

  it('logged something: the functions ran and wrote their JSON logs', () => {
    expect(logged).toContain('"level"');
  });

  it('never hold an IP address the events carried', () => {
    const ips = new Set(
      exampleEvents.slice(0, 1500).flatMap((e) => ('ip' in e ? [String((e as { ip: string }).ip)] : [])),
    );
    ips.add('175.45.176.99');
    ips.add('81.2.69.160');
    for (const ip of ips) expect(logged).not.toContain(ip);
  });

  it('never hold a name the claims carried', () => {
    for (const claim of exampleClaims.slice(0, 20)) if (claim.name) expect(logged).not.toContain(claim.name);
    expect(logged).not.toContain('Kim Jong Bad');
  });
});
