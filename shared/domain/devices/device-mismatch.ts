import { round } from '../analysis/working-hours.js';
import { countryOfZone, isCountrylessZone } from '../claims/zones.js';
import type { NetworkSighting } from '../geography/sightings.js';
import { isLocating } from '../geography/sightings.js';
import type { Finding, Severity } from '../report.js';
import { isKnownZone, zoneOffsetMinutes } from '../timezone/zone-offsets.js';
import { type DeviceSighting, describeDevice } from './device-sightings.js';
import { languagesOfCountry, localeParts, SCHEME_LANGUAGES } from './languages.js';

export interface DeviceClaim {
  timezone: string | null;
  country: string | null;
  nationality: string | null;
}

interface Contradiction {
  field: 'timezone' | 'locale' | 'keyboardLayouts';
  value: string;
  severity: Severity;
  confidence: number;
  why: string;
  device: DeviceSighting;
}

/** Countries whose clock on a device claimed to be elsewhere is the pattern itself, not a preference. */
const SCHEME_COUNTRIES = new Set(['KP', 'CN', 'RU']);
const RANK = { low: 0, medium: 1, high: 2 } as const;
const BY_RANK: Severity[] = ['low', 'medium', 'high'];

/**
 * Device settings that contradict the claims: a clock set to another UTC offset (at the dates it was reported,
 * so DST is honoured) or to a zone of another country, and locales or keyboard layouts in a language of neither
 * the claimed country nor the claimed nationality (English counts as everyone's). A clock set to a country the
 * contractor was signing in from at the same time is a trip, not a contradiction. Korean, Chinese or Russian
 * settings on a US, European or Japanese claim is the DPRK IT-worker pattern and weighs more; other languages are
 * low (people live abroad). Contradictions in both the clock and the languages raise the severity a level.
 */
export function deviceMismatchFinding(
  devices: readonly DeviceSighting[],
  claim: DeviceClaim,
  sightings: readonly NetworkSighting[],
): Finding | null {
  const found: Contradiction[] = [];
  for (const d of devices) {
    const clock = clockContradiction(d, claim, sightings);
    if (clock) found.push(clock);
    found.push(...languageContradictions(d, claim));
  }
  if (found.length === 0) return null;
  const strongest = found.reduce((s, c) => (RANK[c.severity] > RANK[s] ? c.severity : s), 'low' as Severity);
  const fields = new Set(found.map((c) => (c.field === 'timezone' ? 'clock' : 'language')));
  const severity =
    fields.size > 1 && strongest !== 'low'
      ? (BY_RANK[Math.min(2, RANK[strongest] + 1)] as Severity)
      : strongest;
  const confidence = round(
    Math.min(0.95, Math.max(...found.map((c) => c.confidence)) + 0.05 * (fields.size - 1)),
  );
  const values = [...new Set(found.map((c) => c.value))];
  return {
    code: 'DEVICE_MISMATCH',
    severity,
    confidence,
    summary: `Device settings contradict the claims: ${values.slice(0, 4).join(', ')} on someone claiming ${describeClaim(claim)}.`,
    evidence: {
      claimed: claim,
      contradictions: found.map((c) => ({
        field: c.field,
        value: c.value,
        why: c.why,
        severity: c.severity,
        ...describeDevice(c.device),
      })),
    },
  };
}

function clockContradiction(
  d: DeviceSighting,
  claim: DeviceClaim,
  sightings: readonly NetworkSighting[],
): Contradiction | null {
  const zone = d.device.timezone;
  if (zone === undefined || claim.timezone === null || !isKnownZone(zone) || !isKnownZone(claim.timezone))
    return null;
  const zoneCountries = countryOfZone(zone);
  if (travelling(zoneCountries, d, sightings)) return null;
  const gaps = [d.first, d.last].map(
    (t) => zoneOffsetMinutes(zone, t) - zoneOffsetMinutes(claim.timezone as string, t),
  );
  const gap = gaps.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0);
  const base = { field: 'timezone' as const, value: zone, device: d };
  if (isCountrylessZone(zone)) {
    // Privacy-hardened browsers report UTC whatever the real clock; weak on its own.
    if (Math.abs(gap) < 60) return null;
    return {
      ...base,
      severity: 'low',
      confidence: 0.5,
      why: `a clock on ${zone}, ${formatGap(gap)} from the claimed zone`,
    };
  }
  const scheme =
    zoneCountries.some((c) => SCHEME_COUNTRIES.has(c)) && !zoneCountries.includes(claim.country ?? '');
  if (Math.abs(gap) >= 60)
    return {
      ...base,
      severity: scheme ? 'high' : 'medium',
      confidence: 0.85,
      why: `clock set to ${zone} (${zoneCountries.join('/') || 'no country'}), ${formatGap(gap)} from ${claim.timezone}`,
    };
  if (claim.country !== null && zoneCountries.length > 0 && !zoneCountries.includes(claim.country))
    return {
      ...base,
      severity: scheme ? 'medium' : 'low',
      confidence: 0.7,
      why: `clock set to ${zone}, a zone of ${zoneCountries.join('/')}, not of ${claim.country} (same UTC offset)`,
    };
  return null;
}

/** Whether the contractor signed in from one of the zone's countries while the device reported it. */
function travelling(
  zoneCountries: readonly string[],
  d: DeviceSighting,
  sightings: readonly NetworkSighting[],
): boolean {
  return sightings.some(
    (s) =>
      isLocating(s) &&
      s.network.kind !== 'mobile' &&
      s.first >= d.first - 86_400_000 &&
      s.first <= d.last + 86_400_000 &&
      zoneCountries.includes(s.location.country as string),
  );
}

function languageContradictions(d: DeviceSighting, claim: DeviceClaim): Contradiction[] {
  const expected = new Set([
    ...(claim.country ? languagesOfCountry(claim.country) : []),
    ...(claim.nationality ? languagesOfCountry(claim.nationality) : []),
  ]);
  if (expected.size === 0) return [];
  const out: Contradiction[] = [];
  const check = (field: 'locale' | 'keyboardLayouts', tag: string) => {
    const { language, region } = localeParts(tag);
    if (language === null || language === 'en' || expected.has(language)) return;
    const scheme = SCHEME_LANGUAGES.has(language);
    out.push({
      field,
      value: tag,
      severity: scheme ? 'medium' : 'low',
      confidence: scheme ? 0.75 : 0.5,
      why: `${field === 'locale' ? 'locale' : 'keyboard layout'} in '${language}'${region ? ` (${region})` : ''}, not a language of ${[claim.country, claim.nationality].filter(Boolean).join(' or ')}`,
      device: d,
    });
  };
  if (d.device.locale) check('locale', d.device.locale);
  for (const layout of d.device.keyboardLayouts ?? []) check('keyboardLayouts', layout);
  return out;
}

function formatGap(minutes: number): string {
  const sign = minutes >= 0 ? '+' : '−';
  const abs = Math.abs(minutes);
  return `${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')} h`;
}

function describeClaim(claim: DeviceClaim): string {
  return [claim.timezone, claim.country].filter(Boolean).join(', ') || 'nothing';
}
