/**
 * Leave-one-repo-out accuracy of the timezone inference, through the CLI as a user runs it.
 *
 *   npm run bench:timezone -- [--data <tz-dev.jsonl>] [--in-process] [--no-build] [--no-write]
 *
 * For each repository: learn the parameters from the other repositories into a temporary file, write the held-out
 * developers' commits as activity events, run `node bin/daylight.mjs analyze <events> --format json --model
 * <params> --adapt-to-population` (the held-out developers are one team, as a file of one company's contractors
 * would be), and score each developer's inferred offset against their label. `--in-process` skips the CLI (fast
 * iteration on the model); the figures written to BENCHMARKS.md always come from a CLI run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import {
  DEFAULT_DATA_NAME,
  DEFAULT_DATA_PATH,
  type DeveloperRecord,
  modelJson,
  readDevelopers,
  trainOnRecords,
} from '../scripts/train-timezone-model.js';
import { inferUtcOffset } from '../shared/domain/timezone/infer.js';
import type { TimezoneModel } from '../shared/domain/timezone/model.js';
import { adaptToPopulation } from '../shared/domain/timezone/population.js';
import { type Scored, type Summary, summarise } from './timezone-scoring.js';

const SECTION = '## Timezone inference (leave-one-repo-out)';
const COMMAND = 'npm run bench:timezone';

const contractorIdOf = (record: DeveloperRecord): string =>
  `${record.repo.replace('/', '.')}.${record.author}`;

function eventsJsonl(records: readonly DeveloperRecord[]): string {
  const lines: string[] = [];
  for (const record of records) {
    const contractorId = contractorIdOf(record);
    record.utc_ts.forEach((seconds, i) => {
      const at = new Date(seconds * 1000).toISOString();
      lines.push(JSON.stringify({ id: `${record.author}-${i}`, contractorId, type: 'activity', at }));
    });
  }
  return `${lines.join('\n')}\n`;
}

const CliReports = z.array(
  z.object({
    contractorId: z.string(),
    inferred: z.object({ utcOffsetMinutes: z.number().nullable(), confidence: z.number() }),
  }),
);

function scoreWithCli(
  records: readonly DeveloperRecord[],
  paramsPath: string,
  workDir: string,
  repo: string,
) {
  const eventsPath = join(workDir, `${repo.replace('/', '.')}.events.jsonl`);
  writeFileSync(eventsPath, eventsJsonl(records));
  const stdout = execFileSync(
    process.execPath,
    [
      'bin/daylight.mjs',
      'analyze',
      eventsPath,
      '--format',
      'json',
      '--model',
      paramsPath,
      '--adapt-to-population',
    ],
    { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const byId = new Map(CliReports.parse(JSON.parse(stdout)).map((r) => [r.contractorId, r.inferred]));
  return records.map((record): Scored => {
    const inferred = byId.get(contractorIdOf(record));
    if (inferred === undefined) throw new Error(`no report for ${contractorIdOf(record)}`);
    return {
      label: record.true_offset_min,
      answer: inferred.utcOffsetMinutes,
      confidence: inferred.confidence,
    };
  });
}

/** What `analyze` does, without the CLI: the held-out developers are analysed together, as one batch. */
function scoreInProcess(records: readonly DeveloperRecord[], model: TimezoneModel): Scored[] {
  const histories = records.map((record) => record.utc_ts.map((s) => s * 1000));
  const adapted = adaptToPopulation(model, histories);
  return records.map((record, i) => {
    const inferred = inferUtcOffset(histories[i] as number[], adapted);
    return {
      label: record.true_offset_min,
      answer: inferred.utcOffsetMinutes,
      confidence: inferred.confidence,
    };
  });
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

/** A Markdown table padded the way the repository's formatter prints one; the first column left-aligned. */
function markdownTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, 3, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join(' | ')} |`;
  const rule = `| ${widths.map((w, c) => (c === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)];
}

