import type { Device } from '../../schema/events.js';
import { EVENT_TYPE_CODES } from './contractor-evidence.js';
import type { EvidenceSnapshot } from './evidence-snapshot.js';

/**
 * A compact binary form of one week's evidence snapshot, for a DynamoDB binary attribute: stored size is what a
 * write costs (one write unit per KB), so instants are offsets from the week's start, event hashes 8 bytes, and
 * each address text appears once. Version 1; `decodeSnapshot` refuses any other.
 */
const FORMAT_VERSION = 1;
/** An instant or detail that does not fit an unsigned 32-bit offset is written in full after this marker. */
const ESCAPE = 0xffffffff;
/** Kind byte flag: the detail follows as a full double (not a 32-bit offset). */
const FULL_DETAIL = 0x80;
/** recordedOffsetMinutes (−720…840) stored shifted to be unsigned. */
const OFFSET_SHIFT = 1000;

class ByteWriter {
  private bytes = new Uint8Array(1024);
  private view = new DataView(this.bytes.buffer);
  private length = 0;

  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    bigger.set(this.bytes);
    this.bytes = bigger;
    this.view = new DataView(bigger.buffer);
  }
  u8(v: number): void {
    this.room(1);
    this.view.setUint8(this.length++, v);
  }
  u16(v: number): void {
    this.room(2);
    this.view.setUint16(this.length, v);
    this.length += 2;
  }
  u32(v: number): void {
    this.room(4);
    this.view.setUint32(this.length, v);
    this.length += 4;
  }
  f64(v: number): void {
    this.room(8);
    this.view.setFloat64(this.length, v);
    this.length += 8;
  }
  /** An instant as an offset from `base` when it fits 32 bits, else escaped in full. */
  instant(v: number, base: number): void {
    const delta = v - base;
    if (Number.isInteger(delta) && delta >= 0 && delta < ESCAPE) this.u32(delta);
    else {
      this.u32(ESCAPE);
      this.f64(v);
    }
  }
  text(v: string): void {
    const encoded = new TextEncoder().encode(v);
    this.u16(encoded.length);
    this.room(encoded.length);
    this.bytes.set(encoded, this.length);
    this.length += encoded.length;
  }
  done(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

class ByteReader {
  private readonly view: DataView;
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u8(): number {
    return this.view.getUint8(this.at++);
  }
  u16(): number {
    const v = this.view.getUint16(this.at);
    this.at += 2;
    return v;
  }
  u32(): number {
    const v = this.view.getUint32(this.at);
    this.at += 4;
    return v;
  }
  f64(): number {
    const v = this.view.getFloat64(this.at);
    this.at += 8;
    return v;
  }
  instant(base: number): number {
    const delta = this.u32();
    return delta === ESCAPE ? this.f64() : base + delta;
  }
  text(): string {
    const n = this.u16();
    const v = new TextDecoder().decode(this.bytes.subarray(this.at, this.at + n));
    this.at += n;
    return v;
  }
  get finished(): boolean {
    return this.at === this.bytes.length;
  }
}

/** Encodes a snapshot whose instants mostly lie at or after `base` (the week's start). */
export function encodeSnapshot(snapshot: EvidenceSnapshot, base: number): Uint8Array {
  const w = new ByteWriter();
  w.u8(FORMAT_VERSION);
  w.u16(snapshot.events.length);
  for (const e of snapshot.events) {
    w.u32(e.hash % 4294967296);
    w.u32(Math.floor(e.hash / 4294967296));
    w.instant(e.at, base);
    const short = shortDetail(e.kind, e.at, e.detail);
    if (short === null) {
      w.u8(e.kind | FULL_DETAIL);
      w.f64(e.detail);
    } else {
      w.u8(e.kind);
      w.u32(short);
    }
  }
  w.f64(snapshot.eventsLimit ?? Number.NaN);
  w.u16(snapshot.hours.length);
  for (const h of snapshot.hours) w.instant(h, base);
  const ips = [...new Set(snapshot.addresses.map((a) => a.ip))];
  const ipIndex = new Map(ips.map((ip, i) => [ip, i]));
  w.u16(ips.length);
  for (const ip of ips) w.text(ip);
  w.u16(snapshot.addresses.length);
  for (const a of snapshot.addresses) {
    w.u16(ipIndex.get(a.ip) ?? 0);
    w.instant(a.first, base);
    w.instant(a.last, a.first);
    w.u8(a.flags);
  }
  w.u16(snapshot.devices.length);
  for (const d of snapshot.devices) {
    w.text(JSON.stringify(d.device));
    w.instant(d.first, base);
    w.instant(d.last, d.first);
  }
  return w.done();
}

export function decodeSnapshot(bytes: Uint8Array, base: number): EvidenceSnapshot {
  const r = new ByteReader(bytes);
  const version = r.u8();
  if (version !== FORMAT_VERSION) throw new Error(`evidence snapshot format ${version} is not supported`);
  const events: EvidenceSnapshot['events'] = [];
  for (let n = r.u16(); n > 0; n--) {
    const low = r.u32();
    const hash = r.u32() * 4294967296 + low;
    const at = r.instant(base);
    const kindByte = r.u8();
    const kind = kindByte & ~FULL_DETAIL;
    const detail = kindByte & FULL_DETAIL ? r.f64() : longDetail(kind, at, r.u32());
    events.push({ hash, at, kind, detail });
  }
  const limit = r.f64();
  const hours: number[] = [];
  for (let n = r.u16(); n > 0; n--) hours.push(r.instant(base));
  const ips: string[] = [];
  for (let n = r.u16(); n > 0; n--) ips.push(r.text());
  const addresses: EvidenceSnapshot['addresses'] = [];
  for (let n = r.u16(); n > 0; n--) {
    const ip = ips[r.u16()] ?? '';
    const first = r.instant(base);
    addresses.push({ ip, first, last: r.instant(first), flags: r.u8() });
  }
  const devices: EvidenceSnapshot['devices'] = [];
  for (let n = r.u16(); n > 0; n--) {
    const device = JSON.parse(r.text()) as Device;
    const first = r.instant(base);
    devices.push({ device, first, last: r.instant(first) });
  }
  if (!r.finished) throw new Error('evidence snapshot has trailing bytes');
  return { events, eventsLimit: Number.isNaN(limit) ? null : limit, hours, addresses, devices };
}

/** The detail as an unsigned 32-bit number (offset minutes shifted, or ms after the event), or null if it won't fit. */
function shortDetail(kind: number, at: number, detail: number): number | null {
  if (Number.isNaN(detail)) return ESCAPE;
  const v = kind % 4 === EVENT_TYPE_CODES.activity ? detail + OFFSET_SHIFT : detail - at;
  return Number.isInteger(v) && v >= 0 && v < ESCAPE ? v : null;
}

function longDetail(kind: number, at: number, short: number): number {
  if (short === ESCAPE) return Number.NaN;
  return kind % 4 === EVENT_TYPE_CODES.activity ? short - OFFSET_SHIFT : at + short;
}
