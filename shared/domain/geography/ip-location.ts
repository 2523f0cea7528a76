/**
 * Where an IP address is and whose network it belongs to, as far as a geolocation database can tell. The domain
 * reads locations only through this port, so the CLI, the local stack and AWS share one implementation and tests
 * can supply a fixed table.
 */
export interface IpLocation {
  /** ISO 3166-1 alpha-2, or null when the address is not in the database (private, reserved, unrouted). */
  country: string | null;
  /** First-level subdivision (state, province), when known. */
  region: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  /**
   * Radius in km within which the address's true place is likely to be. Free databases give no radius, so the
   * adapter estimates it from how precise the record is (city, region or country only).
   */
  accuracyKm: number;
  /** The autonomous system announcing the address, and the organisation that holds it. */
  asn: number | null;
  organization: string | null;
}

/** A database behind the locator, for provenance in reports and for the credits its licence requires. */
export interface LocatorSource {
  name: string;
  version: string;
  licence: string;
  url: string;
}

export abstract class IpLocator {
  /**
   * The location of one address (IPv4 or IPv6, already validated). Never throws for an address missing from the
   * database: every field is null and `accuracyKm` is the default.
   */
  abstract locate(ip: string): IpLocation;
  abstract sources(): readonly LocatorSource[];
}

/** What `locate` answers for an address no database knows. */
export const UNKNOWN_LOCATION: Readonly<IpLocation> = Object.freeze({
  country: null,
  region: null,
  city: null,
  latitude: null,
  longitude: null,
  accuracyKm: 20_000,
  asn: null,
  organization: null,
});
