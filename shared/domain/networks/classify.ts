import { type Cidr, contains, type IpAddress, parseCidr, tryParseIp } from '../../schema/cidr.js';
import type { NetworkPolicy } from '../../schema/network-policy.js';
import type { IpLocation } from '../geography/ip-location.js';
import { CATALOG_PROVIDERS } from './catalog.js';
import catalog from './network-catalog.json' with { type: 'json' };
import { ANONYMIZING_KINDS, type NetworkClass, type NetworkKind, RESIDENTIAL } from './network-class.js';

/** The kinds the catalogue may assign; 'residential' is the default and 'corporate' comes only from a policy. */
const CATALOG_KINDS: ReadonlySet<string> = new Set([
  'mobile',
  'hosting',
  'vpn',
  'tor',
  'proxy',
  'security-service',
]);

interface NameRule {
  /** The class to answer, or null for a fallback, whose provider is the organisation's own name. */
  found: NetworkClass | null;
  kind: NetworkKind;
  patterns: readonly string[];
}

function catalogKind(kind: string, where: string): NetworkKind {
  if (!CATALOG_KINDS.has(kind)) throw new Error(`network-catalog.json: ${where}: unknown kind "${kind}"`);
  return kind as NetworkKind;
}

const byAsn = new Map<number, NetworkClass>();
const providerRules: NameRule[] = [];
for (const entry of CATALOG_PROVIDERS) {
  const kind = catalogKind(entry.kind, entry.provider);
  const base = { kind, provider: entry.provider, namedInDprkCases: entry.namedInDprkCases };
  const byNumber = Object.freeze({ ...base, matchedBy: 'asn' as const });
  for (const asn of entry.asns) {
    // Two entries claiming one ASN would make the answer depend on file order.
    if (byAsn.has(asn)) throw new Error(`network-catalog.json: AS${asn} is listed twice`);
    byAsn.set(asn, byNumber);
  }
  if (entry.organizationPatterns?.length)
    providerRules.push({
      found: Object.freeze({ ...base, matchedBy: 'organization' as const }),
      kind,
      patterns: entry.organizationPatterns,
    });
}
const fallbackRules: NameRule[] = catalog.organizationFallbacks.map((f) => ({
  found: null,
  kind: catalogKind(f.kind, 'organizationFallbacks'),
  patterns: f.patterns,
}));

/**
 * Each list of name rules as one case-insensitive regex, one named group per rule, so a name is scanned once
 * whatever the number of rules. Provider names are tried before the generic fallbacks.
 */
function compileRules(rules: readonly NameRule[], prefix: string): RegExp {
  const alternatives = rules.map((rule, i) => {
    for (const p of rule.patterns) new RegExp(p, 'i'); // A broken pattern fails here, naming itself.
    return `(?<${prefix}${i}>${rule.patterns.map((p) => `(?:${p})`).join('|')})`;
  });
  return new RegExp(alternatives.join('|') || '(?!)', 'i');
}

const PROVIDER_NAMES = compileRules(providerRules, 'p');
const FALLBACK_NAMES = compileRules(fallbackRules, 'f');
// A name that also says "telecom", "broadband", "university"… is an access network: no fallback guesses there.
const ACCESS_NETWORK = new RegExp(catalog.accessNetworkPatterns.map((p) => `(?:${p})`).join('|'), 'i');

function matchedRule(pattern: RegExp, rules: readonly NameRule[], name: string): NameRule | null {
  const groups = pattern.exec(name)?.groups;
  if (groups === undefined) return null;
  for (const [key, value] of Object.entries(groups))
    if (value !== undefined) return rules[Number(key.slice(1))] ?? null;
  return null;
}

interface CompiledPolicy {
  blocks: { cidr: Cidr; name: string }[];
  asns: Map<number, string>;
}

// Policies are parsed once per run; their CIDRs are compiled on first use and kept with the policy object.
const compiledPolicies = new WeakMap<NetworkPolicy, CompiledPolicy>();

function compilePolicy(policy: NetworkPolicy): CompiledPolicy {
  let compiled = compiledPolicies.get(policy);
  if (compiled === undefined) {
    compiled = { blocks: [], asns: new Map() };
    for (const network of policy.corporateNetworks) {
      for (const text of network.cidrs ?? [])
        compiled.blocks.push({ cidr: parseCidr(text), name: network.name });
      for (const asn of network.asns ?? []) if (!compiled.asns.has(asn)) compiled.asns.set(asn, network.name);
    }
    compiledPolicies.set(policy, compiled);
  }
  return compiled;
}

function allowlisted(ip: string, asn: number | null, policy: NetworkPolicy): string | null {
  const compiled = compilePolicy(policy);
  if (compiled.blocks.length > 0) {
    const address: IpAddress | null = tryParseIp(ip);
    if (address !== null) for (const b of compiled.blocks) if (contains(b.cidr, address)) return b.name;
  }
  return asn === null ? null : (compiled.asns.get(asn) ?? null);
}

/**
 * What kind of network an address belongs to. In order: the deployment's corporate allowlist (its own VPN is
 * never an anonymiser), the catalogue's ASN table, the catalogue's provider names, then generic names such as
 * "… Hosting Ltd" unless the name also reads as an access network. Anything else is residential: an unlisted
 * network is assumed to be the person's own line, because a wrong "hosting" on an ISP accuses an honest person.
 */
export function classifyNetwork(
  ip: string,
  location: Pick<IpLocation, 'asn' | 'organization'>,
  policy?: NetworkPolicy,
): NetworkClass {
  if (policy !== undefined && policy.corporateNetworks.length > 0) {
    const name = allowlisted(ip, location.asn, policy);
    if (name !== null)
      return { kind: 'corporate', provider: name, matchedBy: 'allowlist', namedInDprkCases: false };
  }
  if (location.asn !== null) {
    const listed = byAsn.get(location.asn);
    if (listed !== undefined) return listed;
  }
  const organization = location.organization?.trim();
  if (!organization) return RESIDENTIAL;
  const provider = matchedRule(PROVIDER_NAMES, providerRules, organization);
  if (provider?.found) return provider.found;
  if (ACCESS_NETWORK.test(organization)) return RESIDENTIAL;
  const fallback = matchedRule(FALLBACK_NAMES, fallbackRules, organization);
  if (fallback === null) return RESIDENTIAL;
  return { kind: fallback.kind, provider: organization, matchedBy: 'organization', namedInDprkCases: false };
}

/** Whether an exit of this kind says nothing about where its user is. */
export function isAnonymizing(kind: NetworkKind): boolean {
  return ANONYMIZING_KINDS.has(kind);
}
