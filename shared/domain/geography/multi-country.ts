import { round } from '../analysis/working-hours.js';
import type { Finding, Severity } from '../report.js';
import { DAY_MS, describeSighting, isLocating, type NetworkSighting } from './sightings.js';

/** The "short period" of the red flag: a week, in which honest travel crosses at most a border or two. */
export const WINDOW_MS = 7 * DAY_MS;

interface WindowStats {
  start: number;
  end: number;
  countries: string[];
  /** Changes of country between consecutive sign-ins. */
  switches: number;
  /** Whether some country was left and then came back to (A → B → A), which a journey does not do. */
  returns: boolean;
  sightings: NetworkSighting[];
}

/**
 * Sign-ins from several countries within a week. A journey goes from country to country once (home → layover →
 * destination is three countries but no return); going back and forth between countries, or four countries in a
 * week, is what a shared or relayed account looks like. Mobile addresses are left out: a roaming phone still
 * geolocates to its home carrier's country while its owner is abroad.
 */
export function multiCountryFinding(sightings: readonly NetworkSighting[]): Finding | null {
  const fixed = sightings.filter((s) => isLocating(s) && s.network.kind !== 'mobile');
  let worst: WindowStats | null = null;
  let startIndex = 0;
  // Sign-ins per country inside the window, kept as it slides, so a one-country history costs one pass.
  const inWindow = new Map<string, number>();
  for (let end = 0; end < fixed.length; end++) {
    const last = fixed[end] as NetworkSighting;
    const country = last.location.country as string;
    inWindow.set(country, (inWindow.get(country) ?? 0) + 1);
    while ((fixed[startIndex] as NetworkSighting).first < last.first - WINDOW_MS) {
      const leaving = (fixed[startIndex] as NetworkSighting).location.country as string;
      const left = (inWindow.get(leaving) ?? 1) - 1;
      if (left === 0) inWindow.delete(leaving);
      else inWindow.set(leaving, left);
      startIndex++;
    }
    if (inWindow.size < 2) continue;
    const stats = windowStats(fixed.slice(startIndex, end + 1));
    if (worst === null || score(stats) > score(worst)) worst = stats;
  }
  if (worst === null) return null;
  const { countries, switches, returns } = worst;
  const fires = countries.length >= 3 || switches >= 4;
  if (!fires) return null;
  const severity: Severity = countries.length >= 4 || switches >= 6 ? 'high' : returns ? 'medium' : 'low';
  const confidence = round(Math.min(0.95, 0.7 + 0.04 * switches));
  const days = round((worst.end - worst.start) / DAY_MS, 1);
  return {
    code: 'MULTI_COUNTRY_LOGINS',
    severity,
    confidence,
    summary:
      `Sign-ins from ${countries.length} countries (${countries.join(', ')}) within ${days} days, ` +
      `changing country ${switches} time${switches === 1 ? '' : 's'}${returns ? ' and back' : ''}.`,
    evidence: {
      windowDays: WINDOW_MS / DAY_MS,
      from: new Date(worst.start).toISOString(),
      to: new Date(worst.end).toISOString(),
      countries,
      switches,
      returnsToEarlierCountry: returns,
      sequence: changesOfCountry(worst.sightings).slice(0, 20).map(describeSighting),
    },
  };
}

function windowStats(window: NetworkSighting[]): WindowStats {
  const countries: string[] = [];
  let switches = 0;
  let returns = false;
  let previous: string | null = null;
  for (const s of window) {
    const country = s.location.country as string;
    if (previous !== null && country !== previous) {
      switches++;
      if (countries.includes(country)) returns = true;
    }
    if (!countries.includes(country)) countries.push(country);
    previous = country;
  }
  const first = window[0] as NetworkSighting;
  const last = window[window.length - 1] as NetworkSighting;
  return { start: first.first, end: last.first, countries, switches, returns, sightings: window };
}

function score(w: WindowStats): number {
  return w.countries.length * 100 + w.switches;
}

/** The sightings at which the country changes (with the first), which is the story an analyst wants to read. */
function changesOfCountry(window: readonly NetworkSighting[]): NetworkSighting[] {
  return window.filter((s, i) => i === 0 || s.location.country !== window[i - 1]?.location.country);
}
