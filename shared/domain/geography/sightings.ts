import type { AddressDirectory } from '../evidence/address-directory.js';
import { signedIn } from '../evidence/contractor-evidence.js';
import type { Span } from '../evidence/span-sample.js';
import { ANONYMIZING_KINDS, type NetworkClass } from '../networks/network-class.js';
import type { IpLocation } from './ip-location.js';

/** Sign-ins and sessions from one address within one hour: the unit every network analysis counts. */
export interface NetworkSighting {
  ip: string;
  /** Earliest and latest sign-in from the address in that hour (ms UTC). */
  first: number;
  last: number;
  /** Some sign-in succeeded (or a session ran); false when every attempt in that hour failed. */
  successful: boolean;
  location: IpLocation;
  network: NetworkClass;
}

/** The contractor's address spans resolved through the run's directory, in time order. */
export function resolveSightings(spans: readonly Span[], addresses: AddressDirectory): NetworkSighting[] {
  const out = spans.map((span): NetworkSighting => {
    const address = addresses.address(span.ref);
    return {
      ip: address.ip,
      first: span.first,
      last: span.last,
      successful: signedIn(span),
      location: address.location,
      network: address.network,
    };
  });
  return out.sort((a, b) => a.first - b.first || (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
}

/** Successful sign-ins through anonymising networks (VPN, hosting, Tor, proxies, security gateways). */
export function isAnonymized(s: NetworkSighting): boolean {
  return ANONYMIZING_KINDS.has(s.network.kind);
}

/**
 * Successful sign-ins whose geolocation says where the person is: not through an anonymising exit or the
 * deployment's own corporate VPN (both are where the exit is), and known to the database.
 */
export function isLocating(s: NetworkSighting): boolean {
  return s.successful && !isAnonymized(s) && s.network.kind !== 'corporate' && s.location.country !== null;
}

/** A sighting as evidence a person can check: the address, the time, the place and the network. */
export function describeSighting(s: NetworkSighting): Record<string, unknown> {
  const { location, network } = s;
  return {
    ip: s.ip,
    at: new Date(s.first).toISOString(),
    country: location.country,
    region: location.region,
    city: location.city,
    latitude: location.latitude,
    longitude: location.longitude,
    accuracyKm: location.accuracyKm,
    asn: location.asn,
    organization: location.organization,
    network: network.kind,
    ...(network.provider ? { provider: network.provider } : {}),
  };
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC day number of an instant. */
export function dayOf(instant: number): number {
  return Math.floor(instant / DAY_MS);
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
