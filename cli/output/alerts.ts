import * as z from 'zod';

/**
 * What the CLI needs of an alert message (docs/contract.md, docs/pipeline.md); any other field passes through to
 * `--format json` untouched.
 */
const Alert = z.looseObject({
  alertId: z.string(),
  contractorId: z.string(),
  code: z.string(),
  severity: z.string(),
  summary: z.string(),
  escalates: z.string().nullish(),
});
export type Alert = z.infer<typeof Alert>;

/** The alert in a queue message body, or undefined when the body is not one. */
export function parseAlert(body: string): Alert | undefined {
  try {
    const parsed = Alert.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const SEVERITY_ORDER: Record<string, number> = { high: 0, medium: 1, low: 2 };

/** Most severe first, then by contractor and code: the order an analyst reads a backlog in. */
export function byUrgency(a: Alert, b: Alert): number {
  return (
    (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3) ||
    a.contractorId.localeCompare(b.contractorId) ||
    a.code.localeCompare(b.code)
  );
}

/** One line: severity, code, contractor, summary; an escalation says so. */
export function formatAlert(alert: Alert): string {
  const escalation = alert.escalates ? ' (escalated)' : '';
  return `${alert.severity.toUpperCase().padEnd(6)}  ${alert.code.padEnd(29)}  ${alert.contractorId}  ${alert.summary}${escalation}`;
}
