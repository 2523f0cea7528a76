/** The timezone finding: a claimed zone outside the claimed country, or sources keeping different clocks. */
import type { Claim } from '../../schema/claims.js';
import type { Severity } from '../report.js';
import {
  type Contradiction,
  claimedCountries,
  referenceCountries,
  severest,
  sortedItems,
  sortedUnique,
  sourcedValues,
} from './contradiction.js';
import { countryOfZone, isCountrylessZone, offsetsOfCountry, offsetsOfZone } from './zones.js';

interface ZoneProblem {
  source: string;
  timezone: string;
  problem: 'zone-not-in-country' | 'offset-not-in-country';
  zoneCountries: string[];
  claimedCountries: string[];
  severity: Severity;
  confidence: number;
}

/**
 * Severity: medium for a zone of another country (it may be a setting left at a default, but a
 * contractor who really lives in the country sees its clock every day); high for Asia/Pyongyang, which
 * no one outside KP keeps. A fixed-offset zone (Etc/GMT-9) no part of the country ever keeps is low:
 * such zones are set on purpose by engineers. Etc/UTC and its links are never blamed: keeping everything
 * in UTC is ordinary engineering practice. Zones that differ between sources with different clocks
 * (New York vs Los Angeles) are low: a move inside a country, or a careless form.
 */
export function timezoneContradiction(claims: readonly Claim[]): Contradiction | null {
  const allCountries = claimedCountries(claims);
  const problems = sortedItems(
    claims.flatMap((claim) => {
      const problem = claim.timezone ? zoneProblem(claim, claim.timezone, allCountries) : null;
      return problem ? [problem] : [];
    }),
  );
  const clocks = distinctClocks(claims);
  if (problems.length === 0 && clocks.length < 2) return null;

  const worst = severest(problems);
  const zonesBySource = sourcedValues(claims, 'timezone');
  return {
    kind: 'timezone',
    severity: worst?.severity ?? 'low',
    confidence: worst?.confidence ?? 0.5,
    summary: worst
      ? `Claimed timezone ${worst.timezone} (${worst.source}) is not kept in claimed country ` +
        `${worst.claimedCountries.join(', ')}${problems.length > 1 ? `, and ${problems.length - 1} more such record(s)` : ''}.`
      : `Claimed timezones disagree across sources: ${clocks.map(({ timezone, sources }) => `${timezone} (${sources.join(', ')})`).join(', ')}.`,
    evidence: {
      field: 'timezone',
      timezones: zonesBySource.map(({ source, value }) => ({ source, timezone: value })),
      claimedCountries: allCountries,
      zonesOutsideCountry: problems.map(({ severity: _s, confidence: _c, ...problem }) => problem),
      clocks: clocks.length >= 2 ? clocks : [],
      sources: sortedUnique([
        ...problems.map(({ source }) => source),
        ...(clocks.length >= 2 ? zonesBySource.map(({ source }) => source) : []),
      ]),
    },
  };
}

function zoneProblem(claim: Claim, zone: string, allCountries: readonly string[]): ZoneProblem | null {
  const reference = referenceCountries(claim, allCountries);
  if (reference.length === 0) return null;
  const zoneCountries = countryOfZone(zone);
  const base = { source: claim.source, timezone: zone, zoneCountries, claimedCountries: reference };
  if (zoneCountries.length > 0) {
    if (zoneCountries.some((country) => reference.includes(country))) return null;
    const pyongyang = zoneCountries.includes('KP');
    return {
      ...base,
      problem: 'zone-not-in-country',
      severity: pyongyang ? 'high' : 'medium',
      confidence: pyongyang ? 0.9 : 0.75,
    };
  }
  const offsets = offsetsOfZone(zone);
  if (!offsets || offsets.standard === 0) return null;
  if (reference.some((country) => offsetsOfCountry(country).includes(offsets.standard))) return null;
  return { ...base, problem: 'offset-not-in-country', severity: 'low', confidence: 0.5 };
}

/** Claimed zones of places grouped by the clock they keep (standard and daylight offsets). */
function distinctClocks(claims: readonly Claim[]): { timezone: string; clock: string; sources: string[] }[] {
  const byClock = new Map<string, { timezones: Set<string>; sources: Set<string> }>();
  for (const { source, value } of sourcedValues(claims, 'timezone')) {
    const offsets = offsetsOfZone(value);
    // A UTC-style zone is a convention, not a place: it disagrees with no one's clock.
    if (!offsets || isCountrylessZone(value)) continue;
    const clock = `UTC${formatOffset(offsets.standard)}/${formatOffset(offsets.daylight)}`;
    const group = byClock.get(clock) ?? { timezones: new Set(), sources: new Set() };
    group.timezones.add(value);
    group.sources.add(source);
    byClock.set(clock, group);
  }
  return [...byClock.entries()]
    .map(([clock, { timezones, sources }]) => ({
      timezone: sortedUnique(timezones).join(' | '),
      clock,
      sources: sortedUnique(sources),
    }))
    .sort((a, b) => (a.clock < b.clock ? -1 : a.clock > b.clock ? 1 : 0));
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
