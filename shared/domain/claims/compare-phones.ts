/** The phone finding: a number from another country than the one claimed, or no valid number at all. */
import type { Claim } from '../../schema/claims.js';
import type { Severity } from '../report.js';
import {
  type Contradiction,
  claimedCountries,
  HIGH_RISK_COUNTRIES,
  referenceCountries,
  severest,
  sortedItems,
  sortedUnique,
} from './contradiction.js';
import { phoneCountry, phoneRealm } from './phones.js';

interface PhoneProblem {
  source: string;
  phone: string;
  problem: 'foreign-number' | 'invalid-number';
  callingCode: string | null;
  phoneCountries: string[];
  claimedCountries: string[];
  valid: boolean;
  severity: Severity;
  confidence: number;
}

/**
 * Severity, in order of the first rule that applies:
 * - a +850 (KP) number: high, 0.95 — no honest foreign freelancer has one;
 * - a CN or RU number while working elsewhere: high, 0.85 — where DPRK IT workers are stationed;
 * - a number of the claimed country or a territory sharing its numbers (GG for GB, PR for US) is fine;
 * - a number of another country sharing the calling code (a Canadian +1 number for a US contractor):
 *   low, 0.4 — NANP numbers and VoIP lines travel freely inside the plan;
 * - a number of another country: medium, 0.7 — people keep home numbers after a move;
 * - an invalid number in the claimed country, or one that cannot be read: low, 0.5 — a made-up
 *   number is a small sign of a made-up profile, and also a typo.
 */
export function phoneContradiction(claims: readonly Claim[]): Contradiction | null {
  const allCountries = claimedCountries(claims);
  const problems = sortedItems(
    claims.flatMap((claim) => {
      const problem = claim.phone?.trim() ? phoneProblem(claim, claim.phone, allCountries) : null;
      return problem ? [problem] : [];
    }),
  );
  const worst = severest(problems);
  if (!worst) return null;
  const more = problems.length > 1 ? `, and ${problems.length - 1} more such record(s)` : '';
  return {
    kind: 'phone',
    severity: worst.severity,
    confidence: worst.confidence,
    summary: `${describe(worst)}${more}.`,
    evidence: {
      field: 'phone',
      phones: problems.map(({ severity: _s, confidence: _c, ...problem }) => problem),
      claimedCountries: allCountries,
      sources: sortedUnique(problems.map(({ source }) => source)),
    },
  };
}

function phoneProblem(claim: Claim, phone: string, allCountries: readonly string[]): PhoneProblem | null {
  const reference = referenceCountries(claim, allCountries);
  const read = phoneCountry(phone);
  const base = {
    source: claim.source,
    phone,
    callingCode: read.callingCode,
    phoneCountries: read.countries,
    claimedCountries: reference,
    valid: read.valid,
  };
  const realm = new Set(reference.flatMap(phoneRealm));
  const outside = read.countries.length > 0 && !read.countries.some((c) => realm.has(c));
  // A KP number needs no claimed country to contradict: the profile is of a foreign freelancer.
  if (outside && read.countries.includes('KP')) {
    return { ...base, problem: 'foreign-number', severity: 'high', confidence: 0.95 };
  }
  if (outside && reference.length > 0) {
    const foreign = { ...base, problem: 'foreign-number' as const };
    if (read.countries.some((c) => HIGH_RISK_COUNTRIES.has(c)))
      return { ...foreign, severity: 'high', confidence: 0.85 };
    if (read.callingCodeCountries.some((c) => reference.includes(c))) {
      return { ...foreign, severity: 'low', confidence: 0.4 };
    }
    return { ...foreign, severity: 'medium', confidence: 0.7 };
  }
  return read.valid ? null : { ...base, problem: 'invalid-number', severity: 'low', confidence: 0.5 };
}

function describe(problem: PhoneProblem): string {
  if (problem.problem === 'invalid-number') {
    return `Phone "${problem.phone}" (${problem.source}) is not a valid phone number`;
  }
  const number = `Phone number +${problem.callingCode ?? '?'} (${problem.phoneCountries.join('/')}) on ${problem.source}`;
  return problem.claimedCountries.length > 0
    ? `${number}, but the claimed country is ${problem.claimedCountries.join(', ')}`
    : `${number}: a North Korean number`;
}
