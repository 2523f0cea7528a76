// Turns the IP-to-ASN CSVs of @ip-location-db/asn (~515k rows, 32 MB) into one compact binary table,
// dist/geo/asn-table.bin, that the CLI maps into typed arrays at start-up instead of parsing text.
//
// Layout (little-endian): 'DLASN\0\0\0', Uint32 header length, the JSON header, then each section 8-byte aligned
// at the offset the header gives. A range table lists only starts: every address from one start up to the next
// belongs to the AS at the same position, and gaps hold AS index 0 ("unknown").
//   ipv4Starts   Uint32       first address of each range, sorted, ipv4Starts[0] = 0
//   ipv4As       Uint32       index into the AS table
//   ipv6Starts   BigUint64    upper 64 bits (the /64) of each range's first address, sorted, ipv6Starts[0] = 0
//   ipv6As       Uint32
//   asNumbers    Uint32       AS table: the ASN of each entry (entry 0 is "unknown", ASN 0)
//   asOrg        Uint32       index of the entry's organisation in the string table
//   orgOffsets   Uint32       string table: byte offsets into orgBytes, one more than there are strings
//   orgBytes     Uint8        UTF-8, deduplicated
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { endianness } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const FORMAT_VERSION = 1;
const MAGIC = 'DLASN\0\0\0';
const SOURCE_PACKAGE = '@ip-location-db/asn';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_OUTPUT = join(ROOT, 'dist', 'geo', 'asn-table.bin');

const MASK64 = (1n << 64n) - 1n;
const UNIT64 = 1n << 64n;

/** Builds the table unless it is newer than the source package and this script. Returns the output path. */
export function buildAsnTable({ output = DEFAULT_OUTPUT, force = false } = {}) {
  const packageDir = dirname(createRequire(import.meta.url).resolve(`${SOURCE_PACKAGE}/package.json`));
  const inputs = ['package.json', 'asn-ipv4-num.csv', 'asn-ipv6-num.csv'].map((f) => join(packageDir, f));
  const pkg = JSON.parse(readFileSync(inputs[0], 'utf8'));
  // npm may keep a tarball's file times, so the recorded version decides as well as the times.
  if (!force && isUpToDate(output, [...inputs, fileURLToPath(import.meta.url)], pkg.version)) return output;

  const started = performance.now();
  const as = new AsTable();
  const v4 = normalise(readRows(inputs[1], as));
  const v6Rows = normalise(readRows(inputs[2], as));
  const v6 = toPrefixes64(v6Rows);
  const v4Table = fillAndMerge(v4.ranges, 0xffffffffn);
  const v6Table = fillAndMerge(v6.ranges, MASK64);

  const header = {
    format: 'daylight-asn-table',
    version: FORMAT_VERSION,
    source: { name: pkg.name, version: pkg.version },
    licence: 'CC BY 4.0: RouteViews (routeviews.org), NRO (nro.net), DB-IP IP to ASN Lite (db-ip.com)',
    counts: {
      csvRowsIpv4: v4.rows,
      csvRowsIpv6: v6Rows.rows,
      overlapsResolved: v4.overlaps + v6Rows.overlaps,
      ipv6RowsNotOn64Boundary: v6.oddRows,
      ipv4Ranges: v4Table.starts.length,
      ipv6Ranges: v6Table.starts.length,
      autonomousSystems: as.numbers.length,
      organisations: as.orgs.length,
    },
  };
  const orgBytes = as.orgs.map((o) => Buffer.from(o, 'utf8'));
  const orgOffsets = new Uint32Array(orgBytes.length + 1);
  for (let i = 0; i < orgBytes.length; i++) orgOffsets[i + 1] = orgOffsets[i] + orgBytes[i].length;
  const sections = {
    ipv4Starts: Uint32Array.from(v4Table.starts, Number),
    ipv4As: Uint32Array.from(v4Table.indexes),
    ipv6Starts: BigUint64Array.from(v6Table.starts),
    ipv6As: Uint32Array.from(v6Table.indexes),
    asNumbers: Uint32Array.from(as.numbers),
    asOrg: Uint32Array.from(as.orgIndexes),
    orgOffsets,
    orgBytes: Buffer.concat(orgBytes),
  };
  const bytes = serialise(header, sections);
  mkdirSync(dirname(output), { recursive: true });
  // Written aside and renamed, so a reader (or a second build running at once) never sees half a file.
  const partial = `${output}.${process.pid}.tmp`;
  writeFileSync(partial, bytes);
  renameSync(partial, output);

  const ms = Math.round(performance.now() - started);
  const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;
  const csvBytes = statSync(inputs[1]).size + statSync(inputs[2]).size;
  console.log(
    `asn-table: ${mb(bytes.length)} from ${mb(csvBytes)} of CSV (${pkg.version}): ` +
      `${header.counts.ipv4Ranges} IPv4 + ${header.counts.ipv6Ranges} IPv6 ranges, ` +
      `${header.counts.autonomousSystems} ASes, ${ms} ms`,
  );
  return output;
}

