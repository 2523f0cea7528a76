/**
 * Milliseconds of timezone inference per contractor, on realistic histories and on the worst case.
 *
 *   npm run bench:timezone-speed -- [--events <events.jsonl>] [--rounds 5]
 *
 * Realistic: the active instants of each contractor of an example data set, taken as
 * `ContractorEvidence.activeInstants` takes them; by default `bench/out/timezone-speed/events.jsonl`, written on
 * first use by `daylight example --contractors 1000 --days 60 --start 2026-03-02` (its window crosses the US, EU
 * and southern DST changes). Worst case: 1,000 contractors with 1,000 uniformly random instants over 60 days each.
 * Each figure is the best of `--rounds` passes after one warm-up pass; the batch figure is what `analyze` does:
 * likelihoods once per contractor, the prior adapted to all of them, then each answer.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { inferFromLikelihoods, inferUtcOffset, offsetLikelihoods } from '../shared/domain/timezone/infer.js';
import { defaultTimezoneModel } from '../shared/domain/timezone/model.js';
import { adaptPriorToPopulation } from '../shared/domain/timezone/population.js';

const SESSION_STEP_MS = 60 * 60 * 1000;
const DAY_MS = 86_400_000;
const DEFAULT_DIR = 'bench/out/timezone-speed';

const { values } = parseArgs({
  options: {
    events: { type: 'string' },
    rounds: { type: 'string', default: '5' },
  },
});
const rounds = Number(values.rounds);

function defaultEvents(): string {
  const path = `${DEFAULT_DIR}/events.jsonl`;
  if (!existsSync(path)) {
    process.stderr.write(`writing ${DEFAULT_DIR} with daylight example…\n`);
    const args = [
      'example',
      '--contractors',
      '1000',
      '--days',
      '60',
      '--start',
      '2026-03-02',
      '--out',
      DEFAULT_DIR,
    ];
    execFileSync(process.execPath, ['bin/daylight.mjs', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return path;
}

interface EventLine {
  contractorId: string;
  type: string;
  at: string;
  endAt?: string;
  respondedAt?: string;
}

/** Each contractor's active instants: sessions hourly plus their end, chat replies, everything else at `at`. */
async function exampleHistories(path: string): Promise<number[][]> {
  const byContractor = new Map<string, number[]>();
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line.length === 0) continue;
    const event = JSON.parse(line) as EventLine;
    let instants = byContractor.get(event.contractorId);
    if (instants === undefined) {
      instants = [];
      byContractor.set(event.contractorId, instants);
    }
    const at = Date.parse(event.at);
    if (event.type === 'session' && event.endAt !== undefined) {
      const end = Date.parse(event.endAt);
      for (let t = at; t < end; t += SESSION_STEP_MS) instants.push(t);
      instants.push(end);
    } else if (event.type === 'chat') {
      if (event.respondedAt !== undefined) instants.push(Date.parse(event.respondedAt));
    } else instants.push(at);
  }
  return [...byContractor.values()];
}

function randomHistories(contractors: number, perContractor: number): number[][] {
  let state = 42;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const start = Date.parse('2026-01-05T00:00:00Z');
  return Array.from({ length: contractors }, () =>
    Array.from({ length: perContractor }, () => start + Math.floor(random() * 60 * DAY_MS)),
  );
}

/** Best-of-`rounds` milliseconds per contractor of `pass` over all histories, after a warm-up pass. */
function msPerContractor(
  histories: readonly number[][],
  pass: (histories: readonly number[][]) => void,
): number {
  pass(histories);
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const started = process.hrtime.bigint();
    pass(histories);
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return best / histories.length;
}

const oneByOne = (histories: readonly number[][]): void => {
  for (const instants of histories) inferUtcOffset(instants, defaultTimezoneModel);
};

const asABatch = (histories: readonly number[][]): void => {
  const likelihoods = histories.map((instants) => offsetLikelihoods(instants, defaultTimezoneModel));
  const adapted = adaptPriorToPopulation(defaultTimezoneModel, likelihoods);
  for (const person of likelihoods) inferFromLikelihoods(person, adapted);
};

function report(name: string, histories: readonly number[][]): void {
  const instants = histories.reduce((sum, h) => sum + h.length, 0);
  const mean = (instants / histories.length).toFixed(0);
  const ms = (pass: (histories: readonly number[][]) => void) => msPerContractor(histories, pass).toFixed(3);
  process.stdout.write(`${name}: ${histories.length} contractors, ${mean} instants each\n`);
  process.stdout.write(`  inferUtcOffset, one by one: ${ms(oneByOne)} ms per contractor\n`);
  process.stdout.write(`  batch (likelihoods, adapted prior, answers): ${ms(asABatch)} ms per contractor\n`);
}

report('example data', await exampleHistories(values.events ?? defaultEvents()));
report('uniformly random', randomHistories(1000, 1000));
