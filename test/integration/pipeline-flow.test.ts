import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvidenceBook } from '../../shared/domain/evidence/evidence-book.js';
import { buildFleetReports } from '../../shared/domain/fleet-reports.js';
import type { Report } from '../../shared/domain/report.js';
import { getReport, putClaim } from '../../shared/pipeline/contractors.js';
import { ingestEvents } from '../../shared/pipeline/ingest.js';
import { processBatch } from '../../shared/pipeline/processor.js';
import { Claim } from '../../shared/schema/claims.js';
import { parseNetworkPolicy } from '../../shared/schema/network-policy.js';
import { checkEvent } from '../../shared/schema/validate-event.js';
import { type PipelineHarness, startPipelineHarness } from '../support/pipeline-harness.js';

const EXAMPLES = new URL('../../examples/', import.meta.url);
const RECEIVED_AT = Date.parse('2026-04-20T00:00:00Z');
const rawEvents = readFileSync(new URL('events.jsonl', EXAMPLES), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { at: string; contractorId: string });
const claims = (JSON.parse(readFileSync(new URL('claims.json', EXAMPLES), 'utf8')) as unknown[]).map((c) =>
  Claim.parse(c),
);
const networkPolicy = parseNetworkPolicy(
  JSON.parse(readFileSync(new URL('networks.json', EXAMPLES), 'utf8')),
);

/** Posts events in time order, 500 a request, then lets the processor drain the queue 10 messages at a time. */
async function postAndDrain(h: PipelineHarness, events: readonly unknown[]) {
  for (let i = 0; i < events.length; i += 500)
    await ingestEvents(events.slice(i, i + 500), h.queue, RECEIVED_AT);
  for (;;) {
    const batch = await h.receive();
    if (batch.length === 0) return;
    const outcome = await processBatch(batch, h.deps);
    expect(outcome.failedMessageIds).toEqual([]);
    for (const m of batch) await h.delete(m.receiptHandle);
  }
}

/** What `daylight analyze --independent` concludes about one contractor from the same events and claims. */
function analyzedAlone(contractorId: string, h: PipelineHarness): Report {
  const book = new EvidenceBook();
  for (const raw of rawEvents) {
    if (raw.contractorId !== contractorId) continue;
    const checked = checkEvent(raw, RECEIVED_AT);
    if (checked.ok) book.add(checked.event);
  }
  const own = new Map([[contractorId, claims.filter((c) => c.contractorId === contractorId)]]);
  const options = { locator: h.deps.locator(), networkPolicy, adaptPrior: false };
  return buildFleetReports(book, own, options)[0] as Report;
}

describe('The pipeline on embedded DynamoDB and SQS', () => {
  let h: PipelineHarness;
  const sorted = [...rawEvents].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  beforeAll(async () => {
    h = await startPipelineHarness(networkPolicy);
    for (const claim of claims) await putClaim(claim.contractorId, claim, { ...h.deps, queue: h.queue });
    const started = performance.now();
    await postAndDrain(h, sorted);
    console.log(`drained in ${Math.round(performance.now() - started)} ms`);
  }, 240_000);
  afterAll(async () => h?.stop());

  it('builds for every contractor the report the CLI builds from the same events and claims', async () => {
    // Prepare
    const ids = [...new Set(rawEvents.map((e) => e.contractorId))].sort();
    // Act
    const reports = await Promise.all(ids.map((id) => getReport(id, h.deps)));
    // Assess
    for (const [i, id] of ids.entries()) expect(reports[i]).toEqual(analyzedAlone(id, h));
  });

  it('writes at most a quarter of a write unit per event posted in time order', () => {
    const perEvent = h.meter.writeUnits / rawEvents.length;
    console.log(
      `write units per event: ${perEvent.toFixed(3)}, reads ${(h.meter.readUnits / rawEvents.length).toFixed(3)}`,
    );
    expect(perEvent).toBeLessThanOrEqual(0.25);
  });
});
