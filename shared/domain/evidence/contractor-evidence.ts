import type { TelemetryEvent } from '../../schema/events.js';
import { BottomKSample } from './bottom-k-sample.js';
import { hash53 } from './hash.js';

/** Event types as sample column codes. */
export const EVENT_TYPE_CODES = { login: 0, session: 1, activity: 2, chat: 3 } as const;
export type EventTypeName = keyof typeof EVENT_TYPE_CODES;
export const EVENT_TYPE_NAMES: readonly EventTypeName[] = ['login', 'session', 'activity', 'chat'];

/**
 * How many distinct events per contractor are kept. Timezone inference caps its effective sample size far below
 * this, and shares and percentiles from 1,024 events are within a few points of the full history.
 */
export const EVENT_SAMPLE_SIZE = 1024;
export const CHAT_SAMPLE_SIZE = 512;
/** A work session is evidence of presence all along, not only at its ends: one moment per hour inside it. */
const SESSION_MOMENT_STEP_MS = 60 * 60 * 1000;

// Column layout of the event sample.
const E_AT = 0;
const E_TYPE = 1;
const E_RECORDED_OFFSET = 2;
// Column layout of the chat sample.
const C_AT = 0;
const C_RESPONDED_AT = 1;
const C_DIRECT = 2;

/**
 * What Daylight keeps about one contractor while it reads their events: bounded, order-independent samples from
 * which every inference is computed. Adding the same event twice changes nothing.
 */
export class ContractorEvidence {
  /** One row per distinct event: when it happened, its type, the UTC offset its source recorded. */
  private readonly events = new BottomKSample(EVENT_SAMPLE_SIZE, 3);
  /** Instants at which the contractor did something; sessions add several. */
  private readonly moments = new BottomKSample(EVENT_SAMPLE_SIZE, 1);
  private readonly chats = new BottomKSample(CHAT_SAMPLE_SIZE, 3);

  constructor(readonly contractorId: string) {}

  add(event: TelemetryEvent): void {
    const key = hash53(event.id);
    const recorded = event.type === 'activity' ? (event.recordedOffsetMinutes ?? Number.NaN) : Number.NaN;
    this.events.offer(key, event.at, EVENT_TYPE_CODES[event.type], recorded);
    switch (event.type) {
      case 'login':
      case 'activity':
        this.moments.offer(key, event.at);
        break;
      case 'session': {
        this.moments.offer(key, event.at);
        let k = 1;
        for (let t = event.at + SESSION_MOMENT_STEP_MS; t < event.endAt; t += SESSION_MOMENT_STEP_MS, k++) {
          this.moments.offer(hash53(event.id, k), t);
        }
        this.moments.offer(hash53(event.id, k), event.endAt);
        break;
      }
      case 'chat': {
        const responded = event.respondedAt ?? Number.NaN;
        this.chats.offer(
          key,
          event.at,
          responded,
          event.direct === undefined ? Number.NaN : event.direct ? 1 : 0,
        );
        // The reply is the contractor's own act; the message they received is not.
        if (event.respondedAt !== undefined) this.moments.offer(key, event.respondedAt);
        break;
      }
    }
  }

  /** Instants (ms UTC) at which the contractor was active, for timezone inference and working hours. */
  activeInstants(): Float64Array {
    return this.moments.column(0);
  }

  /** Distinct events by type; estimates once a contractor has more than the sample holds. */
  eventCounts(): { total: number; exact: boolean; byType: Record<EventTypeName, number> } {
    const n = this.events.length;
    const total = this.events.estimatedDistinct();
    const raw = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      const code = this.events.value(i, E_TYPE);
      raw[code] = (raw[code] ?? 0) + 1;
    }
    const scale = n === 0 ? 0 : total / n;
    const byType = Object.fromEntries(
      EVENT_TYPE_NAMES.map((name, code) => [name, Math.round((raw[code] ?? 0) * scale)]),
    ) as Record<EventTypeName, number>;
    return { total, exact: this.events.isExact, byType };
  }

  /** First and last event instants seen in the sample. */
  span(): { first: number; last: number } | null {
    const at = this.events.column(E_AT);
    if (at.length === 0) return null;
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const t of at) {
      if (t < first) first = t;
      if (t > last) last = t;
    }
    return { first, last };
  }

  /** Activity instants with the offset their source recorded (git's author-date offset). */
  recordedOffsets(): { at: number; offsetMinutes: number }[] {
    const out: { at: number; offsetMinutes: number }[] = [];
    const n = this.events.length;
    for (let i = 0; i < n; i++) {
      const offset = this.events.value(i, E_RECORDED_OFFSET);
      if (!Number.isNaN(offset)) out.push({ at: this.events.value(i, E_AT), offsetMinutes: offset });
    }
    return out;
  }

  /** Messages sent to the contractor, with when (if ever) they replied. */
  chatReplies(): { at: number; respondedAt: number | null; direct: boolean | null }[] {
    const out: { at: number; respondedAt: number | null; direct: boolean | null }[] = [];
    const n = this.chats.length;
    for (let i = 0; i < n; i++) {
      const responded = this.chats.value(i, C_RESPONDED_AT);
      const direct = this.chats.value(i, C_DIRECT);
      out.push({
        at: this.chats.value(i, C_AT),
        respondedAt: Number.isNaN(responded) ? null : responded,
        direct: Number.isNaN(direct) ? null : direct === 1,
      });
    }
    return out;
  }
}
