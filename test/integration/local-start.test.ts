import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from '../cli/run-cli.js';
import { daylightAsync } from '../support/daylight-async.js';

/** The table's header and rows: the lines from the header to the blank line before the legend. */
function tableOf(stdout: string): string[] {
  const lines = stdout.split('\n');
  const header = lines.findIndex((l) => l.startsWith('CONTRACTOR'));
  const end = lines.indexOf('', header);
  return lines.slice(header, end);
}

/** `npm start -- --once`: the real handlers in functions/ on the embedded servers, fed the example dataset. */
describe('daylight start --once', () => {
  let directory: string;
  let run: CliRun;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'daylight-start-'));
    run = await daylightAsync(['start', '--once', '--port', '0'], directory);
  }, 120_000);

  it('loads every example event and claim through the API without a dead letter', () => {
    // Assess
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('126 claim records and 17,567 events accepted (0 rejected)');
    expect(run.stderr).toContain('0 messages are in the ingest dead-letter queue');
  });

  it('prints the contractor table from the report API, riskiest first', () => {
    // Assess
    const rows = tableOf(run.stdout);
    expect(rows[0]).toMatch(/^CONTRACTOR\s+CLAIMED\s+INFERRED/);
    expect(rows).toHaveLength(1 + 42);
    expect(rows[1]).toMatch(/^c-dprk-\S+\s.*\shigh 9\d\s/);
    expect(rows.find((r) => r.startsWith('c-tokyo-honest'))).toMatch(/\snone 0\s/);
  });

  it('prints the alerts the processor published, one line each, none for an honest contractor', () => {
    // Assess
    const [, alerts = ''] = run.stdout.split('\n\nALERTS ');
    const [heading, ...lines] = alerts.trim().split('\n');
    expect(heading).toBe(`(${lines.length})`);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines).toContainEqual(expect.stringMatching(/^HIGH\s+TIMEZONE_MISMATCH\s+c-dprk-chicago\s+\S/));
    expect(lines.filter((l) => l.includes('c-tokyo-honest'))).toEqual([]);
  });

  it('shows, contractor by contractor, what the README command shows from the same files', async () => {
    // Act: the README's command, run as a user would
    const analyze = await daylightAsync(
      [
        'analyze',
        'examples/events.jsonl',
        '--claims',
        'examples/claims.json',
        '--networks',
        'examples/networks.json',
      ],
      process.cwd(),
    );

    // Assess
    expect(analyze.status).toBe(0);
    expect(tableOf(analyze.stdout)).toEqual(tableOf(run.stdout));
  });

  it('removes .daylight/local.json once the stack has stopped', () => {
    // Assess
    expect(run.stderr).toContain(join(directory, '.daylight', 'local.json'));
    expect(existsSync(join(directory, '.daylight', 'local.json'))).toBe(false);
  });
});

describe('daylight start --empty --once', () => {
  it('starts and stops the stack without loading anything', async () => {
    // Act
    const run = await daylightAsync(['start', '--empty', '--once', '--port', '0'], tmpdir());

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/API on http:\/\/127\.0\.0\.1:\d+/);
  });
});
