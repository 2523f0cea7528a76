import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/domain/alerts.js';
import { ingestEvents } from '../../shared/pipeline/ingest.js';
import { processBatch } from '../../shared/pipeline/processor.js';
import { type PipelineHarness, startPipelineHarness } from '../support/pipeline-harness.js';

const RECEIVED_AT = Date.parse('2026-04-20T00:00:00Z');

/** A contractor signing in from Pyongyang's only network while claiming nothing: HIGH_RISK_REGION at once. */
function signIns(contractorId: string, count: number, startAt = '2026-04-06T01:00:00Z') {
  return Array.from({ length: count }, (_, i) => ({
    id: `${contractorId}:login:${i}`,
    contractorId,
    type: 'login',
    at: new Date(Date.parse(startAt) + i * 3_600_000).toISOString(),
    ip: '175.45.176.10',
    success: true,
  }));
}

async function drain(h: PipelineHarness) {
  const alerts: Alert[] = [];
  for (;;) {
    const batch = await h.receive();
    if (batch.length === 0) break;
    const outcome = await processBatch(batch, h.deps);
    for (const m of batch)
      if (!outcome.failedMessageIds.includes(m.messageId)) await h.delete(m.receiptHandle);
  }
  alerts.push(...(await h.drainAlerts()));
  return alerts;
}

describe('Delivery under SQS at-least-once semantics', () => {
  let h: PipelineHarness;
  beforeEach(async () => {
    h = await startPipelineHarness();
  });
  afterEach(async () => h.stop());

  it('accepts the valid events of a partly bad batch and names each bad one by index and field', async () => {
    // Prepare
    const batch = [
      ...signIns('c-1', 2),
      { id: 'x', contractorId: 'c-1', type: 'login', at: '2026-02-30T00:00:00Z', ip: '1.2.3.4' },
      { id: 'y', contractorId: 'c-1', type: 'login', at: '2026-04-01T00:00:00Z', ip: '999.1.1.1' },
      'not an object',
    ];
    // Act
    const result = await ingestEvents(batch, h.queue, RECEIVED_AT);
    // Assess
    expect(result.accepted).toBe(2);
    expect(result.rejected).toBe(3);
    expect(result.rejections.map((r) => [r.index, r.field])).toEqual([
      [2, 'at'],
      [3, 'ip'],
      [4, '(record)'],
    ]);
    const queued = await h.receive();
    expect(queued.length).toBe(1);
    expect(JSON.parse(queued[0]?.body ?? '{}').events).toHaveLength(2);
  });

  it('changes nothing and sends no alert again when the same batch is delivered twice', async () => {
    // Prepare
    await ingestEvents(signIns('c-dup', 20), h.queue, RECEIVED_AT);
    const [message] = await h.receive();
    if (message === undefined) throw new Error('nothing was queued');
    const first = await processBatch([message], h.deps);
    const alerts = await h.drainAlerts();
    const before = await h.deps.evidence.loadContractor('c-dup');
    const writesBefore = h.meter.writeUnits;
    // Act
    const second = await processBatch([message], h.deps);
    // Assess
    expect(first.weeksWritten).toBeGreaterThan(0);
    expect(second.weeksWritten).toBe(0);
    expect(h.meter.writeUnits).toBe(writesBefore);
    expect(await h.deps.evidence.loadContractor('c-dup')).toEqual(before);
    expect(alerts.map((a) => a.code)).toContain('HIGH_RISK_REGION');
    expect(await h.drainAlerts()).toEqual([]);
  });

  it('loses nothing when two processors fold the same contractor at once', async () => {
    // Prepare: two messages for one contractor and one week, processed concurrently.
    const events = signIns('c-race', 40);
    await ingestEvents(events.slice(0, 20), h.queue, RECEIVED_AT);
    await ingestEvents(events.slice(20), h.queue, RECEIVED_AT);
    const messages = await h.receive();
    expect(messages).toHaveLength(2);
    // Act
    const outcomes = await Promise.all(messages.map((m) => processBatch([m], h.deps)));
    // Assess
    expect(outcomes.flatMap((o) => o.failedMessageIds)).toEqual([]);
    const stored = await h.deps.evidence.loadContractor('c-race');
    expect(stored.weeks.flatMap((w) => w.snapshot.events)).toHaveLength(40);
  });

  it('fails a poison message alone and lets SQS move it to the dead-letter queue after five tries', async () => {
    // Prepare
    const queueUrl = h.resources.queues.ingest.url;
    await h.clients.sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"kind":"nonsense"}' }),
    );
    await ingestEvents(signIns('c-good', 3), h.queue, RECEIVED_AT);
    // Act: each round receives what is visible, processes it and deletes only what succeeded.
    const failedRounds: string[][] = [];
    for (let round = 0; round < 6; round++) {
      const batch = await h.receive();
      if (batch.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 5_200));
        continue;
      }
      const outcome = await processBatch(batch, h.deps);
      failedRounds.push(outcome.failedMessageIds);
      for (const m of batch)
        if (!outcome.failedMessageIds.includes(m.messageId)) await h.delete(m.receiptHandle);
      if (outcome.failedMessageIds.length > 0) await releaseNow(h, batch, outcome.failedMessageIds);
    }
    // Assess
    expect((await h.deps.evidence.loadContractor('c-good')).weeks).toHaveLength(1);
    const dead = await h.clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: h.resources.queues.ingestDeadLetter.url,
        MaxNumberOfMessages: 10,
      }),
    );
    expect(dead.Messages?.map((m) => m.Body)).toEqual(['{"kind":"nonsense"}']);
    const left = await h.clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    expect(left.Attributes?.ApproximateNumberOfMessages).toBe('0');
    expect(failedRounds.every((ids) => ids.length <= 1)).toBe(true);
  });

  it('alerts once per finding, and again only when its severity rises, naming the alert it escalates', async () => {
    // Prepare: one failed sign-in from North Korea is medium; a successful one later makes it high.
    const failed = { ...signIns('c-kp', 1)[0], success: false };
    await ingestEvents([failed], h.queue, RECEIVED_AT);
    const first = await drain(h);
    // Act
    await ingestEvents(signIns('c-kp', 3, '2026-04-07T01:00:00Z'), h.queue, RECEIVED_AT);
    const second = await drain(h);
    await ingestEvents(signIns('c-kp', 3, '2026-04-08T01:00:00Z'), h.queue, RECEIVED_AT);
    const third = await drain(h);
    // Assess
    const kp = (alerts: Alert[]) => alerts.filter((a) => a.code === 'HIGH_RISK_REGION');
    expect(kp(first).map((a) => a.severity)).toEqual(['medium']);
    expect(kp(second).map((a) => a.severity)).toEqual(['high']);
    expect(kp(second)[0]?.escalates).toBe(kp(first)[0]?.alertId);
    expect(kp(third)).toEqual([]);
  });
});

