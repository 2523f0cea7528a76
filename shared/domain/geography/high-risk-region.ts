import { round } from '../analysis/working-hours.js';
import type { Finding, Severity } from '../report.js';
import { pickExamples } from './location-mismatch.js';
import { dayOf, describeSighting, isLocating, type NetworkSighting } from './sightings.js';

/** Sanctioned: any contact is a finding, whatever the claim. */
const SANCTIONED = 'KP';
/** Where DPRK IT workers are known to operate from; a contradiction only when the claim is elsewhere. */
const STAGING_COUNTRIES = ['CN', 'RU'];

/**
 * Sign-ins from North Korea (any, even failed: its address space is tiny and never an anonymiser's exit), and
 * from China or Russia while claiming another country (anonymising exits there are not counted: an exit is not a
 * person).
 */
export function highRiskRegionFinding(
  sightings: readonly NetworkSighting[],
  claimedCountry: string | null,
): Finding | null {
  const regions: { country: string; hits: NetworkSighting[]; severity: Severity }[] = [];
  const kp = sightings.filter((s) => s.location.country === SANCTIONED);
  if (kp.length > 0) {
    const succeeded = kp.some((s) => s.successful);
    regions.push({ country: SANCTIONED, hits: kp, severity: succeeded ? 'high' : 'medium' });
  }
  if (claimedCountry !== null) {
    for (const country of STAGING_COUNTRIES) {
      if (claimedCountry === country) continue;
      const hits = sightings.filter((s) => isLocating(s) && s.location.country === country);
      if (hits.length === 0) continue;
      const days = new Set(hits.map((s) => dayOf(s.first))).size;
      regions.push({ country, hits, severity: days >= 3 ? 'high' : 'medium' });
    }
  }
  if (regions.length === 0) return null;
  const rank = { high: 2, medium: 1, low: 0 } as const;
  const severity = regions.reduce<Severity>((s, r) => (rank[r.severity] > rank[s] ? r.severity : s), 'low');
  const total = regions.reduce((n, r) => n + r.hits.length, 0);
  const confidence = round(Math.min(0.97, 0.75 + 0.05 * total));
  const named = regions.map((r) => r.country).join(', ');
  return {
    code: 'HIGH_RISK_REGION',
    severity,
    confidence,
    summary:
      `${total} sign-in hour${total === 1 ? '' : 's'} from ${named}` +
      (claimedCountry ? ` while claiming ${claimedCountry}.` : '.'),
    evidence: {
      claimedCountry,
      regions: regions.map((r) => ({
        country: r.country,
        signIns: r.hits.length,
        failedOnly: r.hits.filter((s) => !s.successful).length,
        days: new Set(r.hits.map((s) => dayOf(s.first))).size,
        examples: pickExamples(r.hits).map(describeSighting),
      })),
    },
  };
}
