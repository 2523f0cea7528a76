import { fstatSync, openSync, readSync } from 'node:fs';
// mmdb-lib is the reader inside `maxmind`, without maxmind's CommonJS requires of Node built-ins, which the
// CLI's ESM bundle cannot load.
import { Reader, type Response } from 'mmdb-lib';

type ReaderOptions = NonNullable<ConstructorParameters<typeof Reader>[1]>;

/** Pages are read this many bytes at a time (a lookup's deeper nodes and records are scattered, so small pages). */
const PAGE_BYTES = 16 * 1024;
/** The MaxMind DB format puts its metadata in the file's last 128 KiB. */
const METADATA_MAX_BYTES = 128 * 1024;
/** The 16 zero bytes between the search tree and the data section. */
const DATA_SECTION_SEPARATOR_BYTES = 16;
/** What each of the four pointer sizes adds to its packed value (the MaxMind DB spec's "pointer" type). */
const POINTER_BIAS = [0, 2048, 526336, 0] as const;
const MAP = 7;
const ARRAY = 11;
const BOOLEAN = 14;

/**
 * A MaxMind DB read by `mmdb-lib` without reading it whole: DB-IP's city databases are 63 and 71 MB, and a run
 * that meets a few hundred addresses, or a few IPv6 ones, needs a few hundred KB of them. The buffer `mmdb-lib`
 * reads is allocated zeroed, which costs no memory until a page is written; before `mmdb-lib` answers a lookup,
 * this class walks the same path through the search tree and the same record through the data section (following
 * its pointers), reading in each page it crosses, so `mmdb-lib` only ever reads bytes of the file. A test checks
 * its answers against a full read.
 */
export class PagedMmdb {
  private readonly loaded: Uint8Array;
  private readonly reader: Reader<Response>;
  private readonly nodeCount: number;
  private readonly nodeBytes: number;
  private readonly searchTreeSize: number;
  private readonly readRecord: (offset: number, right: boolean) => number;
  /** Where IPv4 addresses start in an IPv6 tree (::/96), 0 in an IPv4 one. */
  private readonly ipv4Start: number;
  private read = 0;
  /** Records whose pages are all read in (many addresses share one: a city's). */
  private readonly recordsLoaded = new Set<number>();

  private constructor(
    private readonly fd: number,
    private readonly db: Buffer,
    options: ReaderOptions,
  ) {
    this.loaded = new Uint8Array(Math.ceil(db.length / PAGE_BYTES));
    this.load(Math.max(0, db.length - METADATA_MAX_BYTES), db.length);
    // Only the metadata is read so far; the unread tree is zeros, so this reader's own IPv4 start is not used.
    const { metadata } = new Reader<Response>(db);
    this.nodeCount = metadata.nodeCount;
    this.nodeBytes = metadata.nodeByteSize;
    this.searchTreeSize = metadata.searchTreeSize;
    this.readRecord = recordReader(db, metadata.recordSize);
    let start = 0;
    if (metadata.ipVersion === 6)
      for (let i = 0; i < 96 && start < this.nodeCount; i++) start = this.child(start, false);
    this.ipv4Start = start;
    this.reader = new Reader<Response>(db, options);
  }

  /** Opens the file for the reader's life (one per process: the locator that holds it is opened once). */
  static open(path: string, options: ReaderOptions = {}): PagedMmdb {
    const fd = openSync(path, 'r');
    return new PagedMmdb(fd, Buffer.alloc(fstatSync(fd).size), options);
  }

  /** Bytes of the file read so far. */
  get bytesRead(): number {
    return this.read;
  }

  get metadata(): Reader<Response>['metadata'] {
    return this.reader.metadata;
  }

