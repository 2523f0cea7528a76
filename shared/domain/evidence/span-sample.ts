import { HASH_SPACE } from './hash.js';

/** One kept key: what it refers to, when it was first and last seen, and flags OR-ed over its sightings. */
export interface Span {
  ref: number;
  first: number;
  last: number;
  flags: number;
}

/**
 * A bottom-k sample of keys, each remembered as a span: the first and last instant it was seen and the OR of its
 * flags. Like `BottomKSample`, membership depends only on the key's hash, so the result is the same whatever the
 * order of the input, repeats change nothing, and memory is bounded by `capacity`. Used for the addresses and
 * devices a contractor signs in from, where what matters is when each was seen, not how often.
 */
export class SpanSample {
  private readonly rows = new Map<number, Span>();
  /** Once the sample has overflowed, keys at or above this hash can never enter it. */
  private threshold = HASH_SPACE;

  constructor(readonly capacity: number) {}

  /**
   * Offers a sighting of a key; returns its span (which a caller may keep and pass to `extend` for the next
   * sighting of the same key), or undefined when the key can never be in the sample.
   */
  offer(hash: number, ref: number, at: number, flags = 0): Span | undefined {
    if (hash >= this.threshold) return undefined;
    const row = this.rows.get(hash);
    if (row !== undefined) {
      SpanSample.extend(row, at, flags);
      return row;
    }
    const span = { ref, first: at, last: at, flags };
    this.rows.set(hash, span);
    // Prune in batches (a quarter over capacity) so the hot path stays a map lookup.
    if (this.rows.size > this.capacity + (this.capacity >> 2)) this.prune();
    return span;
  }

  /**
   * Another sighting of a span's key. A span pruned since it was returned has a hash that can never re-enter, so
   * extending the detached object is harmless.
   */
  static extend(span: Span, at: number, flags = 0): void {
    if (at < span.first) span.first = at;
    if (at > span.last) span.last = at;
    span.flags |= flags;
  }

  /** Whether every distinct key offered is held. */
  get isExact(): boolean {
    this.prune();
    return this.threshold === HASH_SPACE;
  }

  /** The kept spans with their key hashes, in no particular order. */
  entries(): [number, Span][] {
    this.prune();
    return [...this.rows.entries()];
  }

  /** The kept spans, in no particular order. */
  spans(): Span[] {
    this.prune();
    return [...this.rows.values()];
  }

  /** How many numbers `packInto` writes. */
  packedLength(): number {
    this.prune();
    return 2 + this.rows.size * 5;
  }

  /**
   * Writes the sample into `out` from `at` (size, bar, then hash, ref, first, last, flags per span, in the order
   * they were first seen), so another thread can merge it from one flat array; returns where the next item starts.
   */
  packInto(out: Float64Array, at: number): number {
    this.prune();
    out[at] = this.rows.size;
    out[at + 1] = this.threshold;
    let p = at + 2;
    for (const [hash, span] of this.rows) {
      out[p] = hash;
      out[p + 1] = span.ref;
      out[p + 2] = span.first;
      out[p + 3] = span.last;
      out[p + 4] = span.flags;
      p += 5;
    }
    return p;
  }

  /**
   * Merges a sample packed by `packInto` as if its sightings had come after this one's, its refs translated by
   * `refs` (the other thread's directory numbers to this one's). Returns where the packed sample ends.
   */
  mergePacked(data: Float64Array, at: number, refs: ArrayLike<number>): number {
    const n = data[at] as number;
    this.threshold = Math.min(this.threshold, data[at + 1] as number);
    const end = at + 2 + n * 5;
    for (let p = at + 2; p < end; p += 5) {
      const hash = data[p] as number;
      if (hash >= this.threshold) continue;
      const first = data[p + 2] as number;
      const last = data[p + 3] as number;
      const flags = data[p + 4] as number;
      const row = this.rows.get(hash);
      if (row === undefined)
        this.rows.set(hash, { ref: refs[data[p + 1] as number] as number, first, last, flags });
      else {
        SpanSample.extend(row, first, flags);
        SpanSample.extend(row, last);
      }
    }
    this.prune();
    return end;
  }

  private prune(): void {
    if (this.rows.size <= this.capacity) return;
    const hashes = Float64Array.from(this.rows.keys()).sort();
    for (let i = this.capacity; i < hashes.length; i++) this.rows.delete(hashes[i] as number);
    this.threshold = Math.min(this.threshold, hashes[this.capacity] as number);
  }
}
