import type { NetworkPolicy } from '../schema/network-policy.js';
import { FAILED_SIGN_IN, SIGNED_IN } from './evidence/contractor-evidence.js';
import type { EvidenceSnapshot } from './evidence/evidence-snapshot.js';
import type { IpLocator } from './geography/ip-location.js';
import { classifyNetwork } from './networks/classify.js';

/** A device id or a home address: what SHARED_INFRASTRUCTURE compares across contractors. */
export interface InfrastructureKey {
  kind: 'device' | 'address';
  value: string;
}

/**
 * The device ids and home (residential, signed-in) addresses in some evidence: the keys under which a pipeline
 * indexes who used what, so one contractor's assessment can find the others to compare with without reading
 * everyone. The same rules as the analysis itself (shared-infrastructure.ts): mobile, anonymising and corporate
 * exits are shared by design and never count.
 */
export function infrastructureKeys(
  snapshot: EvidenceSnapshot,
  locator: IpLocator,
  policy?: NetworkPolicy,
): InfrastructureKey[] {
  const keys = new Map<string, InfrastructureKey>();
  for (const d of snapshot.devices)
    if (d.device.id !== undefined) keys.set(`device:${d.device.id}`, { kind: 'device', value: d.device.id });
  for (const a of snapshot.addresses) {
    const signedIn = (a.flags & SIGNED_IN) !== 0 || (a.flags & FAILED_SIGN_IN) === 0;
    if (!signedIn || keys.has(`address:${a.ip}`)) continue;
    if (classifyNetwork(a.ip, locator.locate(a.ip), policy).kind === 'residential')
      keys.set(`address:${a.ip}`, { kind: 'address', value: a.ip });
  }
  return [...keys.values()];
}
