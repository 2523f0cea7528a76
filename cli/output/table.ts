import { formatOffset } from '../../shared/domain/analysis/local-time.js';
import { ANONYMIZING_KINDS, type NetworkKind } from '../../shared/domain/networks/network-class.js';
import type { Report } from '../../shared/domain/report.js';

const MAX_FINDINGS_SHOWN = 3;

/** One row per contractor, riskiest first: what a manager scans before opening a report. */
export function renderTable(reports: readonly Report[]): string {
  const header = ['CONTRACTOR', 'CLAIMED', 'INFERRED', 'CONF', 'SIGNS IN FROM', 'RISK', 'TOP FINDINGS'];
  const rows = [...reports]
    .sort((a, b) => b.risk.score - a.risk.score || a.contractorId.localeCompare(b.contractorId))
    .map((r) => [
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
    ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
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
