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

  private prune(): void {
    if (this.rows.size <= this.capacity) return;
    const hashes = Float64Array.from(this.rows.keys()).sort();
    for (let i = this.capacity; i < hashes.length; i++) this.rows.delete(hashes[i] as number);
    this.threshold = Math.min(this.threshold, hashes[this.capacity] as number);
  }
}
