import type { Device, TelemetryEvent } from '../../schema/events.js';

/** What a sign-in or a session says about where, and on what, the contractor was. */
export interface SignIn {
  ip: string | undefined;
  device: Device | undefined;
  /**
   * A session is the contractor at work; a failed sign-in may be someone else at the keyboard, so it places an
   * address but its device says nothing about the contractor.
   */
  successful: boolean;
}

/** The sign-in an event is, or null for activity and chat. */
export function signInOf(event: TelemetryEvent): SignIn | null {
  if (event.type !== 'login' && event.type !== 'session') return null;
  return { ip: event.ip, device: event.device, successful: event.type === 'session' || event.success };
}
