/**
 * How the cross-contractor analysis (SHARED_INFRASTRUCTURE) scales: the same kind of fleet at 1,000 and 10,000
 * contractors, each with ~8 weeks of daily home sign-ins (a home address changing every fortnight, a phone on a
 * carrier's CGNAT pool, a laptop) and a few operators behind two identities each. Reports the time per
 * contractor at each size and their ratio (1.0 = linear), measured in one run, best of three.
 * Usage: npm run bench:shared-infrastructure [-- --small 1000 --large 10000]
 */
import { parseArgs } from 'node:util';
import { FixedIpLocator } from '../shared/adapters/geoip/fixed-ip-locator.js';
import { EvidenceBook } from '../shared/domain/evidence/evidence-book.js';
import type { IpLocation } from '../shared/domain/geography/ip-location.js';
import { sharedInfrastructureFindings } from '../shared/domain/shared-infrastructure.js';

const { values } = parseArgs({
  options: { small: { type: 'string', default: '1000' }, large: { type: 'string', default: '10000' } },
});

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-02T14:00:00Z');

function fleet(contractors: number): { book: EvidenceBook; ids: string[]; locator: FixedIpLocator } {
  const book = new EvidenceBook();
  const table: Record<string, Partial<IpLocation>> = {};
  const home = {
    country: 'US',
    city: 'Chicago',
    latitude: 41.9,
    longitude: -87.6,
    accuracyKm: 50,
    asn: 7922,
  };
  const mobile = {
    country: 'US',
    city: 'Seattle',
    latitude: 47.6,
    longitude: -122.3,
    accuracyKm: 50,
    asn: 21928,
  };
  const ids: string[] = [];
  for (let c = 0; c < contractors; c++) {
    const id = `c-${c}`;
    ids.push(id);
    // Every 50th pair of contractors is one operator: same laptop id, same home address.
    const operator = c % 100 === 1 ? c - 1 : c;
    const device = { id: `LAPTOP-${operator}`, timezone: 'America/Chicago', locale: 'en-US' };
    for (let d = 0; d < 56; d++) {
      const homeIp = `10.${(operator >> 8) & 255}.${operator & 255}.${Math.floor(d / 14)}`;
      const phoneIp = `172.56.${(c * 7 + d) % 256}.${(c * 13 + d * 5) % 256}`;
      table[homeIp] = { ...home, organization: 'Comcast' };
      table[phoneIp] = { ...mobile, organization: 'T-Mobile USA' };
      for (let h = 0; h < 6; h++) {
        const at = T0 + d * DAY + h * 3_600_000 + (c % 60) * 60_000;
        book.add({
          id: `${id}-${d}-${h}`,
          contractorId: id,
          type: 'login',
          at,
          ip: homeIp,
          success: true,
          device,
        });
      }
      book.add({
        id: `${id}-${d}-p`,
        contractorId: id,
        type: 'login',
        at: T0 + d * DAY,
        ip: phoneIp,
        success: true,
      });
    }
  }
  return { book, ids, locator: new FixedIpLocator(table) };
}

function measure(contractors: number): { msPerContractor: number; flagged: number } {
  const { book, ids, locator } = fleet(contractors);
  book.addresses.locateAll(locator);
  let best = Number.POSITIVE_INFINITY;
  let flagged = 0;
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    flagged = sharedInfrastructureFindings(book, ids).size;
    best = Math.min(best, performance.now() - started);
  }
  return { msPerContractor: best / contractors, flagged };
}

const small = Number(values.small);
const large = Number(values.large);
const a = measure(small);
const b = measure(large);
const lines = [
  '| contractors | sign-in hours kept | time per contractor | identities flagged |',
  '|---|---|---|---|',
  `| ${small.toLocaleString('en')} | ${(small * 56 * 7).toLocaleString('en')} | ${(a.msPerContractor * 1000).toFixed(1)} µs | ${a.flagged} |`,
  `| ${large.toLocaleString('en')} | ${(large * 56 * 7).toLocaleString('en')} | ${(b.msPerContractor * 1000).toFixed(1)} µs | ${b.flagged} |`,
  '',
  `Time per contractor, ${large.toLocaleString('en')} ÷ ${small.toLocaleString('en')}: **${(b.msPerContractor / a.msPerContractor).toFixed(2)}** (1.00 = linear); whole analysis at ${large.toLocaleString('en')}: ${((b.msPerContractor * large) / 1000).toFixed(2)} s`,
];
process.stdout.write(`${lines.join('\n')}\n`);
