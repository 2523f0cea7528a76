import { formatOffset } from '../../shared/domain/analysis/local-time.js';
import { ANONYMIZING_KINDS, type NetworkKind } from '../../shared/domain/networks/network-class.js';
import type { Report } from '../../shared/domain/report.js';

const MAX_FINDINGS_SHOWN = 3;
/** The width used when the output is not a terminal (a file, a pipe): a page, not a screen of any size. */
export const DEFAULT_WIDTH = 120;
const GAP = 2;

const HEADER = [
  'CONTRACTOR',
  'CLAIMED',
  'INFERRED',
  'CONF',
  'SIGNS IN FROM',
  'RISK',
  'TOP FINDINGS',
] as const;
/** Narrowest each column may get before the table stops shrinking (then the terminal wraps it). */
const MIN_WIDTH = [12, 16, 9, 4, 12, 7, 20];

const LEGEND = [
  'CONF: confidence that the inferred offset is right within an hour',
  'SIGNS IN FROM: where sign-ins locate, by country; anon = through VPNs, Tor or proxies',
  '+N: more findings (daylight show <id>, or --format json)',
];

export interface TableOptions {
  /** Characters the table may take; Infinity for every cell whole (`--wide`). */
  width?: number;
}

/**
 * One row per contractor, riskiest first: what a manager scans before opening a report. A title says what the
 * table is and a legend what its terse cells mean; cells that do not fit the width end in `…`.
 */
export function renderTable(reports: readonly Report[], options: TableOptions = {}): string {
  const width = options.width ?? DEFAULT_WIDTH;
  const rows = [...reports]
    .sort((a, b) => b.risk.score - a.risk.score || a.contractorId.localeCompare(b.contractorId))
    .map(rowOf);
  const widths = fitColumns(
    HEADER.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length))),
    width,
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => {
        const w = widths[i] ?? 0;
        const cell = c.length > w ? `${c.slice(0, Math.max(0, w - 1))}…` : c;
        return i === cells.length - 1 ? cell : cell.padEnd(w);
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  const title = `${reports.length} contractor${reports.length === 1 ? '' : 's'}, riskiest first: the time zone each claimed against the UTC offset they work at, and why the risk`;
  const legend = LEGEND.join(' · ');
  return [
    title,
    '',
    line(HEADER),
    ...rows.map(line),
    '',
    ...(legend.length <= width ? [legend] : LEGEND),
  ].join('\n');
}

/** Column widths that fit `width`: a character at a time from the widest column still above its minimum. */
function fitColumns(natural: number[], width: number): number[] {
  const widths = [...natural];
  let over = widths.reduce((sum, w) => sum + w, 0) + GAP * (widths.length - 1) - width;
  while (over > 0) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++)
      if ((widths[i] ?? 0) > (MIN_WIDTH[i] ?? 0) && (widest < 0 || (widths[i] ?? 0) > (widths[widest] ?? 0)))
        widest = i;
    if (widest < 0) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
    over--;
  }
  return widths;
}

function rowOf(r: Report): string[] {
  return [
    r.contractorId,
    r.claimed.timezone
      ? `${r.claimed.timezone} ${r.claimed.utcOffsetMinutes === null ? '' : formatOffset(r.claimed.utcOffsetMinutes)}`.trim()
      : '—',
    r.inferred.utcOffsetMinutes === null
      ? 'unknown'
      : `${formatOffset(r.inferred.utcOffsetMinutes)}${r.inferred.timezone ? ` ${r.inferred.timezone}` : ''}`,
    r.inferred.utcOffsetMinutes === null ? '—' : r.inferred.confidence.toFixed(2),
    signInPlaces(r),
    `${r.risk.level} ${r.risk.score}`,
    topFindings(r),
  ];
}

/** The two main countries, and how much goes through anonymising networks (whose exits are not places). */
function signInPlaces(r: Report): string {
  const countries = r.inferred.countries.slice(0, 2).map((c) => `${c.country} ${Math.round(c.share * 100)}%`);
  const hidden = r.inferred.networks
    .filter((n) => ANONYMIZING_KINDS.has(n.kind as NetworkKind))
    .reduce((sum, n) => sum + n.share, 0);
  if (hidden > 0) countries.push(`anon ${Math.round(hidden * 100)}%`);
  return countries.length > 0 ? countries.join(', ') : '—';
}

function topFindings(r: Report): string {
  if (r.findings.length === 0) return '—';
  const shown = r.findings.slice(0, MAX_FINDINGS_SHOWN).map((f) => `${f.code}(${f.severity})`);
  const more = r.findings.length - MAX_FINDINGS_SHOWN;
  return more > 0 ? `${shown.join(', ')} +${more}` : shown.join(', ');
}

/** The width for a table written to `stream`: the terminal's, or DEFAULT_WIDTH; Infinity with `--wide`. */
export function tableWidth(stream: { isTTY?: boolean; columns?: number }, wide: boolean): number {
  if (wide) return Number.POSITIVE_INFINITY;
  return stream.isTTY === true && (stream.columns ?? 0) > 0 ? (stream.columns as number) : DEFAULT_WIDTH;
}
