/** Which contractor each commit author is: an explicit map from email, else an id made from the email. */

import * as z from 'zod';
import { transliterate } from '../../shared/domain/claims/transliterate.js';
import { ContractorId } from '../../shared/schema/events.js';

/** Lower-cased email → contractor id. */
export type AuthorMap = ReadonlyMap<string, string>;

const AuthorMapFile = z.record(z.string().min(1, 'an email may not be empty'), ContractorId);

/** The authors map from parsed JSON; throws an Error whose message says which entry is wrong and why. */
export function parseAuthorMap(json: unknown): AuthorMap {
  const result = AuthorMapFile.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `entry "${String(issue.path[0])}"` : 'the file';
    const what = issue?.path.length ? issue.message : 'must be a JSON object mapping email to contractor id';
    throw new Error(`${where}: ${what}`);
  }
  return new Map(Object.entries(result.data).map(([email, id]) => [normaliseEmail(email), id]));
}

/** The contractor for a commit author: mapped by email, or an id derived from the email (or name). */
export function contractorIdFor(email: string, name: string, authors: AuthorMap): string {
  return authors.get(normaliseEmail(email)) ?? sanitiseContractorId(email.trim() === '' ? name : email);
}

/** Emails compare case-insensitively in practice (hosts always, mailboxes almost always). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A valid contractor id (`[A-Za-z0-9._:@+-]{1,128}`) from free text: transliterated to ASCII, lower-cased,
 * other characters folded to `-`.
 */
export function sanitiseContractorId(text: string): string {
  const id = transliterate(text.trim())
    .toLowerCase()
    .replace(/[^a-z0-9._:@+-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 128)
    .replace(/-+$/, '');
  return id === '' ? 'unknown-author' : id;
}

/** Addresses that only automation commits from (their services' own documentation names them). */
const AUTOMATION_EMAILS = new Set([
  'action@github.com',
  'actions@github.com',
  'noreply@github.com',
  'github-actions@github.com',
  'support@dependabot.com',
  'bot@renovateapp.com',
  'renovate@whitesourcesoftware.com',
  'snyk-bot@snyk.io',
  'semantic-release-bot@martynus.net',
  'noreply@gitlab.com',
  'gitlab-bot@gitlab.com',
]);

/**
 * Whether a commit's author is automation, not a person: a GitHub App (`name[bot]`, `…[bot]@users.noreply…`) or
 * a known automation address. Its commits say nothing about when anyone works.
 */
export function isBotAuthor(email: string, name: string): boolean {
  const address = normaliseEmail(email);
  return /\[bot\]$/i.test(name.trim()) || address.includes('[bot]@') || AUTOMATION_EMAILS.has(address);
}
