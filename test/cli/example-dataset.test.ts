import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FindingCode, Report } from '../../shared/domain/report.js';
import { daylight } from './run-cli.js';

interface Persona {
  contractorId: string;
  honest: boolean;
  expectedFindings: FindingCode[];
  allowedFindings: FindingCode[];
}

/**
 * Findings about the clock. On synthetic schedules the inference is looser than on real histories, so an honest
 * persona may draw a low-risk one (argued in BENCHMARKS.md); every other finding must be expected or allowed.
 */
const CLOCK_CODES: readonly FindingCode[] = ['TIMEZONE_MISMATCH', 'OUTSIDE_BUSINESS_HOURS'];

describe('the bundled example dataset', () => {
  const personas = JSON.parse(readFileSync('examples/personas.json', 'utf8')) as Persona[];
  const run = daylight([
    'analyze',
    'examples/events.jsonl',
    '--claims',
    'examples/claims.json',
    '--networks',
    'examples/networks.json',
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

  it('raises nothing about an honest contractor’s networks, places or devices that the persona does not allow', () => {
    const unexpected = personas
      .filter((p) => p.honest)
      .flatMap((p) =>
        (reports.get(p.contractorId)?.findings ?? [])
          .map((f) => f.code)
          .filter((code) => !CLOCK_CODES.includes(code) && !p.allowedFindings.includes(code))
          .map((code) => `${p.contractorId}: ${code}`),
      );
    expect(unexpected).toEqual([]);
  });

  it('puts every deceptive contractor at medium risk or above, with every finding it was built to show', () => {
    const missed = personas
      .filter((p) => !p.honest)
      .map((p) => {
        const report = reports.get(p.contractorId);
        const fired = new Set(report?.findings.map((f) => f.code));
        return {
          id: p.contractorId,
          level: report?.risk.level,
          missing: p.expectedFindings.filter((c) => !fired.has(c)),
        };
      })
      .filter((r) => r.missing.length > 0 || (r.level !== 'medium' && r.level !== 'high'));
    expect(missed).toEqual([]);
  });
});
