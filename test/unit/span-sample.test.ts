import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashInteger } from '../../shared/domain/evidence/hash.js';
import { type Span, SpanSample } from '../../shared/domain/evidence/span-sample.js';

interface Offer {
  key: number;
  at: number;
  flags: number;
}

function sampleOf(offers: readonly Offer[], capacity: number): Span[] {
  const sample = new SpanSample(capacity);
  for (const o of offers) sample.offer(hashInteger(o.key), o.key, o.at, o.flags);
  return sample.spans().sort((a, b) => a.ref - b.ref);
}

const offers = fc.array(
  fc.record({
    key: fc.integer({ min: 0, max: 60 }),
    at: fc.integer({ min: 0, max: 1e9 }),
    flags: fc.constantFrom(1, 2),
  }),
  { maxLength: 300 },
);

describe('SpanSample', () => {
  it('remembers each key’s first and last sighting and every flag it carried', () => {
    const spans = sampleOf(
      [
        { key: 7, at: 500, flags: 2 },
        { key: 7, at: 100, flags: 1 },
        { key: 7, at: 300, flags: 1 },
        { key: 9, at: 50, flags: 1 },
      ],
      10,
    );
    expect(spans).toEqual([
      { ref: 7, first: 100, last: 500, flags: 3 },
      { ref: 9, first: 50, last: 50, flags: 1 },
    ]);
  });

  it('gives the same spans whatever the order of the input, and repeats change nothing', () => {
    fc.assert(
      fc.property(offers, fc.integer({ min: 1, max: 40 }), (input, capacity) => {
        const reversed = [...input].reverse();
        const repeated = [...input, ...input.slice(0, input.length >> 1)];
        expect(sampleOf(reversed, capacity)).toEqual(sampleOf(input, capacity));
        expect(sampleOf(repeated, capacity)).toEqual(sampleOf(input, capacity));
      }),
    );
  });

  it('keeps at most its capacity, choosing the keys with the smallest hashes', () => {
    fc.assert(
      fc.property(offers, fc.integer({ min: 1, max: 20 }), (input, capacity) => {
        const kept = sampleOf(input, capacity).map((s) => s.ref);
        const distinct = [...new Set(input.map((o) => o.key))];
        const expected = distinct.sort((a, b) => hashInteger(a) - hashInteger(b)).slice(0, capacity);
        expect(kept.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
      }),
    );
  });
});
