import { describe, expect, it } from 'vitest';
import type { AlertState } from '../../shared/domain/alerts.js';
import { alertIdOf, dueAlerts } from '../../shared/domain/alerts.js';
import type { Finding, Report } from '../../shared/domain/report.js';

const finding = (code: Finding['code'], severity: Finding['severity']): Finding => ({
  code,
  severity,
  confidence: 0.9,
  summary: `${code} ${severity}`,
  evidence: {},
});
const reportWith = (...findings: Finding[]) =>
  ({ contractorId: 'c-1', findings, risk: { score: 70, level: 'high', drivers: [] } }) as unknown as Report;
const state = (
  code: Finding['code'],
  severity: Finding['severity'],
  status: AlertState['status'] = 'sent',
) => ({
  contractorId: 'c-1',
  code,
  severity,
  alertId: alertIdOf('c-1', code, severity),
  status,
  alertedAt: '2026-04-01T00:00:00.000Z',
  version: 1,
});
const NOW = '2026-04-20T00:00:00.000Z';

describe('Which findings are alerted', () => {
  it('alerts each new finding once, with the fields of the contract', () => {
    const [due] = dueAlerts(reportWith(finding('TIMEZONE_MISMATCH', 'high')), [], NOW);
    expect(due?.alert).toMatchObject({
      contractorId: 'c-1',
      code: 'TIMEZONE_MISMATCH',
      severity: 'high',
      confidence: 0.9,
      detectedAt: NOW,
      escalates: null,
      alertId: alertIdOf('c-1', 'TIMEZONE_MISMATCH', 'high'),
    });
    expect(
      dueAlerts(reportWith(finding('TIMEZONE_MISMATCH', 'high')), [state('TIMEZONE_MISMATCH', 'high')], NOW),
    ).toEqual([]);
  });

  it('escalates a finding whose severity rose, naming the alert it escalates, and stays quiet when it falls', () => {
    const low = state('ANONYMIZING_NETWORK', 'low');
    const [due] = dueAlerts(reportWith(finding('ANONYMIZING_NETWORK', 'medium')), [low], NOW);
    expect(due?.alert.escalates).toBe(low.alertId);
    expect(due?.alert.alertId).not.toBe(low.alertId);
    expect(
      dueAlerts(
        reportWith(finding('ANONYMIZING_NETWORK', 'low')),
        [state('ANONYMIZING_NETWORK', 'high')],
        NOW,
      ),
    ).toEqual([]);
  });

  it('sends an alert recorded but never confirmed again under the same id', () => {
    const pending = state('HIGH_RISK_REGION', 'high', 'pending');
    const [due] = dueAlerts(reportWith(finding('HIGH_RISK_REGION', 'high')), [pending], NOW);
    expect(due?.alert.alertId).toBe(pending.alertId);
    expect(due?.alert.detectedAt).toBe(pending.alertedAt);
  });

  it('gives different contractors, codes and severities different ids', () => {
    const ids = new Set([
      alertIdOf('c-1', 'TIMEZONE_MISMATCH', 'high'),
      alertIdOf('c-2', 'TIMEZONE_MISMATCH', 'high'),
      alertIdOf('c-1', 'LOCATION_MISMATCH', 'high'),
      alertIdOf('c-1', 'TIMEZONE_MISMATCH', 'medium'),
    ]);
    expect(ids.size).toBe(4);
  });
});
