import { fstatSync, openSync, readSync } from 'node:fs';
import { Reader, type Response } from 'mmdb-lib';

type ReaderOptions = NonNullable<ConstructorParameters<typeof Reader>[1]>;

/** Tree pages are read this many bytes at a time (a lookup's deeper nodes are scattered, so small pages). */
const PAGE_BYTES = 16 * 1024;
/** The MaxMind DB format puts its metadata in the file's last 128 KiB. */
const METADATA_MAX_BYTES = 128 * 1024;

/**
 * A MaxMind DB read by `mmdb-lib` without reading it whole. The search tree (most of the file: 59 of the 71 MB of
 * DB-IP's IPv6 city database) is read a page at a time as lookups walk it, the data section (the records and the
 * metadata) at once. The buffer `mmdb-lib` reads is allocated zeroed, which costs no memory until a page is
 * written, and every tree node a lookup needs is read in before `mmdb-lib` walks the same path, so its answers are
 * the whole file's (a test checks them against a full read). A run that meets a few IPv6 addresses no longer reads
 * 71 MB for them.
 */
export class PagedMmdb {
  private readonly loaded: Uint8Array;
  private readonly reader: Reader<Response>;
  private readonly nodeCount: number;
  private readonly nodeBytes: number;
  private readonly readRecord: (offset: number, right: boolean) => number;
  /** Where IPv4 addresses start in an IPv6 tree (::/96), 0 in an IPv4 one. */
  private readonly ipv4Start: number;
  private read = 0;

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
    this.readRecord = recordReader(db, metadata.recordSize);
    this.load(metadata.searchTreeSize, db.length);
    let start = 0;
    if (metadata.ipVersion === 6)
      for (let i = 0; i < 96 && start < this.nodeCount; i++) start = this.child(start, false);
    this.ipv4Start = start;
    this.reader = new Reader<Response>(db, options);
  }

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
    return this.reader.get(ip);
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
