import { readFileSync } from 'node:fs';

/** The autonomous system announcing an address, and the organisation that holds it. */
export interface AsnRecord {
  asn: number;
  organization: string | null;
}

/** What `scripts/build-asn-table.mjs` records about the table and where it came from. */
export interface AsnTableHeader {
  format: string;
  version: number;
  source: { name: string; version: string };
  licence: string;
  counts: Record<string, number>;
  sections: Record<string, { offset: number; length: number }>;
}

/** An address as the tables key it: IPv4 as a 32-bit number (IPv4-mapped IPv6 too), IPv6 by its /64. */
/** An address as numbers: IPv4 as one; IPv6 as its top 64 bits (what the table keys on) and its eight groups. */
export type ParsedAddress =
  | { family: 4; value: number }
  | { family: 6; high: number; low: number; groups: readonly number[] };

export const ASN_TABLE_FORMAT_VERSION = 1;
const MAGIC = 'DLASN\0\0\0';

/**
 * The IP-to-ASN table that `scripts/build-asn-table.mjs` writes (`dist/geo/asn-table.bin`), read once into
 * typed-array views over the file's bytes: no parsing at start-up, and a lookup is one binary search.
 */
export class AsnTable {
  private readonly records: (AsnRecord | undefined)[] = [];

  private constructor(
    readonly header: AsnTableHeader,
    private readonly ipv4Starts: Uint32Array,
    private readonly ipv4As: Uint32Array,
    // The file's BigUint64 /64 starts seen as pairs of Uint32 (little-endian: low word first), so a search
    // compares plain numbers instead of allocating BigInts.
    private readonly ipv6Words: Uint32Array,
    private readonly ipv6As: Uint32Array,
    private readonly asNumbers: Uint32Array,
    private readonly asOrg: Uint32Array,
    private readonly orgOffsets: Uint32Array,
    private readonly orgBytes: Buffer,
  ) {}

  static open(path: string): AsnTable {
    return AsnTable.fromBytes(readFileSync(path), path);
  }

  static fromBytes(file: Buffer, name = 'ASN table'): AsnTable {
    const notATable = (why: string) =>
      new Error(`${name} is not a Daylight ASN table (${why}); rebuild it with \`npm run build\``);
    if (file.length < 12 || file.toString('latin1', 0, 8) !== MAGIC) throw notATable('bad magic bytes');
    const header = JSON.parse(file.toString('utf8', 12, 12 + file.readUInt32LE(8))) as AsnTableHeader;
    if (header.version !== ASN_TABLE_FORMAT_VERSION) {
      throw notATable(`format ${header.version}, this Daylight reads ${ASN_TABLE_FORMAT_VERSION}`);
    }
    // BigUint64 views need 8-byte alignment; a pooled Buffer may not start on one.
    const bytes = file.byteOffset % 8 === 0 ? file : Buffer.from(new Uint8Array(file).buffer);
    const view = <T>(
      section: string,
      make: (b: ArrayBuffer, at: number, n: number) => T,
      size: number,
    ): T => {
      const where = header.sections[section];
      if (where === undefined || where.offset + where.length * size > bytes.length) throw notATable(section);
      return make(bytes.buffer as ArrayBuffer, bytes.byteOffset + where.offset, where.length);
    };
    const u32 = (b: ArrayBuffer, at: number, n: number) => new Uint32Array(b, at, n);
    return new AsnTable(
      header,
      view('ipv4Starts', u32, 4),
      view('ipv4As', u32, 4),
      view('ipv6Starts', (b, at, n) => new Uint32Array(b, at, n * 2), 8),
      view('ipv6As', u32, 4),
      view('asNumbers', u32, 4),
      view('asOrg', u32, 4),
      view('orgOffsets', u32, 4),
      view('orgBytes', (b, at, n) => Buffer.from(b, at, n), 1),
    );
  }

  /** The AS of an IPv4 or IPv6 address, or null when no AS announces it (private, reserved, unrouted). */
  lookup(ip: string): AsnRecord | null {
    const address = parseAddress(ip);
    return address === null ? null : this.lookupAddress(address);
  }

  lookupAddress(address: ParsedAddress): AsnRecord | null {
    return address.family === 4 ? this.lookupIpv4(address.value) : this.lookupIpv6(address.high, address.low);
  }

