/**
 * Which claim source to believe first. Records checked by someone with something to lose come first:
 * HR and payroll (identity and tax documents were checked), then the payment profile (a bank verified
 * the account holder), then the platform profile (typed by the contractor), then the résumé (free text,
 * often written for a different job). Sources not listed come last.
 */
import { transliterate } from './transliterate.js';

export const SOURCE_PRECEDENCE = ['hr', 'payroll', 'payment-profile', 'platform-profile', 'resume'] as const;
export type KnownSource = (typeof SOURCE_PRECEDENCE)[number];

/** Spellings seen in exports, mapped to the known sources. */
const SOURCE_ALIASES: Readonly<Record<string, KnownSource>> = {
  hr: 'hr',
  'hr-record': 'hr',
  hris: 'hr',
  'human-resources': 'hr',
  payroll: 'payroll',
  'payment-profile': 'payment-profile',
  payment: 'payment-profile',
  payments: 'payment-profile',
  bank: 'payment-profile',
  'platform-profile': 'platform-profile',
  platform: 'platform-profile',
  profile: 'platform-profile',
  resume: 'resume',
  cv: 'resume',
};

/** Sources whose name is checked against an identity document, so a name clash between two of them is serious. */
export const IDENTITY_SOURCES: ReadonlySet<KnownSource> = new Set(['hr', 'payroll', 'payment-profile']);

/** The known source a free-text source name stands for ("Résumé", "HR record", "payroll"), or null. */
export function knownSource(source: string): KnownSource | null {
  const key = transliterate(source)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return SOURCE_ALIASES[key] ?? null;
}

/** Rank for sorting: lower is believed first; unknown sources share the last rank. */
export function sourceRank(source: string): number {
  const known = knownSource(source);
  return known === null ? SOURCE_PRECEDENCE.length : SOURCE_PRECEDENCE.indexOf(known);
}

/** The records in the order they are believed: by source rank, ties kept in record order. */
export function byPrecedence<T extends { source: string }>(records: readonly T[]): T[] {
  return records
    .map((record, index) => ({ record, index, rank: sourceRank(record.source) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ record }) => record);
}
