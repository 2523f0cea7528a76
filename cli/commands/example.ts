/** `daylight example`: writes a realistic example dataset (events, claims and the truth behind them). */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import {
  CURATED_PERSONAS,
  DEFAULT_DAYS,
  DEFAULT_SEED,
  DEFAULT_START,
  type ExampleOptions,
  exampleClaims,
  exampleEvents,
  exampleNetworkPolicy,
  personaTruths,
  selectPersonas,
} from '../example/generate.js';
import { type CommandSpec, type FlagSpec, helpText, parseFlags, usageError } from '../flags.js';

const SPEC = {
  command: 'example',
  usage: ['example [--out <dir>] [--contractors <n>] [--days <n>] [--seed <n>] [--start <YYYY-MM-DD>]'],
  summary:
    'Writes a realistic example dataset: events.jsonl (telemetry), claims.json (what each contractor claimed),\n' +
    "networks.json (the client's network policy: its corporate VPN) and personas.json (the truth about each\n" +
    'contractor and the findings a correct engine raises).',
  flags: {
    out: { type: 'string', value: '<dir>', description: 'where to write (default examples/)' },
    contractors: {
      type: 'string',
      value: '<n>',
      description: `how many contractors (default: the ${CURATED_PERSONAS.length} curated personas; more adds\ngenerated honest ones)`,
    },
    days: { type: 'string', value: '<n>', description: `how many days (default ${DEFAULT_DAYS})` },
    seed: {
      type: 'string',
      value: '<n>',
      description: `random seed; the same seed writes the same dataset (default ${DEFAULT_SEED})`,
    },
    start: {
      type: 'string',
      value: '<YYYY-MM-DD>',
      description: `first day (default ${DEFAULT_START}: the window crosses the US, EU and southern DST changes)`,
    },
  },
} as const satisfies CommandSpec<Record<string, FlagSpec>>;

export async function exampleCommand(args: string[]): Promise<number> {
  const flags = readFlags(args);
  if (flags === 'help') {
    process.stdout.write(`${helpText(SPEC)}\n`);
    return 0;
  }
  const { out, options } = flags;
  const started = Date.now();
  const personas = selectPersonas(options);
  await makeDirectory(out);
  const claims = exampleClaims(personas);
  await writeFile(join(out, 'claims.json'), `${JSON.stringify(claims, null, 2)}\n`);
  await writeFile(join(out, 'networks.json'), `${JSON.stringify(exampleNetworkPolicy(), null, 2)}\n`);
  await writeFile(join(out, 'personas.json'), `${JSON.stringify(personaTruths(personas), null, 2)}\n`);
  const events = await writeEvents(join(out, 'events.jsonl'), exampleEvents(personas, options));
  const honest = personas.filter((p) => p.honest).length;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stderr.write(
    `daylight example: wrote ${events.toLocaleString('en-US')} events and ${claims.length} claims for ` +
      `${personas.length} contractors (${honest} honest, ${personas.length - honest} deceptive), ` +
      `${options.days} days from ${options.start}, seed ${options.seed}, to ${out} in ${seconds} s\n`,
  );
  return 0;
}

/** Streams batches to a JSON Lines file, waiting whenever the disk falls behind. */
async function writeEvents(path: string, batches: Iterable<object[]>): Promise<number> {
  const stream = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => {
    stream.on('error', (error) => reject(new Error(`cannot write ${path}: ${error.message}`)));
  });
  let count = 0;
  try {
    for (const batch of batches) {
      count += batch.length;
      let chunk = '';
      for (const event of batch) chunk += `${JSON.stringify(event)}\n`;
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
    }
    stream.end();
    await Promise.race([once(stream, 'finish'), failed]);
  } finally {
    stream.destroy();
  }
  return count;
}

function readFlags(args: string[]): 'help' | { out: string; options: ExampleOptions } {
  const parsed = parseFlags(SPEC, args);
  if (parsed === 'help') return 'help';
  const { values } = parsed;
  const out = values.out ?? 'examples';
  if (out.trim() === '') throw usageError(SPEC, '--out must name a directory');
  const options: ExampleOptions = {
    seed: values.seed ?? DEFAULT_SEED,
    start: values.start ?? DEFAULT_START,
    days: values.days === undefined ? DEFAULT_DAYS : integer('--days', values.days, 1, 366),
  };
  if (!/^\d{1,15}$/.test(options.seed))
    throw usageError(SPEC, `--seed must be a whole number, not '${options.seed}'`);
  if (!isCalendarDate(options.start))
    throw usageError(
      SPEC,
      `--start must be a date as YYYY-MM-DD, e.g. ${DEFAULT_START}, not '${options.start}'`,
    );
  if (values.contractors !== undefined) {
    options.contractors = integer('--contractors', values.contractors, 1, 100_000);
  }
  return { out, options };
}

function integer(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw usageError(SPEC, `${flag} must be a whole number from ${min} to ${max}, not '${text}'`);
  }
  return value;
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** The output folder, made if need be; a file in its place is said plainly, not as a system error code. */
async function makeDirectory(out: string): Promise<void> {
  const existing = await stat(out).catch(() => undefined);
  if (existing !== undefined && !existing.isDirectory())
    throw new InputError(`--out ${out} is a file, not a folder: name a folder to write the dataset into`);
  try {
    await mkdir(out, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOTDIR' || code === 'EEXIST' ? 'a part of that path is a file' : (code ?? String(error));
    throw new InputError(`cannot make the folder ${out}: ${why}`);
  }
}
