/**
 * The one effective claim the engine compares telemetry against, merged field by field from a
 * contractor's claim records in source precedence (see sources.ts).
 */
import type { BusinessHours, Claim } from '../../schema/claims.js';
import { byPrecedence } from './sources.js';
import { zoneOfCountry } from './zones.js';

export interface EffectiveBusinessHours {
  /** Minutes since local midnight in the claimed zone. */
  startMinutes: number;
  /** Minutes since local midnight; 1440 is 24:00; less than startMinutes for a shift over midnight. */
  endMinutes: number;
  /** ISO weekdays the shift starts on, 1 = Monday … 7 = Sunday, ascending. */
  days: number[];
}

export type ClaimField =
  | 'name'
  | 'nationality'
  | 'country'
  | 'city'
  | 'timezone'
  | 'businessHours'
  | 'phone'
  | 'email'
  | 'paymentCountry';

export interface EffectiveClaim {
  contractorId: string;
  /** Every source that contributed a record, believed-first order, once each. */
  sources: string[];
  name: string | null;
  nationality: string | null;
  country: string | null;
  city: string | null;
  /** The claimed IANA zone, or the country's only / dominant zone when no record names one. */
  timezone: string | null;
  timezoneInferredFromCountry: boolean;
  /** In the claimed zone; 09:00–17:00 Monday–Friday when no record says, if a zone is known. */
  businessHours: EffectiveBusinessHours | null;
  businessHoursDefaulted: boolean;
  phone: string | null;
  email: string | null;
  paymentCountry: string | null;
  /** Which source each value came from, for evidence; absent for empty and inferred fields. */
  fieldSources: Partial<Record<ClaimField, string>>;
}

/** A claim set that cannot be merged: empty, or records of more than one contractor. */
export class InvalidClaimSetError extends Error {
  override readonly name = 'InvalidClaimSetError';
}

export const DEFAULT_BUSINESS_HOURS: Readonly<EffectiveBusinessHours> = Object.freeze({
  startMinutes: 9 * 60,
  endMinutes: 17 * 60,
  days: [1, 2, 3, 4, 5],
});

/**
 * Merges one contractor's claim records: each field comes from the first record, in source precedence
 * (HR, payroll, payment profile, platform profile, résumé, then others; ties in record order), that has it.
 * Contradictions between records are not settled here; compareClaims reports them.
 * @throws InvalidClaimSetError for an empty list or records of several contractors.
 */
export function resolveClaims(claims: readonly Claim[]): EffectiveClaim {
  const contractorId = soleContractorId(claims);
  const ordered = byPrecedence(claims);
  const fieldSources: Partial<Record<ClaimField, string>> = {};
  const pick = <F extends ClaimField>(field: F): NonNullable<Claim[F]> | null => {
    // A blank string is a form left empty, not a claim.
    const record = ordered.find((claim) => {
      const value = claim[field];
      return value !== undefined && (typeof value !== 'string' || value.trim() !== '');
    });
    if (!record) return null;
    fieldSources[field] = record.source;
    return record[field] as NonNullable<Claim[F]>;
  };

  const country = pick('country');
  const claimedZone = pick('timezone');
  const inferredZone = claimedZone === null && country !== null ? zoneOfCountry(country) : null;
  const timezone = claimedZone ?? inferredZone;
  const claimedHours = pick('businessHours');
  // Default hours only mean something on a known clock; without a zone they would be a guess on a guess.
  const businessHours = claimedHours
    ? toEffectiveHours(claimedHours)
    : timezone
      ? { ...DEFAULT_BUSINESS_HOURS, days: [...DEFAULT_BUSINESS_HOURS.days] }
      : null;

  return {
    contractorId,
    sources: [...new Set(ordered.map((claim) => claim.source))],
    name: pick('name'),
    nationality: pick('nationality'),
    country,
    city: pick('city'),
    timezone,
    timezoneInferredFromCountry: inferredZone !== null,
    businessHours,
    businessHoursDefaulted: claimedHours === null && businessHours !== null,
    phone: pick('phone'),
    email: pick('email'),
    paymentCountry: pick('paymentCountry'),
    fieldSources,
  };
}

/** The one contractor the records belong to. */
export function soleContractorId(claims: readonly Claim[]): string {
  const ids = [...new Set(claims.map((claim) => claim.contractorId))];
  const [id] = ids;
  if (id === undefined) throw new InvalidClaimSetError('no claim records to resolve');
  if (ids.length > 1)
    throw new InvalidClaimSetError(`claim records of several contractors: ${ids.join(', ')}`);
  return id;
}

/** "HH:MM" (00:00–24:00) to minutes since midnight; 24:00 stays 1440 so a day-long shift can end there. */
export function clockMinutes(clock: string): number {
  const [hours = 0, minutes = 0] = clock.split(':').map(Number);
  return Math.min(hours * 60 + minutes, 24 * 60);
}

function toEffectiveHours(hours: BusinessHours): EffectiveBusinessHours {
  return {
    // A start of 24:00 is the next midnight: the same clock reading as 00:00.
    startMinutes: clockMinutes(hours.start) % (24 * 60),
    endMinutes: clockMinutes(hours.end),
    days: [...new Set(hours.days)].sort((a, b) => a - b),
  };
}
