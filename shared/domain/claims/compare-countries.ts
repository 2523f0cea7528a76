/** Nationality, country of residence and payment-account country findings. */
import type { Claim } from '../../schema/claims.js';
import {
  type Contradiction,
  claimedCountries,
  describeValues,
  HIGH_RISK_COUNTRIES,
  referenceCountries,
  sortedItems,
  sortedUnique,
  sourcedValues,
  sourcesByValue,
} from './contradiction.js';

/**
 * Nationality is fixed, so two sources naming different ones is a contradiction: medium (dual citizens
 * exist), high when one of them is KP.
 *
 * Nationality differing from the country of residence is not reported: expatriates and immigrants are
 * a large, honest share of contractors, and flagging every one would bury the real signals and fall on
 * people for their origin. The exception is a claimed DPRK nationality, reported high: hiring a DPRK
 * national is itself a sanctions breach, wherever they say they live.
 */
export function nationalityContradiction(claims: readonly Claim[]): Contradiction | null {
  const entries = sourcedValues(claims, 'nationality');
  const byValue = sourcesByValue(entries);
  const values = Object.keys(byValue);
  const residence = claimedCountries(claims);
  const dprkAbroad = values.includes('KP') && residence.some((country) => country !== 'KP');
  if (values.length < 2 && !dprkAbroad) return null;
  const severity = values.includes('KP') ? 'high' : 'medium';
  return {
    kind: 'nationality',
    severity,
    confidence: values.length >= 2 ? 0.7 : 0.9,
    summary:
      values.length >= 2
        ? `Nationality differs across sources: ${describeValues(byValue)}.`
        : `Claims DPRK (KP) nationality while working from ${residence.join(', ')}.`,
    evidence: {
      field: 'nationality',
      nationalities: byValue,
      claimedCountries: residence,
      sources: sortedUnique(entries.map(({ source }) => source)),
    },
  };
}

/**
 * Where the contractor works, per source. Medium when they disagree (profiles go stale after a move),
 * high when one of the places is KP, CN or RU: the disagreement then points at where the schemes run.
 */
export function countryContradiction(claims: readonly Claim[]): Contradiction | null {
  const entries = sourcedValues(claims, 'country');
  const byValue = sourcesByValue(entries);
  const values = Object.keys(byValue);
  if (values.length < 2) return null;
  const highRisk = values.filter((country) => HIGH_RISK_COUNTRIES.has(country));
  return {
    kind: 'country',
    severity: highRisk.length > 0 ? 'high' : 'medium',
    confidence: highRisk.length > 0 ? 0.8 : 0.7,
    summary: `Claimed country of work differs across sources: ${describeValues(byValue)}.`,
    evidence: {
      field: 'country',
      countries: byValue,
      highRiskCountries: highRisk,
      sources: sortedUnique(entries.map(({ source }) => source)),
    },
  };
}

/**
 * The bank account's country against the country of work (within the record, or any claimed one when
 * the record names none), and against other sources' payment countries. Medium: being paid abroad is
 * how the schemes move wages out, but expats also keep home accounts. High when the account is in KP,
 * CN or RU and the work is claimed elsewhere.
 */
export function paymentContradiction(claims: readonly Claim[]): Contradiction | null {
  const allCountries = claimedCountries(claims);
  const entries = sourcedValues(claims, 'paymentCountry');
  const byValue = sourcesByValue(entries);
  const outside = sortedItems(
    claims.flatMap((claim) => {
      const reference = referenceCountries(claim, allCountries);
      const paid = claim.paymentCountry;
      if (!paid || reference.length === 0 || reference.includes(paid)) return [];
      return [{ source: claim.source, paymentCountry: paid, claimedCountries: reference }];
    }),
  );
  const disagree = Object.keys(byValue).length >= 2;
  if (outside.length === 0 && !disagree) return null;

  const highRisk = outside.some(({ paymentCountry }) => HIGH_RISK_COUNTRIES.has(paymentCountry));
  const first = outside.find(({ paymentCountry }) => HIGH_RISK_COUNTRIES.has(paymentCountry)) ?? outside[0];
  return {
    kind: 'paymentCountry',
    severity: highRisk ? 'high' : 'medium',
    confidence: highRisk ? 0.85 : outside.length > 0 ? 0.6 : 0.5,
    summary: first
      ? `Paid into an account in ${first.paymentCountry} (${first.source}) while claiming to work in ` +
        `${first.claimedCountries.join(', ')}${outside.length > 1 ? `, and ${outside.length - 1} more such record(s)` : ''}.`
      : `Payment account country differs across sources: ${describeValues(byValue)}.`,
    evidence: {
      field: 'paymentCountry',
      paymentCountries: byValue,
      claimedCountries: allCountries,
      paidOutsideClaimedCountry: outside,
      sources: sortedUnique([...entries.map(({ source }) => source), ...outside.map(({ source }) => source)]),
    },
  };
}
