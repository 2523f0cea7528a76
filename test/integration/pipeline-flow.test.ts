import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putClaim } from '../../shared/pipeline/contractors.js';
import { ingestEvents } from '../../shared/pipeline/ingest.js';
import { processBatch } from '../../shared/pipeline/processor.js';
import { getReport } from '../../shared/pipeline/report.js';
import {
  analyzedIndependently,
  EXAMPLE_RECEIVED_AT,
  exampleClaims,
  exampleContractorIds,
  exampleEvents,
  exampleNetworkPolicy,
} from '../support/example-data.js';
import { type PipelineHarness, startPipelineHarness } from '../support/pipeline-harness.js';

/** Posts events in time order, 500 a request, then lets the processor drain the queue 10 messages at a time. */
async function postAndDrain(h: PipelineHarness, events: readonly unknown[]) {
  for (let i = 0; i < events.length; i += 500)
    await ingestEvents(events.slice(i, i + 500), h.queue, EXAMPLE_RECEIVED_AT);
  for (;;) {
    const batch = await h.receive();
    if (batch.length === 0) return;
    const outcome = await processBatch(batch, h.deps);
    expect(outcome.failedMessageIds).toEqual([]);
    for (const m of batch) await h.delete(m.receiptHandle);
  }
}

describe('The pipeline on embedded DynamoDB and SQS', () => {
  let h: PipelineHarness;

  beforeAll(async () => {
    h = await startPipelineHarness(exampleNetworkPolicy);
    for (const claim of exampleClaims)
      await putClaim(claim.contractorId, claim, { ...h.deps, queue: h.queue });
    await postAndDrain(
      h,
      [...exampleEvents].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
    );
  }, 240_000);
  afterAll(async () => h?.stop());

  it('builds for every contractor the report the CLI builds from the same events and claims, shared infrastructure included', async () => {
    // Prepare
    const expected = analyzedIndependently(h.deps.locator());
    // Act
    const reports = await Promise.all(exampleContractorIds.map((id) => getReport(id, h.deps)));
    // Assess
    for (const [i, id] of exampleContractorIds.entries()) expect(reports[i]).toEqual(expected.get(id));
    const shared = reports.filter((r) => r.findings.some((f) => f.code === 'SHARED_INFRASTRUCTURE'));
    expect(shared.map((r) => r.contractorId)).toEqual(
      [...expected.values()]
        .filter((r) => r.findings.some((f) => f.code === 'SHARED_INFRASTRUCTURE'))
        .map((r) => r.contractorId),
    );
    expect(shared.length).toBeGreaterThanOrEqual(2);
  });

  it('writes at most a quarter of a write unit per event posted in time order', () => {
    expect(h.meter.writeUnits / exampleEvents.length).toBeLessThanOrEqual(0.25);
  });
});
