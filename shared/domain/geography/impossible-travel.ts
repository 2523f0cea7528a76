import { round } from '../analysis/working-hours.js';
import type { Finding } from '../report.js';
import { distanceKm } from './distance.js';
import { describeSighting, isLocating, type NetworkSighting } from './sightings.js';

/** Faster than an airliner's cruise (about 900 km/h), with room for tailwinds. */
export const MAX_TRAVEL_KMH = 1000;
/** Jumps shorter than this (after the accuracy allowance) are left to geolocation noise. */
export const MIN_DISTANCE_KM = 500;
/**
 * Within one country, carriers route many customers through a few distant gateways (a Jio phone in Bengaluru can
 * surface in Delhi, a China Mobile one in Guangzhou), and no list of mobile networks is complete; so a domestic
 * jump counts only at continental scale (New York to Los Angeles, not Delhi to Mumbai).
 */
export const MIN_DOMESTIC_DISTANCE_KM = 2500;
/** A mobile carrier's address is placed at its gateway, which can be anywhere in the country. */
const MOBILE_ACCURACY_KM = 1500;
const HOUR_MS = 3_600_000;

export interface TravelLeg {
  from: NetworkSighting;
  to: NetworkSighting;
  distanceKm: number;
  /** The distance minus both places' accuracy radii: the least anyone must have travelled. */
  minimumDistanceKm: number;
  hours: number;
  speedKmh: number;
}

/**
 * Consecutive sign-ins (in time order) whose places are too far apart for the time between them, even flying.
 * The allowance for geolocation error is generous: each place's accuracy radius is subtracted, jumps under
 * 500 km (2,500 km within one country) are ignored, and two addresses of one network in one country, or a mobile carrier's address and another
 * in the same country, are never compared (carriers and big ISPs geolocate coarsely, and a phone on the carrier
 * while the laptop is on home broadband is one person in one place). Anonymising exits are not places.
 */
export function impossibleLegs(sightings: readonly NetworkSighting[]): TravelLeg[] {
  const located = sightings.filter(
    (s) => isLocating(s) && s.location.latitude !== null && s.location.longitude !== null,
  );
  const legs: TravelLeg[] = [];
  for (let i = 1; i < located.length; i++) {
    const from = located[i - 1] as NetworkSighting;
    const to = located[i] as NetworkSighting;
    const leg = assessLeg(from, to);
    if (leg !== null && leg.speedKmh > MAX_TRAVEL_KMH) legs.push(leg);
  }
  return legs;
}

function assessLeg(from: NetworkSighting, to: NetworkSighting): TravelLeg | null {
  const a = from.location;
  const b = to.location;
  const sameCountry = a.country === b.country;
  if (sameCountry && a.asn !== null && a.asn === b.asn) return null;
  if (sameCountry && (from.network.kind === 'mobile' || to.network.kind === 'mobile')) return null;
  const distance = distanceKm(
    a.latitude as number,
    a.longitude as number,
    b.latitude as number,
    b.longitude as number,
  );
  const minimum = distance - accuracy(from) - accuracy(to);
  if (minimum < (sameCountry ? MIN_DOMESTIC_DISTANCE_KM : MIN_DISTANCE_KM)) return null;
  const hours = Math.max(0, to.first - from.last) / HOUR_MS;
  // A gap of under a minute is treated as a minute: two sign-ins at once are no faster than that.
  const speed = minimum / Math.max(hours, 1 / 60);
  return { from, to, distanceKm: distance, minimumDistanceKm: minimum, hours, speedKmh: speed };
}

function accuracy(s: NetworkSighting): number {
  return s.network.kind === 'mobile'
    ? Math.max(MOBILE_ACCURACY_KM, s.location.accuracyKm)
    : s.location.accuracyKm;
}

export function impossibleTravelFinding(sightings: readonly NetworkSighting[]): Finding | null {
  const legs = impossibleLegs(sightings);
  if (legs.length === 0) return null;
  const worst = [...legs].sort(
    (a, b) => b.minimumDistanceKm - a.minimumDistanceKm || b.speedKmh - a.speedKmh,
  );
  const top = worst[0] as TravelLeg;
  const severity = legs.length >= 3 || top.minimumDistanceKm >= 2000 ? 'high' : 'medium';
  const confidence = round(Math.min(0.95, 0.75 + 0.05 * legs.length));
  const place = (s: NetworkSighting) => [s.location.city, s.location.country].filter(Boolean).join(', ');
  return {
    code: 'IMPOSSIBLE_TRAVEL',
    severity,
    confidence,
    summary:
      `${legs.length} pair${legs.length === 1 ? '' : 's'} of consecutive sign-ins too far apart to travel between, ` +
      `e.g. ${place(top.from)} → ${place(top.to)}: ${Math.round(top.distanceKm).toLocaleString('en')} km in ` +
      `${formatHours(top.hours)}.`,
    evidence: {
      legs: legs.length,
      maxSpeedKmh: MAX_TRAVEL_KMH,
      minDistanceKm: MIN_DISTANCE_KM,
      minDomesticDistanceKm: MIN_DOMESTIC_DISTANCE_KM,
      worst: worst.slice(0, 5).map((leg) => ({
        from: describeSighting(leg.from),
        to: describeSighting(leg.to),
        distanceKm: Math.round(leg.distanceKm),
        minimumDistanceKm: Math.round(leg.minimumDistanceKm),
        hours: round(leg.hours, 2),
        impliedSpeedKmh: Math.round(leg.speedKmh),
      })),
    },
  };
}

function formatHours(hours: number): string {
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  return `${round(hours, 1)} h`;
}
