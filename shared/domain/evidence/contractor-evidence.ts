import type { TelemetryEvent } from '../../schema/events.js';
import type { ChatReply } from '../analysis/responsiveness.js';
import type { AddressDirectory } from './address-directory.js';
import { BottomKSample } from './bottom-k-sample.js';
import type { DeviceDirectory } from './device-directory.js';
import type { EvidenceSnapshot } from './evidence-snapshot.js';
import { HASH_SPACE, hash53, hashInteger } from './hash.js';
import { type Span, SpanSample } from './span-sample.js';

/** Event types as sample column codes. */
export const EVENT_TYPE_CODES = { login: 0, session: 1, activity: 2, chat: 3 } as const;
export type EventTypeName = keyof typeof EVENT_TYPE_CODES;
export const EVENT_TYPE_NAMES: readonly EventTypeName[] = ['login', 'session', 'activity', 'chat'];

/**
 * How many distinct events per contractor are kept. Timezone inference caps its effective sample size far below
 * this, and shares and percentiles from 1,024 events are within a few points of the full history.
 */
export const EVENT_SAMPLE_SIZE = 1024;
/** Distinct active hours kept per contractor: about six months of full-time work. */
export const ACTIVE_HOUR_SAMPLE_SIZE = 1024;
/**
 * Distinct (hour, address) pairs kept per contractor: months of sign-ins from a handful of networks, or a few
 * weeks of a VPN user's rotating exits. Where and how fast someone moved is judged on these.
 */
export const ADDRESS_SAMPLE_SIZE = 1024;
/** Distinct device descriptions kept per contractor (a new one each time a setting changes). */
export const DEVICE_SAMPLE_SIZE = 64;
/** Flags of an address span: some sign-in from it succeeded (or a session ran on it); some sign-in failed. */
export const SIGNED_IN = 1;
export const FAILED_SIGN_IN = 2;

/** Whether an address span holds a sign-in that succeeded (sessions always do), not only failed attempts. */
export function signedIn(span: Span): boolean {
  return (span.flags & SIGNED_IN) !== 0 || (span.flags & FAILED_SIGN_IN) === 0;
}
const HOUR_MS = 60 * 60 * 1000;
/** A work session is evidence of presence all along, not only at its ends: one moment per hour inside it. */
const SESSION_MOMENT_STEP_MS = HOUR_MS;

// Column layout of the sample: one row per distinct event.
const AT = 0;
/** The type code, plus 4 × (1 direct message, 2 channel mention) for chats: two small facts in one number. */
const KIND = 1;
/** activity: recordedOffsetMinutes; session: endAt; chat: respondedAt; NaN when absent. */
const DETAIL = 2;

/**
 * What Daylight keeps about one contractor while it reads their events: one bounded, order-independent sample of
 * their distinct events (bottom-k by a hash of the event id), from which every inference is computed. Adding the
 * same event twice changes nothing, and memory does not grow with events.
 */
export class ContractorEvidence {
  private readonly events = new BottomKSample(EVENT_SAMPLE_SIZE, 3, 256);
  /**
   * The hours (UTC) in which the contractor was active, each with its earliest instant: what timezone inference and
   * working hours are about. Keyed by the hour, so a busy hour counts once however many events fill it, and a
   * long history keeps its spread of hours rather than a share of its events.
   */
  private readonly hours = new BottomKSample(ACTIVE_HOUR_SAMPLE_SIZE, 1, 64, true);
  private lastHour = Number.NaN;
  private lastHourEarliest = Number.NaN;
  /** Addresses signed in from, keyed by (hour, address): each with its first and last instant in that hour. */
  private readonly addresses = new SpanSample(ADDRESS_SAMPLE_SIZE);
  private readonly devices = new SpanSample(DEVICE_SAMPLE_SIZE);
  // Sign-ins repeat the same device, and the same address within an hour: the last span is reused without hashing.
  private lastAddress = -1;
  private lastAddressHour = Number.NaN;
  private lastAddressSpan: Span | undefined;
  private lastDevice = -1;
  private lastDeviceSpan: Span | undefined;
  /** Asked for by the report and the run's summary; kept until the evidence changes. */
  private counts: EventCounts | undefined;
  /** `activeInstants()` is asked for by several analyses; kept until the evidence changes. */
  private instants: Float64Array | undefined;

