/**
 * Which findings fire for each persona of the example dataset, against what each was built to show: expected
 * findings that fired (✓), expected ones that did not (✗ missing), allowed extras (~) and anything else (!).
 * Usage: npm run bench:example-findings [-- --dir examples]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Report } from '../shared/domain/report.js';

interface Persona {
  contractorId: string;
  persona: string;
  honest: boolean;
  expectedFindings: string[];
  allowedFindings: string[];
}

const { values } = parseArgs({ options: { dir: { type: 'string', default: 'examples' } } });
const dir = values.dir;
const run = spawnSync(
  process.execPath,
  [
    'bin/daylight.mjs',
    'analyze',
    join(dir, 'events.jsonl'),
    '--claims',
    join(dir, 'claims.json'),
    '--networks',
    join(dir, 'networks.json'),
    '--format',
    'json',
  ],
  { encoding: 'utf8', maxBuffer: 1 << 30 },
);
if (run.status !== 0) throw new Error(run.stderr);
const reports = new Map((JSON.parse(run.stdout) as Report[]).map((r) => [r.contractorId, r]));
const personas = JSON.parse(readFileSync(join(dir, 'personas.json'), 'utf8')) as Persona[];

const rows: string[] = ['| contractor | honest | risk | findings | missing |', '|---|---|---|---|---|'];
let missingTotal = 0;
let unexpectedTotal = 0;
let honestAboveLow = 0;
for (const p of personas) {
  const report = reports.get(p.contractorId);
  if (!report) throw new Error(`no report for ${p.contractorId}`);
  const fired = [...new Map(report.findings.map((f) => [f.code, f.severity]))];
  const marks = fired.map(([code, severity]) => {
    const mark = p.expectedFindings.includes(code) ? '✓' : p.allowedFindings.includes(code) ? '~' : '!';
    if (mark === '!') unexpectedTotal++;
    return `${mark}${code}(${severity})`;
  });
  const missing = p.expectedFindings.filter((c) => !fired.some(([code]) => code === c));
  missingTotal += missing.length;
  if (p.honest && report.risk.level !== 'none' && report.risk.level !== 'low') honestAboveLow++;
  rows.push(
    `| ${p.contractorId} | ${p.honest ? 'yes' : 'no'} | ${report.risk.level} ${report.risk.score} | ${marks.join(' ') || '—'} | ${missing.join(' ') || '—'} |`,
  );
}
process.stdout.write(`${rows.join('\n')}\n\n`);
process.stdout.write(
  `${personas.length} personas; expected findings missing: ${missingTotal}; unexpected findings (not expected or allowed): ${unexpectedTotal}; honest above low risk: ${honestAboveLow}\n`,
);
