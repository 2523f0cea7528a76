import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleCommand } from '../../cli/commands/example.js';
import { UsageError } from '../../cli/errors.js';

describe('daylight example', () => {
  it('writes events, claims and the truth about each contractor', async () => {
    // Prepare
    const out = join(mkdtempSync(join(tmpdir(), 'daylight-example-')), 'data');

    // Act
    const status = await exampleCommand(['--out', out, '--contractors', '6', '--days', '5', '--seed', '7']);

    // Assess
    expect(status).toBe(0);
    const lines = readFileSync(join(out, 'events.jsonl'), 'utf8').trim().split('\n');
    const claims = JSON.parse(readFileSync(join(out, 'claims.json'), 'utf8'));
    const personas = JSON.parse(readFileSync(join(out, 'personas.json'), 'utf8'));
    expect(lines.length).toBeGreaterThan(50);
    expect(new Set(lines.map((line) => JSON.parse(line).contractorId)).size).toBe(6);
    expect(claims.length).toBeGreaterThanOrEqual(12);
    expect(personas).toHaveLength(6);
    expect(Object.keys(personas[0]).sort()).toEqual(
      [
        'allowedFindings',
        'claimed',
        'contractorId',
        'deviceId',
        'expectedFindings',
        'honest',
        'networks',
        'persona',
        'scheduleZone',
        'truth',
      ].sort(),
    );
  });

  it.each([
    [['--days', '0'], '--days'],
    [['--days', 'many'], '--days'],
    [['--contractors', '-3'], '--contractors'],
    [['--seed', 'abc'], '--seed'],
    [['--start', '2026-02-30'], '--start'],
    [['--start', 'March'], '--start'],
    [['--frobnicate'], '--frobnicate'],
    [['stray'], 'stray'],
  ])('rejects %j and names the flag', async (args, flag) => {
    await expect(exampleCommand(args)).rejects.toThrow(UsageError);
    await expect(exampleCommand(args)).rejects.toThrow(flag);
  });
});
