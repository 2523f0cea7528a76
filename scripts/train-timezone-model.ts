/**
 * Learns the timezone model's parameters from developers' real commit histories and writes them as JSON.
 *
 *   npm run train -- [--data <tz-dev.jsonl>] [--exclude-repo <owner/name>]... [--out <params.json>]
 *
 * Only the UTC instants (`utc_ts`) are model input; `true_offset_min` is the label; records whose UTC instants
 * are ambiguous are skipped. Deterministic: the same data gives byte-identical parameters.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import type { TrainingDeveloper } from '../shared/domain/timezone/learn.js';
import { trainTimezoneModel } from '../shared/domain/timezone/learn.js';
import type { TimezoneModel } from '../shared/domain/timezone/model.js';

/** The team's shared folder sits beside the repository. */
export const DEFAULT_DATA_PATH = fileURLToPath(new URL('../../shared/data/tz-dev.jsonl', import.meta.url));
/** The same, as BENCHMARKS.md names it: relative to the repository. */
export const DEFAULT_DATA_NAME = '../shared/data/tz-dev.jsonl';
export const DEFAULT_OUT_PATH = 'shared/domain/timezone/model-parameters.json';

const DeveloperRecord = z.object({
  repo: z.string().min(1),
  author: z.string().min(1),
  true_offset_min: z.number().int().min(-720).max(840),
  utc_ambiguous: z.boolean(),
  utc_ts: z.array(z.number()),
});
export type DeveloperRecord = z.infer<typeof DeveloperRecord>;

/** The usable developers of a JSONL file: ambiguous histories dropped, each line validated. */
export function readDevelopers(path: string): DeveloperRecord[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const developers: DeveloperRecord[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = DeveloperRecord.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${path}:${index + 1}: ${z.prettifyError(parsed.error)}`);
    if (!parsed.data.utc_ambiguous) developers.push(parsed.data);
  });
  return developers;
}

export function toTrainingDeveloper(record: DeveloperRecord): TrainingDeveloper {
  return {
    instantsMs: record.utc_ts.map((seconds) => seconds * 1000),
    offsetMinutes: record.true_offset_min,
  };
}

export function trainOnRecords(
  records: readonly DeveloperRecord[],
  excludedRepos: readonly string[],
): TimezoneModel {
  const excluded = new Set(excludedRepos);
  const training = records.filter((r) => !excluded.has(r.repo)).map(toTrainingDeveloper);
  return trainTimezoneModel(training, { excludedRepos: [...excludedRepos].sort() });
}

/** Pretty JSON with every array of numbers on one line, so the file reads as parameters, not a column. */
export function modelJson(model: TimezoneModel): string {
  const text = JSON.stringify(model, null, 2).replace(
    /\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g,
    (_, body: string) => `[${body.split(/,\s*/).join(', ')}]`,
  );
  return `${text}\n`;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: DEFAULT_DATA_PATH },
      'exclude-repo': { type: 'string', multiple: true, default: [] },
      out: { type: 'string', default: DEFAULT_OUT_PATH },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'Usage: npm run train -- [--data <tz-dev.jsonl>] [--exclude-repo <owner/name>]... [--out <params.json>]\n',
    );
    return;
  }
  const records = readDevelopers(values.data);
  const model = trainOnRecords(records, values['exclude-repo']);
  writeFileSync(resolve(values.out), modelJson(model));
  process.stderr.write(
    `trained on ${model.trainedOn.developers} developers` +
      (values['exclude-repo'].length > 0 ? ` (excluding ${values['exclude-repo'].join(', ')})` : '') +
      ` → ${values.out}\n`,
  );
}

const invokedAs = process.argv[1];
if (invokedAs !== undefined && import.meta.url === pathToFileURL(resolve(invokedAs)).href) main();
