import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putClaim } from '../../shared/pipeline/contractors.js';
import { ingestEvents } from '../../shared/pipeline/ingest.js';
import { processBatch } from '../../shared/pipeline/processor.js';
import { getReport } from '../../shared/pipeline/report.js';
import { EvidenceStore } from '../../shared/ports/evidence-store.js';
import {
  analyzedIndependently,
  EXAMPLE_RECEIVED_AT,
  exampleClaims,
  exampleContractorIds,
  exampleEvents,
  exampleNetworkPolicy,
} from '../support/example-data.js';
import { seeded } from '../support/fault-proxy.js';
import { type PipelineHarness, startPipelineHarness } from '../support/pipeline-harness.js';

class ProcessorCrash extends Error {
  override readonly name = 'ProcessorCrash';
}

/** The evidence store of a processor that sometimes dies right after a write, before anything else is stored. */
function crashingAfterWrites(inner: EvidenceStore, random: () => number, rate: number): EvidenceStore {
  return new (class extends EvidenceStore {
    getWeek = inner.getWeek.bind(inner);
    loadContractor = inner.loadContractor.bind(inner);
    putClaims = inner.putClaims.bind(inner);
    deleteContractor = inner.deleteContractor.bind(inner);
    async putWeek(...args: Parameters<EvidenceStore['putWeek']>) {
      const version = await inner.putWeek(...args);
      if (random() < rate) throw new ProcessorCrash('crashed between writes');
      return version;
    }
  })();
}

/** A client that retries a refused request, as telemetry sources must on 503. */
async function postUntilAccepted(h: PipelineHarness, batch: unknown[]) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await ingestEvents(batch, h.queue, EXAMPLE_RECEIVED_AT);
    } catch (error) {
      if ((error as { status?: number }).status !== 503 || attempt > 20) throw error;
    }
  }
}

/** A third of the example contractors keeps the storm to seconds; each still has weeks of every kind of event. */
const stormed = new Set(exampleContractorIds.filter((_, i) => i % 3 === 0));
const stormEvents = exampleEvents.filter((e) => stormed.has(e.contractorId));

const MAX_ROUNDS = 2_000;
const MAX_REDRIVES = 3;

describe('After a storm of faults', () => {
  let h: PipelineHarness;
  const random = seeded(20261202);
  const stats = { rounds: 0, failedMessages: 0, redriven: 0 };

  beforeAll(async () => {
    // Prepare: one request in ten refused (throttling or 5xx) on DynamoDB, SQS sends and SNS publishes.
    h = await startPipelineHarness({
      networkPolicy: exampleNetworkPolicy,
      faults: { failureRate: 0.1, random },
    });
    h.deps.evidence = crashingAfterWrites(h.deps.evidence, random, 0.05);
    for (const claim of exampleClaims.filter((c) => stormed.has(c.contractorId)))
      for (let attempt = 0; ; attempt++) {
        try {
          await putClaim(claim.contractorId, claim, { ...h.deps, queue: h.queue });
          break;
        } catch (error) {
          if (attempt > 20) throw error;
        }
      }
    // Out of order (shuffled) and duplicated (a fifth of the batches posted twice).
    const shuffled = [...stormEvents].sort(() => random() - 0.5);
    for (let i = 0; i < shuffled.length; i += 500) {
      const batch = shuffled.slice(i, i + 500);
      await postUntilAccepted(h, batch);
      if (random() < 0.2) await postUntilAccepted(h, batch);
    }
    // Act: a processor drains the queue; failed messages come back (at once here, after a timeout on AWS).
    // Bounded: a storm that never settles fails the test instead of running forever.
    for (let idle = 0, redrives = 0; idle < 2 && stats.rounds < MAX_ROUNDS; ) {
      const batch = await h.receive();
      if (batch.length === 0) {
        idle++;
        if (redrives++ < MAX_REDRIVES) stats.redriven += await redriveDeadLetters(h);
        continue;
      }
      idle = 0;
      stats.rounds++;
      const outcome = await processBatch(batch, h.deps);
      stats.failedMessages += outcome.failedMessageIds.length;
      for (const m of batch) {
        const retry = outcome.failedMessageIds.includes(m.messageId);
        const where = { QueueUrl: h.resources.queues.ingest.url, ReceiptHandle: m.receiptHandle };
        if (retry)
          await h.clients.sqs.send(new ChangeMessageVisibilityCommand({ ...where, VisibilityTimeout: 0 }));
        else await h.clients.sqs.send(new DeleteMessageCommand(where));
      }
    }
    for (const p of h.proxies) p.setFailureRate(0);
  }, 600_000);
  afterAll(async () => h?.stop());

  it('really stormed: faults were injected and messages failed and were retried', () => {
    const injected = h.proxies.reduce((n, p) => n + p.injected.throttled + p.injected.serverErrors, 0);
    expect(injected).toBeGreaterThan(50);
    expect(stats.failedMessages).toBeGreaterThan(0);
    expect(stats.rounds).toBeLessThan(MAX_ROUNDS);
  });

  it('holds for every contractor exactly the report the CLI computes from the same events: none lost, none twice', async () => {
    const expected = analyzedIndependently(h.deps.locator(), (id) => stormed.has(id));
    for (const id of stormed) expect(await getReport(id, h.deps)).toEqual(expected.get(id));
  });
});

/** What an operator does with `daylight dlq redrive`: dead letters go back to the ingest queue. */
async function redriveDeadLetters(h: PipelineHarness): Promise<number> {
  const dlq = h.resources.queues.ingestDeadLetter.url;
  let moved = 0;
  for (;;) {
    const out = await h.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlq, MaxNumberOfMessages: 10 }),
    );
    if ((out.Messages ?? []).length === 0) return moved;
    for (const m of out.Messages ?? []) {
      await h.clients.sqs.send(
        new SendMessageCommand({ QueueUrl: h.resources.queues.ingest.url, MessageBody: m.Body ?? '' }),
      );
      await h.clients.sqs.send(
        new DeleteMessageCommand({ QueueUrl: dlq, ReceiptHandle: m.ReceiptHandle ?? '' }),
      );
      moved++;
    }
  }
}
