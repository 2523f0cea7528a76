import { MAX_FUTURE_SKEW_MS, TelemetryEvent } from './events.js';
import { fastEvent } from './fast-event.js';
import { describeIssues, type FieldProblem } from './issues.js';

export type EventCheck = { ok: true; event: TelemetryEvent } | { ok: false; problems: FieldProblem[] };

/**
 * Validates one raw event against the contract, as received at `receivedAt` (ms): the schema, then the rule that
 * no timestamp lies more than five minutes in the receiver's future. Shared by the CLI and the ingest API.
 */
export function checkEvent(raw: unknown, receivedAt: number): EventCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: [{ field: '(record)', reason: 'must be a JSON object' }] };
  }
  let event = fastEvent(raw as Record<string, unknown>);
  if (event === undefined) {
    const parsed = TelemetryEvent.safeParse(raw);
    if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error) };
    event = parsed.data;
  }
  const limit = receivedAt + MAX_FUTURE_SKEW_MS;
  const future: FieldProblem[] = [];
  if (event.at > limit) future.push({ field: 'at', reason: 'is more than 5 minutes in the future' });
  if (event.type === 'session' && event.endAt > limit)
    future.push({ field: 'endAt', reason: 'is more than 5 minutes in the future' });
  if (event.type === 'chat' && event.respondedAt !== undefined && event.respondedAt > limit)
    future.push({ field: 'respondedAt', reason: 'is more than 5 minutes in the future' });
  return future.length > 0 ? { ok: false, problems: future } : { ok: true, event };
}
