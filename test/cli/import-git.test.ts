import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TelemetryEvent } from '../../shared/schema/events.js';

const temp = () => mkdtempSync(join(tmpdir(), 'daylight-import-git-'));

/** Git with no user or system config, so the machine's settings cannot change what the test sees. */
function gitEnvironment(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: join(home, '.gitconfig'),
    GIT_EDITOR: 'true',
  };
}

interface Commit {
  name: string;
  email: string;
  /** As `git commit --date` takes it, with the offset the author's machine had. */
  date: string;
}

function repositoryWith(commits: Commit[]): string {
  const repo = temp();
  const env = gitEnvironment(repo);
  execFileSync('git', ['init', '-q', repo], { env });
  for (const [n, c] of commits.entries()) {
    // --date sets the author date; the committer date is set too so that --since is predictable.
    execFileSync(
      'git',
      [
        '-c',
        `user.name=${c.name}`,
        '-c',
        `user.email=${c.email}`,
        'commit',
        '-q',
        '--allow-empty',
        `--date=${c.date}`,
        '-m',
        `commit ${n}`,
      ],
      { cwd: repo, env: { ...env, GIT_COMMITTER_DATE: c.date } },
    );
  }
  return repo;
}

function daylight(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const run = spawnSync(process.execPath, ['bin/daylight.mjs', ...args], { encoding: 'utf8', env });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const parseLines = (text: string) =>
  text
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));

const COMMITS: Commit[] = [
  { name: 'Priya Raghavan', email: 'priya@example.in', date: '2026-03-02T10:15:00+05:30' },
  { name: 'Carlos "C|M" Méndez', email: 'Carlos@Example.com', date: '2026-03-03T09:40:00-08:00' },
  { name: 'Oliver Bennett', email: 'oliver@example.co.uk', date: '2026-03-04T14:05:00+00:00' },
  { name: 'Aarav Shrestha', email: 'aarav@example.np', date: '2026-03-05T11:00:00+05:45' },
];

let repo = '';

// The bin is built once by the vitest global setup (test/build-cli.ts).
beforeAll(() => {
  repo = repositoryWith(COMMITS);
});

