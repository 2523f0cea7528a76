import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CONTRACTORS_PER_KEY } from '../../shared/adapters/dynamodb/dynamo-infrastructure-index.js';
import { SqsDeadLetterQueue } from '../../shared/adapters/messaging/sqs-dead-letter-queue.js';
import { EVIDENCE_TABLE } from '../../shared/config/table-keys.js';
import { putClaim } from '../../shared/pipeline/contractors.js';
import { BadRequestError } from '../../shared/pipeline/errors.js';
import { ingestEvents } from '../../shared/pipeline/ingest.js';
import { type LastTry, processDelivery } from '../../shared/pipeline/processor.js';
import { getReport } from '../../shared/pipeline/report.js';
import { FAILURE_ATTRIBUTES } from '../../shared/ports/dead-letters.js';
import { EvidenceStore } from '../../shared/ports/evidence-store.js';
import { type PipelineHarness, startPipelineHarness } from '../support/pipeline-harness.js';

const RECEIVED_AT = Date.parse('2026-04-20T00:00:00Z');
const MAX_RECEIVES = 5;

class StoreRefused extends Error {
  override readonly name = 'StoreRefused';
}

function signIns(contractorId: string, count: number, deviceId?: string) {
  return Array.from({ length: count }, (_, i) => ({
    id: `${contractorId}:login:${i}`,
    contractorId,
    type: 'login',
    at: new Date(Date.parse('2026-04-06T09:00:00Z') + i * 3_600_000).toISOString(),
    ip: '81.2.69.160',
    ...(deviceId === undefined ? {} : { device: { id: deviceId } }),
  }));
}

/** The evidence store, except that everything about `victim` fails as `how` says. */
function failingFor(inner: EvidenceStore, victim: string, how: 'writes' | 'reads'): EvidenceStore {
  return new (class extends EvidenceStore {
    getWeek = inner.getWeek.bind(inner);
    putClaims = inner.putClaims.bind(inner);
    deleteContractor = inner.deleteContractor.bind(inner);
    async putWeek(...args: Parameters<EvidenceStore['putWeek']>) {
      if (how === 'writes' && args[0] === victim) throw new StoreRefused('refused');
      return inner.putWeek(...args);
    }
    async loadContractor(contractorId: string) {
      if (how === 'reads' && contractorId === victim) throw new StoreRefused('refused');
      return inner.loadContractor(contractorId);
    }
  })();
}

/** Every message waiting on the ingest queue, as the event source delivers them on their `receiveCount`th try. */
async function deliveries(h: PipelineHarness, receiveCount: number) {
  return (await h.receive()).map((m) => ({ ...m, receiveCount }));
}

function parking(h: PipelineHarness): LastTry {
  const dlq = new SqsDeadLetterQueue(h.clients.sqs, h.resources.queues.ingestDeadLetter.url);
  return {
    maxReceiveCount: MAX_RECEIVES,
    park: (record, { reason, contractorId }) =>
      dlq.park(record.body, {
        reason,
        failedAt: '2026-04-20T00:00:00.000Z',
        receiveCount: MAX_RECEIVES,
        sourceQueue: 'ingest',
        ...(contractorId === undefined ? {} : { contractorId }),
      }),
  };
}

async function deadLetters(h: PipelineHarness) {
  const out = await h.clients.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: h.resources.queues.ingestDeadLetter.url,
      MaxNumberOfMessages: 10,
      MessageAttributeNames: ['All'],
    }),
  );
  return (out.Messages ?? []).map((m) => ({
    events: (JSON.parse(m.Body ?? '{}') as { events: { contractorId: string }[] }).events,
    contractorId: m.MessageAttributes?.[FAILURE_ATTRIBUTES.contractorId]?.StringValue,
    reason: m.MessageAttributes?.[FAILURE_ATTRIBUTES.reason]?.StringValue,
  }));
}

describe('One contractor whose data cannot be stored', () => {
  let h: PipelineHarness;
  beforeEach(async () => {
    h = await startPipelineHarness();
  });
  afterEach(async () => h.stop());

  it('fails only their part of a message: the others are stored, the message retried, nothing dead-lettered yet', async () => {
    // Prepare: one message holding both contractors' events
    h.deps.evidence = failingFor(h.deps.evidence, 'c-bad', 'writes');
    await ingestEvents([...signIns('c-good', 3), ...signIns('c-bad', 4)], h.queue, RECEIVED_AT);

    // Act: a try with tries left
    const { retry, outcome } = await processDelivery(await deliveries(h, 1), h.deps, parking(h));

    // Assess
    expect(retry).toHaveLength(1);
    expect(outcome.failures.map((f) => f.contractorId)).toEqual(['c-bad']);
    expect((await h.deps.evidence.loadContractor('c-good')).weeks).toHaveLength(1);
    expect(await deadLetters(h)).toEqual([]);
  });

  it('parks on the last try their events alone, with their id and the reason beside them', async () => {
    // Prepare
    h.deps.evidence = failingFor(h.deps.evidence, 'c-bad', 'writes');
    await ingestEvents([...signIns('c-good', 3), ...signIns('c-bad', 4)], h.queue, RECEIVED_AT);

    // Act
    const { retry, outcome } = await processDelivery(await deliveries(h, MAX_RECEIVES), h.deps, parking(h));

    // Assess
    expect(retry).toEqual([]);
    expect(outcome.failures.map((f) => f.contractorId)).toEqual(['c-bad']);
    expect((await h.deps.evidence.loadContractor('c-good')).weeks).toHaveLength(1);
    const parked = await deadLetters(h);
    expect(parked).toHaveLength(1);
    expect(parked[0]?.contractorId).toBe('c-bad');
    expect(parked[0]?.reason).toBe('StoreRefused');
    expect(parked[0]?.events.map((e) => e.contractorId)).toEqual(['c-bad', 'c-bad', 'c-bad', 'c-bad']);
  });

  it('does not fail a message for an event no longer valid: the rest of it is stored', async () => {
    // Prepare: a message queued before dates were checked at ingest, one event dated year 0
    await h.clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: h.resources.queues.ingest.url,
        MessageBody: JSON.stringify({
          kind: 'events',
          receivedAt: RECEIVED_AT,
          events: [{ ...signIns('c-poison', 1)[0], at: '0000-01-01T00:00:00Z' }, ...signIns('c-innocent', 2)],
        }),
      }),
    );

    // Act
    const { retry, outcome } = await processDelivery(await deliveries(h, 1), h.deps, parking(h));

    // Assess
    expect(retry).toEqual([]);
    expect(outcome.invalidEvents).toBe(1);
    expect((await h.deps.evidence.loadContractor('c-innocent')).weeks).toHaveLength(1);
    expect((await h.deps.evidence.loadContractor('c-poison')).weeks).toHaveLength(0);
  });
});

