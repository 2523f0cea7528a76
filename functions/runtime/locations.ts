import { MaxmindIpLocator } from '../../shared/adapters/geoip/maxmind-ip-locator.js';
import type { IpLocator } from '../../shared/domain/geography/ip-location.js';
import { parseNetworkPolicy } from '../../shared/schema/network-policy.js';

/** What an assessment needs to place sign-ins, for the functions that assess: the GeoIP reader and the policy. */

/** The GeoIP reader, opened on first use (its databases ship beside the function; see infra/geoip-layer.ts). */
export function lazyLocator(): () => IpLocator {
  let locator: IpLocator | undefined;
  return () => {
    locator ??= MaxmindIpLocator.open();
    return locator;
  };
}

/** The deployment's network policy from its JSON text; a bad one fails the cold start with the field. */
export function networkPolicyFrom(text: string | undefined) {
  return text === undefined || text.length === 0 ? undefined : parseNetworkPolicy(JSON.parse(text));
}
