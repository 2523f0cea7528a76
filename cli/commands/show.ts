/** `daylight show`: a contractor's report, or the list of contractors, from the pipeline's API. */

import { formatOffset } from '../../shared/domain/analysis/local-time.js';
import { type Report, RISK_LEVELS, type RiskLevel } from '../../shared/domain/report.js';
import type { ProfilePage, ProfileSummary } from '../../shared/ports/profile-store.js';
import { ContractorId } from '../../shared/schema/events.js';
import {
  API_FLAGS,
  ApiCallError,
  type ApiTarget,
  apiTargetOf,
  type DaylightApi,
  openApi,
} from '../api/daylight-api.js';
import { type CommandSpec, type FlagSpec, helpText, parseFlags, usageError } from '../flags.js';
import { renderTable, tableWidth } from '../output/table.js';

const SPEC = {
  command: 'show',
  usage: [
    'show <contractorId> [--format table|json] [--api-url <url>] [--region <r>]',
    'show --list [--min-risk <level>] [--format table|json] [--api-url <url>] [--region <r>]',
  ],
  summary:
    "Prints a contractor's report from the API (GET /v1/contractors/{id}/report): the row 'analyze' prints, then\n" +
    'each finding in a line; or, with --list, every contractor the pipeline has assessed (GET /v1/contractors, every\n' +
    "page), riskiest first. Reads the local stack (.daylight/local.json, written by 'npm start') unless --api-url\n" +
    'names a stack on AWS, whose requests it signs (SigV4).',
  flags: {
    list: { type: 'boolean', description: 'list the contractors instead of one report' },
    'min-risk': {
      type: 'string',
      value: '<level>',
      description: `with --list: only contractors at or above ${RISK_LEVELS.join(', ')} (default none: all)`,
    },
    format: {
      type: 'string',
      value: '<f>',
      description: 'table (default; for people) or json (the report, or the list, as the API answers it)',
    },
    ...API_FLAGS,
  },
  footer:
    'Exit codes: 0 printed, 1 the API could not be reached or refused (404: nothing stored), 2 bad flags.',
} as const satisfies CommandSpec<Record<string, FlagSpec>>;

/** The largest page the list route gives. */
const PAGE_SIZE = '100';

type Flags = { target: ApiTarget; format: 'table' | 'json' } & (
  | { list: false; contractorId: string }
  | { list: true; minRisk: RiskLevel }
);

export async function showCommand(args: string[]): Promise<number> {
  const flags = readFlags(args);
  if (flags === 'help') {
    process.stdout.write(`${helpText(SPEC)}\n`);
    return 0;
  }
  const api = await openApi(flags.target);
  try {
    if (flags.list) await showList(api, flags.minRisk, flags.format);
    else await showReport(api, flags.contractorId, flags.format);
    return 0;
  } catch (error) {
    if (!(error instanceof ApiCallError)) throw error;
    const what = flags.list ? 'no list' : `no report for '${flags.contractorId}'`;
    process.stderr.write(`daylight show: ${what}: ${error.message}\n`);
    return 1;
  }
}

async function showReport(api: DaylightApi, contractorId: string, format: 'table' | 'json'): Promise<void> {
  const path = `/v1/contractors/${encodeURIComponent(contractorId)}/report`;
  const report = JSON.parse(await api.call({ method: 'GET', path })) as Report;
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const lines = [renderTable([report], { width: tableWidth(process.stdout, false) })];
  if (report.findings.length > 0) {
    lines.push('', `FINDINGS (${report.findings.length})`);
    for (const f of report.findings)
      lines.push(`${f.severity.toUpperCase().padEnd(6)}  ${f.code.padEnd(29)}  ${f.summary}`);
  }
  if (report.limitations !== undefined && report.limitations.length > 0)
    lines.push('', 'LIMITATIONS', ...report.limitations);
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function showList(api: DaylightApi, minRisk: RiskLevel, format: 'table' | 'json'): Promise<void> {
  const profiles: ProfileSummary[] = [];
  let cursor: string | undefined;
  do {
    const query = { minRisk, limit: PAGE_SIZE, ...(cursor === undefined ? {} : { cursor }) };
    const page = JSON.parse(await api.call({ method: 'GET', path: '/v1/contractors', query })) as ProfilePage;
    profiles.push(...page.profiles);
    cursor = page.cursor;
  } while (cursor !== undefined);
  profiles.sort((a, b) => b.riskScore - a.riskScore || a.contractorId.localeCompare(b.contractorId));
  process.stdout.write(
    format === 'json' ? `${JSON.stringify(profiles, null, 2)}\n` : `${renderProfiles(profiles)}\n`,
  );
  process.stderr.write(`daylight show: ${profiles.length} contractors at risk ${minRisk} or above\n`);
}

/** One row per contractor: the summary the pipeline last stored, as the list route gives it. */
function renderProfiles(profiles: readonly ProfileSummary[]): string {
  const header = ['CONTRACTOR', 'RISK', 'INFERRED', 'CONF', 'EVENTS', 'ASSESSED', 'FINDINGS'];
  const rows = profiles.map((p) => [
    p.contractorId,
    `${p.riskLevel} ${p.riskScore}`,
    p.utcOffsetMinutes === null ? 'unknown' : formatOffset(p.utcOffsetMinutes),
    p.utcOffsetMinutes === null ? '—' : p.confidence.toFixed(2),
    String(p.events),
    p.assessedAt.slice(0, 16).replace('T', ' '),
    p.findings.length === 0 ? '—' : p.findings.map((f) => `${f.code}(${f.severity})`).join(', '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function readFlags(args: string[]): Flags | 'help' {
  const parsed = parseFlags(SPEC, args, 1);
  if (parsed === 'help') return 'help';
  const { values, positionals } = parsed;
  const format = values.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw usageError(SPEC, '--format must be table or json');
  const target = apiTargetOf(values['api-url'], values.region);
  if (typeof target === 'string') throw usageError(SPEC, target);
  const [contractorId] = positionals;
  if (values.list === true) {
    if (contractorId !== undefined) throw usageError(SPEC, 'give a contractor id or --list, not both');
    const minRisk = values['min-risk'] ?? 'none';
    if (!(RISK_LEVELS as readonly string[]).includes(minRisk))
      throw usageError(SPEC, `--min-risk must be one of ${RISK_LEVELS.join(', ')}`);
    return { target, format, list: true, minRisk: minRisk as RiskLevel };
  }
  if (values['min-risk'] !== undefined) throw usageError(SPEC, '--min-risk applies only with --list');
  if (contractorId === undefined) throw usageError(SPEC, 'name a contractor id, or give --list');
  const id = ContractorId.safeParse(contractorId);
  if (!id.success) throw usageError(SPEC, `the contractor id ${id.error.issues[0]?.message ?? 'is invalid'}`);
  return { target, format, list: false, contractorId };
}
