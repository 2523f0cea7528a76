import { HASH_SPACE } from './hash.js';

/**
 * A bottom-k sample: of all the distinct keys offered, keeps the `capacity` with the smallest hashes, each with up
 * to four numeric columns. Membership depends only on the hash, so the sample is the same whatever the order of the
 * input, a duplicate key (same hash) is kept once, and memory is bounded by capacity: it grows with contractors,
 * never with events. Below capacity it holds every distinct key exactly.
 *
 * Offers are appended to a buffer a quarter larger than the sample and compacted (sorted, de-duplicated, cut to
 * capacity) when it fills, so the hot path does no per-event search or copying.
 */
export class BottomKSample {
  private hashes: Float64Array;
  private values: Float64Array;
  private size = 0;
  private sorted = true;
  /** Once the sample has been full, keys at or above this hash can never enter it. */
  private threshold = HASH_SPACE;

  /**
   * @param keepEarliest when several offers share a key, keep the one with the smallest first column (an instant),
   *   so the result does not depend on the order of the input; otherwise the key is an event id and the rows are
   *   identical anyway.
   */
  constructor(
    readonly capacity: number,
    readonly columns: 1 | 2 | 3 | 4,
    initialSlots = 64,
    private readonly keepEarliest = false,
  ) {
    const slots = Math.min(this.bufferSlots, initialSlots);
    this.hashes = new Float64Array(slots);
    this.values = new Float64Array(slots * columns);
  }

  private get bufferSlots(): number {
    return this.capacity + Math.max(1, this.capacity >> 2);
  }

  /** Offers a key by its hash with its column values (positional: no row array allocated per event). */
  offer(hash: number, a: number, b = Number.NaN, c = Number.NaN, d = Number.NaN): void {
    if (hash >= this.threshold) return;
    if (this.size === this.hashes.length) {
      if (this.hashes.length < this.bufferSlots) this.grow();
      else {
        this.compact();
        if (hash >= this.threshold) return;
      }
    }
    const i = this.size++;
    this.hashes[i] = hash;
    const base = i * this.columns;
    this.values[base] = a;
    if (this.columns > 1) this.values[base + 1] = b;
    if (this.columns > 2) this.values[base + 2] = c;
    if (this.columns > 3) this.values[base + 3] = d;
    this.sorted = false;
  }

  /** Distinct keys held (compacts first). */
  get length(): number {
    this.compact();
    return this.size;
  }

  /** Whether every distinct key ever offered is held, so counts taken from the sample are exact. */
  get isExact(): boolean {
    this.compact();
    return this.threshold === HASH_SPACE;
  }

  /** Column c of row i, rows in hash order (call `length` first). */
  value(i: number, c: number): number {
    return this.values[i * this.columns + c] ?? Number.NaN;
  }

  /** The hash of row i, rows in hash order (call `length` first): what a stored copy must keep to merge again. */
  hash(i: number): number {
    return this.hashes[i] ?? Number.NaN;
  }

