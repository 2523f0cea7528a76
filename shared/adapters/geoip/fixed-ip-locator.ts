import {
  type IpLocation,
  IpLocator,
  type LocatorSource,
  UNKNOWN_LOCATION,
} from '../../domain/geography/ip-location.js';

/**
 * A locator that answers from a table given to it, for tests: each entry fills in what it names over the unknown
 * location, and addresses not in the table are unknown.
 */
export class FixedIpLocator extends IpLocator {
  private readonly table: ReadonlyMap<string, IpLocation>;

  constructor(table: Record<string, Partial<IpLocation>>) {
    super();
    this.table = new Map(
      Object.entries(table).map(([ip, location]) => [
        ip,
        Object.freeze({ ...UNKNOWN_LOCATION, ...location }),
      ]),
    );
  }

  locate(ip: string): IpLocation {
    return this.table.get(ip) ?? UNKNOWN_LOCATION;
  }

  sources(): readonly LocatorSource[] {
    return [{ name: 'fixed table (tests)', version: '0', licence: 'none', url: 'about:blank' }];
  }
}
