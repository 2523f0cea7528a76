/**
 * IANA zone ↔ country table, from `countries-and-timezones` (built from the tz database's zone1970.tab,
 * which lists every country that uses a zone, so shared zones such as Europe/Berlin → DE, DK, NO, SE work).
 */
import { getAllTimezones, getTimezonesForCountry, type Timezone } from 'countries-and-timezones';

const ZONES: Record<string, Timezone> = getAllTimezones({ deprecated: true });

/** Zone names as typed by people ("europe/london") still find their row. */
const ZONES_BY_LOWER_NAME = new Map(Object.values(ZONES).map((zone) => [zone.name.toLowerCase(), zone]));

/**
 * Countries spanning several zones where one zone holds most of the people, so a claim of the country
 * alone still says which clock they keep. The US, CA, RU, AU, BR, MX, ID… are left out on purpose:
 * guessing a zone there would invent a claim the contractor never made.
 */
const DOMINANT_ZONE: Readonly<Record<string, string>> = {
  AR: 'America/Argentina/Buenos_Aires',
  CD: 'Africa/Kinshasa',
  CL: 'America/Santiago',
  CN: 'Asia/Shanghai',
  CY: 'Asia/Nicosia',
  DE: 'Europe/Berlin',
  EC: 'America/Guayaquil',
  ES: 'Europe/Madrid',
  KZ: 'Asia/Almaty',
  MN: 'Asia/Ulaanbaatar',
  MY: 'Asia/Kuala_Lumpur',
  NZ: 'Pacific/Auckland',
  PG: 'Pacific/Port_Moresby',
  PT: 'Europe/Lisbon',
  UA: 'Europe/Kyiv',
  UZ: 'Asia/Tashkent',
  VN: 'Asia/Ho_Chi_Minh',
};

function zoneRow(zone: string): Timezone | undefined {
  return ZONES[zone] ?? ZONES_BY_LOWER_NAME.get(zone.toLowerCase());
}

/**
 * Countries (ISO 3166-1 alpha-2) that use `zone`; [] for an unknown zone or a zone of no country
 * (Etc/UTC, Etc/GMT+5, UTC). A legacy link such as Europe/Amsterdam also counts the countries of the zone
 * it links to (Europe/Brussels: BE, LU, NL), because it keeps exactly the same clock there.
 */
export function countryOfZone(zone: string): string[] {
  const row = zoneRow(zone);
  if (!row) return [];
  const target = row.aliasOf ? ZONES[row.aliasOf] : undefined;
  return [...new Set([...row.countries, ...(target?.countries ?? [])])].sort();
}

/** True for zones that name an offset rather than a place (Etc/UTC, Etc/GMT-9, UTC, GMT). */
export function isCountrylessZone(zone: string): boolean {
  const row = zoneRow(zone);
  return row !== undefined && countryOfZone(row.name).length === 0;
}

/** The zone's standard and daylight-saving UTC offsets in minutes (current rules), or null if unknown. */
export function offsetsOfZone(zone: string): { standard: number; daylight: number } | null {
  const row = zoneRow(zone);
  return row ? { standard: row.utcOffset, daylight: row.dstOffset } : null;
}

/** Every UTC offset, in minutes, that any zone of `country` keeps during the year. */
export function offsetsOfCountry(country: string): number[] {
  const zones = getTimezonesForCountry(country.toUpperCase()) ?? [];
  return [...new Set(zones.flatMap((zone) => [zone.utcOffset, zone.dstOffset]))].sort((a, b) => a - b);
}

/**
 * The zone a contractor in `country` almost surely keeps: the country's only zone, or its dominant one;
 * null when the country spans zones with no clear majority (US, RU…) or is unknown. For a country whose
 * only zone is shared and named after another country (NL → Europe/Brussels), the country's own legacy
 * name (Europe/Amsterdam) is given, as that is what its people see in their settings.
 */
export function zoneOfCountry(country: string): string | null {
  const code = country.toUpperCase();
  const dominant = DOMINANT_ZONE[code];
  if (dominant) return dominant;
  const zones = getTimezonesForCountry(code) ?? [];
  const only = zones.length === 1 ? zones[0] : undefined;
  if (!only) return null;
  if (only.countries[0] === code) return only.name;
  const ownName = (getTimezonesForCountry(code, { deprecated: true }) ?? []).find(
    (zone) => zone.aliasOf === only.name && zone.countries.length === 1 && zone.countries[0] === code,
  );
  return ownName?.name ?? only.name;
}
