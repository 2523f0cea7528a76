import { readFileSync } from 'node:fs';
import { EvidenceBook } from '../../shared/domain/evidence/evidence-book.js';
import { buildFleetReports } from '../../shared/domain/fleet-reports.js';
import type { IpLocator } from '../../shared/domain/geography/ip-location.js';
import type { Report } from '../../shared/domain/report.js';
import { Claim } from '../../shared/schema/claims.js';
import { parseNetworkPolicy } from '../../shared/schema/network-policy.js';
import { checkEvent } from '../../shared/schema/validate-event.js';

/** The bundled example dataset (examples/), as the pipeline tests post it. */
const EXAMPLES = new URL('../../examples/', import.meta.url);
/** After the dataset's last event: nothing in it lies in this instant's future. */
export const EXAMPLE_RECEIVED_AT = Date.parse('2026-04-20T00:00:00Z');

export const exampleEvents = readFileSync(new URL('events.jsonl', EXAMPLES), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { id: string; at: string; contractorId: string });
export const exampleClaims = (
  JSON.parse(readFileSync(new URL('claims.json', EXAMPLES), 'utf8')) as unknown[]
).map((c) => Claim.parse(c));
export const exampleNetworkPolicy = parseNetworkPolicy(
  JSON.parse(readFileSync(new URL('networks.json', EXAMPLES), 'utf8')),
);
export const exampleContractorIds = [...new Set(exampleEvents.map((e) => e.contractorId))].sort();

/**
 * What `daylight analyze --independent` concludes about every contractor of the example events (or of the
 * contractors kept), with their claims: each report on its own evidence, shared infrastructure across them all.
 */
export function analyzedIndependently(
  locator: IpLocator,
  keep: (id: string) => boolean = () => true,
): Map<string, Report> {
  const book = new EvidenceBook();
  for (const raw of exampleEvents) {
    if (!keep(raw.contractorId)) continue;
    const checked = checkEvent(raw, EXAMPLE_RECEIVED_AT);
    if (checked.ok) book.add(checked.event);
  }
  const claims = new Map<string, typeof exampleClaims>();
  for (const c of exampleClaims)
    if (keep(c.contractorId)) claims.set(c.contractorId, [...(claims.get(c.contractorId) ?? []), c]);
  const options = { locator, networkPolicy: exampleNetworkPolicy, adaptPrior: false };
  return new Map(buildFleetReports(book, claims, options).map((r) => [r.contractorId, r]));
}
