/**
 * What GeoIP and ASN lookups cost: start-up (opening the IPv4 city database and the ASN table, then the lazy IPv6
 * city database), lookups per second for distinct addresses no cache has seen, and for a repeated mix as sign-ins
 * give it (most lookups answered by the locator's cache).
 *
 *   npm run bench:geoip -- [--addresses 200000] [--seed 1]
 *
 * Addresses are routable: a row of the ASN package's CSV drawn at random, then an address drawn inside it, so
 * IPv6 addresses are not almost all unannounced as uniformly random ones would be. Run after `npm run build`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AsnTable } from '../shared/adapters/geoip/asn-table.js';
import { MaxmindIpLocator } from '../shared/adapters/geoip/maxmind-ip-locator.js';

const { values } = parseArgs({
  options: {
    addresses: { type: 'string', default: '200000' },
    seed: { type: 'string', default: '1' },
  },
});
const count = Number(values.addresses);
setFlagsFromString('--expose-gc');
const random = mulberry32(Number(values.seed));
const asnDir = dirname(createRequire(import.meta.url).resolve('@ip-location-db/asn/package.json'));
const rows: Record<string, string[]> = {};

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const ms = (t: number) => `${t.toFixed(0)} ms`;
const perSecond = (n: number, t: number) => `${Math.round((n / t) * 1000).toLocaleString('en')} /s`;

// Start-up, first: nothing else loaded yet, so the RSS growth is the databases'.
const rssBefore = process.memoryUsage().rss;
let t = performance.now();
const locator = MaxmindIpLocator.open();
const openMs = performance.now() - t;
const rssOpen = process.memoryUsage().rss;
t = performance.now();
locator.locate('2a00:23c0::1');
const openV6Ms = performance.now() - t;
const rssV6 = process.memoryUsage().rss;
t = performance.now();
const asnTable = AsnTable.open(join(import.meta.dirname, '../dist/geo/asn-table.bin'));
const asnOpenMs = performance.now() - t;

// Warm-up on addresses the measurements do not use, so JIT compilation is not counted.
const WARM_UP = 20_000;
const v4 = routable('ipv4', count + WARM_UP);
const v6 = routable('ipv6', count + WARM_UP);
for (const ip of [...v4.splice(count), ...v6.splice(count)]) locator.locate(ip);
const distinctV4 = timed(() => {
  for (const ip of v4) locator.locate(ip);
});
const distinctV6 = timed(() => {
  for (const ip of v6) locator.locate(ip);
});
const asnV4 = timed(() => {
  for (const ip of v4) asnTable.lookup(ip);
});
const asnV6 = timed(() => {
  for (const ip of v6) asnTable.lookup(ip);
});

// A repeated mix: 2,000 distinct addresses (a fifth IPv6), drawn with Zipf-like weights, 1,000,000 lookups.
const fresh = MaxmindIpLocator.open();
const pool = [...routable('ipv4', 1_600), ...routable('ipv6', 400)];
const mix = Array.from({ length: 1_000_000 }, () => pool[Math.floor(pool.length * random() ** 3)] as string);
const mixed = timed(() => {
  for (const ip of mix) fresh.locate(ip);
});

// The caches' memory: heap held after a fresh locator has seen 150,000 distinct addresses, scaled to the
// 200,000 at which its result cache starts over (the decoded-record cache is bounded lower, so this is an upper bound).
const gc = runInNewContext('gc') as () => void;
const sized = MaxmindIpLocator.open();
const heapAfterGc = () => {
  gc();
  return process.memoryUsage().heapUsed;
};
const heapBefore = heapAfterGc();
for (const ip of v4.slice(0, 150_000)) sized.locate(ip);
const cacheBytes = ((heapAfterGc() - heapBefore) / 150_000) * 200_000;
sized.locate(v4[0] as string); // keeps the locator alive through the measurement

const table = [
  ['open IPv4 city database + ASN table (`MaxmindIpLocator.open()`)', ms(openMs)],
  ['the ASN table alone (`AsnTable.open`, file in the page cache)', ms(asnOpenMs)],
  ['lazy open of the IPv6 city database (first IPv6 lookup)', ms(openV6Ms)],
  ['RSS growth: open / after the IPv6 database', `${mb(rssOpen - rssBefore)} / ${mb(rssV6 - rssBefore)}`],
  ["heap held by one locator's caches when full (200,000 addresses)", mb(cacheBytes)],
  [`\`locate\`, ${count.toLocaleString('en')} distinct IPv4, uncached`, perSecond(count, distinctV4)],
  [`\`locate\`, ${count.toLocaleString('en')} distinct IPv6, uncached`, perSecond(count, distinctV6)],
  ['ASN table alone (`AsnTable.lookup`), the same IPv4', perSecond(count, asnV4)],
  ['ASN table alone (`AsnTable.lookup`), the same IPv6', perSecond(count, asnV6)],
  ['`locate`, repeated mix (1 M lookups of 2,000 addresses, 20 % IPv6)', perSecond(mix.length, mixed)],
];
process.stdout.write(
  `| measure | value |\n|---|---|\n${table.map(([what, value]) => `| ${what} | ${value} |`).join('\n')}\n`,
);

function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** `n` distinct addresses, each inside an announced range picked uniformly among the CSV's rows. */
function routable(family: 'ipv4' | 'ipv6', n: number): string[] {
  rows[family] ??= readFileSync(join(asnDir, `asn-${family}-num.csv`), 'utf8')
    .split('\n')
    .filter(Boolean);
  const csv = rows[family] as string[];
  const out = new Set<string>();
  while (out.size < n) {
    const [start = '0', end = '0'] = (csv[Math.floor(random() * csv.length)] as string).split(',', 2);
    const low = BigInt(start);
    const span = BigInt(end) - low + 1n;
    // 53 random bits are plenty to spread addresses over any range; wider ranges are sampled on a coarse grid.
    const offset = (BigInt(Math.floor(random() * 2 ** 53)) * span) >> 53n;
    out.add(family === 'ipv4' ? ipv4Text(low + offset) : ipv6Text(low + offset));
  }
  return [...out];
}

function ipv4Text(value: bigint): string {
  const n = Number(value);
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function ipv6Text(value: bigint): string {
  return Array.from({ length: 8 }, (_, i) => ((value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(
    ':',
  );
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), a | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