  /** One column as an array, in hash order. */
  column(c: number): Float64Array {
    this.compact();
    const out = new Float64Array(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.values[i * this.columns + c] ?? Number.NaN;
    return out;
  }

  /** The hash below which every offered key is held; `HASH_SPACE` while the sample is exact. */
  get limit(): number {
    this.compact();
    return this.threshold;
  }

  /**
   * Holds only keys below `limit` from now on, as a sample whose bar was set elsewhere (a stored copy of a sample
   * that had overflowed): merged samples keep the lowest bar, so their estimates stay unbiased.
   */
  restrictBelow(limit: number): void {
    if (limit >= this.threshold) return;
    this.compact();
    this.threshold = limit;
    let kept = 0;
    for (let i = 0; i < this.size; i++) {
      if ((this.hashes[i] as number) >= limit) break;
      kept++;
    }
    this.size = kept;
  }

  /** Distinct keys offered: exact while below capacity, else the k-minimum-values estimate (±~1/√k). */
  estimatedDistinct(): number {
    this.compact();
    if (this.threshold === HASH_SPACE) return this.size;
    return Math.round((this.size * HASH_SPACE) / this.threshold);
  }

  private compact(): void {
    if (this.sorted) return;
    const n = this.size;
    const hashes = this.hashes;
    const order = sortedOrder(hashes, n);
    const cols = this.columns;
    // Rows are gathered in shared scratch and copied back: compaction allocates nothing once warm.
    const newHashes = scratchFor('hashes', n);
    const newValues = scratchFor('values', n * cols);
    let kept = 0;
    let last = -1;
    for (let r = 0; r < n; r++) {
      const from = order[r] ?? 0;
      const h = hashes[from] ?? 0;
      // Repeats of the last row kept are still read (it may have an earlier repeat): else order would matter.
      if (h !== last && kept === this.capacity) break;
      if (h === last) {
        if (this.precedes(this.values, from * cols, newValues, (kept - 1) * cols))
          for (let c = 0; c < cols; c++)
            newValues[(kept - 1) * cols + c] = this.values[from * cols + c] as number;
        continue;
      }
      last = h;
      newHashes[kept] = h;
      for (let c = 0; c < cols; c++) newValues[kept * cols + c] = this.values[from * cols + c] ?? Number.NaN;
      kept++;
    }
    // When distinct keys overflowed, the first one cut off sets the bar for all later offers.
    if (kept === this.capacity) {
      for (let r = 0; r < n; r++) {
        const h = hashes[order[r] ?? 0] ?? 0;
        if (h > (newHashes[kept - 1] ?? 0)) {
          this.threshold = Math.min(this.threshold, h);
          break;
        }
      }
    }
    this.hashes.set(newHashes.subarray(0, kept));
    this.values.set(newValues.subarray(0, kept * cols));
    this.size = kept;
    this.sorted = true;
  }

  /**
   * Which of two rows sharing a key is kept: the earliest instant (keepEarliest), else the smallest row column by
   * column (NaN last). Either way the choice depends on the rows alone, never on which came first, so even two
   * different events sent under one id give the same sample in any order.
   */
  private precedes(a: Float64Array, i: number, b: Float64Array, j: number): boolean {
    const columns = this.keepEarliest ? 1 : this.columns;
    for (let c = 0; c < columns; c++) {
      const x = a[i + c] as number;
      const y = b[j + c] as number;
      if (x === y || (Number.isNaN(x) && Number.isNaN(y))) continue;
      if (Number.isNaN(x)) return false;
      return Number.isNaN(y) || x < y;
    }
    return false;
  }

  private grow(): void {
    const slots = Math.min(this.bufferSlots, this.hashes.length * 2);
    const hashes = new Float64Array(slots);
    hashes.set(this.hashes);
    const values = new Float64Array(slots * this.columns);
    values.set(this.values);
    this.hashes = hashes;
    this.values = values;
  }
}

/**
 * Row indices in ascending hash order. A comparator sort dominated analysis time, so each hash's high bits and its
 * row index are packed into one double and sorted natively; the rare rows whose high bits tie are then put in
 * full-hash order with a comparator, so the order is exact.
 */
function sortedOrder(hashes: Float64Array, n: number): Uint32Array {
  const scale = 2 ** Math.max(1, Math.ceil(Math.log2(Math.max(2, hashes.length))));
  const keys = scratchFor('keys', n).subarray(0, n);
  for (let i = 0; i < n; i++) keys[i] = Math.floor((hashes[i] as number) / scale) * scale + i;
  keys.sort();
  if (order.length < n) order = new Uint32Array(2 * n);
  for (let r = 0; r < n; r++) order[r] = (keys[r] as number) % scale;
  for (let r = 0; r < n - 1; ) {
    const high = Math.floor((keys[r] as number) / scale);
    let end = r + 1;
    while (end < n && Math.floor((keys[end] as number) / scale) === high) end++;
    if (end - r > 1) {
      const run = order.subarray(r, end);
      run.sort((x, y) => (hashes[x] as number) - (hashes[y] as number) || x - y);
    }
    r = end;
  }
  return order;
}

/** Working memory of `compact` and `sortedOrder`, shared by every sample on this thread (calls never nest). */
const scratch = { hashes: new Float64Array(0), values: new Float64Array(0), keys: new Float64Array(0) };
let order = new Uint32Array(0);

function scratchFor(name: keyof typeof scratch, length: number): Float64Array {
  if (scratch[name].length < length) scratch[name] = new Float64Array(2 * length);
  return scratch[name];
}
