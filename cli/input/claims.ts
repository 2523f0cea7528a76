import { readFile } from 'node:fs/promises';
import { Claim } from '../../shared/schema/claims.js';
import { describeIssues } from '../../shared/schema/issues.js';
import { InputError } from '../errors.js';
import { describeIoError } from './lines.js';

export interface ClaimsRead {
  byContractor: Map<string, Claim[]>;
  rejected: number;
}

/**
 * Reads claims from a JSON array or JSON Lines file. Each bad record is reported (`onRejected`) with where it is
 * (array index or line) and which field is wrong; the good ones are kept.
 */
export async function readClaims(path: string, onRejected: (message: string) => void): Promise<ClaimsRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read claims ${path}: ${describeIoError(error)}`);
  }
  const records: { where: string; raw: unknown }[] = [];
  if (text.trimStart().startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new InputError(`claims ${path} is not valid JSON: ${(error as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw new InputError(`claims ${path} must be a JSON array or JSON Lines`);
    parsed.forEach((raw, i) => {
      records.push({ where: `${path}[${i}]`, raw });
    });
  } else {
    text.split('\n').forEach((line, i) => {
      if (line.trim().length === 0) return;
      try {
        records.push({ where: `${path}:${i + 1}`, raw: JSON.parse(line) });
      } catch (error) {
        onRejected(`${path}:${i + 1}: (line): is not valid JSON: ${(error as Error).message}`);
        records.push({ where: `${path}:${i + 1}`, raw: undefined });
      }
    });
  }
  const byContractor = new Map<string, Claim[]>();
  let rejected = 0;
  for (const { where, raw } of records) {
    if (raw === undefined) {
      rejected++;
      continue;
    }
    const claim = parseKeepingWhatIsValid(raw, (field, reason) =>
      onRejected(`${where}: ${field}: ${reason}`),
    );
    if (claim === undefined) {
      rejected++;
      continue;
    }
    const list = byContractor.get(claim.contractorId) ?? [];
    list.push(claim);
    byContractor.set(claim.contractorId, list);
  }
  return { byContractor, rejected };
}

/** What names a claim record: a problem there leaves nothing to keep. */
const IDENTIFYING = new Set(['contractorId', 'source', '(record)']);

/**
 * A claim record, or undefined when it cannot be one. A bad claimed value (a misspelt zone, a country that is no
 * code) costs that field only: the record is kept without it, and the problem is reported saying so.
 */
function parseKeepingWhatIsValid(
  raw: unknown,
  report: (field: string, reason: string) => void,
): Claim | undefined {
  const parsed = Claim.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = describeIssues(parsed.error);
  const fields = new Set(problems.map((p) => p.field.split('.')[0] ?? p.field));
  const keepable = typeof raw === 'object' && raw !== null && ![...fields].some((f) => IDENTIFYING.has(f));
  const kept = keepable
    ? Claim.safeParse(Object.fromEntries(Object.entries(raw).filter(([key]) => !fields.has(key))))
    : undefined;
  for (const p of problems)
    report(
      p.field,
      kept?.success ? `${p.reason}; the record is kept without ${p.field.split('.')[0]}` : p.reason,
    );
  return kept?.success ? kept.data : undefined;
}