describe('daylight import-git', () => {
  it('writes one valid activity event per commit with the offset git recorded', () => {
    // Act
    const run = daylight(['import-git', repo]);

    // Assess
    expect(run.status).toBe(0);
    const events = parseLines(run.stdout);
    expect(events).toHaveLength(4);
    expect(events.every((e) => TelemetryEvent.safeParse(e).success)).toBe(true);
    const byEmail = new Map(events.map((e) => [e.contractorId, e]));
    expect(byEmail.get('priya@example.in')).toMatchObject({
      type: 'activity',
      kind: 'commit',
      source: 'git',
      recordedOffsetMinutes: 330,
    });
    expect(byEmail.get('carlos@example.com')?.recordedOffsetMinutes).toBe(-480);
    expect(byEmail.get('oliver@example.co.uk')?.recordedOffsetMinutes).toBe(0);
    expect(byEmail.get('aarav@example.np')?.recordedOffsetMinutes).toBe(345);
    expect(Date.parse(byEmail.get('carlos@example.com')?.at)).toBe(Date.parse('2026-03-03T17:40:00Z'));
    expect(events.every((e) => /^git:[0-9a-f]{40}$/.test(e.id))).toBe(true);
  });

  it('names contractors from the authors map and keeps the rest by email', () => {
    // Prepare
    const dir = temp();
    const map = join(dir, 'authors.json');
    writeFileSync(map, JSON.stringify({ 'carlos@example.com': 'c-losangeles-honest' }));

    // Act
    const run = daylight(['import-git', repo, '--authors', map]);

    // Assess
    const ids = parseLines(run.stdout).map((e) => e.contractorId);
    expect(run.status).toBe(0);
    expect(ids).toContain('c-losangeles-honest');
    expect(ids).toContain('priya@example.in');
    expect(ids).not.toContain('carlos@example.com');
  });

  it('reads a --since date as the start of that day in UTC, whatever the hour it runs at', () => {
    // Prepare: the evening before, just after midnight, late that evening, and 23:00 UTC the day before written
    // with a +02:00 offset (01:00 on the day in that zone, not in UTC), committed last: git's own --since would
    // stop at it and lose the two before it.
    const edges = repositoryWith([
      { name: 'Before', email: 'before@example.com', date: '2026-03-03T21:00:00-02:00' },
      { name: 'Midnight', email: 'midnight@example.com', date: '2026-03-04T00:01:00+00:00' },
      { name: 'Evening', email: 'evening@example.com', date: '2026-03-04T23:59:00+00:00' },
      { name: 'Offset', email: 'offset@example.com', date: '2026-03-04T01:00:00+02:00' },
    ]);

    // Act
    const run = daylight(['import-git', edges, '--since', '2026-03-04']);

    // Assess
    expect(run.status).toBe(0);
    expect(
      parseLines(run.stdout)
        .map((e) => e.contractorId)
        .sort(),
    ).toEqual(['evening@example.com', 'midnight@example.com']);
  });

  it('passes an RFC 3339 --since to git as that instant', () => {
    const run = daylight(['import-git', repo, '--since', '2026-03-04T15:00:00+01:00']);
    expect(run.status).toBe(0);
    // 15:00+01:00 is 14:00 UTC: Oliver committed at 14:05 UTC, Aarav on the 5th.
    expect(
      parseLines(run.stdout)
        .map((e) => e.recordedOffsetMinutes)
        .sort(),
    ).toEqual([0, 345]);
  });

  it('writes to a file with --out and says what it did on stderr', () => {
    // Prepare
    const out = join(temp(), 'commits.jsonl');

    // Act
    const run = daylight(['import-git', repo, '--out', out]);

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(parseLines(readFileSync(out, 'utf8'))).toHaveLength(4);
    expect(run.stderr).toContain('4 commits');
    expect(run.stderr).not.toContain('/s)');
  });

  it('skips the commits of bots, says how many, and keeps them with --include-bots', () => {
    // Prepare
    const mixed = repositoryWith([
      { name: 'Priya Raghavan', email: 'priya@example.in', date: '2026-03-02T10:15:00+05:30' },
      {
        name: 'dependabot[bot]',
        email: '49699333+dependabot[bot]@users.noreply.github.com',
        date: '2026-03-02T11:00:00Z',
      },
      { name: 'GitHub Action', email: 'action@github.com', date: '2026-03-02T12:00:00Z' },
      { name: 'renovate[bot]', email: 'bot@renovateapp.com', date: '2026-03-02T13:00:00Z' },
    ]);

    // Act
    const skipping = daylight(['import-git', mixed]);
    const keeping = daylight(['import-git', mixed, '--include-bots']);

    // Assess
    expect(parseLines(skipping.stdout).map((e) => e.contractorId)).toEqual(['priya@example.in']);
    expect(skipping.stderr).toContain('3 commits by bots skipped (--include-bots keeps them)');
    expect(parseLines(keeping.stdout)).toHaveLength(4);
    expect(keeping.stderr).not.toContain('bots skipped');
  });

  it('writes nothing for a repository without commits', () => {
    const empty = temp();
    execFileSync('git', ['init', '-q', empty], { env: gitEnvironment(empty) });
    const run = daylight(['import-git', empty]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
  });

  describe('fails with one clear message', () => {
    it('for a path that does not exist', () => {
      const run = daylight(['import-git', join(temp(), 'missing')]);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/does not exist/);
    });

    it('for a file instead of a directory', () => {
      const file = join(temp(), 'file.txt');
      writeFileSync(file, 'x');
      const run = daylight(['import-git', file]);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/is not a directory/);
    });

    it('for a directory that is not a git repository', () => {
      const plain = temp();
      mkdirSync(join(plain, 'sub'));
      const run = daylight(['import-git', join(plain, 'sub')], {
        ...process.env,
        GIT_CEILING_DIRECTORIES: plain,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/is not a git repository/);
    });

    it('when git is not installed', () => {
      const run = daylight(['import-git', repo], { ...process.env, PATH: join(temp(), 'empty-bin') });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/git is not installed/);
    });

    it.each([
      [['import-git'], /repository directory/],
      [['import-git', '--bogus', 'x'], /--bogus/],
      [['import-git', 'a', 'b'], /unexpected argument 'b'/],
      [['import-git', '.', '--since', 'yesterday'], /--since/],
      [['import-git', '.', '--since', '2026-02-30'], /--since/],
    ])('for bad arguments %j (exit 2)', (args, message) => {
      const run = daylight(args);
      expect(run.status).toBe(2);
      expect(run.stderr.split('\n')[0]).toMatch(message);
      expect(run.stderr).toContain("Run 'daylight import-git --help' for the options.");
    });

    it('for an authors map that cannot be read', () => {
      const run = daylight(['import-git', repo, '--authors', join(temp(), 'nope.json')]);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/cannot read the authors map .*ENOENT/);
    });

    it.each([
      ['not JSON', '{oops', /not valid JSON/],
      ['not an object', '["c-a"]', /invalid: the file/],
      ['a bad contractor id', '{"a@b.c": "has spaces"}', /entry "a@b.c"/],
    ])('for an authors map that is %s', (_, text, message) => {
      const map = join(temp(), 'authors.json');
      writeFileSync(map, text);
      const run = daylight(['import-git', repo, '--authors', map]);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(message);
    });
  });
});
