import { formatIp, tryParseIp } from '../../schema/cidr.js';

/**
 * One spelling per address, so that the same address written two ways (`2001:DB8:0::1`, `2001:db8::1`,
 * `::ffff:192.0.2.7` for an IPv4 client seen through a dual-stack proxy) counts as one when sign-ins are compared
 * across contractors. IPv6 follows RFC 5952 (lower case, longest zero run compressed). Expects a valid address.
 */
export function canonicalIp(ip: string): string {
  if (!ip.includes(':')) return ip;
  const address = tryParseIp(ip);
  if (address === null) return ip.toLowerCase();
  // IPv4-mapped (::ffff:a.b.c.d) parses as the IPv4 client it is.
  if (address.family === 4) return formatIp(address);
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((address.value >> shift) & 0xffffn));
  return formatIpv6(groups);
}

function formatIpv6(groups: number[]): string {
  // The longest run of two or more zero groups (the first on a tie) becomes "::".
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
