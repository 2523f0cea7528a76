/** Factories for network sightings and device descriptions, so each test spells out only what matters to it. */
import type { DeviceSighting } from '../../shared/domain/devices/device-sightings.js';
import type { IpLocation } from '../../shared/domain/geography/ip-location.js';
import type { NetworkSighting } from '../../shared/domain/geography/sightings.js';
import type { NetworkClass, NetworkKind } from '../../shared/domain/networks/network-class.js';
import type { Device } from '../../shared/schema/events.js';

export interface Place {
  country: string;
  city: string;
  latitude: number;
  longitude: number;
  asn: number;
  organization: string;
  accuracyKm?: number;
}

export const PLACES = {
  chicagoComcast: {
    country: 'US',
    city: 'Chicago',
    latitude: 41.88,
    longitude: -87.63,
    asn: 7922,
    organization: 'Comcast Cable',
  },
  denverComcast: {
    country: 'US',
    city: 'Denver',
    latitude: 39.74,
    longitude: -104.99,
    asn: 7922,
    organization: 'Comcast Cable',
  },
  seattleTmobile: {
    country: 'US',
    city: 'Seattle',
    latitude: 47.61,
    longitude: -122.33,
    asn: 21928,
    organization: 'T-Mobile USA',
  },
  newYorkVerizon: {
    country: 'US',
    city: 'New York',
    latitude: 40.71,
    longitude: -74.01,
    asn: 701,
    organization: 'Verizon',
  },
  miamiAtt: {
    country: 'US',
    city: 'Miami',
    latitude: 25.76,
    longitude: -80.19,
    asn: 7018,
    organization: 'AT&T',
  },
  lisbonMeo: {
    country: 'PT',
    city: 'Lisbon',
    latitude: 38.72,
    longitude: -9.14,
    asn: 3243,
    organization: 'MEO',
  },
  londonBt: {
    country: 'GB',
    city: 'London',
    latitude: 51.51,
    longitude: -0.13,
    asn: 2856,
    organization: 'BT',
  },
  frankfurtTelekom: {
    country: 'DE',
    city: 'Frankfurt',
    latitude: 50.11,
    longitude: 8.68,
    asn: 3320,
    organization: 'Deutsche Telekom',
  },
  shenyangUnicom: {
    country: 'CN',
    city: 'Shenyang',
    latitude: 41.84,
    longitude: 123.43,
    asn: 4837,
    organization: 'China Unicom',
  },
  pyongyangStar: {
    country: 'KP',
    city: 'Pyongyang',
    latitude: 39.03,
    longitude: 125.73,
    asn: 131279,
    organization: 'Star JV',
  },
  moscowMegafon: {
    country: 'RU',
    city: 'Moscow',
    latitude: 55.8,
    longitude: 37.58,
    asn: 31133,
    organization: 'MegaFon',
  },
  tokyoSoftbank: {
    country: 'JP',
    city: 'Tokyo',
    latitude: 35.66,
    longitude: 139.76,
    asn: 17676,
    organization: 'SoftBank',
  },
  clifftonDigitalOcean: {
    country: 'US',
    city: 'Clifton',
    latitude: 40.83,
    longitude: -74.13,
    asn: 14061,
    organization: 'DigitalOcean',
  },
} satisfies Record<string, Place>;

export function network(
  kind: NetworkKind,
  provider: string | null = null,
  namedInDprkCases = false,
): NetworkClass {
  return { kind, provider, matchedBy: kind === 'residential' ? null : 'asn', namedInDprkCases };
}

export function location(place: Place): IpLocation {
  return {
    country: place.country,
    region: null,
    city: place.city,
    latitude: place.latitude,
    longitude: place.longitude,
    accuracyKm: place.accuracyKm ?? 50,
    asn: place.asn,
    organization: place.organization,
  };
}

/** A successful sign-in hour from `ip` at `place`, starting at `at` (ISO). */
export function sighting(
  at: string,
  ip: string,
  place: Place,
  net: NetworkClass = network('residential'),
  options: { successful?: boolean; lastAt?: string } = {},
): NetworkSighting {
  const first = Date.parse(at);
  return {
    ip,
    first,
    last: options.lastAt ? Date.parse(options.lastAt) : first,
    successful: options.successful ?? true,
    location: location(place),
    network: net,
  };
}

/** One sign-in hour per weekday at 15:00 UTC from `from` for `days` days, from the given address. */
export function dailySightings(
  from: string,
  days: number,
  ip: string,
  place: Place,
  net?: NetworkClass,
): NetworkSighting[] {
  const start = Date.parse(from);
  const out: NetworkSighting[] = [];
  for (let d = 0; d < days; d++) {
    const at = new Date(start + d * 86_400_000);
    if (at.getUTCDay() === 0 || at.getUTCDay() === 6) continue;
    out.push(sighting(at.toISOString(), ip, place, net));
  }
  return out;
}

export function byTime(sightings: NetworkSighting[]): NetworkSighting[] {
  return [...sightings].sort((a, b) => a.first - b.first);
}

export function device(
  fields: Device,
  from = '2026-03-02T15:00:00Z',
  to = '2026-04-10T15:00:00Z',
): DeviceSighting {
  return { device: fields, first: Date.parse(from), last: Date.parse(to) };
}