/** Makes failed messages visible again at once, as the queue would after its visibility timeout. */
async function releaseNow(
  h: PipelineHarness,
  batch: { messageId: string; receiptHandle: string }[],
  ids: string[],
) {
  const { ChangeMessageVisibilityCommand } = await import('@aws-sdk/client-sqs');
  for (const m of batch)
    if (ids.includes(m.messageId))
      await h.clients.sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: h.resources.queues.ingest.url,
          ReceiptHandle: m.receiptHandle,
          VisibilityTimeout: 0,
        }),
      );
}

describe('A privacy request (DELETE /v1/contractors/{id})', () => {
  let h: PipelineHarness;
  beforeEach(async () => {
    h = await startPipelineHarness();
  });
  afterEach(async () => h.stop());

  it('erases the events, claims, profile and alert state of one contractor, and nothing of another', async () => {
    // Prepare: two contractors with weeks of evidence, a claim, a profile and alerts.
    const { deleteContractor, putClaim } = await import('../../shared/pipeline/contractors.js');
    await ingestEvents(
      [...signIns('c-erase', 200, '2026-03-30T01:00:00Z'), ...signIns('c-keep', 5)],
      h.queue,
      RECEIVED_AT,
    );
    await putClaim(
      'c-erase',
      { source: 'profile', name: 'Ann Example', country: 'US' },
      { ...h.deps, queue: h.queue },
    );
    await drain(h);
    const before = await h.deps.evidence.loadContractor('c-erase');
    expect(before.weeks.length).toBeGreaterThan(1);
    expect(await h.deps.alerts.list('c-erase')).not.toEqual([]);
    // Act
    const result = await deleteContractor('c-erase', h.deps);
    // Assess
    expect(result.erased).toEqual({
      evidenceItems: before.weeks.length + 1,
      profile: true,
      alertStates: expect.any(Number),
    });
    expect(await h.deps.evidence.loadContractor('c-erase')).toEqual({
      weeks: [],
      claims: null,
      unreadable: 0,
    });
    expect(await h.deps.profiles.get('c-erase')).toBeNull();
    expect(await h.deps.alerts.list('c-erase')).toEqual([]);
    const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
    const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
    const documents = DynamoDBDocumentClient.from(h.clients.dynamodb);
    for (const table of Object.values(h.resources.tables)) {
      const items = (await documents.send(new ScanCommand({ TableName: table }))).Items ?? [];
      expect(items.filter((i) => i.contractorId === 'c-erase')).toEqual([]);
      if (table !== h.resources.tables.alerts)
        expect(items.some((i) => i.contractorId === 'c-keep')).toBe(true);
    }
    await expect(deleteContractor('c-erase', h.deps)).rejects.toMatchObject({ status: 404 });
  });
});
