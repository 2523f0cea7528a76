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
  const endAt = event.type === 'session' ? event.endAt : undefined;
  const respondedAt = event.type === 'chat' ? event.respondedAt : undefined;
  // The common case, every instant in range and all text carriable, allocates nothing more.
  if (
    inRange(event.at, limit) &&
    (endAt === undefined || inRange(endAt, limit)) &&
    (respondedAt === undefined || inRange(respondedAt, limit)) &&
    uncarriableFields(event).length === 0
  )
    return { ok: true, event };
  const problems: FieldProblem[] = [];
  for (const [field, instant] of [
    ['at', event.at],
    ['endAt', endAt],
    ['respondedAt', respondedAt],
  ] as const) {
    if (instant === undefined || inRange(instant, limit)) continue;
    problems.push({
      field,
      reason:
        instant > limit ? 'is more than 5 minutes in the future' : 'must not be before 1970-01-01T00:00:00Z',
    });
  }
  problems.push(...uncarriableFields(event));
  return { ok: false, problems };
}

function inRange(instant: number, limit: number): boolean {
  return instant >= EARLIEST_INSTANT_MS && instant <= limit;
}
