/** `daylight import-git <repo-dir>`: one activity event per commit, streamed from `git log`. */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { InputError } from '../errors.js';
import { type CommandSpec, type FlagSpec, helpText, parseFlags, usageError } from '../flags.js';
import { type AuthorMap, contractorIdFor, isBotAuthor, parseAuthorMap } from '../git/authors.js';
import { commitEvent, gitLogArguments, parseGitLogLine, sinceInstant, sinceProblem } from '../git/log.js';

const SPEC = {
  command: 'import-git',
  usage: ['import-git <repo-dir> [--since <date>] [--authors <map.json>] [--out <file>] [--include-bots]'],
  summary:
    'Writes one activity event (JSON Lines) per commit of every branch and tag, with the UTC offset git recorded.',
  flags: {
    since: {
      type: 'string',
      value: '<date>',
      description:
        'only commits authored since then: a date (YYYY-MM-DD, from 00:00 UTC that day) or an\n' +
        'RFC 3339 time (2026-03-04T09:00:00+01:00)',
    },
    authors: {
      type: 'string',
      value: '<map.json>',
      description:
        'JSON object of author email → contractor id; other authors get an id made from their email',
    },
    out: {
      type: 'string',
      value: '<file>',
      description: "where to write (default: standard output; '-' also means standard output)",
    },
    'include-bots': {
      type: 'boolean',
      description: 'keep the commits of bots (`[bot]` accounts, automation addresses); skipped by default',
    },
  },
} as const satisfies CommandSpec<Record<string, FlagSpec>>;

const FLUSH_BYTES = 64 * 1024;
const PROGRESS_MS = 200;

interface Flags {
  repo: string;
  includeBots: boolean;
  since?: string;
  authors?: string;
  out?: string;
}

