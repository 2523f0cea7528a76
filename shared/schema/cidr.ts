/**
 * IP addresses and CIDR blocks as numbers, for allowlists. Addresses are bigints (IPv6 needs 128 bits); an
 * IPv4-mapped IPv6 address (`::ffff:192.0.2.7`, what a dual-stack proxy reports for an IPv4 client) is the IPv4
 * address it carries, so it matches IPv4 blocks. Parsing is strict and every error names the text and the rule
 * it broke, because these strings come from hand-written policy files.
 */

export type IpFamily = 4 | 6;

export interface IpAddress {
  family: IpFamily;
  value: bigint;
}

export interface Cidr {
  family: IpFamily;
  /** The first address of the block (host bits zero). */
  network: bigint;
  prefix: number;
}

export class CidrError extends Error {
  override name = 'CidrError';
}

const BITS: Record<IpFamily, number> = { 4: 32, 6: 128 };
/** ::ffff:0:0/96, the IPv4-mapped block. */
const MAPPED_V4 = 0xffffn << 32n;
const DECIMAL_OCTET = /^(0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

/** The address, or a CidrError saying what is wrong with it. */
export function parseIp(text: string): IpAddress {
  const problem = ipProblem(text);
  if (typeof problem === 'string') throw new CidrError(`"${text}": ${problem}`);
  return problem;
}

/** The address, or null when the text is not one. */
export function tryParseIp(text: string): IpAddress | null {
  const parsed = ipProblem(text);
  return typeof parsed === 'string' ? null : parsed;
}

/** A block written `address/prefix`, e.g. "203.0.113.0/24" or "2001:db8::/32". */
export function parseCidr(text: string): Cidr {
  const slash = text.indexOf('/');
  if (slash < 0)
    throw new CidrError(`"${text}": must be "address/prefix", e.g. "203.0.113.0/24" (/32 for one address)`);
  const addressText = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const address = ipProblem(addressText);
  if (typeof address === 'string') throw new CidrError(`"${text}": ${address}`);
  // A mapped block (::ffff:192.0.2.0/120) is written in IPv6 but holds IPv4 addresses.
  const writtenFamily: IpFamily = addressText.includes(':') ? 6 : 4;
  const max = BITS[writtenFamily];
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max)
    throw new CidrError(`"${text}": prefix must be 0..${max}`);
  let prefix = Number(prefixText);
  if (writtenFamily === 6 && address.family === 4) {
    if (prefix < 96) throw new CidrError(`"${text}": an IPv4-mapped block needs a prefix of 96..128`);
    prefix -= 96;
  }
  const hostBits = BigInt(BITS[address.family] - prefix);
  const network = (address.value >> hostBits) << hostBits;
  if (network !== address.value)
    throw new CidrError(
      `"${text}": host bits are set; the block is ${formatIp({ family: address.family, value: network })}/${prefix}`,
    );
  return { family: address.family, network, prefix };
}

/** Whether the address lies in the block; an address of the other family never does. */
export function contains(cidr: Cidr, ip: IpAddress | string): boolean {
  const address = typeof ip === 'string' ? tryParseIp(ip) : ip;
  if (address === null || address.family !== cidr.family) return false;
  const hostBits = BigInt(BITS[cidr.family] - cidr.prefix);
  return address.value >> hostBits === cidr.network >> hostBits;
}

/** Dotted quad for IPv4; full lower-case groups for IPv6 (for messages, not for display to users). */
export function formatIp(address: IpAddress): string {
  if (address.family === 4)
    return [24n, 16n, 8n, 0n].map((shift) => String((address.value >> shift) & 0xffn)).join('.');
  const groups: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n)
    groups.push(((address.value >> shift) & 0xffffn).toString(16));
  return groups.join(':');
}

function ipProblem(text: string): IpAddress | string {
  if (text.includes(':')) {
    const value = parseV6(text);
    if (typeof value === 'string') return value;
    if ((value >> 32n) << 32n === MAPPED_V4) return { family: 4, value: value & 0xffffffffn };
    return { family: 6, value };
  }
  const value = parseV4(text);
  return typeof value === 'string' ? value : { family: 4, value };
}

function parseV4(text: string): bigint | string {
  const parts = text.split('.');
  if (parts.length !== 4) return 'an IPv4 address has four dot-separated numbers';
  let value = 0n;
  for (const part of parts) {
    // Leading zeros are refused: some parsers read "010" as octal 8.
    if (!DECIMAL_OCTET.test(part) || Number(part) > 255)
      return `"${part}" is not a number 0..255 (without leading zeros)`;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseV6(text: string): bigint | string {
  if (text.includes('%')) return 'zone identifiers (%…) are not allowed';
  const halves = text.split('::');
  if (halves.length > 2) return '"::" may appear only once';
  const groups: bigint[][] = [];
  for (const [i, half] of halves.entries()) {
    const parsed = parseGroups(half, i === halves.length - 1);
    if (typeof parsed === 'string') return parsed;
    groups.push(parsed);
  }
  const [head = [], tail = []] = groups;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 && missing !== 0) return 'an IPv6 address has eight groups (or "::" for zeros)';
  if (halves.length === 2 && missing < 1) return 'too many groups for "::" to stand for any';
  return [...head, ...new Array<bigint>(missing).fill(0n), ...tail].reduce((v, g) => (v << 16n) | g, 0n);
}

/** The 16-bit groups of one side of "::"; a dotted quad ending the address counts as its last two groups. */
function parseGroups(half: string, endsAddress: boolean): bigint[] | string {
  if (half === '') return [];
  const parts = half.split(':');
  const out: bigint[] = [];
  for (const [i, part] of parts.entries()) {
    if (endsAddress && i === parts.length - 1 && part.includes('.')) {
      const v4 = parseV4(part);
      if (typeof v4 === 'string') return `embedded IPv4 ${v4}`;
      out.push(v4 >> 16n, v4 & 0xffffn);
    } else if (HEX_GROUP.test(part)) out.push(BigInt(`0x${part}`));
    else return `"${part}" is not an IPv6 group (1 to 4 hex digits)`;
  }
  return out;
}
