import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { PublishCommand } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiFunctionName,
  FUNCTION_NAMES,
  type FunctionName,
  isApiFunction,
  routeOf,
} from '../../functions/catalog.js';
import type { ApiHandler, LocalFunctions } from '../../local/functions.js';
import { localConfigPath } from '../../local/local-config.js';
import { type LocalStack, startLocalStack } from '../../local/stack.js';
import { daylightAsync } from '../support/daylight-async.js';

/**
 * Small stand-ins for the handlers: this file checks the stack's wiring (local.json, the environment, the
 * processor, alerts tail) in milliseconds; local-start.test.ts runs the real handlers end to end.
 */
const processed: SQSRecord[] = [];
/** Answers which function was called, with the path parameters it got. */
const answering =
  (name: FunctionName): ApiHandler =>
  async (event) => ({ statusCode: 200, body: JSON.stringify({ function: name, ...event.pathParameters }) });
const functions = {
  ...(Object.fromEntries(
    FUNCTION_NAMES.filter(isApiFunction).map((name) => [name, answering(name)]),
  ) as Record<ApiFunctionName, ApiHandler>),
  'ingest-events': async (event: APIGatewayProxyEventV2) => {
    // As the real ingest handler: the queue comes from the environment the stack set.
    await stack.clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: process.env.DAYLIGHT_INGEST_QUEUE_URL,
        MessageBody: event.body ?? '',
      }),
    );
    return { statusCode: 202, body: '{"accepted":1,"rejected":0}' };
  },
  'process-events': async (event: SQSEvent) => {
    processed.push(...event.Records);
    return { batchItemFailures: [] };
  },
} satisfies LocalFunctions;

let directory: string;
let stack: LocalStack;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'daylight-stack-'));
  stack = await startLocalStack({
    port: 0,
    configPath: localConfigPath(directory),
    functions,
    log: () => {},
  });
});
afterAll(() => stack.stop());

function alert(contractorId: string, code: string, severity: string) {
  return {
    alertId: `alert-${contractorId}-${code}`,
    contractorId,
    code,
    severity,
    confidence: 0.9,
    summary: `${code} for ${contractorId}`,
    evidence: {},
    detectedAt: '2026-04-01T00:00:00.000Z',
    escalates: null,
    riskScore: 90,
    riskLevel: 'high',
  };
}

async function publish(...alerts: ReturnType<typeof alert>[]) {
  for (const a of alerts)
    await stack.clients.sns.send(
      new PublishCommand({ TopicArn: stack.config.alertsTopicArn, Message: JSON.stringify(a) }),
    );
}

async function alertsWaiting(): Promise<number> {
  const { Attributes = {} } = await stack.clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: stack.config.queues.alerts,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible)
  );
}

describe('the local stack', () => {
  it('describes itself in .daylight/local.json with endpoints that answer', async () => {
    // Act
    const config = JSON.parse(await readFile(join(directory, '.daylight', 'local.json'), 'utf8'));
    const { TableNames } = await stack.clients.dynamodb.send(new ListTablesCommand({}));
    const api = await fetch(`${config.apiUrl}/v1/contractors`);

    // Assess
    expect(config).toMatchObject({
      region: 'us-east-1',
      apiUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      endpoints: { dynamodb: expect.stringMatching(/^http:\/\/127\.0\.0\.1:/) },
      tables: { evidence: 'daylight-local-evidence', profiles: 'daylight-local-profiles' },
      alertsTopicArn: expect.stringMatching(/^arn:aws:sns:us-east-1:\d+:daylight-local-alerts$/),
    });
    expect(config.queues.ingest).toMatch(/daylight-local-ingest$/);
    expect(TableNames).toEqual([
      'daylight-local-alerts',
      'daylight-local-evidence',
      'daylight-local-profiles',
    ]);
    expect(api.status).toBe(200);
  });

  it('gives the handlers their configuration in process.env', () => {
    // Assess
    expect(process.env).toMatchObject({
      DAYLIGHT_EVIDENCE_TABLE: 'daylight-local-evidence',
      DAYLIGHT_INGEST_QUEUE_URL: stack.config.queues.ingest,
      DAYLIGHT_ALERTS_TOPIC_ARN: stack.config.alertsTopicArn,
      DAYLIGHT_DYNAMODB_ENDPOINT: stack.config.endpoints.dynamodb,
      DAYLIGHT_SQS_ENDPOINT: stack.config.endpoints.sqs,
      AWS_REGION: 'us-east-1',
    });
  });

  it('serves every route of the catalog with its function', async () => {
    for (const name of FUNCTION_NAMES.filter((n) => n !== 'ingest-events')) {
      const route = routeOf(name);
      if (route === undefined) continue;
      // Act
      const response = await fetch(`${stack.config.apiUrl}${route.path.replace('{id}', 'c-9')}`, {
        method: route.method,
        body: route.method === 'PUT' ? '{}' : undefined,
      });

      // Assess
      expect(response.status, name).toBe(200);
      expect(await response.json()).toEqual({
        function: name,
        ...(route.path.includes('{id}') ? { id: 'c-9' } : {}),
      });
    }
  });

  it('runs what the API queued through the processor', async () => {
    // Act
    const response = await fetch(`${stack.config.apiUrl}/v1/events`, {
      method: 'POST',
      body: '[{"id":"e-1"}]',
    });
    await stack.drain();

    // Assess
    expect(response.status).toBe(202);
    expect(processed.map((r) => r.body)).toContain('[{"id":"e-1"}]');
    expect(await stack.processing()).toMatchObject({ failed: 0, deadLettered: 0 });
  });

  it('prints alerts with alerts tail, one line each, and deletes them', async () => {
    // Prepare
    await publish(alert('c-1', 'TIMEZONE_MISMATCH', 'high'), alert('c-2', 'REMOTE_ACCESS_TOOL', 'medium'));

    // Act
    const run = await daylightAsync(['alerts', 'tail', '--max', '2'], directory);

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n').sort()).toEqual([
      'HIGH    TIMEZONE_MISMATCH              c-1  TIMEZONE_MISMATCH for c-1',
      'MEDIUM  REMOTE_ACCESS_TOOL             c-2  REMOTE_ACCESS_TOOL for c-2',
    ]);
    expect(await alertsWaiting()).toBe(0);
  });

  it('stops after --idle seconds without an alert', async () => {
    // Act
    const run = await daylightAsync(['alerts', 'tail', '--idle', '1', '--format', 'json'], directory);

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
  });

  it('prints every field of an alert with --format json, and leaves it on the queue with --peek', async () => {
    // Prepare
    const sent = alert('c-3', 'DEVICE_MISMATCH', 'low');
    await publish(sent);

    // Act
    const run = await daylightAsync(
      ['alerts', 'tail', '--max', '1', '--format', 'json', '--peek'],
      directory,
    );

    // Assess
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(sent);
    expect(await alertsWaiting()).toBe(1);
  });

  it('says how to start the stack when there is none', async () => {
    // Act
    const run = await daylightAsync(['alerts', 'tail', '--max', '1'], tmpdir());

    // Assess
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("run 'npm start' first, or pass --queue-url");
  });
});