  constructor(readonly contractorId: string) {}

  add(event: TelemetryEvent): void {
    const row = eventRow(event);
    this.addRow(row.hash, event.at, row.kind, row.detail);
  }

  /** Adds an event already reduced to its sample row (see `eventRow`), e.g. by another thread. */
  addRow(hash: number, at: number, kind: number, detail: number): void {
    this.instants = undefined;
    this.counts = undefined;
    this.events.offer(hash, at, kind, detail);
    switch (kind % 4) {
      case EVENT_TYPE_CODES.session:
        for (let t = at; t < detail; t += SESSION_MOMENT_STEP_MS) this.activeAt(t);
        this.activeAt(detail);
        break;
      case EVENT_TYPE_CODES.chat:
        // The reply is the contractor's own act; the message they received is not.
        if (!Number.isNaN(detail)) this.activeAt(detail);
        break;
      default:
        this.activeAt(at);
    }
  }

  /**
   * A sign-in or work session from an address (its number and hash in the run's `AddressDirectory`). Failed
   * sign-ins are kept apart: someone else trying a password says nothing about where the contractor is.
   */
  seenFrom(address: number, addressHash: number, at: number, successful: boolean): void {
    const hour = Math.floor(at / HOUR_MS);
    const flags = successful ? SIGNED_IN : FAILED_SIGN_IN;
    if (address === this.lastAddress && hour === this.lastAddressHour) {
      if (this.lastAddressSpan !== undefined) SpanSample.extend(this.lastAddressSpan, at, flags);
      return;
    }
    this.lastAddress = address;
    this.lastAddressHour = hour;
    this.lastAddressSpan = this.addresses.offer(addressSpanKey(hour, addressHash), address, at, flags);
  }

  /** A device description (its number and hash in the run's `DeviceDirectory`) reported with a sign-in or session. */
  seenWith(device: number, deviceHash: number, at: number): void {
    if (device === this.lastDevice) {
      if (this.lastDeviceSpan !== undefined) SpanSample.extend(this.lastDeviceSpan, at);
      return;
    }
    this.lastDevice = device;
    this.lastDeviceSpan = this.devices.offer(deviceHash, device, at);
  }

  /** This evidence as plain data, addresses and devices spelled out from the run's directories. */
  snapshot(addresses: AddressDirectory, devices: DeviceDirectory): EvidenceSnapshot {
    const n = this.events.length;
    const events: EvidenceSnapshot['events'] = [];
    for (let i = 0; i < n; i++) {
      const at = this.events.value(i, AT);
      const kind = this.events.value(i, KIND);
      events.push({ hash: this.events.hash(i), at, kind, detail: this.events.value(i, DETAIL) });
    }
    const limit = this.events.limit;
    return {
      events,
      eventsLimit: limit < HASH_SPACE ? limit : null,
      hours: [...this.activeInstants()],
      addresses: this.addresses
        .spans()
        .map((s) => ({ ip: addresses.ip(s.ref), first: s.first, last: s.last, flags: s.flags })),
      devices: this.devices
        .spans()
        .map((s) => ({ device: devices.device(s.ref), first: s.first, last: s.last })),
    };
  }

  /**
   * Merges a snapshot in, as if its events had been added here: membership of every sample depends only on hashes,
   * so absorbing the same snapshot twice, or snapshots in any order, gives the same evidence.
   */
  absorb(snapshot: EvidenceSnapshot, addresses: AddressDirectory, devices: DeviceDirectory): void {
    this.instants = undefined;
    this.counts = undefined;
    this.lastHour = Number.NaN;
    this.lastAddress = -1;
    this.lastDevice = -1;
    for (const e of snapshot.events) this.events.offer(e.hash, e.at, e.kind, e.detail);
    if (snapshot.eventsLimit !== null) this.events.restrictBelow(snapshot.eventsLimit);
    for (const h of snapshot.hours) this.hours.offer(hashInteger(Math.floor(h / HOUR_MS)), h);
    for (const a of snapshot.addresses) {
      const ref = addresses.intern(a.ip);
      const key = addressSpanKey(Math.floor(a.first / HOUR_MS), addresses.hash(ref));
      const span = this.addresses.offer(key, ref, a.first, a.flags);
      if (span !== undefined) SpanSample.extend(span, a.last);
    }
    for (const d of snapshot.devices) {
      const ref = devices.intern(d.device);
      const span = this.devices.offer(devices.hash(ref), ref, d.first);
      if (span !== undefined) SpanSample.extend(span, d.last);
    }
  }

