/**
 * Address blocks the example contractors sign in from: public allocations of real providers in each country
 * (residential ISPs, mobile carriers' CGNAT pools, hosting/VPS ranges that commercial VPN exits live in).
 * Each block was checked against the databases Daylight ships (DB-IP Lite city, the RouteViews/NRO/DB-IP ASN
 * table): its addresses geolocate to the stated country and belong to the stated provider's ASN (a test holds
 * this). North Korea's 175.45.178.0/24 is left out: DB-IP places it in Milan.
 */
import type { Random } from './random.js';

export type NetworkKind = 'residential' | 'mobile' | 'hosting';

export interface NetBlock {
  cidr: string;
  country: string;
  provider: string;
  kind: NetworkKind;
}

const block = (cidr: string, country: string, provider: string, kind: NetworkKind): NetBlock => ({
  cidr,
  country,
  provider,
  kind,
});

export const NET = {
  usComcast: block('73.0.0.0/8', 'US', 'Comcast', 'residential'),
  usComcastV6: block('2601::/20', 'US', 'Comcast', 'residential'),
  usAtt: block('23.112.0.0/12', 'US', 'AT&T', 'residential'),
  usTmobile: block('172.56.0.0/15', 'US', 'T-Mobile US', 'mobile'),
  usTmobileV6: block('2607:fb90::/34', 'US', 'T-Mobile US', 'mobile'),
  usVerizonWireless: block('174.192.0.0/10', 'US', 'Verizon Wireless', 'mobile'),
  usSpectrumHawaii: block('66.91.0.0/16', 'US', 'Spectrum', 'residential'),
  usDigitalOcean: block('104.131.0.0/16', 'US', 'DigitalOcean', 'hosting'),
  usAws: block('3.80.0.0/12', 'US', 'Amazon AWS', 'hosting'),
  usLinode: block('173.255.192.0/18', 'US', 'Linode', 'hosting'),
  caRogers: block('99.224.0.0/11', 'CA', 'Rogers', 'residential'),
  caBell: block('70.24.0.0/13', 'CA', 'Bell Canada', 'residential'),
  mxTelmex: block('187.132.0.0/14', 'MX', 'Telmex (Uninet)', 'residential'),
  brClaro: block('179.136.0.0/13', 'BR', 'Claro NXT', 'residential'),
  gbBt: block('86.128.0.0/10', 'GB', 'BT', 'residential'),
  gbBtV6: block('2a00:23c0::/29', 'GB', 'BT', 'residential'),
  gbVodafone: block('148.252.128.0/18', 'GB', 'Vodafone UK', 'mobile'),
  deTelekom: block('79.192.0.0/10', 'DE', 'Deutsche Telekom', 'residential'),
  deTelekomV6: block('2003::/19', 'DE', 'Deutsche Telekom', 'residential'),
  deTelekomMobile: block('80.187.0.0/16', 'DE', 'Telekom Mobile', 'mobile'),
  deAwsFrankfurt: block('18.156.0.0/14', 'DE', 'Amazon AWS Frankfurt', 'hosting'),
  ieEir: block('51.171.0.0/16', 'IE', 'Eir', 'residential'),
  ieAws: block('34.240.0.0/12', 'IE', 'Amazon AWS Ireland', 'hosting'),
  deHetzner: block('88.198.0.0/16', 'DE', 'Hetzner', 'hosting'),
  deHetzner2: block('78.46.0.0/15', 'DE', 'Hetzner', 'hosting'),
  ptMeo: block('85.240.0.0/13', 'PT', 'MEO', 'residential'),
  ptNos: block('89.152.0.0/14', 'PT', 'NOS', 'residential'),
  plOrange: block('83.0.0.0/11', 'PL', 'Orange Polska', 'residential'),
  jpSoftbank: block('126.0.0.0/12', 'JP', 'SoftBank BB', 'residential'),
  jpNttV6: block('2400:4050::/30', 'JP', 'NTT OCN', 'residential'),
  jpKddiMobile: block('106.128.0.0/13', 'JP', 'KDDI au', 'mobile'),
  jpAws: block('13.112.0.0/14', 'JP', 'Amazon AWS Tokyo', 'hosting'),
  krKt: block('121.128.0.0/10', 'KR', 'KT', 'residential'),
  krSkt: block('223.32.0.0/11', 'KR', 'SK Telecom', 'mobile'),
  inAirtel: block('122.160.0.0/12', 'IN', 'Bharti Airtel', 'residential'),
  inJio: block('49.32.0.0/13', 'IN', 'Reliance Jio', 'mobile'),
  inJioV6: block('2409:4000::/22', 'IN', 'Reliance Jio', 'mobile'),
  npWorldlink: block('27.34.0.0/17', 'NP', 'WorldLink', 'residential'),
  npNtcMobile: block('113.199.128.0/17', 'NP', 'Nepal Telecom', 'mobile'),
  sgSingnet: block('116.14.0.0/15', 'SG', 'SingNet', 'residential'),
  vnViettel: block('27.64.0.0/12', 'VN', 'Viettel', 'residential'),
  vnVnpt: block('113.160.0.0/11', 'VN', 'VNPT', 'mobile'),
  keSafaricom: block('41.90.128.0/19', 'KE', 'Safaricom', 'residential'),
  keSafaricomMobile: block('105.160.0.0/13', 'KE', 'Safaricom', 'mobile'),
  auTelstra: block('1.120.0.0/13', 'AU', 'Telstra', 'residential'),
  auTelstraMobile: block('101.160.0.0/14', 'AU', 'Telstra', 'mobile'),
  auTelstraV6: block('2001:8003::/32', 'AU', 'Telstra', 'residential'),
  nzSpark: block('125.236.0.0/14', 'NZ', 'Spark', 'residential'),
  cnUnicomLiaoning: block('60.16.0.0/13', 'CN', 'China Unicom Liaoning', 'residential'),
  cnTelecomShanghai: block('116.224.0.0/12', 'CN', 'China Telecom Shanghai', 'residential'),
  cnMobile: block('183.192.0.0/10', 'CN', 'China Mobile', 'mobile'),
  kpStarJv: block('175.45.176.0/23', 'KP', 'Star JV', 'residential'),
  ruMegafon: block('31.173.0.0/16', 'RU', 'MegaFon', 'mobile'),
} as const satisfies Record<string, NetBlock>;

