import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalIp } from '../../shared/domain/networks/ip-text.js';
import { tryParseIp } from '../../shared/schema/cidr.js';

describe('canonicalIp', () => {
  it('spells one address one way, so sign-ins from it are compared as one', () => {
    expect(canonicalIp('2001:DB8:0:0::1')).toBe('2001:db8::1');
    expect(canonicalIp('2001:0db8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(canonicalIp('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(canonicalIp('2001:0:0:1:0:0:0:1')).toBe('2001:0:0:1::1');
    expect(canonicalIp('81.2.69.160')).toBe('81.2.69.160');
  });

  it('keeps the address (same number), and is idempotent', () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const canonical = canonicalIp(ip);
        expect(tryParseIp(canonical)).toEqual(tryParseIp(ip));
        expect(canonicalIp(canonical)).toBe(canonical);
      }),
    );
  });
});
