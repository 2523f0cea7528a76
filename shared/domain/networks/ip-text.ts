/**
 * One spelling per address, so that the same address written two ways (`2001:DB8:0::1`, `2001:db8::1`,
 * `::ffff:192.0.2.7` for an IPv4 client seen through a dual-stack proxy) counts as one when sign-ins are compared
 * across contractors. IPv6 follows RFC 5952 (lower case, longest zero run compressed). Expects a valid address.
 */
export function canonicalIp(ip: string): string {
  if (!ip.includes(':')) return ip;
  const groups = ipv6Groups(ip.toLowerCase());
  if (groups === null) return ip.toLowerCase();
  // IPv4-mapped (::ffff:a.b.c.d): the client is an IPv4 one.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const hi = groups[6] ?? 0;
    const lo = groups[7] ?? 0;
    return `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  }
  return formatIpv6(groups);
}

function ipv6Groups(text: string): number[] | null {
  // A trailing dotted quad is the last two groups: rewrite it in hex first.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  const hexText = dotted
    ? `${text.slice(0, dotted.index)}${((Number(dotted[1]) << 8) | Number(dotted[2])).toString(16)}:${((Number(dotted[3]) << 8) | Number(dotted[4])).toString(16)}`
    : text;
  const [head = '', rest, more] = hexText.split('::');
  if (more !== undefined) return null;
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (rest === undefined && missing !== 0)) return null;
  const groups = [...left, ...new Array<number>(missing).fill(0), ...right];
  return groups.some((g) => Number.isNaN(g)) ? null : groups;
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
