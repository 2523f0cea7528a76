/**
 * The pipeline's measured targets, in one run: events per second through the local pipeline (the real adapters over
 * the embedded servers of `npm start`), DynamoDB write and read units per 1,000 events (target ≤ 0.25 write
 * units per event posted in time order, 500 a request) with a redelivery check, and the Lambda bundles' sizes
 * (target ≤ 1 MB, the GeoIP data being a layer) and module init times (target < 300 ms). Ends with what a
 * million events cost on AWS at these figures.
 *
 *   npm run bench:pipeline        (after `npm run build`, which writes dist/geo/asn-table.bin)
 */
import { loadavg } from 'node:os';
import { MaxmindIpLocator } from '../shared/adapters/geoip/maxmind-ip-locator.js';
import { measureBundles } from './pipeline-bundles.js';
import { costPerMillion } from './pipeline-cost.js';
import { dataset, type PhaseResult, type RegimeResult, runRegime, sum } from './pipeline-regimes.js';
import { TABLES, type Usage } from './pipeline-stack.js';

const WRITE_UNITS_PER_EVENT_TARGET = 0.25;
const BUNDLE_BYTES_TARGET = 1024 * 1024;
const INIT_MS_TARGET = 300;

const n = (x: number, digits = 0) =>
  x.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const kb = (bytes: number) => `${n(bytes / 1024)} KB`;
const met = (ok: boolean) => (ok ? '**met**' : '**not met**');
const events = dataset.events.length;
const perThousand = (units: number) => n((units / events) * 1000, 1);

// Opened first and once: every regime then assesses with databases already in memory.
const opening = performance.now();
const locator = MaxmindIpLocator.open();
const locatorOpenMs = performance.now() - opening;

const loadBefore = loadAverage();
// A run first that is not reported: the first regime would otherwise also pay for compiling the hot code.
await runRegime('post-then-drain', locator);
const drained = await runRegime('post-then-drain', locator);
const concurrent = await runRegime('drain-while-posting', locator);
const bundles = await measureBundles();
const loadAfter = loadAverage();

console.log(
  `\n${n(events)} events, ${dataset.contractors} contractors, ${dataset.claims.length} claim records; ` +
    `${drained.events.requests} requests of ≤ 500 events → ${drained.events.messages} ingest messages. GeoIP ` +
    `opened in-process in ${n(locatorOpenMs)} ms before timing. Load average before/after: ${loadBefore} / ` +
    `${loadAfter}.\n`,
);

/** One row, the (a) figure then the (b) one. */
const row = (measure: string, of: (r: RegimeResult) => string) =>
  console.log(`| ${measure} | ${of(drained)} | ${of(concurrent)} |`);
const rate = (ms: number) => `${n(ms / 1000, 2)} s = ${n(events / (ms / 1000))} events/s`;
const perEvent = (r: RegimeResult) => sum(r.events.usage.write) / events;

console.log('| measure | (a) all posted, then drained | (b) drained while posting (`npm start`) |');
console.log('|---|---|---|');
row('events: first POST → last message processed', (r) => rate(r.events.wallMs));
row('posting the 36 requests (ingestEvents), done after', (r) => `${n(r.events.postMs / 1000, 2)} s`);
row('processing only (time inside processBatch)', (r) => rate(r.events.processMs));
row('processor batches, mean messages per batch', (r) => `${r.events.batches}, ${n(meanBatch(r.events), 1)}`);
row('ingestEvents, per request of 500 events', (r) => `${n(r.events.msPerRequest, 1)} ms`);
row(
  `claims first: ${dataset.claims.length} putClaim + their reassessments, wall`,
  (r) => `${n(r.claims.wallMs / 1000, 2)} s (${r.claims.batches} batches)`,
);

console.log('\n| DynamoDB, events phase | (a) all posted, then drained | (b) drained while posting |');
console.log('|---|---|---|');
row('write units / 1,000 events', (r) => perThousand(sum(r.events.usage.write)));
row(`… ${TABLES.join(' / ')}`, (r) => tables(r.events.usage.write));
row('read units / 1,000 events', (r) => perThousand(sum(r.events.usage.read)));
row(`… ${TABLES.join(' / ')}`, (r) => tables(r.events.usage.read));
row(
  `**write units per event** (target ≤ ${WRITE_UNITS_PER_EVENT_TARGET})`,
  (r) => `**${n(perEvent(r), 3)}**: ${met(perEvent(r) <= WRITE_UNITS_PER_EVENT_TARGET)}`,
);
row(
  'with the claims phase too (per event)',
  (r) => `${n((sum(r.events.usage.write) + sum(r.claims.usage.write)) / events, 3)} write units`,
);
row(
  'alerts published (claims phase + events phase)',
  (r) => `${r.claims.alertsPublished} + ${r.events.alertsPublished}`,
);
row(
  'redelivering every batch of both phases: extra write units, read units, alerts',
  (r) => `**+${n(sum(r.redelivery.write))}**, +${n(sum(r.redelivery.read))}, +${r.redelivery.publishes}`,
);

console.log(`\nBundles (esbuild as NodejsFunction: ESM, minified, target ${bundles.target}, SDK bundled):\n`);
console.log(
  '| function | bundle | gzip | source map | init, best of 5 (--enable-source-maps) | its CPU time | init without source maps | largest parts |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const b of bundles.bundles) {
  const parts = b.largest.map((p) => `${p.name} ${kb(p.bytes)}`).join(', ');
  console.log(
    `| ${b.handler} | ${kb(b.bytes)} | ${kb(b.gzipBytes)} | ${kb(b.mapBytes)} | ${n(b.initMs)} ms | ` +
      `${n(b.initCpuMs)} ms | ${n(b.initNoMapsMs)} ms | ${parts} |`,
  );
}
const over = bundles.bundles.filter((b) => b.bytes > BUNDLE_BYTES_TARGET).map((b) => b.handler);
const slow = bundles.bundles.filter((b) => b.initMs >= INIT_MS_TARGET).map((b) => b.handler);
console.log(
  `| first assessment: MaxmindIpLocator.open() from the layer folder, best of 5 | | | | ` +
    `${n(bundles.geoipOpenMs)} ms | | | |`,
);
console.log(
  `- no bundle over 1 MB: ${met(over.length === 0)}${over.length ? ` (over: ${over.join(', ')})` : ''}`,
);
console.log(
  `- init under ${INIT_MS_TARGET} ms (as deployed): ${met(slow.length === 0)}` +
    `${slow.length ? ` (not: ${slow.join(', ')})` : ''}`,
);

const costs = [costPerMillion(drained.events, events), costPerMillion(concurrent.events, events)];
console.log('\nCost per million events (us-east-1, on demand), from the events phase:\n');
console.log('| item | quantity per million events, (a) | USD, (a) | USD, (b) |\n|---|---|---|---|');
for (const [i, line] of (costs[0]?.lines ?? []).entries())
  console.log(
    `| ${line.item} | ${line.quantity} | ${line.usd.toFixed(4)} | ${costs[1]?.lines[i]?.usd.toFixed(4)} |`,
  );
console.log(`| **total** | | **${costs[0]?.total.toFixed(3)}** | **${costs[1]?.total.toFixed(3)}** |`);

function meanBatch(p: PhaseResult) {
  return p.messages / p.batches;
}

function tables(units: Usage['read']) {
  return TABLES.map((t) => perThousand(units[t])).join(' / ');
}

function loadAverage() {
  return loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
}