  /** Per (hour, address): the address number, first and last instant, and sign-in flags. */
  addressSpans(): Span[] {
    return this.addresses.spans();
  }

  /** Per device description: its number, and when it was first and last reported. */
  deviceSpans(): Span[] {
    return this.devices.spans();
  }

  private activeAt(instant: number): void {
    const hour = Math.floor(instant / HOUR_MS);
    // Events come in bursts: a later moment in the hour just offered cannot change that hour's earliest instant.
    if (hour === this.lastHour && instant >= this.lastHourEarliest) return;
    this.lastHour = hour;
    this.lastHourEarliest = instant;
    this.hours.offer(hashInteger(hour), instant);
  }

  /**
   * The earliest instant (ms UTC) of each hour in which the contractor did something: sign-ins, activity, every
   * hour of a work session, and chat replies (the reply is their own act; the message they received is not).
   */
  activeInstants(): Float64Array {
    if (this.instants === undefined) this.instants = this.hours.column(0);
    return this.instants;
  }

  /** Distinct events by type; estimates once a contractor has more than the sample holds. */
  eventCounts(): EventCounts {
    if (this.counts === undefined) this.counts = this.countEvents();
    return this.counts;
  }

  private countEvents(): EventCounts {
    const n = this.events.length;
    const total = this.events.estimatedDistinct();
    const raw = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      const code = this.events.value(i, KIND) % 4;
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
      if (this.events.value(i, KIND) % 4 !== EVENT_TYPE_CODES.activity) continue;
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
      const kind = this.events.value(i, KIND);
      if (kind % 4 !== EVENT_TYPE_CODES.chat) continue;
      const responded = this.events.value(i, DETAIL);
      const direct = Math.floor(kind / 4);
      out.push({
        at: this.events.value(i, AT),
        respondedAt: Number.isNaN(responded) ? null : responded,
        direct: direct === 0 ? null : direct === 1,
      });
    }
    return out;
  }
}

/** The sample key of an (hour, address) span: the hour hashed with a seed folded from the address's hash. */
function addressSpanKey(hour: number, addressHash: number): number {
  const seed = (addressHash % 4294967296) ^ Math.floor(addressHash / 4294967296);
  return hashInteger(hour, seed);
}

export interface EventCounts {
  total: number;
  exact: boolean;
  byType: Record<EventTypeName, number>;
}

const scratch = { hash: 0, kind: 0, detail: Number.NaN };

/**
 * What the sample keeps of an event besides its instant: the hash of its id (which decides membership), its kind
 * and one detail. Returns a shared scratch object: read it before the next call.
 */
export function eventRow(event: TelemetryEvent): { hash: number; kind: number; detail: number } {
  scratch.hash = hash53(event.id);
  switch (event.type) {
    case 'login':
      scratch.kind = EVENT_TYPE_CODES.login;
      scratch.detail = Number.NaN;
      break;
    case 'activity':
      scratch.kind = EVENT_TYPE_CODES.activity;
      scratch.detail = event.recordedOffsetMinutes ?? Number.NaN;
      break;
    case 'session':
      scratch.kind = EVENT_TYPE_CODES.session;
      scratch.detail = event.endAt;
      break;
    case 'chat':
      scratch.kind = EVENT_TYPE_CODES.chat + 4 * (event.direct === undefined ? 0 : event.direct ? 1 : 2);
      scratch.detail = event.respondedAt ?? Number.NaN;
      break;
  }
  return scratch;
}
