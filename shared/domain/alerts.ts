import { hash53 } from './evidence/hash.js';
import type { Finding, FindingCode, Report, RiskLevel, Severity } from './report.js';

/** What was last alerted for one finding code of one contractor. */
export interface AlertState {
  contractorId: string;
  code: FindingCode;
  severity: Severity;
  alertId: string;
  /** `pending` between recording the alert and the topic accepting it: a retry publishes it again, same id. */
  status: 'pending' | 'sent';
  alertedAt: string;
  version: number;
}

/** One message on the alert queue: a finding that is new or more severe than what was last alerted. */
export interface Alert {
  /** Stable: the same contractor, code and severity always give the same id, so a consumer can deduplicate. */
  alertId: string;
  contractorId: string;
  code: FindingCode;
  severity: Severity;
  confidence: number;
  summary: string;
  evidence: Record<string, unknown>;
  detectedAt: string;
  /** The alert this one escalates (same code, lower severity), or null for a new finding. */
  escalates: string | null;
  riskScore: number;
  riskLevel: RiskLevel;
}

const SEVERITY_RANK: Record<Severity, number> = { low: 1, medium: 2, high: 3 };

export function alertIdOf(contractorId: string, code: FindingCode, severity: Severity): string {
  const key = `${contractorId}\u0000${code}\u0000${severity}`;
  const hex = (n: number) => n.toString(16).padStart(14, '0');
  return `alert-${hex(hash53(key))}${hex(hash53(key, 0x9e3779b9))}`;
}

/** An alert to publish, and the state it replaces (null when the finding was never alerted). */
export interface DueAlert {
  alert: Alert;
  previous: AlertState | null;
}

/**
 * Which findings of a report to alert on, given what was alerted before: a finding never alerted, one whose
 * severity rose (an escalation naming the earlier alert), or one recorded but not yet confirmed published (sent
 * again with the same id). A finding that stays, falls or disappears raises nothing. Pure.
 */
export function dueAlerts(report: Report, states: readonly AlertState[], detectedAt: string): DueAlert[] {
  const byCode = new Map(states.map((s) => [s.code, s]));
  const due: DueAlert[] = [];
  for (const finding of report.findings) {
    const previous = byCode.get(finding.code) ?? null;
    if (previous === null) due.push({ alert: alertOf(report, finding, null, detectedAt), previous });
    else if (SEVERITY_RANK[finding.severity] > SEVERITY_RANK[previous.severity])
      due.push({ alert: alertOf(report, finding, previous.alertId, detectedAt), previous });
    else if (previous.status === 'pending' && previous.severity === finding.severity)
      due.push({ alert: alertOf(report, finding, null, previous.alertedAt), previous });
  }
  return due;
}

function alertOf(report: Report, f: Finding, escalates: string | null, detectedAt: string): Alert {
  return {
    alertId: alertIdOf(report.contractorId, f.code, f.severity),
    contractorId: report.contractorId,
    code: f.code,
    severity: f.severity,
    confidence: f.confidence,
    summary: f.summary,
    evidence: f.evidence,
    detectedAt,
    escalates,
    riskScore: report.risk.score,
    riskLevel: report.risk.level,
  };
}
