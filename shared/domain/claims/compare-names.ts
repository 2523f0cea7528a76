/** The name finding: two sources spell a name that cannot be the same person's. */
import type { Claim } from '../../schema/claims.js';
import { type Contradiction, sortedUnique, sourcedValues } from './contradiction.js';
import { compareNames, SAME_NAME_THRESHOLD } from './names.js';
import { IDENTITY_SOURCES, knownSource } from './sources.js';

/**
 * Severity: high when two identity-checked sources (HR, payroll, payment profile) disagree, since one of
 * those documents then belongs to someone else — the "borrowed identity" pattern; medium when a
 * self-written source (profile, résumé) is involved, since those are also where nicknames and stale
 * married names live.
 */
export function nameContradiction(claims: readonly Claim[]): Contradiction | null {
  const names = sourcedValues(claims, 'name');
  const pairs = names.flatMap((a, i) =>
    names.slice(i + 1).flatMap((b) => {
      if (a.value === b.value) return [];
      const comparison = compareNames(a.value, b.value);
      return comparison.consistent ? [] : [{ a, b, comparison }];
    }),
  );
  if (pairs.length === 0) return null;

  const weakest = pairs.reduce((low, pair) =>
    pair.comparison.weakestPair < low.comparison.weakestPair ? pair : low,
  );
  const identityClash = pairs.some(({ a, b }) => isIdentitySource(a.source) && isIdentitySource(b.source));
  // The further below the threshold, the surer: a 0.0 pair (no shared letters) is a different person.
  const confidence = round(Math.min(0.95, 0.6 + (SAME_NAME_THRESHOLD - weakest.comparison.weakestPair)));
  const others = pairs.length - 1;
  return {
    kind: 'name',
    severity: identityClash ? 'high' : 'medium',
    confidence,
    summary:
      `Name differs between ${weakest.a.source} ("${oneLine(weakest.a.value)}") and ` +
      `${weakest.b.source} ("${oneLine(weakest.b.value)}")` +
      (others > 0 ? ` and in ${others} other pair${others > 1 ? 's' : ''} of sources.` : '.'),
    evidence: {
      field: 'name',
      names: names.map(({ source, value }) => ({ source, name: value })),
      mismatches: pairs.map(({ a, b, comparison }) => ({
        sources: [a.source, b.source],
        names: [a.value, b.value],
        normalised: comparison.normalised,
        similarity: comparison.similarity,
        weakestTokenSimilarity: comparison.weakestPair,
        sortedSimilarity: comparison.sortedSimilarity,
      })),
      lowestSimilarity: Math.min(...pairs.map(({ comparison }) => comparison.similarity)),
      threshold: SAME_NAME_THRESHOLD,
      metric: 'jaro-winkler on transliterated, token-paired names',
      sources: sortedUnique(pairs.flatMap(({ a, b }) => [a.source, b.source])),
    },
  };
}

function isIdentitySource(source: string): boolean {
  const known = knownSource(source);
  return known !== null && IDENTITY_SOURCES.has(known);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
