import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../shared/domain/report.js';
import { daylight, tempFiles } from './run-cli.js';

const commit = (n: number, contractorId = 'c-1') => ({
  id: `e-${n}`,
  contractorId,
  type: 'activity',
  at: new Date(Date.parse('2026-03-02T09:00:00Z') + n * 3_600_000).toISOString(),
  kind: 'commit',
});

describe('daylight analyze on files that are not what it expects', () => {
  it.each([
    [
      'a CSV export',
      'events.csv',
      'id,contractorId,type,at\n1,c-1,activity,2026-03-02T09:00:00Z\n',
      /looks like CSV/,
    ],
    ['an empty file', 'events.jsonl', '', /is empty/],
    [
      'one pretty-printed object',
      'event.json',
      JSON.stringify(commit(1), null, 2),
      /one pretty-printed JSON object/,
    ],
    [
      'lines of which none is an event',
      'x.jsonl',
      '{"a":1}\n{"b":2}\n',
      /holds no valid event: all 2 of its records/,
    ],
  ])('exits 1 for %s, saying what the file looks like and what Daylight reads', (_, name, text, what) => {
    // Prepare
    const dir = tempFiles({ [name]: text });

    // Act
    const run = daylight(['analyze', join(dir, name)]);

    // Assess
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const last = run.stderr.trim().split('\n').at(-1) ?? '';
    expect(last).toMatch(what);
    expect(last).toMatch(
      /Daylight reads JSON Lines \(one JSON event per line\) or a JSON array of events; see docs\/contract\.md/,
    );
  });

  it('reads a pretty-printed JSON array of events after a byte-order mark, and reports a bad element at its line', () => {
    // Prepare
    const events = [commit(1), commit(2), { ...commit(3), at: 'yesterday' }];
    const dir = tempFiles({ 'events.json': `\uFEFF${JSON.stringify(events, null, 2)}` });

    // Act
    const run = daylight(['analyze', join(dir, 'events.json'), '--format', 'json']);

    // Assess
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as Report[])[0]?.activity.events).toBe(2);
    expect(run.stderr).toMatch(/events\.json:16: at: must be an RFC 3339 timestamp/);
    expect(run.stderr).toMatch(/2 valid events .* 1 rejected/);
  });

  it('reads JSON Lines after a byte-order mark, and an array on one line', () => {
    // Prepare
    const dir = tempFiles({
      'bom.jsonl': `\uFEFF${JSON.stringify(commit(1))}\n${JSON.stringify(commit(2))}\n`,
      'one-line.json': JSON.stringify([commit(1), commit(2), commit(3)]),
    });

    // Act
    const bom = daylight(['analyze', join(dir, 'bom.jsonl'), '--format', 'json']);
    const oneLine = daylight(['analyze', join(dir, 'one-line.json'), '--format', 'json']);

    // Assess
    expect(bom.status).toBe(0);
    expect(bom.stderr).toMatch(/2 valid events .* 0 rejected/);
    expect((JSON.parse(oneLine.stdout) as Report[])[0]?.activity.events).toBe(3);
  });

  it('shows the first 20 refused records, then counts the rest by problem', () => {
    // Prepare
    const lines = [
      JSON.stringify(commit(0)),
      ...Array.from({ length: 500 }, (_, n) => JSON.stringify({ ...commit(n + 1), at: 'nope' })),
    ];
    const dir = tempFiles({ 'events.jsonl': lines.join('\n') });

    // Act
    const run = daylight(['analyze', join(dir, 'events.jsonl')]);

    // Assess
    expect(run.status).toBe(0);
    const errors = run.stderr.split('\n').filter((l) => l.includes('events.jsonl:'));
    expect(errors).toHaveLength(20);
    expect(run.stderr).toMatch(
      /… and 480 more refused records, not shown; problems by kind: at: must be an RFC 3339 timestamp.* \(500\)/,
    );
  });

  it('never estimates more distinct events than it read', () => {
    // Prepare: one contractor with more events than the sample holds
    const lines = Array.from({ length: 3000 }, (_, n) => JSON.stringify(commit(n)));
    const dir = tempFiles({ 'events.jsonl': lines.join('\n') });

    // Act
    const run = daylight(['analyze', join(dir, 'events.jsonl')]);

    // Assess
    const about = Number(/about ([\d,]+) distinct/.exec(run.stderr)?.[1]?.replaceAll(',', ''));
    expect(about).toBeLessThanOrEqual(3000);
    expect(about).toBeGreaterThan(1000);
  });
});
