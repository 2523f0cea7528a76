import { describe, expect, it } from 'vitest';
import { CATALOG_PROVIDERS } from '../../shared/domain/networks/catalog.js';
import { classifyNetwork, isAnonymizing } from '../../shared/domain/networks/classify.js';
import catalog from '../../shared/domain/networks/network-catalog.json' with { type: 'json' };
import { RESIDENTIAL } from '../../shared/domain/networks/network-class.js';
import { parseNetworkPolicy } from '../../shared/schema/network-policy.js';

const providers = CATALOG_PROVIDERS;

const at = (asn: number | null, organization: string | null) => ({ asn, organization });

const acme = parseNetworkPolicy({
  corporateNetworks: [
    { name: 'Acme GlobalProtect', cidrs: ['104.131.8.0/24', '2001:db8::/32'] },
    { name: 'Acme own AS', asns: [64500] },
  ],
});

describe('classifyNetwork', () => {
  it('names Astrill VPN, the VPN of the DPRK IT-worker reports, by its organisation', () => {
    const found = classifyNetwork('192.0.2.10', at(null, 'Astrill Systems Corp'));
    expect(found).toEqual({
      kind: 'vpn',
      provider: 'Astrill VPN',
      matchedBy: 'organization',
      namedInDprkCases: true,
    });
  });

  it('knows DigitalOcean as hosting by its ASN', () => {
    const found = classifyNetwork('104.131.20.5', at(14061, 'DigitalOcean, LLC'));
    expect(found).toEqual({
      kind: 'hosting',
      provider: 'DigitalOcean',
      matchedBy: 'asn',
      namedInDprkCases: false,
    });
  });

  it('knows T-Mobile US as a mobile carrier', () => {
    const found = classifyNetwork('2607:fb90::1', at(21928, 'T-Mobile USA, Inc.'));
    expect(found).toMatchObject({ kind: 'mobile', provider: 'T-Mobile US', matchedBy: 'asn' });
  });

  it('treats Comcast, an unlisted home ISP, as residential', () => {
    expect(classifyNetwork('73.1.2.3', at(7922, 'Comcast Cable Communications, LLC'))).toBe(RESIDENTIAL);
  });

  it('does not call a carrier whose one ASN also serves home lines mobile', () => {
    expect(classifyNetwork('80.187.1.1', at(3320, 'Deutsche Telekom AG')).kind).toBe('residential');
  });

  it('lets the corporate allowlist win over a listed hosting ASN', () => {
    // Prepare: Acme's VPN egress sits in DigitalOcean space.
    const ip = '104.131.8.77';
    // Act
    const found = classifyNetwork(ip, at(14061, 'DigitalOcean, LLC'), acme);
    // Assess
    expect(found).toEqual({
      kind: 'corporate',
      provider: 'Acme GlobalProtect',
      matchedBy: 'allowlist',
      namedInDprkCases: false,
    });
    expect(classifyNetwork('104.131.9.1', at(14061, 'DigitalOcean, LLC'), acme).kind).toBe('hosting');
  });

  it('allowlists by ASN, by IPv6 block and through an IPv4-mapped address', () => {
    expect(classifyNetwork('192.0.2.1', at(64500, null), acme).provider).toBe('Acme own AS');
    expect(classifyNetwork('2001:db8:1::9', at(null, null), acme).kind).toBe('corporate');
    expect(classifyNetwork('::ffff:104.131.8.1', at(14061, null), acme).kind).toBe('corporate');
  });

  it('falls back on a name that says it rents servers, naming the organisation itself', () => {
    const found = classifyNetwork('192.0.2.1', at(4_200_000_001, 'Example Dedicated Servers Ltd'));
    expect(found).toEqual({
      kind: 'hosting',
      provider: 'Example Dedicated Servers Ltd',
      matchedBy: 'organization',
      namedInDprkCases: false,
    });
  });

  it.each([
    'VPS Broadband And Telecommunications Pvt Ltd',
    'Broadband Hosting B.V.',
    'Data Center of Vietnam National University Ho Chi Minh City',
    'VPN Infraestrutura de Redes Ltda.',
  ])('guesses nothing from a name that also reads as an access network: %s', (organization) => {
    expect(classifyNetwork('192.0.2.1', at(4_200_000_001, organization))).toBe(RESIDENTIAL);
  });

  it('answers residential when nothing is known', () => {
    expect(classifyNetwork('192.0.2.1', at(null, null))).toBe(RESIDENTIAL);
    expect(classifyNetwork('192.0.2.1', at(null, '   '))).toBe(RESIDENTIAL);
  });
});

describe('isAnonymizing', () => {
  it('counts every exit that hides the user, and no other kind', () => {
    const anonymizing = ['hosting', 'vpn', 'tor', 'proxy', 'security-service'] as const;
    for (const kind of anonymizing) expect(isAnonymizing(kind)).toBe(true);
    for (const kind of ['residential', 'mobile', 'corporate'] as const)
      expect(isAnonymizing(kind)).toBe(false);
  });
});

describe('the network catalogue', () => {
  it('lists each ASN once, with the name it was verified under and a source', () => {
    const seen = new Set<number>();
    for (const entry of providers) {
      expect(entry.sources.length, entry.provider).toBeGreaterThan(0);
      const verified = entry.verifiedAs ?? {};
      for (const asn of entry.asns) {
        expect(seen.has(asn), `AS${asn}`).toBe(false);
        seen.add(asn);
        expect(verified[String(asn)], `${entry.provider} AS${asn}`).toBeTruthy();
      }
      expect(entry.asns.length + (entry.organizationPatterns?.length ?? 0), entry.provider).toBeGreaterThan(
        0,
      );
    }
  });

  it('classifies every listed ASN as its own entry', () => {
    for (const entry of providers)
      for (const asn of entry.asns)
        expect(classifyNetwork('192.0.2.1', at(asn, null))).toMatchObject({
          provider: entry.provider,
          kind: entry.kind,
        });
  });

  it('never lists a network it explains it left out', () => {
    const listed = new Set(providers.flatMap((e) => e.asns));
    for (const left of catalog.notListed)
      for (const asn of left.asns) expect(listed.has(asn), `AS${asn}`).toBe(false);
  });

  it('has only patterns that compile without back-references, which one combined regex would renumber', () => {
    const patterns = [
      ...providers.flatMap((e) => e.organizationPatterns ?? []),
      ...catalog.organizationFallbacks.flatMap((f) => f.patterns),
      ...catalog.accessNetworkPatterns,
    ];
    for (const p of patterns) {
      expect(() => new RegExp(p, 'i'), p).not.toThrow();
      expect(p, p).not.toMatch(/\\[1-9]|\(\?<[a-z]/i);
    }
  });
});