  lookupIpv4(value: number): AsnRecord | null {
    const starts = this.ipv4Starts;
    // The last range starting at or before the address (starts[0] is 0, so there always is one).
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((starts[mid] as number) <= value) lo = mid;
      else hi = mid - 1;
    }
    return this.record(this.ipv4As[lo] ?? 0);
  }

  /** By the upper 64 bits of the address, as two unsigned 32-bit halves. */
  lookupIpv6(high: number, low: number): AsnRecord | null {
    const words = this.ipv6Words;
    let lo = 0;
    let hi = (words.length >>> 1) - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      const midHigh = words[2 * mid + 1] as number;
      if (midHigh < high || (midHigh === high && (words[2 * mid] as number) <= low)) lo = mid;
      else hi = mid - 1;
    }
    return this.record(this.ipv6As[lo] ?? 0);
  }

  private record(index: number): AsnRecord | null {
    if (index === 0) return null;
    let found = this.records[index];
    if (found === undefined) {
      const org = this.asOrg[index] ?? 0;
      const text = this.orgBytes.toString('utf8', this.orgOffsets[org], this.orgOffsets[org + 1]);
      found = Object.freeze({ asn: this.asNumbers[index] ?? 0, organization: text === '' ? null : text });
      this.records[index] = found;
    }
    return found;
  }
}

/** Parses an IPv4 or IPv6 address; IPv4-mapped IPv6 (`::ffff:a.b.c.d`) comes back as IPv4. Null if invalid. */
export function parseAddress(ip: string): ParsedAddress | null {
  const v4 = parseIpv4(ip);
  if (v4 >= 0) return { family: 4, value: v4 };
  const g = parseIpv6(ip);
  if (g === null) return null;
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    return { family: 4, value: (((g[6] as number) << 16) | (g[7] as number)) >>> 0 };
  }
  return {
    family: 6,
    high: (((g[0] as number) << 16) | (g[1] as number)) >>> 0,
    low: (((g[2] as number) << 16) | (g[3] as number)) >>> 0,
    groups: g,
  };
}

/** The address's bytes, most significant first: 4 for IPv4, 16 for IPv6 (its eight groups). */
export function addressBytes(address: ParsedAddress): Uint8Array {
  if (address.family === 4) {
    const v = address.value;
    return Uint8Array.of(v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
  }
  const bytes = new Uint8Array(16);
  address.groups.forEach((group, i) => {
    bytes[2 * i] = group >>> 8;
    bytes[2 * i + 1] = group & 255;
  });
  return bytes;
}

export function formatIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** Dotted quad to an unsigned 32-bit number, or -1 if `text` is not one. */
function parseIpv4(text: string, from = 0, to = text.length): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits++;
      if (part > 255) return -1;
    } else return -1;
  }
  return dots === 3 && digits > 0 ? value * 256 + part : -1;
}

/** The eight 16-bit groups of an IPv6 address (a zone `%eth0` is ignored), or null if `text` is not one. */
function parseIpv6(text: string): number[] | null {
  const zone = text.indexOf('%');
  const end = zone < 0 ? text.length : zone;
  const groups: number[] = [];
  let gap = -1;
  let i = 0;
  if (text.startsWith('::')) {
    gap = 0;
    i = 2;
  } else if (text.charCodeAt(0) === 58) return null;
  while (i < end) {
    let value = 0;
    let j = i;
    for (; j < end; j++) {
      const h = hexDigit(text.charCodeAt(j));
      if (h < 0) break;
      value = value * 16 + h;
    }
    if (j < end && text.charCodeAt(j) === 46) {
      // A trailing dotted quad is the last two groups.
      const v4 = parseIpv4(text, i, end);
      if (v4 < 0) return null;
      groups.push(v4 >>> 16, v4 & 0xffff);
      break;
    }
    if (j === i || j - i > 4 || groups.length === 8) return null;
    groups.push(value);
    if (j === end) break;
    if (text.charCodeAt(j) !== 58) return null;
    i = j + 1;
    if (text.charCodeAt(i) === 58) {
      if (gap >= 0) return null;
      gap = groups.length;
      i++;
    } else if (i === end) return null;
  }
  if (gap < 0) return groups.length === 8 ? groups : null;
  if (groups.length > 7) return null;
  groups.splice(gap, 0, ...new Array<number>(8 - groups.length).fill(0));
  return groups;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}
