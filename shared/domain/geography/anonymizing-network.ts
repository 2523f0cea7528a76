import { round } from '../analysis/working-hours.js';
import type { NetworkKind } from '../networks/network-class.js';
import type { Finding, Severity } from '../report.js';
import { isAnonymized, type NetworkSighting } from './sightings.js';

interface ProviderUse {
  provider: string;
  kind: NetworkKind;
  matchedBy: string | null;
  namedInDprkCases: boolean;
  signIns: number;
  countries: Set<string>;
  examples: string[];
}

/**
 * Sign-ins through networks that hide where the person is: commercial VPNs, hosting and cloud ranges (where
 * self-run VPNs and relays live), Tor, anonymising proxies and corporate security gateways. Severity follows
 * what the network says about intent: Tor or a VPN named in DPRK IT-worker cases is high; routine VPN use for
 * most sign-ins is medium; occasional use, or only a corporate security gateway, is low. Networks on the
 * deployment's corporate allowlist never get here.
 */
export function anonymizingNetworkFinding(sightings: readonly NetworkSighting[]): Finding | null {
  const successful = sightings.filter((s) => s.successful);
  const hidden = successful.filter(isAnonymized);
  if (hidden.length === 0) return null;
  const share = hidden.length / successful.length;
  const providers = new Map<string, ProviderUse>();
  for (const s of hidden) {
    const name = s.network.provider ?? s.location.organization ?? `AS${s.location.asn ?? '?'}`;
    let use = providers.get(name);
    if (use === undefined) {
      use = {
        provider: name,
        kind: s.network.kind,
        matchedBy: s.network.matchedBy,
        namedInDprkCases: s.network.namedInDprkCases,
        signIns: 0,
        countries: new Set(),
        examples: [],
      };
      providers.set(name, use);
    }
    use.signIns++;
    if (s.location.country) use.countries.add(s.location.country);
    if (use.examples.length < 3 && !use.examples.includes(s.ip)) use.examples.push(s.ip);
  }
  const uses = [...providers.values()].sort((a, b) => b.signIns - a.signIns);
  const onlyGateways = uses.every((u) => u.kind === 'security-service');
  const alarming = uses.filter((u) => u.kind === 'tor' || u.namedInDprkCases);
  const severity: Severity =
    alarming.length > 0 ? 'high' : onlyGateways ? 'low' : share >= 0.5 ? 'medium' : 'low';
  // A listed network is known; one matched by its name only is likelier to be a mislabelled ISP.
  const byName = uses.every((u) => u.matchedBy === 'organization');
  const confidence = round(Math.min(0.95, (byName ? 0.55 : 0.75) + 0.2 * Math.min(1, hidden.length / 10)));
  const names = uses.slice(0, 3).map((u) => `${u.provider} (${u.kind})`);
  return {
    code: 'ANONYMIZING_NETWORK',
    severity,
    confidence,
    summary:
      `${Math.round(share * 100)}% of sign-ins came through anonymising networks: ${names.join(', ')}` +
      `${uses.length > 3 ? ` and ${uses.length - 3} more` : ''}.`,
    evidence: {
      signIns: successful.length,
      anonymized: hidden.length,
      share: round(share),
      providers: uses.map((u) => ({
        provider: u.provider,
        kind: u.kind,
        matchedBy: u.matchedBy,
        namedInDprkCases: u.namedInDprkCases,
        signIns: u.signIns,
        exitCountries: [...u.countries].sort(),
        exampleIps: u.examples,
      })),
    },
  };
}
