import { describe, expect, it } from 'vitest';
import {
  EMPTY_NETWORK_POLICY,
  NetworkPolicy,
  NetworkPolicyError,
  parseNetworkPolicy,
} from '../../shared/schema/network-policy.js';

function problemsOf(value: unknown): readonly string[] {
  try {
    parseNetworkPolicy(value);
  } catch (error) {
    if (error instanceof NetworkPolicyError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseNetworkPolicy', () => {
  it('reads a corporate VPN by CIDR and ASN, defaulting the list left out', () => {
    // Prepare
    const file = {
      corporateNetworks: [
        { name: 'Acme GlobalProtect', cidrs: ['203.0.113.0/24', '2001:db8::/32'], asns: [64500] },
        { name: 'Acme Zscaler tenant', cidrs: ['198.51.100.0/28'] },
      ],
    };
    // Act
    const policy = parseNetworkPolicy(file);
    // Assess
    expect(policy.corporateNetworks).toEqual([
      { name: 'Acme GlobalProtect', cidrs: ['203.0.113.0/24', '2001:db8::/32'], asns: [64500] },
      { name: 'Acme Zscaler tenant', cidrs: ['198.51.100.0/28'], asns: [] },
    ]);
  });

  it('says where a bad CIDR is and what is wrong with it', () => {
    const problems = problemsOf({
      corporateNetworks: [{ name: 'Acme', cidrs: ['203.0.113.0/24', '203.0.113.0/33'] }],
    });
    expect(problems).toEqual(['corporateNetworks[0].cidrs[1]: "203.0.113.0/33": prefix must be 0..32']);
  });

  it('reports every problem at once, each with its place', () => {
    const problems = problemsOf({
      corporateNetworks: [
        { name: 'Acme', cidrs: ['203.0.113.7/24'] },
        { name: '  ', asns: [64500] },
        { name: 'Typo', cidr: ['192.0.2.0/24'] },
        { name: 'Bad ASN', asns: [-1, 1.5, 'AS64500'] },
      ],
    });
    expect(problems).toEqual([
      'corporateNetworks[0].cidrs[0]: "203.0.113.7/24": host bits are set; the block is 203.0.113.0/24',
      'corporateNetworks[1].name: must name the network',
      'corporateNetworks[2]: Unrecognized key: "cidr"',
      'corporateNetworks[2]: needs at least one of cidrs or asns',
      'corporateNetworks[3].asns[0]: must be an AS number 0..4294967295',
      'corporateNetworks[3].asns[1]: must be a whole AS number',
      'corporateNetworks[3].asns[2]: must be an AS number, e.g. 64500',
    ]);
  });

  it('refuses an entry with neither CIDRs nor ASNs', () => {
    expect(problemsOf({ corporateNetworks: [{ name: 'Empty', cidrs: [], asns: [] }] })).toEqual([
      'corporateNetworks[0]: needs at least one of cidrs or asns',
    ]);
  });

  it('refuses a file without the list, rather than silently allowing nothing', () => {
    expect(problemsOf({})).toEqual(['corporateNetworks: Invalid input: expected array, received undefined']);
    expect(problemsOf([])).toHaveLength(1);
  });

  it('offers the same rules as a zod schema, and an empty policy', () => {
    expect(NetworkPolicy.safeParse(EMPTY_NETWORK_POLICY).success).toBe(true);
    expect(EMPTY_NETWORK_POLICY.corporateNetworks).toEqual([]);
  });
});
