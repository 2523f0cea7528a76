import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../shared/domain/report.js';
import { daylight, tempFiles } from './run-cli.js';

/** A Tokyo 9-to-6 worker's commits for three weeks of January, as JSON Lines. */
function tokyoCommits(contractorId: string, idPrefix = 'e'): string[] {
  const lines: string[] = [];
  for (let day = 5; day <= 23; day++) {
    const weekday = new Date(Date.UTC(2026, 0, day)).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const hour of [9, 10, 11, 13, 14, 15, 16, 17]) {
      const at = `2026-01-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String((day * 7) % 60).padStart(2, '0')}:00+09:00`;
      lines.push(
        JSON.stringify({
          id: `${idPrefix}-${day}-${hour}`,
          contractorId,
          type: 'activity',
          at,
          recordedOffsetMinutes: 540,
        }),
      );
    }
  }
  return lines;
}

describe('daylight analyze', () => {
  it('reports each bad line with its number, field and reason, and still analyses the good ones', () => {
    // Prepare
    const good = tokyoCommits('c-tokyo');
    const lines = [
      good[0],
      '{"id":"x1","contractorId":"c-tokyo","type":"activity","at":"yesterday"}',
      '{not json',
      ...good.slice(1),
      '{"id":"x2","contractorId":"c-tokyo","type":"login","at":"2026-01-05T09:00:00Z","ip":"999.1.1.1"}',
      '{"id":"x3","contractorId":"bad id!","type":"chat","at":"2026-01-05T09:00:00Z"}',
    ];
    const dir = tempFiles({ 'events.jsonl': `${lines.join('\n')}\n` });

    // Act
    const run = daylight(['analyze', join(dir, 'events.jsonl'), '--format', 'json']);

    // Assess
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/events\.jsonl:2: at: must be an RFC 3339 timestamp/);
    expect(run.stderr).toMatch(/events\.jsonl:3: \(line\): is not valid JSON/);
    expect(run.stderr).toMatch(/events\.jsonl:\d+: ip: must be an IPv4 or IPv6 address/);
    expect(run.stderr).toMatch(/events\.jsonl:\d+: contractorId: may contain only/);
    expect(run.stderr).toMatch(/4 rejected/);
    const reports = JSON.parse(run.stdout) as Report[];
    expect(reports.map((r) => r.contractorId)).toEqual(['c-tokyo']);
    expect(reports[0]?.activity.events).toBe(good.length);
  });

  it('reads a file on several threads with exactly the result and messages of one thread', () => {
    // Prepare: three contractors, duplicates, and bad lines scattered through the file
    const lines = [...tokyoCommits('c-a', 'a'), ...tokyoCommits('c-b', 'b'), ...tokyoCommits('c-c', 'c')];
    const mixed = lines.flatMap((line, i) => (i % 37 === 0 ? [line, '{broken', line] : [line]));
    const dir = tempFiles({ 'events.jsonl': mixed.join('\n') });
    const args = ['analyze', join(dir, 'events.jsonl'), '--format', 'json'];

    // Act
    const single = daylight(args, undefined, { DAYLIGHT_WORKERS: '1' });
    const parallel = daylight(args, undefined, { DAYLIGHT_WORKERS: '3', DAYLIGHT_PARALLEL_MIN_BYTES: '0' });

    // Assess
    expect(single.stderr).toMatch(/events\.jsonl:2: \(line\): is not valid JSON/);
    expect(parallel.stdout).toBe(single.stdout);
    expect(parallel.stderr).toBe(single.stderr);
  });

  it('counts an event id seen twice once', () => {
    // Prepare
    const good = tokyoCommits('c-tokyo');
    const dir = tempFiles({ 'once.jsonl': good.join('\n'), 'twice.jsonl': [...good, ...good].join('\n') });

    // Act
    const once = JSON.parse(
      daylight(['analyze', join(dir, 'once.jsonl'), '--format', 'json']).stdout,
    ) as Report[];
    const twice = daylight(['analyze', join(dir, 'twice.jsonl'), '--format', 'json']);

    // Assess
    expect(JSON.parse(twice.stdout)).toEqual(once);
    expect(twice.stderr).toMatch(new RegExp(`${good.length} duplicate ids counted once`));
  });

  it('reads standard input and compares with claims, quiet for an honest Tokyo contractor', () => {
    // Prepare
    const claims = [
      {
        contractorId: 'c-tokyo',
        source: 'payroll',
        name: 'Sato Yuki',
        country: 'JP',
        timezone: 'Asia/Tokyo',
      },
      {
        contractorId: 'c-tokyo',
        source: 'platform-profile',
        name: 'Yuki Satō',
        country: 'JP',
        timezone: 'Asia/Tokyo',
      },
    ];
    const dir = tempFiles({ 'claims.json': JSON.stringify(claims) });

    // Act
    const run = daylight(
      ['analyze', '-', '--claims', join(dir, 'claims.json'), '--format', 'json'],
      tokyoCommits('c-tokyo').join('\n'),
    );

    // Assess
    const [report] = JSON.parse(run.stdout) as Report[];
    expect(report?.claimed.timezone).toBe('Asia/Tokyo');
    expect(report?.findings).toEqual([]);
    expect(report?.risk.level).toBe('none');
  });

  it('prints a table with one row per contractor, riskiest first', () => {
    // Prepare: the same Tokyo hours, one claiming Tokyo and one claiming Chicago
    const events = [...tokyoCommits('c-honest', 'h'), ...tokyoCommits('c-posing', 'p')];
    const claims = [
      { contractorId: 'c-honest', source: 'payroll', timezone: 'Asia/Tokyo', country: 'JP' },
      { contractorId: 'c-posing', source: 'payroll', timezone: 'America/Chicago', country: 'US' },
    ];
    const dir = tempFiles({
      'e.jsonl': events.join('\n'),
      'c.jsonl': claims.map((c) => JSON.stringify(c)).join('\n'),
    });

    // Act
    const run = daylight(['analyze', join(dir, 'e.jsonl'), '--claims', join(dir, 'c.jsonl')]);

    // Assess
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^2 contractors, riskiest first: /);
    expect(lines[2]).toMatch(
      /^CONTRACTOR\s+CLAIMED\s+INFERRED\s+CONF\s+SIGNS IN FROM\s+RISK\s+TOP FINDINGS$/,
    );
    expect(lines[3]).toMatch(
      /^c-posing\s+America\/Chicago UTC−06:00\s+UTC\+09:00.*(TIMEZONE_MISMATCH|RECORDED_OFFSET)/,
    );
    expect(lines[4]).toMatch(/^c-honest\s+Asia\/Tokyo UTC\+09:00\s+UTC\+09:00/);
    expect(lines).toContainEqual(
      expect.stringMatching(/^CONF: confidence that the inferred offset is right/),
    );
    expect(lines.at(-1)).toMatch(/^\+N: more findings/);
  });

  it('fits the table to 120 columns, cutting cells with …, and prints every cell with --wide', () => {
    // Prepare: a contractor id and a claimed zone too long for their columns
    const id = `c-${'very-long-contractor-name-'.repeat(4)}`;
    const dir = tempFiles({
      'e.jsonl': tokyoCommits(id).join('\n'),
      'c.jsonl': JSON.stringify({
        contractorId: id,
        source: 'hr',
        timezone: 'America/Argentina/ComodRivadavia',
      }),
    });

    // Act
    const fitted = daylight(['analyze', join(dir, 'e.jsonl'), '--claims', join(dir, 'c.jsonl')]);
    const wide = daylight(['analyze', join(dir, 'e.jsonl'), '--claims', join(dir, 'c.jsonl'), '--wide']);

    // Assess
    for (const line of fitted.stdout.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(120);
    expect(fitted.stdout).toContain('…');
    expect(wide.stdout).toContain(id);
    expect(wide.stdout).not.toContain('…');
  });

  it('fails with one clear message for a missing file, bad flags and a broken claims file', () => {
    const dir = tempFiles({ 'claims.json': '[{"contractorId":', 'e.jsonl': '' });

    const missing = daylight(['analyze', join(dir, 'nope.jsonl')]);
    const badFormat = daylight(['analyze', join(dir, 'e.jsonl'), '--format', 'xml']);
    const unknownFlag = daylight(['analyze', join(dir, 'e.jsonl'), '--colour']);
    const brokenClaims = daylight(['analyze', join(dir, 'e.jsonl'), '--claims', join(dir, 'claims.json')]);

    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*nope\.jsonl: no such file/);
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toMatch(/--format must be 'table' or 'json', not 'xml'/);
    expect(unknownFlag.status).toBe(2);
    expect(unknownFlag.stderr).toMatch(/unknown option '--colour'/);
    expect(brokenClaims.status).toBe(1);
    expect(brokenClaims.stderr).toMatch(/claims .*claims\.json is not valid JSON/);
  });

  it('reports bad claim records by index and field, keeping what is valid of each', () => {
    const claims = [
      { contractorId: 'c-1', source: 'payroll', timezone: 'America/NewYork', city: 'New York' },
      { contractorId: 'c-1', source: 'resume', country: 'US' },
      { source: 'crm', country: 'US' },
    ];
    const dir = tempFiles({
      'claims.json': JSON.stringify(claims),
      'e.jsonl': tokyoCommits('c-1').join('\n'),
    });

    const run = daylight([
      'analyze',
      join(dir, 'e.jsonl'),
      '--claims',
      join(dir, 'claims.json'),
      '--format',
      'json',
    ]);

    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(
      /claims\.json\[0\]: timezone: must be an IANA time zone, e\.g\. "America\/Chicago"; did you mean America\/New_York\?; the record is kept without timezone/,
    );
    expect(run.stderr).toMatch(/claims\.json\[2\]: contractorId: /);
    expect(run.stderr).toMatch(/; 1 claim records rejected/);
    const [report] = JSON.parse(run.stdout) as Report[];
    expect(report?.claimed.country).toBe('US');
    expect(report?.claimed.sources).toEqual(['payroll', 'resume']);
  });
});