export async function importGitCommand(args: string[]): Promise<number> {
  const flags = readFlags(args);
  if (flags === 'help') {
    process.stdout.write(`${helpText(SPEC)}\n`);
    return 0;
  }
  const authors =
    flags.authors === undefined ? new Map<string, string>() : await readAuthorMap(flags.authors);
  await checkRepository(flags.repo);
  const toStdout = flags.out === undefined || flags.out === '-';
  const out: Writable = toStdout ? process.stdout : createWriteStream(flags.out as string);
  const started = Date.now();
  const { commits, contractors, skipped, bots } = await streamCommits(flags, authors, out);
  if (!toStdout && !out.destroyed) {
    out.end();
    await once(out, 'finish');
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const note =
    (bots > 0
      ? `; ${bots.toLocaleString('en-US')} commits by bots skipped (--include-bots keeps them)`
      : '') + (skipped > 0 ? `; ${skipped} unreadable lines skipped` : '');
  process.stderr.write(
    `daylight import-git: ${commits.toLocaleString('en-US')} commits by ${contractors} contractors ` +
      `from ${flags.repo} in ${seconds} s${note}\n`,
  );
  return 0;
}

async function streamCommits(flags: Flags, authors: AuthorMap, out: Writable) {
  const git = spawn('git', ['-C', flags.repo, ...gitLogArguments()], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const spawnFailed = once(git, 'error').then(([error]) => {
    throw gitMissing(error) ?? error;
  });
  const exited = once(git, 'close');
  let errors = '';
  git.stderr.setEncoding('utf8').on('data', (text: string) => {
    errors = (errors + text).slice(-4000);
  });
  // A reader that goes away (`| head`) ends the import quietly; any other write failure is an error.
  let writeError: NodeJS.ErrnoException | undefined;
  const writeFailed = new Promise<void>((resolve) => {
    out.once('error', (error: NodeJS.ErrnoException) => {
      writeError = error;
      git.kill();
      resolve();
    });
  });
  const progress = new Progress();
  const contractors = new Set<string>();
  let commits = 0;
  let skipped = 0;
  let bots = 0;
  const from = flags.since === undefined ? Number.NEGATIVE_INFINITY : sinceInstant(flags.since);
  let chunk = '';
  const flush = async () => {
    if (chunk !== '' && writeError === undefined && !out.write(chunk)) {
      await Promise.race([once(out, 'drain'), writeFailed, spawnFailed]);
    }
    chunk = '';
  };
  for await (const line of createInterface({ input: git.stdout, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (writeError !== undefined) break;
    if (line === '') continue;
    const commit = parseGitLogLine(line);
    if (commit === undefined) {
      skipped++;
      continue;
    }
    if (Date.parse(commit.authoredAt) < from) continue;
    if (!flags.includeBots && isBotAuthor(commit.authorEmail, commit.authorName)) {
      bots++;
      continue;
    }
    const contractorId = contractorIdFor(commit.authorEmail, commit.authorName, authors);
    contractors.add(contractorId);
    chunk += `${JSON.stringify(commitEvent(commit, contractorId))}\n`;
    commits++;
    if (chunk.length >= FLUSH_BYTES) await flush();
    progress.tick(commits);
  }
  await flush();
  progress.done(commits);
  const [code] = await Promise.race([exited, spawnFailed]);
  if (writeError !== undefined && writeError.code !== 'EPIPE') {
    throw new Error(`cannot write ${flags.out ?? 'standard output'}: ${writeError.message}`);
  }
  if (code !== 0 && writeError === undefined) {
    throw new Error(`git log failed in '${flags.repo}': ${lastLine(errors) || `exit code ${code}`}`);
  }
  return { commits, contractors: contractors.size, skipped, bots };
}

/** Fails early, with one clear message, for a path that is no directory, a directory that is no repository, or no git. */
async function checkRepository(repo: string): Promise<void> {
  const info = await stat(repo).catch(() => undefined);
  if (info === undefined) throw new InputError(`'${repo}' does not exist`);
  if (!info.isDirectory()) throw new InputError(`'${repo}' is not a directory`);
  const probe = spawnSync('git', ['-C', repo, 'rev-parse', '--git-dir'], { encoding: 'utf8' });
  if (probe.error !== undefined) throw gitMissing(probe.error) ?? probe.error;
  if (probe.status !== 0)
    throw new InputError(`'${repo}' is not a git repository (${lastLine(probe.stderr)})`);
}

async function readAuthorMap(path: string): Promise<AuthorMap> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(`cannot read the authors map '${path}' (${reason})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`the authors map '${path}' is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parseAuthorMap(json);
  } catch (error) {
    throw new InputError(`the authors map '${path}' is invalid: ${(error as Error).message}`);
  }
}

function gitMissing(error: unknown): InputError | undefined {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT'
    ? new InputError('git is not installed or not on the PATH')
    : undefined;
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop()?.trim() ?? '';
}

/** Commits so far and the rate, redrawn in place; only for a person watching a terminal. */
class Progress {
  private readonly enabled = process.stderr.isTTY === true;
  private readonly started = Date.now();
  private drawn = 0;

  tick(commits: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.drawn < PROGRESS_MS) return;
    this.drawn = now;
    const rate = Math.round(commits / Math.max(0.001, (now - this.started) / 1000));
    process.stderr.write(
      `\r\x1b[Kimport-git: ${commits.toLocaleString('en-US')} commits (${rate.toLocaleString('en-US')}/s)`,
    );
  }

  done(commits: number): void {
    if (this.enabled && commits > 0) process.stderr.write('\r\x1b[K');
  }
}

function readFlags(args: string[]): Flags | 'help' {
  const parsed = parseFlags(SPEC, args, 1);
  if (parsed === 'help') return 'help';
  const { values, positionals } = parsed;
  const [repo] = positionals;
  if (repo === undefined) throw usageError(SPEC, 'name the repository directory');
  const flags: Flags = { repo, includeBots: values['include-bots'] ?? false };
  if (values.since !== undefined) {
    const problem = sinceProblem(values.since);
    if (problem !== undefined) throw usageError(SPEC, problem);
    flags.since = values.since;
  }
  if (values.authors !== undefined) {
    if (values.authors === '') throw usageError(SPEC, '--authors must name a JSON file');
    flags.authors = values.authors;
  }
  if (values.out !== undefined) {
    if (values.out === '') throw usageError(SPEC, "--out must name a file, or '-' for standard output");
    flags.out = values.out;
  }
  return flags;
}
