import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FindingCode, Report } from '../../shared/domain/report.js';
import { daylight } from './run-cli.js';

interface Persona {
  contractorId: string;
  honest: boolean;
  expectedFindings: FindingCode[];
}

/** The findings this engine raises today; network, location and device findings come with the next issue. */
const TIME_AND_CLAIM_CODES: readonly FindingCode[] = [
  'TIMEZONE_MISMATCH',
  'OUTSIDE_BUSINESS_HOURS',
  'UNREACHABLE_IN_BUSINESS_HOURS',
  'RECORDED_OFFSET_MISMATCH',
  'CLAIM_INCONSISTENCY',
];

describe('the bundled example dataset', () => {
  const personas = JSON.parse(readFileSync('examples/personas.json', 'utf8')) as Persona[];
  const run = daylight([
    'analyze',
    'examples/events.jsonl',
    '--claims',
    'examples/claims.json',
    '--format',
    'json',
  ]);
  const reports = new Map((JSON.parse(run.stdout) as Report[]).map((r) => [r.contractorId, r]));

  it('is read without a rejected line', () => {
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/ 0 rejected;/);
    expect(reports.size).toBe(personas.length);
  });

  it('keeps every honest contractor at low risk or none', () => {
    const raised = personas
      .filter((p) => p.honest)
      .map((p) => ({ id: p.contractorId, level: reports.get(p.contractorId)?.risk.level }))
      .filter((r) => r.level !== 'none' && r.level !== 'low');
    expect(raised).toEqual([]);
  });

  it('puts every deceptive contractor at medium risk or above, with a finding it was built to show', () => {
    const missed = personas
      .filter((p) => !p.honest)
      .map((p) => {
        const report = reports.get(p.contractorId);
        const fired = new Set(report?.findings.map((f) => f.code));
        const expected = p.expectedFindings.filter((c) => TIME_AND_CLAIM_CODES.includes(c));
        const caught = expected.length === 0 || expected.some((c) => fired.has(c));
        return { id: p.contractorId, level: report?.risk.level, caught };
      })
      .filter((r) => !r.caught || (r.level !== 'medium' && r.level !== 'high'));
    expect(missed).toEqual([]);
  });
});
