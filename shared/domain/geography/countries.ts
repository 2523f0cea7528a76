import { round } from '../analysis/working-hours.js';
import { isLocating, type NetworkSighting } from './sightings.js';

/**
 * Where the contractor signs in from, by country, as shares of their locating sign-ins (distinct address-hours).
 * Anonymising exits and the corporate VPN are left out: they say where the exit is, not the person.
 */
export function countryShares(sightings: readonly NetworkSighting[]): { country: string; share: number }[] {
  const counts = new Map<string, number>();
  let total = 0;
  for (const s of sightings) {
    if (!isLocating(s)) continue;
    const country = s.location.country as string;
    counts.set(country, (counts.get(country) ?? 0) + 1);
    total++;
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([country, n]) => ({ country, share: round(n / total) }));
}

/** Successful sign-ins by kind of network, as shares, largest first. */
export function networkShares(sightings: readonly NetworkSighting[]): { kind: string; share: number }[] {
  const counts = new Map<string, number>();
  let total = 0;
  for (const s of sightings) {
    if (!s.successful) continue;
    counts.set(s.network.kind, (counts.get(s.network.kind) ?? 0) + 1);
    total++;
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([kind, n]) => ({ kind, share: round(n / total) }));
}