  /**
   * The record for `ip`, whose bits are `bits` (4 bytes for IPv4, 16 for IPv6, as mmdb-lib parses `ip`). The
   * path is walked here first, reading in the pages it crosses; then mmdb-lib walks it again and decodes.
   */
  get(ip: string, bits: Uint8Array): Response | null {
    let node = bits.length === 4 ? this.ipv4Start : 0;
    for (let depth = 0; depth < bits.length * 8 && node < this.nodeCount; depth++)
      node = this.child(node, (((bits[depth >> 3] as number) >> (7 - (depth & 7))) & 1) === 1);
    // A record past the node count points into the data section (equal to it: no data for this address).
    if (node > this.nodeCount && !this.recordsLoaded.has(node)) {
      this.loadValue(node - this.nodeCount + this.searchTreeSize);
      this.recordsLoaded.add(node);
    }
    return this.reader.get(ip);
  }

  /** Reads in the pages of the value at `offset` and of everything it points to; returns the offset after it. */
  private loadValue(offset: number): number {
    const db = this.db;
    this.load(offset, offset + 2);
    const control = db[offset++] as number;
    let type = control >> 5;
    if (type === 1) {
      const size = (control >> 3) & 3;
      this.load(offset, offset + size + 1);
      const packed =
        size === 0
          ? ((control & 7) << 8) | (db[offset] as number)
          : size === 1
            ? ((control & 7) << 16) | db.readUInt16BE(offset)
            : size === 2
              ? ((control & 7) << 24) | db.readUIntBE(offset, 3)
              : db.readUInt32BE(offset);
      this.loadValue(
        this.searchTreeSize + DATA_SECTION_SEPARATOR_BYTES + (POINTER_BIAS[size] as number) + packed,
      );
      return offset + size + 1;
    }
    if (type === 0) type = 7 + (db[offset++] as number);
    let size = control & 0x1f;
    if (size >= 29) {
      const extra = size - 28;
      this.load(offset, offset + extra);
      size =
        extra === 1
          ? 29 + (db[offset] as number)
          : extra === 2
            ? 285 + db.readUInt16BE(offset)
            : 65821 + db.readUIntBE(offset, 3);
      offset += extra;
    }
    if (type === MAP) {
      for (let i = 0; i < size; i++) offset = this.loadValue(this.loadValue(offset));
      return offset;
    }
    if (type === ARRAY) {
      for (let i = 0; i < size; i++) offset = this.loadValue(offset);
      return offset;
    }
    if (type === BOOLEAN) return offset;
    this.load(offset, offset + size);
    return offset + size;
  }

  private child(node: number, right: boolean): number {
    const offset = node * this.nodeBytes;
    this.load(offset, offset + this.nodeBytes);
    return this.readRecord(offset, right);
  }

  /** Reads in every page of [from, to) not read yet. */
  private load(from: number, to: number): void {
    for (let page = Math.floor(from / PAGE_BYTES); page * PAGE_BYTES < to; page++) {
      if (this.loaded[page] === 1) continue;
      const start = page * PAGE_BYTES;
      // Contiguous unread pages go in one read (the data section is one).
      let end = start;
      while (end < to && this.loaded[end / PAGE_BYTES] !== 1) {
        this.loaded[end / PAGE_BYTES] = 1;
        end += PAGE_BYTES;
      }
      end = Math.min(end, this.db.length);
      for (let at = start; at < end; ) {
        const read = readSync(this.fd, this.db, at, end - at, at);
        if (read === 0) throw new Error(`the GeoIP database ended at byte ${at} of ${this.db.length}`);
        at += read;
        this.read += read;
      }
      page = Math.ceil(end / PAGE_BYTES) - 1;
    }
  }
}

/** A node's left or right record, as mmdb-lib's walker reads it, for the three record sizes the format has. */
function recordReader(db: Buffer, recordSize: number): (offset: number, right: boolean) => number {
  switch (recordSize) {
    case 24:
      return (offset, right) => db.readUIntBE(right ? offset + 3 : offset, 3);
    case 28:
      return (offset, right) =>
        right
          ? (((db[offset + 3] as number) & 0x0f) << 24) | db.readUIntBE(offset + 4, 3)
          : (((db[offset + 3] as number) & 0xf0) << 20) | db.readUIntBE(offset, 3);
    case 32:
      return (offset, right) => db.readUInt32BE(right ? offset + 4 : offset);
    default:
      throw new Error(`unsupported MaxMind DB record size ${recordSize}`);
  }
}
