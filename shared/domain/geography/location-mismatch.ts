import { round } from '../analysis/working-hours.js';
import type { Finding, Severity } from '../report.js';
import { countryShares } from './countries.js';
import {
  dayOf,
  describeSighting,
  isAnonymized,
  isLocating,
  isoDay,
  type NetworkSighting,
} from './sightings.js';

/** Fewer foreign sign-ins than this could be one misplaced database row. */
const MIN_FOREIGN = 2;
/** Foreign days at most this many days apart belong to one stretch abroad (a weekend at home breaks nothing). */
const STRETCH_GAP_DAYS = 3;
/** One stretch abroad up to this long, and a minority of sign-ins, reads as a trip. */
const TRIP_MAX_DAYS = 21;

/**
 * Sign-ins that geolocate to a country other than the claimed one. Anonymising exits are judged separately
 * (ANONYMIZING_NETWORK) and never counted as the country they exit in. One stretch abroad that is a minority of
 * the sign-ins is what a business trip or a holiday looks like, so it stays low; scattered days abroad, or most
 * sign-ins abroad, do not.
 */
export function locationMismatchFinding(
  sightings: readonly NetworkSighting[],
  claimedCountry: string,
): Finding | null {
  const locating = sightings.filter(isLocating);
  const foreign = locating.filter((s) => s.location.country !== claimedCountry);
  if (foreign.length < MIN_FOREIGN) return null;
  const share = foreign.length / locating.length;
  const stretches = foreignStretches(foreign);
  const longest = Math.max(...stretches.map((s) => s.days));
  const tripLike = stretches.length === 1 && longest <= TRIP_MAX_DAYS && share < 0.5;
  const severity: Severity = tripLike ? 'low' : share >= 0.5 || stretches.length >= 3 ? 'high' : 'medium';
  // Country-level geolocation is right about 98 % of the time; a couple of rows could still be stale.
  const confidence = round(Math.min(0.95, 0.6 + 0.07 * foreign.length));
  const byCountry = countryShares(locating).filter((c) => c.country !== claimedCountry);
  const top = byCountry[0];
  return {
    code: 'LOCATION_MISMATCH',
    severity,
    confidence,
    summary:
      `${Math.round(share * 100)}% of located sign-ins came from outside ${claimedCountry}` +
      (top ? `, mostly ${top.country}` : '') +
      (tripLike
        ? ` in one stretch of ${longest} day${longest === 1 ? '' : 's'} (consistent with a trip).`
        : '.'),
    evidence: {
      claimedCountry,
      locatedSignIns: locating.length,
      foreignSignIns: foreign.length,
      share: round(share),
      countries: byCountry.map(({ country, share: s }) => ({
        country,
        share: s,
        cities: [
          ...new Set(foreign.filter((f) => f.location.country === country).map((f) => f.location.city)),
        ]
          .filter((c) => c !== null)
          .slice(0, 5),
      })),
      stretches: stretches.map((s) => ({ from: isoDay(s.from), to: isoDay(s.to), days: s.days })),
      examples: pickExamples(foreign).map(describeSighting),
      anonymizedSignInsNotCounted: sightings.filter((s) => s.successful && isAnonymized(s)).length,
    },
  };
}

interface Stretch {
  from: number;
  to: number;
  days: number;
}

function foreignStretches(foreign: readonly NetworkSighting[]): Stretch[] {
  const days = [...new Set(foreign.map((s) => dayOf(s.first)))].sort((a, b) => a - b);
  const stretches: Stretch[] = [];
  for (const day of days) {
    const current = stretches[stretches.length - 1];
    if (current && day - current.to <= STRETCH_GAP_DAYS) {
      current.to = day;
      current.days = day - current.from + 1;
    } else stretches.push({ from: day, to: day, days: 1 });
  }
  return stretches;
}

/** Up to five sightings spread over the period: first, last and between. */
export function pickExamples(sightings: readonly NetworkSighting[], count = 5): NetworkSighting[] {
  if (sightings.length <= count) return [...sightings];
  const step = (sightings.length - 1) / (count - 1);
  return Array.from({ length: count }, (_, i) => sightings[Math.round(i * step)] as NetworkSighting);
}
