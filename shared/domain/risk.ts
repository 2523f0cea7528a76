import type { Finding, FindingCode, RiskLevel, Severity } from './report.js';

/**
 * How much one finding, if true, moves the case: the chance it alone would make a reviewer act. Severity says how
 * strong a contradiction is; confidence says how sure we are it is real.
 */
const SEVERITY_WEIGHT: Record<Severity, number> = { low: 0.12, medium: 0.3, high: 0.7 };

/**
 * How diagnostic a kind of finding is on its own. A clock that contradicts the claim (inferred or recorded), a
 * sign-in from where the claim says they are not, or a device shared with another identity is hard to explain
 * innocently. Slow replies, odd hours, a VPN, remote-desktop software, foreign device settings or a busy travel
 * week all have innocent explanations (a busy week, a flexible schedule, privacy, IT support, living abroad), so
 * they weigh less alone and count fully only alongside others: a corporate VPN alone stays low risk.
 */
const CODE_WEIGHT: Partial<Record<FindingCode, number>> = {
  OUTSIDE_BUSINESS_HOURS: 0.7,
  UNREACHABLE_IN_BUSINESS_HOURS: 0.7,
  ANONYMIZING_NETWORK: 0.7,
  REMOTE_ACCESS_TOOL: 0.8,
  DEVICE_MISMATCH: 0.8,
  MULTI_COUNTRY_LOGINS: 0.8,
};

/**
 * Several independent findings that point the same way compound (a noisy-OR): each removes a share of the
 * remaining doubt. Findings of one code count once (the strongest), so restating a signal does not inflate risk.
 */
export function assessRisk(findings: readonly Finding[]): {
  score: number;
  level: RiskLevel;
  drivers: { code: string; points: number }[];
} {
  const strongest = new Map<string, number>();
  for (const f of findings) {
    const w = SEVERITY_WEIGHT[f.severity] * (CODE_WEIGHT[f.code] ?? 1) * f.confidence;
    if (w > (strongest.get(f.code) ?? 0)) strongest.set(f.code, w);
  }
  let doubt = 1;
  const drivers: { code: string; points: number }[] = [];
  for (const [code, w] of [...strongest].sort((a, b) => b[1] - a[1])) {
    const before = doubt;
    doubt *= 1 - w;
    drivers.push({ code, points: Math.round((before - doubt) * 100) });
  }
  const score = Math.round((1 - doubt) * 100);
  return { score, level: riskLevel(score), drivers };
}

export function riskLevel(score: number): RiskLevel {
  if (score >= 60) return 'high';
  if (score >= 30) return 'medium';
  if (score >= 8) return 'low';
  return 'none';
}
