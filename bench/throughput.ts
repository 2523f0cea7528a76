/**
 * `daylight analyze` throughput against the time Node needs just to read and JSON.parse the same file, measured in
 * one run (both as child processes, alternated, best of three each), and peak RSS at ~1 M and ~5 M events over the
 * same 1,000 contractors. The input is the realistic example dataset (`daylight example`), every sign-in with an IP.
 * Usage: npm run bench:throughput [-- --days 60 --big-days 300 --contractors 1000 --rounds 3]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '60' },
    'big-days': { type: 'string', default: '300' },
    contractors: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '3' },
  },
});
const contractors = Number(values.contractors);
const rounds = Number(values.rounds);

function run(args: string[]): { seconds: number; cpuSeconds: number; peakRssMb: number; stderr: string } {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--import', './bench/peak-rss.mjs', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) throw new Error(`${args.join(' ')} failed: ${child.stderr.slice(-2000)}`);
  const kb = Number(/PEAK_RSS_KB=(\d+)/.exec(child.stderr)?.[1] ?? Number.NaN);
  const cpu = Number(/CPU_US=(\d+)/.exec(child.stderr)?.[1] ?? Number.NaN);
  return { seconds, cpuSeconds: cpu / 1e6, peakRssMb: kb / 1024, stderr: child.stderr };
}

/** The example dataset over `days` days; long ones start early enough to end before today (no future events). */
function dataset(days: number): string {
  const start = new Date(Date.now() - (days + 7) * 86_400_000).toISOString().slice(0, 10);
  const dir = `bench/out/example-${contractors}x${days}-${start}`;
  if (!existsSync(`${dir}/events.jsonl`)) {
    process.stderr.write(`generating ${dir} with daylight example…\n`);
    const args = ['example', '--contractors', String(contractors), '--days', String(days), '--start', start];
    run(['bin/daylight.mjs', ...args, '--out', dir]);
  }
  return `${dir}/events.jsonl`;
}

const analyze = (path: string, withClaims = false) => [
  'bin/daylight.mjs',
  'analyze',
  path,
  ...(withClaims ? ['--claims', path.replace(/events\.jsonl$/, 'claims.json')] : []),
  '--format',
  'json',
];
const parseOnly = (path: string) => ['bench/parse-only.mjs', path];
const eventsIn = (stderr: string) => Number(/(\d+) valid events/.exec(stderr)?.[1] ?? Number.NaN);

const small = dataset(Number(values.days));
let parse = { seconds: Number.POSITIVE_INFINITY, cpuSeconds: 0 };
let analysis = { seconds: Number.POSITIVE_INFINITY, cpuSeconds: 0, peakRssMb: 0, stderr: '' };
let withClaims = { seconds: Number.POSITIVE_INFINITY, cpuSeconds: 0, peakRssMb: 0, stderr: '' };
for (let r = 0; r < rounds; r++) {
  const p = run(parseOnly(small));
  if (p.seconds < parse.seconds) parse = p;
  const a = run(analyze(small));
  if (a.seconds < analysis.seconds) analysis = a;
  const c = run(analyze(small, true));
  if (c.seconds < withClaims.seconds) withClaims = c;
}
const events = eventsIn(analysis.stderr);
const big = Number(values['big-days']) > 0 ? run(analyze(dataset(Number(values['big-days'])))) : null;

const rate = (n: number, s: number) => `${Math.round(n / s).toLocaleString('en')} events/s`;
const lines = [
  '| measure | value |',
  '|---|---|',
  `| input | ${events.toLocaleString('en')} events, ${contractors} contractors, ${(statSync(small).size / 1e6).toFixed(0)} MB |`,
  `| parse-only (read + JSON.parse), wall | ${parse.seconds.toFixed(2)} s = ${rate(events, parse.seconds)} |`,
  `| daylight analyze --format json, wall | ${analysis.seconds.toFixed(2)} s = ${rate(events, analysis.seconds)} |`,
  `| **analyze ÷ parse-only throughput (wall)** | **${(parse.seconds / analysis.seconds).toFixed(2)}** (target ≥ 0.5) |`,
  `| with the 2,989 claim records too (all comparisons on) | ${withClaims.seconds.toFixed(2)} s: ratio ${(parse.seconds / withClaims.seconds).toFixed(2)} |`,
  `| the same in CPU time (all threads) | ${(parse.cpuSeconds / analysis.cpuSeconds).toFixed(2)} (${parse.cpuSeconds.toFixed(2)} s vs ${analysis.cpuSeconds.toFixed(2)} s) |`,
  `| peak RSS, ${events.toLocaleString('en')} events | ${analysis.peakRssMb.toFixed(0)} MB |`,
  big
    ? `| peak RSS, ${eventsIn(big.stderr).toLocaleString('en')} events (same contractors) | ${big.peakRssMb.toFixed(0)} MB |`
    : '| peak RSS, big input | skipped |',
];
process.stdout.write(`${lines.join('\n')}\n`);
