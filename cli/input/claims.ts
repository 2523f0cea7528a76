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
    const parsed = Claim.safeParse(raw);
    if (!parsed.success) {
      rejected++;
      for (const p of describeIssues(parsed.error)) onRejected(`${where}: ${p.field}: ${p.reason}`);
      continue;
    }
    const list = byContractor.get(parsed.data.contractorId) ?? [];
    list.push(parsed.data);
    byContractor.set(parsed.data.contractorId, list);
  }
  return { byContractor, rejected };
}