/** Up to date: newer than every input, and built in this format from this version of the package. */
function isUpToDate(output, inputs, version) {
  try {
    const built = statSync(output).mtimeMs;
    if (!inputs.every((input) => statSync(input).mtimeMs < built)) return false;
    const head = Buffer.alloc(64 * 1024);
    const fd = openSync(output, 'r');
    const read = readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    if (head.toString('latin1', 0, 8) !== MAGIC) return false;
    const header = JSON.parse(head.toString('utf8', 12, Math.min(read, 12 + head.readUInt32LE(8))));
    return header.version === FORMAT_VERSION && header.source?.version === version;
  } catch {
    return false;
  }
}

/** Deduplicated ASes and organisation strings. An AS keeps the first organisation named for it (in this data
 * every ASN has exactly one). */
class AsTable {
  numbers = [0];
  orgIndexes = [0];
  orgs = [''];
  byAsn = new Map([[0, 0]]);
  orgIndex = new Map([['', 0]]);

  indexOf(asn, org) {
    let index = this.byAsn.get(asn);
    if (index !== undefined) return index;
    let o = this.orgIndex.get(org);
    if (o === undefined) {
      o = this.orgs.length;
      this.orgs.push(org);
      this.orgIndex.set(org, o);
    }
    index = this.numbers.length;
    this.numbers.push(asn);
    this.orgIndexes.push(o);
    this.byAsn.set(asn, index);
    return index;
  }
}

/** Rows `start,end,asn,organisation` (inclusive, addresses as decimal integers; organisation CSV-quoted). */
function readRows(path, as) {
  const ranges = [];
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    if (line.length === 0) continue;
    const a = line.indexOf(',');
    const b = line.indexOf(',', a + 1);
    const c = line.indexOf(',', b + 1);
    if (c < 0) throw new Error(`${path}: not a start,end,asn,organisation row: ${line}`);
    let org = line.slice(c + 1);
    if (org.startsWith('"')) org = org.slice(1, -1).replaceAll('""', '"');
    const start = BigInt(line.slice(0, a));
    const end = BigInt(line.slice(a + 1, b));
    const asn = Number(line.slice(b + 1, c));
    if (end < start || !Number.isInteger(asn)) throw new Error(`${path}: bad row: ${line}`);
    ranges.push({ start, end, index: as.indexOf(asn, org) });
  }
  return ranges;
}

/**
 * Sorted, non-overlapping ranges. Where two rows overlap (once in the IPv4 data of 2026-06: 215.0.0.0/16 ends one
 * DoD row and starts the next) the later-starting row wins, which for nested prefixes is the more specific one,
 * and an enclosing row resumes after it.
 */
