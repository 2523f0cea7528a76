import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contains,
  formatIp,
  type IpFamily,
  parseCidr,
  parseIp,
  tryParseIp,
} from '../../shared/schema/cidr.js';

const BITS = { 4: 32, 6: 128 } as const;

/** A random block of the family: a random network with its host bits cleared. */
const block = (family: IpFamily) =>
  fc
    .record({
      prefix: fc.integer({ min: 0, max: BITS[family] }),
      bits: fc.bigInt({ min: 0n, max: (1n << BigInt(BITS[family])) - 1n }),
      host: fc.bigInt({ min: 0n, max: (1n << BigInt(BITS[family])) - 1n }),
    })
    .map(({ prefix, bits, host }) => {
      const hostBits = BigInt(BITS[family] - prefix);
      const network = (bits >> hostBits) << hostBits;
      return { family, prefix, network, host: host & ((1n << hostBits) - 1n) };
    });

describe('parseCidr', () => {
  it('reads IPv4 and IPv6 blocks, with "::" compression', () => {
    // Prepare / Act
    const v4 = parseCidr('203.0.113.0/24');
    const v6 = parseCidr('2001:db8::/32');
    const all = parseCidr('::/0');
    // Assess
    expect(v4).toEqual({ family: 4, network: 0xcb007100n, prefix: 24 });
    expect(v6).toEqual({ family: 6, network: 0x20010db8n << 96n, prefix: 32 });
    expect(all).toEqual({ family: 6, network: 0n, prefix: 0 });
  });

  it('reads an IPv4-mapped block as the IPv4 block it holds', () => {
    expect(parseCidr('::ffff:192.0.2.0/120')).toEqual(parseCidr('192.0.2.0/24'));
  });

  it.each([
    ['203.0.113.0/33', '"203.0.113.0/33": prefix must be 0..32'],
    ['2001:db8::/129', '"2001:db8::/129": prefix must be 0..128'],
    ['203.0.113.0/-1', '"203.0.113.0/-1": prefix must be 0..32'],
    ['203.0.113.0/', '"203.0.113.0/": prefix must be 0..32'],
    ['203.0.113.7', 'must be "address/prefix"'],
    ['203.0.113.7/24', 'host bits are set; the block is 203.0.113.0/24'],
    ['203.0.113.256/32', '"256" is not a number 0..255'],
    ['203.0.113.07/32', 'without leading zeros'],
    ['203.0.113/24', 'four dot-separated numbers'],
    ['2001:db8::1::/64', '"::" may appear only once'],
    ['2001:db8:0:0:0:0:0/64', 'eight groups'],
    ['2001:db8:0:0:0:0:0:0:0/64', 'eight groups'],
    ['2001:db8:0:0:0:0:0::0/64', 'too many groups'],
    ['2001:dg8::/32', '"dg8" is not an IPv6 group'],
    ['fe80::%eth0/64', 'zone identifiers'],
    ['1.2.3.4::/64', '"1.2.3.4" is not an IPv6 group'],
    ['::ffff:192.0.2.0/95', 'IPv4-mapped block needs a prefix of 96..128'],
  ])('refuses %s, saying why', (text, message) => {
    expect(() => parseCidr(text)).toThrow(message);
  });
});

describe('parseIp', () => {
  it('reads compressed, full and mixed IPv6 spellings as one address', () => {
    const spellings = ['2001:db8::1', '2001:DB8:0:0:0:0:0:1', '2001:0db8:0000::0001', '2001:db8::0.0.0.1'];
    const values = spellings.map((s) => parseIp(s).value);
    expect(new Set(values).size).toBe(1);
  });

  it('reads an IPv4-mapped IPv6 address as the IPv4 client it is', () => {
    expect(parseIp('::ffff:192.0.2.7')).toEqual(parseIp('192.0.2.7'));
    expect(parseIp('::FFFF:c000:0207')).toEqual({ family: 4, value: 0xc0000207n });
  });

  it('answers null from tryParseIp rather than throwing', () => {
    expect(tryParseIp('not an address')).toBeNull();
    expect(tryParseIp('')).toBeNull();
    expect(() => parseIp('300.1.1.1')).toThrow('"300.1.1.1": "300" is not a number 0..255');
  });

  it('reads back every address it formats', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<IpFamily>(4, 6),
        fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }),
        (family, n) => {
          const value = family === 4 ? n & 0xffffffffn : n;
          // Mapped IPv6 values read back as IPv4 by design; compare the address they stand for.
          const expected = tryParseIp(formatIp({ family, value }));
          expect(expected).not.toBeNull();
          if (family === 4 || value >> 32n !== 0xffffn) expect(expected).toEqual({ family, value });
        },
      ),
    );
  });
});

describe('contains', () => {
  it('finds an address inside its block and not outside', () => {
    const acme = parseCidr('203.0.113.0/24');
    expect(contains(acme, '203.0.113.0')).toBe(true);
    expect(contains(acme, '203.0.113.255')).toBe(true);
    expect(contains(acme, '203.0.114.0')).toBe(false);
    expect(contains(acme, '::ffff:203.0.113.9')).toBe(true);
    expect(contains(parseCidr('2001:db8::/32'), '2001:db8:ffff::1')).toBe(true);
    expect(contains(parseCidr('2001:db8::/32'), '2001:db9::1')).toBe(false);
  });

  it('never matches across families, nor text that is no address', () => {
    expect(contains(parseCidr('::/0'), '192.0.2.1')).toBe(false);
    expect(contains(parseCidr('0.0.0.0/0'), '2001:db8::1')).toBe(false);
    expect(contains(parseCidr('0.0.0.0/0'), 'garbage')).toBe(false);
  });

  it('contains every address built inside a block', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<IpFamily>(4, 6).chain((f) => block(f)),
        ({ family, prefix, network, host }) => {
          // Prepare: the block as text, and an address in it written as text too.
          const cidr = parseCidr(`${formatIp({ family, value: network })}/${prefix}`);
          const inside = formatIp({ family, value: network | host });
          // Act / Assess
          if (family === 6 && (network | host) >> 32n === 0xffffn) return; // read back as IPv4 by design
          expect(contains(cidr, inside)).toBe(true);
        },
      ),
    );
  });

  it('contains no address that differs from the block in a prefix bit', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<IpFamily>(4, 6).chain((f) => block(f).filter((b) => b.prefix > 0)),
        fc.nat(),
        ({ family, prefix, network, host }, pick) => {
          const cidr = { family, network, prefix };
          const flipped = 1n << BigInt(BITS[family] - 1 - (pick % prefix));
          expect(contains(cidr, { family, value: (network | host) ^ flipped })).toBe(false);
        },
      ),
    );
  });
});
