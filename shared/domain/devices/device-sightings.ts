import type { Device } from '../../schema/events.js';
import type { DeviceDirectory } from '../evidence/device-directory.js';
import type { Span } from '../evidence/span-sample.js';

/** One device description a contractor's sign-ins reported, and over which period. */
export interface DeviceSighting {
  device: Device;
  first: number;
  last: number;
}

export function resolveDevices(spans: readonly Span[], devices: DeviceDirectory): DeviceSighting[] {
  return spans
    .map((span) => ({ device: devices.device(span.ref), first: span.first, last: span.last }))
    .sort((a, b) => a.first - b.first);
}

export function describeDevice(d: DeviceSighting): Record<string, unknown> {
  return {
    ...(d.device.id !== undefined ? { deviceId: d.device.id } : {}),
    firstSeen: new Date(d.first).toISOString(),
    lastSeen: new Date(d.last).toISOString(),
  };
}
