import { EARLIEST_INSTANT_MS, MAX_FUTURE_SKEW_MS, TelemetryEvent } from './events.js';
import { fastEvent } from './fast-event.js';
import { describeIssues, type FieldProblem } from './issues.js';
import { uncarriableFields } from './text.js';

export type EventCheck = { ok: true; event: TelemetryEvent } | { ok: false; problems: FieldProblem[] };

/**
 * Validates one raw event against the contract, as received at `receivedAt` (ms): the schema, then the rules that
 * every instant lies between 1970-01-01T00:00:00Z and five minutes in the receiver's future (what Daylight can
 * store by week and reason about) and that no text holds a character the queues refuse. Shared by the CLI and the
 * ingest API.
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
  const problems: FieldProblem[] = [];
  const checkInstant = (field: string, instant: number) => {
    if (instant > limit) problems.push({ field, reason: 'is more than 5 minutes in the future' });
    else if (instant < EARLIEST_INSTANT_MS)
      problems.push({ field, reason: 'must not be before 1970-01-01T00:00:00Z' });
  };
  checkInstant('at', event.at);
  if (event.type === 'session') checkInstant('endAt', event.endAt);
  if (event.type === 'chat' && event.respondedAt !== undefined)
    checkInstant('respondedAt', event.respondedAt);
  problems.push(...uncarriableFields(event));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, event };
}
