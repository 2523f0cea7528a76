import * as z from 'zod';
import { parseCidr } from './cidr.js';

/**
 * A deployment's network policy file: the egress networks of its own corporate VPN or secure gateway, so that
 * sign-ins through them count as 'corporate' and never as anonymising. Example:
 *
 *   { "corporateNetworks": [
 *       { "name": "Acme GlobalProtect", "cidrs": ["203.0.113.0/24", "2001:db8::/32"], "asns": [64500] } ] }
 *
 * Unknown keys are refused rather than ignored: in a hand-written allowlist a misspelt "cidr" would otherwise
 * silently allow nothing.
 */

const CidrText = z.string().superRefine((text, ctx) => {
  try {
    parseCidr(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

const Asn = z
  .number({ error: 'must be an AS number, e.g. 64500' })
  .int('must be a whole AS number')
  .min(0, 'must be an AS number 0..4294967295')
  .max(4_294_967_295, 'must be an AS number 0..4294967295');

export const CorporateNetwork = z
  .strictObject({
    /** Shown as the provider of sign-ins through this network, e.g. "Acme GlobalProtect". */
    name: z.string().trim().min(1, 'must name the network').max(128),
    description: z.string().max(1024).optional(),
    cidrs: z.array(CidrText).max(10_000).default([]),
    /** Whole autonomous systems: only for networks the company runs itself, never a shared cloud's. */
    asns: z.array(Asn).max(1_000).default([]),
  })
  .refine((n) => n.cidrs.length + n.asns.length > 0, { message: 'needs at least one of cidrs or asns' });

export const NetworkPolicy = z.strictObject({ corporateNetworks: z.array(CorporateNetwork) });

export type CorporateNetwork = z.output<typeof CorporateNetwork>;
export type NetworkPolicy = z.output<typeof NetworkPolicy>;

/** No corporate networks: every sign-in is judged by the network catalogue alone. */
export const EMPTY_NETWORK_POLICY: NetworkPolicy = Object.freeze({ corporateNetworks: [] });

export class NetworkPolicyError extends Error {
  override name = 'NetworkPolicyError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/** The policy, or a NetworkPolicyError listing every problem as `corporateNetworks[0].cidrs[1]: why`. */
export function parseNetworkPolicy(value: unknown): NetworkPolicy {
  const parsed = NetworkPolicy.safeParse(value);
  if (!parsed.success) throw new NetworkPolicyError(describeNetworkPolicyIssues(parsed.error));
  return parsed.data;
}

/** One line per problem, located the way a person reads JSON: `corporateNetworks[0].cidrs[1]: reason`. */
export function describeNetworkPolicyIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(policy)';
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}
