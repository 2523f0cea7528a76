import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inspectDeadLetters, redriveDeadLetters } from '../../cli/dlq/dead-letters.js';
import { SqsDeadLetterQueue } from '../../shared/adapters/messaging/sqs-dead-letter-queue.js';
import { ingestEvents } from '../../shared/pipeline/ingest.js';
import { processDelivery } from '../../shared/pipeline/processor.js';
import { type PipelineHarness, startPipelineHarness } from '../support/pipeline-harness.js';

const run = promisify(execFile);
const BIN = resolve('bin/daylight.mjs');
const POISON = '{"kind":"events","receivedAt":1,"events":"not a list"}';

async function depth(h: PipelineHarness, url: string): Promise<number> {
  const out = await h.clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(out.Attributes?.ApproximateNumberOfMessages ?? Number.NaN);
}

describe('Dead letters', () => {
  let h: PipelineHarness;
  let dlq: string;
  beforeEach(async () => {
    h = await startPipelineHarness();
    dlq = h.resources.queues.ingestDeadLetter.url;
    // Prepare: a poison message on its last try, dead-lettered by the processor with its reason…
    const parker = new SqsDeadLetterQueue(h.clients.sqs, dlq);
    const lastTry = {
      maxReceiveCount: 5,
      park: (record: { body: string }, { reason }: { reason: string }) =>
        parker.park(record.body, {
          reason,
          failedAt: '2026-04-20T00:00:00.000Z',
          receiveCount: 5,
          sourceQueue: 'ingest',
        }),
    };
    await processDelivery([{ messageId: 'm-1', body: POISON, receiveCount: 5 }], h.deps, lastTry);
    // …and one the queue's redrive moved without a reason (a consumer that timed out).
    await ingestEvents(
      [{ id: 'e1', contractorId: 'c-1', type: 'login', at: '2026-04-01T00:00:00Z', ip: '81.2.69.160' }],
      h.queue,
      Date.parse('2026-04-20T00:00:00Z'),
    );
    const [queued] = await h.receive();
    await h.clients.sqs.send(new SendMessageCommand({ QueueUrl: dlq, MessageBody: queued?.body ?? '' }));
    await h.delete(queued?.receiptHandle ?? '');
  });
  afterEach(async () => h.stop());

  it('keeps why each message failed, and inspecting removes nothing', async () => {
    // Act
    const first = await inspectDeadLetters(h.clients.sqs, dlq, 100);
    const again = await inspectDeadLetters(h.clients.sqs, dlq, 100);
    // Assess
    expect(first.map((l) => l.summary).sort()).toEqual([
      '1 events for 1 contractors',
      'JSON of an unknown shape (54 bytes)',
    ]);
    const poison = first.find((l) => l.body === POISON);
    expect(poison?.reason).toMatch(/not a Daylight queue message: events/);
    expect(poison?.receiveCount).toBe(5);
    expect(first.find((l) => l.body !== POISON)?.reason).toMatch(/no reason was recorded/);
    expect(again).toHaveLength(2);
    expect(await depth(h, dlq)).toBe(2);
  });

  it('sends dead letters back to their queue unchanged, and empties the dead-letter queue', async () => {
    // Act
    const moved = await redriveDeadLetters(h.clients.sqs, dlq, h.resources.queues.ingest.url, 100);
    // Assess
    expect(moved).toBe(2);
    expect(await depth(h, dlq)).toBe(0);
    const back = await h.receive();
    expect(back.map((m) => m.body)).toContain(POISON);
    expect(back).toHaveLength(2);
  });

  it('are listed and redriven by `daylight dlq` against the stack named in .daylight/local.json', async () => {
    // Prepare
    const cwd = mkdtempSync(join(tmpdir(), 'daylight-dlq-'));
    mkdirSync(join(cwd, '.daylight'));
    const { queues, tables, alertsTopicArn } = h.resources;
    const config = {
      pid: process.pid,
      region: 'us-east-1',
      apiUrl: 'http://127.0.0.1:1',
      endpoints: {
        dynamodb: 'http://127.0.0.1:1',
        sqs: await endpointOf(h),
        sns: await endpointOf(h),
      },
      tables,
      queues: {
        ingest: queues.ingest.url,
        ingestDeadLetter: queues.ingestDeadLetter.url,
        alerts: queues.alerts.url,
        alertsDeadLetter: queues.alertsDeadLetter.url,
      },
      alertsTopicArn,
    };
    writeFileSync(join(cwd, '.daylight', 'local.json'), JSON.stringify(config));
    // Act
    const inspected = await run(process.execPath, [BIN, 'dlq', 'inspect', 'ingest'], { cwd });
    const redriven = await run(process.execPath, [BIN, 'dlq', 'redrive', 'ingest'], { cwd });
    // Assess
    expect(inspected.stdout).toMatch(/tries 5 {2}JSON of an unknown shape/);
    expect(inspected.stdout).toMatch(/reason: the message is not a Daylight queue message/);
    expect(inspected.stdout).not.toContain('81.2.69.160');
    expect(redriven.stderr).toContain('sent 2 dead letters back to the ingest queue');
    expect(await depth(h, dlq)).toBe(0);
  });
});

async function endpointOf(h: PipelineHarness): Promise<string> {
  const endpoint = await h.clients.sqs.config.endpoint?.();
  if (endpoint === undefined) throw new Error('the harness SQS client has no endpoint');
  return `${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`;
}
