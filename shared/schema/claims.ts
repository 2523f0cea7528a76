import * as z from 'zod';
import { ContractorId } from './events.js';
import { uncarriableFields } from './text.js';

const CountryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code, e.g. "US"')
  .transform((c) => c.toUpperCase());

const knownZones = new Map<string, boolean>();

/** Whether this runtime knows the zone (Intl is the source of truth luxon also uses); cached, as the check is slow. */
function isIanaZone(zone: string): boolean {
  let known = knownZones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    if (knownZones.size < 10_000) knownZones.set(zone, known);
  }
  return known;
}

/** Zone names folded so that a slip of case, `_`, `-` or a space still finds its zone. */
const fold = (zone: string) => zone.toLowerCase().replace(/[\s_-]/g, '');
let zonesByFold: Map<string, string> | undefined;

/** The zone a misspelt name most likely meant (`America/NewYork` → `America/New_York`), if one is close. */
export function closestZone(zone: string): string | undefined {
  zonesByFold ??= new Map(Intl.supportedValuesOf('timeZone').map((z) => [fold(z), z]));
  const exact = zonesByFold.get(fold(zone));
  if (exact !== undefined) return exact;
  // One edit away once folded: a letter missing, extra, or wrong.
  const wanted = fold(zone);
  for (const [folded, name] of zonesByFold) if (oneEditApart(folded, wanted)) return name;
  return undefined;
}

function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** An IANA zone name that this runtime knows; a misspelt one is refused with the zone it probably meant. */
export const IanaZone = z.string().superRefine((zone, ctx) => {
  if (isIanaZone(zone)) return;
  const meant = zone.length <= 64 ? closestZone(zone) : undefined;
  ctx.addIssue({
    code: 'custom',
    message: `must be an IANA time zone, e.g. "America/Chicago"${meant === undefined ? '' : `; did you mean ${meant}?`}`,
  });
});

/** A wall-clock time of day, 00:00 to 24:00 (24:00 ends a day that runs to midnight). */
const ClockTime = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time "HH:MM" from 00:00 to 24:00');

export const BusinessHours = z.object({
  start: ClockTime,
  end: ClockTime,
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
});

export const Claim = z
  .object({
    contractorId: ContractorId,
    source: z.string().min(1).max(128),
    name: z.string().max(256).optional(),
    nationality: CountryCode.optional(),
    country: CountryCode.optional(),
    city: z.string().max(256).optional(),
    timezone: IanaZone.optional(),
    businessHours: BusinessHours.optional(),
    phone: z.string().max(64).optional(),
    email: z.string().max(320).optional(),
    paymentCountry: CountryCode.optional(),
  })
  .superRefine((claim, ctx) => {
    for (const { field, reason } of uncarriableFields(claim))
      ctx.addIssue({ code: 'custom', path: field.split('.'), message: reason });
  });

export type Claim = z.output<typeof Claim>;
export type BusinessHours = z.output<typeof BusinessHours>;
