import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BottomKSample } from '../../shared/domain/evidence/bottom-k-sample.js';
import { hash53 } from '../../shared/domain/evidence/hash.js';

function sampleOf(ids: readonly string[], capacity: number): BottomKSample {
  const sample = new BottomKSample(capacity, 1, 4);
  ids.forEach((id, i) => {
    sample.offer(hash53(id), i);
  });
  return sample;
}

function heldHashes(ids: readonly string[], capacity: number): number[] {
  const sample = sampleOf(ids, capacity);
  const held = new Set(sample.column(0));
  return [...new Set(ids.filter((_id, i) => held.has(i)).map((id) => hash53(id)))].sort((a, b) => a - b);
}

describe('BottomKSample', () => {
  it('holds every distinct event exactly while below capacity, counting duplicates once', () => {
    // Prepare
    const ids = ['a', 'b', 'c', 'a', 'b', 'd'];

    // Act
    const sample = sampleOf(ids, 100);

    // Assess
    expect(sample.length).toBe(4);
    expect(sample.isExact).toBe(true);
    expect(sample.estimatedDistinct()).toBe(4);
  });

  it('keeps at most its capacity and estimates the distinct count beyond it', () => {
    // Prepare
    const ids = Array.from({ length: 20_000 }, (_, i) => `event-${i}`);

    // Act
    const sample = sampleOf(ids, 512);

    // Assess
    expect(sample.length).toBe(512);
    expect(sample.isExact).toBe(false);
    expect(Math.abs(sample.estimatedDistinct() - 20_000) / 20_000).toBeLessThan(0.15);
  });

  it('keeps the same events whatever the order and however often they repeat', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer(),
        (ids, capacity, seed) => {
          // Prepare: a shuffled copy with every id repeated
          const shuffled = [...ids, ...ids].sort((x, y) => hash53(x, seed) - hash53(y, seed));

          // Act
          const a = heldHashes(ids, capacity);
          const b = heldHashes(shuffled, capacity);

          // Assess: identical membership, equal to the bottom-k of the distinct hashes
          const expected = [...new Set(ids.map((id) => hash53(id)))].sort((x, y) => x - y).slice(0, capacity);
          expect(a).toEqual(expected);
          expect(b).toEqual(expected);
        },
      ),
    );
  });
});
