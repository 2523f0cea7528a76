import type { Device } from '../../schema/events.js';
import { hash53 } from './hash.js';

/**
 * Every distinct device description seen in a run (id, clock, locale, keyboards, remote tools), numbered in order
 * of first sight, so a contractor keeps small numbers and an unchanged device sending the same description on
 * every sign-in costs one map lookup.
 */
export class DeviceDirectory {
  private readonly numbers = new Map<string, number>();
  private readonly devices: Device[] = [];
  private readonly hashes: number[] = [];

  intern(device: Device): number {
    const key = deviceKey(device);
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = this.devices.length;
      this.devices.push(device);
      this.hashes.push(hash53(key));
      this.numbers.set(key, n);
    }
    return n;
  }

  /**
   * `intern`, first checking the description last seen from the same source (`previous`, -1 for none): a device
   * repeats its description on every sign-in, and comparing fields costs less than building and hashing its key.
   */
  internLike(device: Device, previous: number): number {
    const known = this.devices[previous];
    return known !== undefined && sameDescription(known, device) ? previous : this.intern(device);
  }

  get size(): number {
    return this.devices.length;
  }

  device(n: number): Device {
    const device = this.devices[n];
    if (device === undefined) throw new RangeError(`no device ${n}`);
    return device;
  }

  /** A hash of the description, the same in every run. */
  hash(n: number): number {
    return this.hashes[n] ?? 0;
  }
}

/**
 * One string per description, computed for every sign-in, so cheaper than JSON.stringify: each field is written
 * with its length in front, which no content can imitate, so two different descriptions never share a key. List
 * order is kept (keyboard order is the user's preference order).
 */
export function deviceKey(device: Device): string {
  return (
    field(device.id) +
    field(device.timezone) +
    field(device.locale) +
    list(device.keyboardLayouts) +
    list(device.remoteAccessTools)
  );
}

function field(value: string | undefined): string {
  return value === undefined ? '-' : `${value.length}:${value}`;
}

function list(values: readonly string[] | undefined): string {
  if (values === undefined) return '-';
  let out = `${values.length}[`;
  for (const v of values) out += field(v);
  return out;
}

/** Whether two descriptions have the same `deviceKey`. */
function sameDescription(a: Device, b: Device): boolean {
  return (
    a.id === b.id &&
    a.timezone === b.timezone &&
    a.locale === b.locale &&
    sameList(a.keyboardLayouts, b.keyboardLayouts) &&
    sameList(a.remoteAccessTools, b.remoteAccessTools)
  );
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
