import type { NetworkPolicy } from '../../schema/network-policy.js';
import type { IpLocation, IpLocator } from '../geography/ip-location.js';
import { classifyNetwork } from '../networks/classify.js';
import { canonicalIp } from '../networks/ip-text.js';
import type { NetworkClass } from '../networks/network-class.js';
import { hash53 } from './hash.js';

/** An address with where it is and what kind of network it belongs to. */
export interface LocatedAddress {
  ip: string;
  location: IpLocation;
  network: NetworkClass;
}

/**
 * Every distinct address seen in a run, numbered in order of first sight. Contractors keep numbers, not strings,
 * and each address is located once, after reading, however many sign-ins came from it: lookups grow with distinct
 * addresses, not with events.
 */
export class AddressDirectory {
  private readonly numbers = new Map<string, number>();
  private readonly ips: string[] = [];
  private readonly hashes: number[] = [];
  private readonly located: LocatedAddress[] = [];

  /** The number of an address (any valid spelling), allotted on first sight. */
  intern(ip: string): number {
    let n = this.numbers.get(ip);
    if (n !== undefined) return n;
    const canonical = canonicalIp(ip);
    n = this.numbers.get(canonical);
    if (n === undefined) {
      n = this.ips.length;
      this.ips.push(canonical);
      this.hashes.push(hash53(canonical));
      this.numbers.set(canonical, n);
    }
    if (canonical !== ip) this.numbers.set(ip, n);
    return n;
  }

  get size(): number {
    return this.ips.length;
  }

  ip(n: number): string {
    return this.ips[n] ?? '';
  }

  /** A hash of the address, the same in every run: samples keyed by it do not depend on reading order. */
  hash(n: number): number {
    return this.hashes[n] ?? 0;
  }

  /** Locates and classifies every address not located yet. */
  locateAll(locator: IpLocator, policy?: NetworkPolicy): void {
    for (let n = this.located.length; n < this.ips.length; n++) {
      const ip = this.ips[n] as string;
      const location = locator.locate(ip);
      this.located.push({ ip, location, network: classifyNetwork(ip, location, policy) });
    }
  }

  /** The located address (after `locateAll`). */
  address(n: number): LocatedAddress {
    const found = this.located[n];
    if (found === undefined) throw new RangeError(`address ${n} has not been located; call locateAll first`);
    return found;
  }
}
