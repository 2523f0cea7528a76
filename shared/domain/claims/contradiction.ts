/** What the per-field claim comparisons share: the contradiction shape, severities, reference countries. */
import type { Claim } from '../../schema/claims.js';
import type { Severity } from '../report.js';

/** The fields whose disagreements are reported, one finding per kind, in this order. */
export const CONTRADICTION_KINDS = [
  'name',
  'nationality',
  'country',
  'timezone',
  'phone',
  'paymentCountry',
] as const;
export type ContradictionKind = (typeof CONTRADICTION_KINDS)[number];

export interface Contradiction {
  kind: ContradictionKind;
  severity: Severity;
  confidence: number;
  summary: string;
  evidence: Record<string, unknown>;
}

/**
 * Countries the DPRK IT-worker schemes run through: KP itself, and CN and RU where its workers are
 * stationed. The same list as the HIGH_RISK_REGION finding, so a claim pointing there weighs the same.
 */
export const HIGH_RISK_COUNTRIES: ReadonlySet<string> = new Set(['KP', 'CN', 'RU']);

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { low: 0, medium: 1, high: 2 };

export function severityRank(severity: Severity): number {
  return SEVERITY_RANK[severity];
}

/** The item with the highest severity, then the highest confidence; the first of equals. */
export function severest<T extends { severity: Severity; confidence: number }>(
  items: readonly T[],
): T | undefined {
  return items.reduce<T | undefined>(
    (best, item) =>
      !best ||
      severityRank(item.severity) > severityRank(best.severity) ||
      (item.severity === best.severity && item.confidence > best.confidence)
        ? item
        : best,
    undefined,
  );
}

/** Sorted, without repeats: evidence must read the same whatever order the records came in. */
export function sortedUnique<T extends string>(values: Iterable<T>): T[] {
  return [...new Set(values)].sort();
}

/** Evidence items in one order whatever the record order, without repeats. */
export function sortedItems<T>(items: readonly T[]): T[] {
  const keyed = new Map(items.map((item) => [JSON.stringify(item), item]));
  return [...keyed.entries()].sort(([a], [b]) => compareText(a, b)).map(([, item]) => item);
}

/** Every country of residence claimed by any record. */
export function claimedCountries(claims: readonly Claim[]): string[] {
  return sortedUnique(claims.flatMap((claim) => (claim.country ? [claim.country] : [])));
}

/**
 * The countries a record's phone, zone and payment account are checked against: its own country when it
 * names one (a contradiction within the record), otherwise every country any record claims, so that a
 * value matching any of them is not blamed twice for a disagreement the country finding already reports.
 */
export function referenceCountries(claim: Claim, allCountries: readonly string[]): string[] {
  return claim.country ? [claim.country] : [...allCountries];
}

/** Records with a value for `field`, as (source, value), sorted and without repeats. */
export function sourcedValues<F extends keyof Claim>(
  claims: readonly Claim[],
  field: F,
): { source: string; value: string; claim: Claim }[] {
  const seen = new Set<string>();
  return claims
    .flatMap((claim) => {
      const value = claim[field];
      return typeof value === 'string' && value.trim() !== '' ? [{ source: claim.source, value, claim }] : [];
    })
    .sort((a, b) => compareText(a.source, b.source) || compareText(a.value, b.value))
    .filter(({ source, value }) => {
      const key = JSON.stringify([source, value]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Each distinct value with the sources that claim it, values sorted. */
export function sourcesByValue(
  entries: readonly { source: string; value: string }[],
): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const { source, value } of [...entries].sort((a, b) => compareText(a.value, b.value))) {
    grouped[value] = sortedUnique([...(grouped[value] ?? []), source]);
  }
  return grouped;
}

/** "US (payroll, hr), CN (resume)" for a summary line. */
export function describeValues(grouped: Record<string, string[]>): string {
  return Object.entries(grouped)
    .map(([value, sources]) => `${value} (${sources.join(', ')})`)
    .join(', ');
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
