/**
 * `daylight analyze` throughput against the time Node needs just to read and JSON.parse the same file, measured in
 * one run (both as child processes, alternated, best of three each), and peak RSS at 1 M and 5 M events over the
 * same 1,000 contractors. Usage: npm run bench:throughput [-- --events 1000000 --big 5000000 --contractors 1000]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateEvents } from './generate-events.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    big: { type: 'string', default: '5000000' },
    contractors: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '3' },
  },
});
const events = Number(values.events);
const big = Number(values.big);
const contractors = Number(values.contractors);
const rounds = Number(values.rounds);

mkdirSync('bench/out', { recursive: true });
async function dataset(n: number): Promise<string> {
  const path = `bench/out/events-${n}-${contractors}.jsonl`;
  if (!existsSync(path)) {
    process.stderr.write(`generating ${path}…\n`);
    await generateEvents(path, n, contractors);
  }
  return path;
}

function timed(args: string[]): { seconds: number; peakRssMb: number } {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--import', './bench/peak-rss.mjs', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr.slice(-2000)}`);
  const kb = Number(/PEAK_RSS_KB=(\d+)/.exec(run.stderr)?.[1] ?? Number.NaN);
  return { seconds, peakRssMb: kb / 1024 };
}

const analyze = (path: string) => ['bin/daylight.mjs', 'analyze', path, '--format', 'json'];
const parseOnly = (path: string) => ['bench/parse-only.mjs', path];

const small = await dataset(events);
const mb = statSync(small).size / 1e6;
let bestParse = Number.POSITIVE_INFINITY;
let bestAnalyze = Number.POSITIVE_INFINITY;
let rss1 = 0;
for (let r = 0; r < rounds; r++) {
  bestParse = Math.min(bestParse, timed(parseOnly(small)).seconds);
  const a = timed(analyze(small));
  bestAnalyze = Math.min(bestAnalyze, a.seconds);
  rss1 = Math.max(rss1, a.peakRssMb);
}
const ratio = bestParse / bestAnalyze;

const large = big > 0 ? await dataset(big) : null;
const rss5 = large ? timed(analyze(large)).peakRssMb : Number.NaN;

const lines = [
  `| measure | value |`,
  `|---|---|`,
  `| input | ${events.toLocaleString('en')} events, ${contractors} contractors, ${mb.toFixed(0)} MB |`,
  `| parse-only (read + JSON.parse) | ${bestParse.toFixed(2)} s = ${Math.round(events / bestParse).toLocaleString('en')} events/s |`,
  `| daylight analyze --format json | ${bestAnalyze.toFixed(2)} s = ${Math.round(events / bestAnalyze).toLocaleString('en')} events/s |`,
  `| **analyze ÷ parse-only throughput** | **${ratio.toFixed(2)}** (target ≥ 0.5) |`,
  `| peak RSS, ${events.toLocaleString('en')} events | ${rss1.toFixed(0)} MB |`,
  `| peak RSS, ${big.toLocaleString('en')} events | ${Number.isNaN(rss5) ? 'skipped' : `${rss5.toFixed(0)} MB`} |`,
];
process.stdout.write(`${lines.join('\n')}\n`);
