import { dueAlerts } from '../domain/alerts.js';
import { evidenceFromSnapshots } from '../domain/evidence/evidence-weeks.js';
import { buildFleetReports } from '../domain/fleet-reports.js';
import { infrastructureKeys } from '../domain/infrastructure-keys.js';
import type { Report } from '../domain/report.js';
import type { StoredContractor } from '../ports/evidence-store.js';
import type { ProfileSummary } from '../ports/profile-store.js';
import type { PipelineDependencies } from './dependencies.js';
import { withVersionRetry } from './retry.js';

/** A list score that moved less than this is not rewritten: the report itself is always computed fresh. */
const SCORE_STEP = 5;

/** Others compared with one contractor at most (a laptop farm's line); the index still counts them all. */
const MAX_COMPARED = 64;

/**
 * The contractor's report from every stored week and their claims: the same engine as `daylight analyze
 * --independent` over the same events (within the retention window), shared infrastructure included: the index
 * names the contractors who used the same device ids or home addresses, and only their evidence is read beside
 * this contractor's. Null when nothing is stored.
 */
export async function buildStoredReport(
  contractorId: string,
  deps: Pick<PipelineDependencies, 'evidence' | 'infrastructure' | 'locator' | 'networkPolicy'>,
): Promise<{ report: Report | null; stored: StoredContractor }> {
  const stored = await deps.evidence.loadContractor(contractorId);
  if (stored.weeks.length === 0 && stored.claims === null && stored.unreadable === 0)
    return { report: null, stored };
  const own = stored.weeks.map((w) => w.snapshot);
  const keys = own.flatMap((s) => infrastructureKeys(s, deps.locator(), deps.networkPolicy));
  const users = await deps.infrastructure.contractorsOf(keys);
  const others = [...new Set([...users.values()].flatMap((ids) => [...ids]))]
    .filter((id) => id !== contractorId)
    .sort()
    .slice(0, MAX_COMPARED);
  const book = evidenceFromSnapshots(contractorId, own);
  // Another contractor's evidence only sharpens SHARED_INFRASTRUCTURE: if it cannot be read, the report says so
  // and goes on without it, rather than fail for something this contractor did not do.
  let partnersUnreadable = 0;
  for (const other of others) {
    const theirs = await deps.evidence.loadContractor(other).catch(() => undefined);
    if (theirs === undefined || theirs.unreadable > 0) partnersUnreadable++;
    const evidence = book.of(other);
    for (const week of theirs?.weeks ?? []) evidence.absorb(week.snapshot, book.addresses, book.devices);
  }
  const claims = new Map([[contractorId, stored.claims?.claims ?? []]]);
  const options = { locator: deps.locator(), networkPolicy: deps.networkPolicy, adaptPrior: false };
  const report =
    buildFleetReports(book, claims, options).find((r) => r.contractorId === contractorId) ?? null;
  const limitations = [
    ...(stored.unreadable > 0
      ? [`${stored.unreadable} stored item(s) of this contractor could not be read and were left out`]
      : []),
    ...(partnersUnreadable > 0
      ? [
          `the evidence of ${partnersUnreadable} contractor(s) sharing a device or home address with this one ` +
            'could not be read in full: SHARED_INFRASTRUCTURE may be missing or incomplete',
        ]
      : []),
  ];
  if (report !== null && limitations.length > 0) report.limitations = limitations;
  return { report, stored };
}

export interface Assessment {
  report: Report | null;
  alertsPublished: number;
}

/**
 * Builds the contractor's report again, refreshes the list summary when it changed, and publishes an alert for
 * each finding that is new or escalated. Safe to repeat: nothing changes the second time.
 */
export async function assessContractor(
  contractorId: string,
  deps: PipelineDependencies,
): Promise<Assessment> {
  const { report, stored } = await buildStoredReport(contractorId, deps);
  if (report === null) return { report, alertsPublished: 0 };
  const evidenceVersion = stored.weeks.reduce((sum, w) => sum + w.version, 0) + (stored.claims?.version ?? 0);
  const assessedAt = new Date(deps.now()).toISOString();
  await refreshSummary(summaryOf(report, evidenceVersion, assessedAt), deps);
  const alertsPublished = await publishAlerts(report, assessedAt, deps);
  return { report, alertsPublished };
}

function summaryOf(report: Report, evidenceVersion: number, assessedAt: string): ProfileSummary {
  return {
    contractorId: report.contractorId,
    riskScore: report.risk.score,
    riskLevel: report.risk.level,
    findings: report.findings.map((f) => ({ code: f.code, severity: f.severity })),
    utcOffsetMinutes: report.inferred.utcOffsetMinutes,
    confidence: report.inferred.confidence,
    events: report.activity.events,
    evidenceVersion,
    assessedAt,
  };
}

async function refreshSummary(next: ProfileSummary, deps: PipelineDependencies): Promise<void> {
  await withVersionRetry(async () => {
    const stored = await deps.profiles.get(next.contractorId);
    if (stored !== null && !worthRewriting(stored.summary, next)) return;
    await deps.profiles.put(next, stored?.version ?? null);
  });
}

/** Newer evidence, and a change a reader of the list would notice (level, findings, offset, score by 5+). */
function worthRewriting(previous: ProfileSummary, next: ProfileSummary): boolean {
  if (next.evidenceVersion <= previous.evidenceVersion) return false;
  const findingsOf = (s: ProfileSummary) => s.findings.map((f) => `${f.code}:${f.severity}`).join(',');
  return (
    previous.riskLevel !== next.riskLevel ||
    findingsOf(previous) !== findingsOf(next) ||
    previous.utcOffsetMinutes !== next.utcOffsetMinutes ||
    Math.abs(previous.riskScore - next.riskScore) >= SCORE_STEP
  );
}

/**
 * Records each due alert as pending (a conditional write: two processors cannot both claim it), publishes it,
 * then marks it sent. A crash in between leaves it pending, and the next assessment sends it again with the same
 * id; a consumer that keeps the ids it has seen never shows one twice.
 */
async function publishAlerts(
  report: Report,
  detectedAt: string,
  deps: PipelineDependencies,
): Promise<number> {
  return withVersionRetry(async () => {
    const due = dueAlerts(report, await deps.alerts.list(report.contractorId), detectedAt);
    for (const { alert, previous } of due) {
      const state = {
        contractorId: alert.contractorId,
        code: alert.code,
        severity: alert.severity,
        alertId: alert.alertId,
        alertedAt: alert.detectedAt,
      };
      const version = await deps.alerts.put({ ...state, status: 'pending' }, previous?.version ?? null);
      await deps.publisher.publish(alert);
      await deps.alerts.put({ ...state, status: 'sent' }, version);
    }
    return due.length;
  });
}
