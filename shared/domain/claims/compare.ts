/**
 * CLAIM_INCONSISTENCY findings: what a contractor's claim records say that cannot all be true.
 * One finding per kind of contradiction (name, nationality, country, timezone, phone, payment country),
 * carrying every source involved; the severity rules are argued beside each comparison.
 */
import type { Claim } from '../../schema/claims.js';
import type { Finding } from '../report.js';
import { countryContradiction, nationalityContradiction, paymentContradiction } from './compare-countries.js';
import { nameContradiction } from './compare-names.js';
import { phoneContradiction } from './compare-phones.js';
import { timezoneContradiction } from './compare-timezones.js';
import { CONTRADICTION_KINDS, type Contradiction, severityRank } from './contradiction.js';
import { soleContractorId } from './resolve.js';

const COMPARISONS: readonly ((claims: readonly Claim[]) => Contradiction | null)[] = [
  nameContradiction,
  nationalityContradiction,
  countryContradiction,
  timezoneContradiction,
  phoneContradiction,
  paymentContradiction,
];

/**
 * Compares one contractor's claim records field by field, across sources and within each record.
 * Findings come most severe first, then in the order of CONTRADICTION_KINDS; neither they nor their
 * evidence depend on the order of the records. No records, no findings.
 * @throws InvalidClaimSetError for records of several contractors.
 */
export function compareClaims(claims: readonly Claim[]): Finding[] {
  if (claims.length === 0) return [];
  soleContractorId(claims);
  return COMPARISONS.flatMap((compare) => {
    const contradiction = compare(claims);
    return contradiction ? [contradiction] : [];
  })
    .sort(
      (a, b) =>
        severityRank(b.severity) - severityRank(a.severity) ||
        CONTRADICTION_KINDS.indexOf(a.kind) - CONTRADICTION_KINDS.indexOf(b.kind),
    )
    .map(({ severity, confidence, summary, evidence }) => ({
      code: 'CLAIM_INCONSISTENCY',
      severity,
      confidence,
      summary,
      evidence,
    }));
}
