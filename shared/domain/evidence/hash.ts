/**
 * cyrb53: a fast, well-mixed 53-bit string hash. Used to pick a deterministic, order-independent sample of each
 * contractor's events (bottom-k by hash) and to recognise duplicate event ids inside it; 53 bits keep accidental
 * collisions between distinct ids of one contractor below one in a billion.
 */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** 2^53: hashes are uniform in [0, HASH_SPACE). */
export const HASH_SPACE = 9007199254740992;

/** A well-mixed 53-bit hash of a whole number (an hour slot, say), for sampling keys that are not strings. */
export function hashInteger(value: number, seed = 0): number {
  const low = value >>> 0;
  const high = Math.floor(value / 4294967296) >>> 0;
  let h1 = Math.imul(0xdeadbeef ^ seed ^ low, 2654435761);
  let h2 = Math.imul(0x41c6ce57 ^ seed ^ high, 1597334677);
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  h1 = Math.imul(h1 ^ (h1 >>> 15), 2654435761) ^ h2;
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