describe("A partner's unreadable evidence", () => {
  let h: PipelineHarness;
  beforeEach(async () => {
    h = await startPipelineHarness();
    // Prepare: two contractors on one device, both stored and assessed
    await ingestEvents(
      [...signIns('c-a', 3, 'dev-shared'), ...signIns('c-b', 3, 'dev-shared')],
      h.queue,
      RECEIVED_AT,
    );
    const { retry } = await processDelivery(await deliveries(h, 1), h.deps);
    expect(retry).toEqual([]);
  });
  afterEach(async () => h.stop());

  it('leaves the shared-infrastructure finding out of the report and says so, when it cannot be read at all', async () => {
    // Prepare
    const codes = (await getReport('c-a', h.deps)).findings.map((f) => f.code);
    expect(codes).toContain('SHARED_INFRASTRUCTURE');
    h.deps.evidence = failingFor(h.deps.evidence, 'c-b', 'reads');

    // Act
    const report = await getReport('c-a', h.deps);

    // Assess
    expect(report.findings.map((f) => f.code)).not.toContain('SHARED_INFRASTRUCTURE');
    expect(report.limitations).toEqual([
      expect.stringMatching(/1 contractor\(s\) sharing a device.*SHARED_INFRASTRUCTURE/),
    ]);
  });

  it('reads around a stored item of no valid week, for the contractor and for their partner', async () => {
    // Prepare: the item an event of year 0 once left behind
    await h.clients.dynamodb.send(
      new PutItemCommand({
        TableName: h.resources.tables.evidence,
        Item: {
          [EVIDENCE_TABLE.partitionKey]: { S: 'c-b' },
          [EVIDENCE_TABLE.sortKey]: { S: '-000001-12' },
          evidence: { B: new Uint8Array([1, 2, 3]) },
          version: { N: '1' },
        },
      }),
    );

    // Act
    const own = await getReport('c-b', h.deps);
    const partner = await getReport('c-a', h.deps);

    // Assess
    expect(own.activity.events).toBe(3);
    expect(own.limitations).toEqual([
      '1 stored item(s) of this contractor could not be read and were left out',
    ]);
    expect(partner.findings.map((f) => f.code)).toContain('SHARED_INFRASTRUCTURE');
    expect(partner.limitations).toHaveLength(1);
  });
});

describe('What one contractor can store', () => {
  let h: PipelineHarness;
  beforeEach(async () => {
    h = await startPipelineHarness();
  });
  afterEach(async () => h.stop());

  it('holds at most 64 claim sources, and says so for the 65th without losing the others', async () => {
    // Prepare
    for (let n = 0; n < 64; n++)
      await putClaim(
        'c-many',
        { source: `s-${n}`, timezone: 'Asia/Tokyo' },
        { evidence: h.deps.evidence, queue: h.queue },
      );

    // Act
    const refused = await putClaim(
      'c-many',
      { source: 's-64' },
      { evidence: h.deps.evidence, queue: h.queue },
    ).catch((error: unknown) => error);
    const replaced = await putClaim(
      'c-many',
      { source: 's-0', timezone: 'Europe/Paris' },
      { evidence: h.deps.evidence, queue: h.queue },
    );

    // Assess
    expect(refused).toBeInstanceOf(BadRequestError);
    expect((refused as BadRequestError).problems[0]?.field).toBe('source');
    expect(replaced.sources).toHaveLength(64);
  });

  it('keeps recording a shared device once a thousand identities used it, without failing anyone', async () => {
    // Prepare
    const key = { kind: 'device', value: 'dev-farm' } as const;
    for (let n = 0; n < MAX_CONTRACTORS_PER_KEY; n++)
      await h.deps.infrastructure.record([key], `c-farm-${n}`);

    // Act
    await h.deps.infrastructure.record([key], 'c-one-too-many');
    const users = await h.deps.infrastructure.contractorsOf([key]);

    // Assess
    expect(users.get('device:dev-farm')?.size).toBe(MAX_CONTRACTORS_PER_KEY);
    expect(users.get('device:dev-farm')?.has('c-one-too-many')).toBe(false);
  }, 60_000);
});