/** One line comparing the CLI's figures with the library's, which differ only if `analyze` is not batch-adapted. */
function comparison(inProcess: Summary): string {
  return [
    'The same models in-process, each held-out repository analysed as one batch with the offset prior adapted to',
    `it (\`adaptToPopulation\`, as \`analyze\` does for the contractors of one run): ${pct(inProcess.within60)} within`,
    `±60, ${pct(inProcess.within120)} within ±120, ${inProcess.confident.count} answers at confidence ≥ 0.9 of which`,
    `${pct(inProcess.confident.accuracy)} right. If these differ from the table, \`analyze\` is not adapting the prior.`,
    '',
  ].join('\n');
}

function report(
  perRepo: [string, Summary][],
  overall: Summary,
  mode: string,
  inProcess: Summary | null,
): string {
  const rows = [...perRepo, ['**all**', overall] as [string, Summary]].map(([repo, s]) => [
    repo,
    String(s.count),
    pct(s.within60),
    pct(s.within120),
    pct(s.coverage),
    String(s.confident.count),
    s.confident.count > 0 ? pct(s.confident.accuracy) : '–',
  ]);
  const reliability = overall.reliability
    .filter((bucket) => bucket.count > 0)
    .map((b) => [
      `${b.from.toFixed(1)}–${b.to.toFixed(1)}`,
      String(b.count),
      b.meanConfidence.toFixed(2),
      pct(b.accuracy),
    ]);
  return [
    SECTION,
    '',
    `Command: \`${COMMAND}\` (${mode}). Data: \`${DEFAULT_DATA_NAME}\`, ${overall.count} developers with unambiguous`,
    'UTC instants; each repository is scored with parameters learned from the other six. "Right" means within',
    "±60 min of the offset the developer's own git recorded most often; a `null` answer counts as wrong.",
    '',
    ...markdownTable(
      [
        'held-out repo',
        'developers',
        'within ±60',
        'within ±120',
        'coverage',
        'conf ≥ 0.9',
        'right at conf ≥ 0.9',
      ],
      rows,
    ),
    '',
    ...(inProcess === null ? [] : [comparison(inProcess)]),
    'Reliability (all held-out developers): of the answers given with a confidence in each band, the share right.',
    '',
    ...markdownTable(['confidence', 'answers', 'mean confidence', 'right (±60)'], reliability),
    '',
  ].join('\n');
}

function writeSection(path: string, section: string): void {
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const start = existing.indexOf(SECTION);
  let next: string;
  if (start < 0) next = `${existing.trimEnd()}\n\n${section}`;
  else {
    const after = existing.indexOf('\n## ', start + SECTION.length);
    next = `${existing.slice(0, start)}${section}${after < 0 ? '' : `\n${existing.slice(after + 1)}`}`;
  }
  writeFileSync(path, `${next.trimEnd()}\n`);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: DEFAULT_DATA_PATH },
      'in-process': { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const inProcess = values['in-process'];
  if (!inProcess && !values['no-build'])
    execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
  const records = readDevelopers(values.data);
  const repos = [...new Set(records.map((r) => r.repo))].sort();
  const workDir = mkdtempSync(join(tmpdir(), 'daylight-tz-bench-'));
  const all: Scored[] = [];
  const allInProcess: Scored[] = [];
  const perRepo: [string, Summary][] = [];
  try {
    for (const repo of repos) {
      const heldOut = records.filter((r) => r.repo === repo);
      const model = trainOnRecords(records, [repo]);
      const paramsPath = join(workDir, `${repo.replace('/', '.')}.params.json`);
      writeFileSync(paramsPath, modelJson(model));
      const inProcessScores = scoreInProcess(heldOut, model);
      const scored = inProcess ? inProcessScores : scoreWithCli(heldOut, paramsPath, workDir, repo);
      all.push(...scored);
      allInProcess.push(...inProcessScores);
      perRepo.push([repo, summarise(scored)]);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const section = report(
    perRepo,
    summarise(all),
    inProcess ? 'in-process, not through the CLI' : 'through the CLI',
    inProcess ? null : summarise(allInProcess),
  );
  process.stdout.write(`${section}\n`);
  if (!inProcess && !values['no-write']) {
    writeSection('BENCHMARKS.md', section);
    process.stderr.write('updated BENCHMARKS.md\n');
  }
}

main();