function normalise(rows) {
  const sorted = rows.map((r, i) => ({ ...r, i })).sort((x, y) => cmp(x.start, y.start) || x.i - y.i);
  const ranges = [];
  let overlaps = 0;
  for (const row of sorted) {
    const last = ranges.at(-1);
    if (last !== undefined && row.start <= last.end) {
      overlaps++;
      const tail = last.end > row.end ? { start: row.end + 1n, end: last.end, index: last.index } : null;
      last.end = row.start - 1n;
      if (last.end < last.start) ranges.pop();
      ranges.push({ start: row.start, end: row.end, index: row.index });
      if (tail) ranges.push(tail);
    } else ranges.push({ start: row.start, end: row.end, index: row.index });
  }
  return { ranges, rows: rows.length, overlaps };
}

/**
 * IPv6 ranges as ranges of /64s. Almost every row is whole /64s; the few that are not (DB-IP punches single
 * anycast addresses out of larger blocks) share a /64 with their neighbours, and the /64 goes to whichever row
 * covers most of it, so the odd single address never hides the block around it.
 */
function toPrefixes64({ ranges }) {
  const out = [];
  let oddRows = 0;
  const add = (from, to, index, cover) => {
    const last = out.at(-1);
    if (last !== undefined && from === last.end) {
      // Both are parts of one shared /64 (rows do not overlap, so nothing else can share one).
      if (cover > last.cover) Object.assign(last, { index, cover });
      if (to > from) out.push({ start: from + 1n, end: to, index, cover: UNIT64 });
      return;
    }
    out.push({ start: from, end: to, index, cover });
  };
  for (const { start, end, index } of ranges) {
    const first = start >> 64n;
    const last = end >> 64n;
    const ragged = (start & MASK64) !== 0n || (end & MASK64) !== MASK64;
    if (ragged) oddRows++;
    if (first === last) {
      add(first, first, index, end - start + 1n);
      continue;
    }
    let from = first;
    let to = last;
    if ((start & MASK64) !== 0n) {
      add(first, first, index, UNIT64 - (start & MASK64));
      from = first + 1n;
    }
    const lastPartial = (end & MASK64) !== MASK64;
    if (lastPartial) to = last - 1n;
    if (from <= to) add(from, to, index, UNIT64);
    if (lastPartial) add(last, last, index, (end & MASK64) + 1n);
  }
  return { ranges: out, oddRows };
}

/** Starts only: gaps become ranges of AS 0, and neighbours with the same AS become one range. */
function fillAndMerge(ranges, top) {
  const starts = [];
  const indexes = [];
  const push = (start, index) => {
    if (indexes.at(-1) === index) return;
    starts.push(start);
    indexes.push(index);
  };
  let next = 0n;
  for (const { start, end, index } of ranges) {
    if (start > next) push(next, 0);
    push(start, index);
    next = end + 1n;
  }
  if (next <= top) push(next, 0);
  return { starts, indexes };
}

function serialise(header, sections) {
  if (endianness() !== 'LE')
    throw new Error('asn-table is written little-endian; build it on a little-endian machine');
  const align = (n) => Math.ceil(n / 8) * 8;
  const entries = Object.entries(sections);
  // The header holds the section offsets, which depend on the header's length: grow its room until it fits.
  let dataStart = 16;
  let layout;
  let headerBytes;
  for (;;) {
    layout = {};
    let offset = dataStart;
    for (const [name, array] of entries) {
      layout[name] = { offset, length: array.length };
      offset = align(offset + array.byteLength);
    }
    headerBytes = Buffer.from(JSON.stringify({ ...header, sections: layout }), 'utf8');
    const needed = align(12 + headerBytes.length);
    if (needed <= dataStart) break;
    dataStart = needed;
  }
  const [lastName, lastArray] = entries[entries.length - 1];
  const out = Buffer.alloc(align(layout[lastName].offset + lastArray.byteLength));
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(headerBytes.length, 8);
  headerBytes.copy(out, 12);
  for (const [name, array] of entries) {
    Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(out, layout[name].offset);
  }
  return out;
}

function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildAsnTable({ force: process.argv.includes('--force') });
}
