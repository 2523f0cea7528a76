import type { TelemetryEvent } from '../../schema/events.js';
import type { ChatReply } from '../analysis/responsiveness.js';
import { BottomKSample } from './bottom-k-sample.js';
import { hash53 } from './hash.js';

export interface SampleRows {
  hashes: Float64Array;
  values: Float64Array;
  threshold: number;
}

/** Event types as sample column codes. */
export const EVENT_TYPE_CODES = { login: 0, session: 1, activity: 2, chat: 3 } as const;
export type EventTypeName = keyof typeof EVENT_TYPE_CODES;
export const EVENT_TYPE_NAMES: readonly EventTypeName[] = ['login', 'session', 'activity', 'chat'];

/**
 * How many distinct events per contractor are kept. Timezone inference caps its effective sample size far below
 * this, and shares and percentiles from 1,024 events are within a few points of the full history.
 */
export const EVENT_SAMPLE_SIZE = 1024;
/** A work session is evidence of presence all along, not only at its ends: one moment per hour inside it. */
const SESSION_MOMENT_STEP_MS = 60 * 60 * 1000;

// Column layout of the sample: one row per distinct event.
const AT = 0;
const TYPE = 1;
/** activity: recordedOffsetMinutes; session: endAt; chat: respondedAt; NaN when absent. */
const DETAIL = 2;
/** chat: 1 direct, 0 channel mention, NaN unknown. */
const FLAG = 3;

/**
 * What Daylight keeps about one contractor while it reads their events: one bounded, order-independent sample of
 * their distinct events (bottom-k by a hash of the event id), from which every inference is computed. Adding the
 * same event twice changes nothing, and memory does not grow with events.
 */
export class ContractorEvidence {
  private readonly events = new BottomKSample(EVENT_SAMPLE_SIZE, 4);

  constructor(readonly contractorId: string) {}

  add(event: TelemetryEvent): void {
    const key = hash53(event.id);
    switch (event.type) {
      case 'login':
        this.events.offer(key, event.at, EVENT_TYPE_CODES.login);
        break;
      case 'activity':
        this.events.offer(
          key,
          event.at,
          EVENT_TYPE_CODES.activity,
          event.recordedOffsetMinutes ?? Number.NaN,
        );
        break;
      case 'session':
        this.events.offer(key, event.at, EVENT_TYPE_CODES.session, event.endAt);
        break;
      case 'chat':
        this.events.offer(
          key,
          event.at,
          EVENT_TYPE_CODES.chat,
          event.respondedAt ?? Number.NaN,
          event.direct === undefined ? Number.NaN : event.direct ? 1 : 0,
        );
        break;
    }
  }

  /** The sample's rows, to move this evidence to another thread (see `absorb`). */
  exportSample(): SampleRows {
    const { hashes, values } = this.events.exportRows();
    return { hashes, values, threshold: this.events.cutoff };
  }

  /** Merges evidence gathered elsewhere (another part of the input): the same as having read it here. */
  absorb(rows: SampleRows): void {
    this.events.absorb(rows);
  }

  /**
   * Instants (ms UTC) at which the contractor did something: sign-ins, activity, every hour of a work session, and
   * chat replies (the reply is their own act; the message they received is not).
   */
  activeInstants(): Float64Array {
    const n = this.events.length;
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const at = this.events.value(i, AT);
      const detail = this.events.value(i, DETAIL);
      switch (this.events.value(i, TYPE)) {
        case EVENT_TYPE_CODES.session:
          for (let t = at; t < detail; t += SESSION_MOMENT_STEP_MS) out.push(t);
          out.push(detail);
          break;
        case EVENT_TYPE_CODES.chat:
          if (!Number.isNaN(detail)) out.push(detail);
          break;
        default:
          out.push(at);
      }
    }
    return Float64Array.from(out);
  }

  /** Distinct events by type; estimates once a contractor has more than the sample holds. */
  eventCounts(): { total: number; exact: boolean; byType: Record<EventTypeName, number> } {
    const n = this.events.length;
    const total = this.events.estimatedDistinct();
    const raw = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      const code = this.events.value(i, TYPE);
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
    const n = this.events.length;
    if (n === 0) return null;
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const t = this.events.value(i, AT);
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
      if (this.events.value(i, TYPE) !== EVENT_TYPE_CODES.activity) continue;
      const offset = this.events.value(i, DETAIL);
      if (!Number.isNaN(offset)) out.push({ at: this.events.value(i, AT), offsetMinutes: offset });
    }
    return out;
  }

  /** Messages sent to the contractor, with when (if ever) they replied. */
  chatReplies(): ChatReply[] {
    const out: ChatReply[] = [];
    const n = this.events.length;
    for (let i = 0; i < n; i++) {
      if (this.events.value(i, TYPE) !== EVENT_TYPE_CODES.chat) continue;
      const responded = this.events.value(i, DETAIL);
      const direct = this.events.value(i, FLAG);
      out.push({
        at: this.events.value(i, AT),
        respondedAt: Number.isNaN(responded) ? null : responded,
        direct: Number.isNaN(direct) ? null : direct === 1,
      });
    }
    return out;
  }
}
