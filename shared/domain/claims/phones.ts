/**
 * Which countries a claimed phone number belongs to, by libphonenumber-js with its full metadata
 * (the full set tells a valid number from a merely well-sized one, and a NANP +1 number's area code
 * from its US, CA or Caribbean owner).
 */
import { brotliDecompressSync } from 'node:zlib';
import {
  type CountryCode,
  getCountries,
  getCountryCallingCode,
  type MetadataJson,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/core';
import { PHONE_METADATA_BROTLI } from './phone-metadata.js';

/** libphonenumber-js's full metadata, shipped compressed (phone-metadata.ts) to keep the functions' bundles small. */
const METADATA = JSON.parse(
  brotliDecompressSync(Buffer.from(PHONE_METADATA_BROTLI, 'base64')).toString('utf8'),
) as MetadataJson;

export interface PhoneCountry {
  /** The number as written in the claim. */
  phone: string;
  /** Countries the number can belong to: one for most valid numbers; all that share the calling code otherwise. */
  countries: string[];
  /** Every country that shares the number's calling code (+1: US, CA, JM…; +7: RU, KZ), [] if unreadable. */
  callingCodeCountries: string[];
  callingCode: string | null;
  /** False when the number is not a dialable number of any country (wrong length, unassigned range). */
  valid: boolean;
}

const COUNTRIES_BY_CALLING_CODE = new Map<string, string[]>();
for (const country of getCountries(METADATA)) {
  const code = getCountryCallingCode(country, METADATA);
  COUNTRIES_BY_CALLING_CODE.set(code, [...(COUNTRIES_BY_CALLING_CODE.get(code) ?? []), country]);
}

/**
 * Territories whose numbers belong to their sovereign's numbering plan and people: a Guernsey mobile is a
 * British mobile, a Puerto Rico number an American one. Numbers from these are not "another country".
 */
const SAME_PLAN_GROUPS: readonly (readonly string[])[] = [
  ['GB', 'GG', 'IM', 'JE'],
  ['US', 'AS', 'GU', 'MP', 'PR', 'UM', 'VI'],
  ['FI', 'AX'],
  ['NO', 'SJ'],
];

/** `country` and the territories that share its numbers (see SAME_PLAN_GROUPS). */
export function phoneRealm(country: string): string[] {
  return [...(SAME_PLAN_GROUPS.find((group) => group.includes(country)) ?? [country])];
}

/** Reads the country out of an E.164 number; a number written without "+" cannot be read and is invalid. */
export function phoneCountry(phone: string): PhoneCountry {
  const parsed = parsePhoneNumberFromString(phone.trim(), METADATA);
  if (!parsed) return { phone, countries: [], callingCodeCountries: [], callingCode: null, valid: false };
  const callingCode = parsed.countryCallingCode;
  const callingCodeCountries = [...(COUNTRIES_BY_CALLING_CODE.get(callingCode) ?? [])].sort();
  const possible: CountryCode[] = parsed.country ? [parsed.country] : parsed.getPossibleCountries();
  return {
    phone,
    countries: possible.length > 0 ? [...possible].sort() : callingCodeCountries,
    callingCodeCountries,
    callingCode,
    valid: parsed.isValid(),
  };
}
