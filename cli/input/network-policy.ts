import { readFile } from 'node:fs/promises';
import { describeNetworkPolicyIssues, NetworkPolicy } from '../../shared/schema/network-policy.js';
import { InputError } from '../errors.js';
import { describeIoError } from './lines.js';

/**
 * Reads this deployment's network policy (its corporate VPN egress networks). Unlike events, a policy is all or
 * nothing: analysing with half an allowlist would raise findings the operator meant to silence.
 */
export async function readNetworkPolicy(path: string): Promise<NetworkPolicy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read network policy ${path}: ${describeIoError(error)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InputError(`network policy ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = NetworkPolicy.safeParse(raw);
  if (!parsed.success)
    throw new InputError(
      describeNetworkPolicyIssues(parsed.error)
        .map((problem) => `${path}: ${problem}`)
        .join('\n'),
    );
  return parsed.data;
}
