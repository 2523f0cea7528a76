import { offsetsOfCountry } from '../claims/zones.js';
import type { TimezoneModel } from '../timezone/model.js';
import { dayOf, isLocating, type NetworkSighting } from './sightings.js';

/** Home sign-ins needed before their country says anything about the clock: hours on several days. */
const MIN_HOME_SIGN_INS = 10;
const MIN_HOME_DAYS = 5;
/** Share of home sign-ins that must come from one country. */
const MIN_COUNTRY_SHARE = 0.9;
/**
 * How much less likely an offset the country never keeps becomes: a tilt, not a veto, so a clear weekly rhythm
 * elsewhere (a laptop farm's home line, a night shift) still wins on the activity alone.
 */
const OUTSIDE_COUNTRY_WEIGHT = 0.25;
const NEAR_MINUTES = 60;

/**
 * Geography as evidence for the clock, where it can be trusted: fixed-line home sign-ins (not mobile, not any
 * anonymising exit, not the corporate VPN) on several days, nearly all in one country, and no remote-access
 * program on the device (a laptop farm's home line is the laptop's place, not the worker's). Returns the model
 * with its offset prior tilted toward the offsets that country keeps, or null when geography says nothing.
 */
export function geographicPrior(
  model: TimezoneModel,
  sightings: readonly NetworkSighting[],
  remoteAccessSeen: boolean,
): { model: TimezoneModel; country: string } | null {
  if (remoteAccessSeen) return null;
  const home = sightings.filter((s) => isLocating(s) && s.network.kind === 'residential');
  if (home.length < MIN_HOME_SIGN_INS) return null;
  if (new Set(home.map((s) => dayOf(s.first))).size < MIN_HOME_DAYS) return null;
  const counts = new Map<string, number>();
  for (const s of home)
    counts.set(s.location.country as string, (counts.get(s.location.country as string) ?? 0) + 1);
  const [country, n] = [...counts].sort((a, b) => b[1] - a[1])[0] as [string, number];
  if (n / home.length < MIN_COUNTRY_SHARE) return null;
  const offsets = offsetsOfCountry(country);
  if (offsets.length === 0) return null;
  const near = (offset: number) => offsets.some((o) => Math.abs(o - offset) <= NEAR_MINUTES);
  return {
    country,
    model: {
      ...model,
      offsetPrior: model.offsetPrior.map((o) => ({
        ...o,
        probability: o.probability * (near(o.offsetMinutes) ? 1 : OUTSIDE_COUNTRY_WEIGHT),
      })),
    },
  };
}
