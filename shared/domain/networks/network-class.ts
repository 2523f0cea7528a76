/**
 * What kind of network an address belongs to, which decides what its geolocation is worth: a home broadband line
 * is where its user is; an anonymising exit (VPN, hosting, Tor, proxy) is only where the exit is; a mobile
 * carrier's address is in the right country but often in the wrong city.
 */
export type NetworkKind =
  /** Not on any list: fixed-line ISPs, the default. */
  | 'residential'
  /** A mobile carrier: CGNAT pools geolocate to the carrier's gateways, often far from the user. */
  | 'mobile'
  /** Cloud, VPS and data-centre networks: where self-hosted VPNs and RDP relays live. */
  | 'hosting'
  /** A commercial VPN provider's own network. */
  | 'vpn'
  /** Tor exit operators. */
  | 'tor'
  /** Anonymising or residential-proxy services. */
  | 'proxy'
  /** Corporate security egress (secure web gateways, zero-trust proxies): hides location, but is routine at work. */
  | 'security-service'
  /** An egress network this deployment allowlisted as its own corporate VPN. */
  | 'corporate';

/** Kinds whose exit location says nothing about where the user is. */
export const ANONYMIZING_KINDS: ReadonlySet<NetworkKind> = new Set([
  'hosting',
  'vpn',
  'tor',
  'proxy',
  'security-service',
]);

export interface NetworkClass {
  kind: NetworkKind;
  /** The provider or list entry that matched, e.g. "Astrill VPN", "DigitalOcean"; null for unlisted networks. */
  provider: string | null;
  /** How the kind was decided: a listed ASN, an organisation-name pattern, the deployment's allowlist, or nothing. */
  matchedBy: 'asn' | 'organization' | 'allowlist' | null;
  /** A provider named in public reporting on North Korean IT-worker schemes (e.g. Astrill VPN). */
  namedInDprkCases: boolean;
}

export const RESIDENTIAL: Readonly<NetworkClass> = Object.freeze({
  kind: 'residential',
  provider: null,
  matchedBy: null,
  namedInDprkCases: false,
});