/**
 * The example client's own corporate VPN: a small range of its AWS Frankfurt egress, listed in the example's
 * networks.json so that sign-ins through it are neither anonymising nor a location.
 */
export const CLIENT_CORPORATE_VPN: NetBlock = {
  ...NET.deAwsFrankfurt,
  cidr: '18.157.64.0/26',
  provider: 'Example client VPN',
};

/** An agency's VPN on AWS Ireland that the client never allowlisted: a VPN, but one weak signal on its own. */
export const AGENCY_VPN: NetBlock = { ...NET.ieAws, cidr: '34.248.12.0/27', provider: 'Agency VPN' };

/** Commercial VPN exits a deceptive contractor rotates through to look as if they sign in from the US. */
export const US_VPN_EXITS: readonly NetBlock[] = [NET.usDigitalOcean, NET.usAws, NET.usLinode];

/** A narrower block inside `parent` (a household's /24, a phone's /64) picked once per contractor. */
export function subBlock(parent: NetBlock, prefix: number, random: Random): NetBlock {
  const [base, size] = parseCidr(parent.cidr);
  const isV6 = parent.cidr.includes(':');
  const bits = isV6 ? 128 : 32;
  if (prefix <= size) return parent;
  const chosen = base | (randomBits(random, prefix - size) << BigInt(bits - prefix));
  return { ...parent, cidr: `${isV6 ? formatV6(chosen) : formatV4(chosen)}/${prefix}` };
}

/** One address inside the block, never the network or broadcast address of a /24. */
export function addressIn(net: NetBlock, random: Random): string {
  const [base, size] = parseCidr(net.cidr);
  const isV6 = net.cidr.includes(':');
  const hostBits = (isV6 ? 128 : 32) - size;
  if (isV6) return formatV6(base | randomBits(random, hostBits));
  let host = randomBits(random, hostBits);
  const low = host & 0xffn;
  if (low === 0n || low === 0xffn) host = (host & ~0xffn) | BigInt(random.int(1, 254));
  return formatV4(base | host);
}

function randomBits(random: Random, count: number): bigint {
  let value = 0n;
  for (let left = count; left > 0; left -= 16) {
    const take = Math.min(16, left);
    value = (value << BigInt(take)) | BigInt(random.int(0, 2 ** take - 1));
  }
  return value;
}

function parseCidr(cidr: string): [bigint, number] {
  const [address = '', prefix = ''] = cidr.split('/');
  return [address.includes(':') ? parseV6(address) : parseV4(address), Number(prefix)];
}

function parseV4(address: string): bigint {
  return address.split('.').reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

function parseV6(address: string): bigint {
  const [head = '', tail = ''] = address.split('::');
  const headParts = head === '' ? [] : head.split(':');
  const tailParts = tail === '' ? [] : tail.split(':');
  const parts = [...headParts, ...Array(8 - headParts.length - tailParts.length).fill('0'), ...tailParts];
  return parts.reduce(
    (value: bigint, part: string) => (value << 16n) | BigInt(Number.parseInt(part, 16)),
    0n,
  );
}

function formatV4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => Number((value >> shift) & 0xffn)).join('.');
}

function formatV6(value: bigint): string {
  const groups: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((value >> shift) & 0xffffn).toString(16));
  return groups.join(':');
}
