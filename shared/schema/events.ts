import * as z from 'zod';
import { parseRfc3339 } from './rfc3339.js';

/**
 * The earliest instant an event may carry, 1970-01-01T00:00:00Z: evidence is stored by UTC week, and a week must
 * have a name (`YYYY-MM-DD`) every store can key; no telemetry is older.
 */
export const EARLIEST_INSTANT_MS = 0;
/** How far in the future of its receipt an event may be stamped (clock skew allowance). */
export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;
export const MAX_SESSION_MS = 24 * 60 * 60 * 1000;

export const RFC3339_PATTERN =
  /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:[Zz]|[+-]\d{2}:\d{2})$/;
export const CONTRACTOR_ID_PATTERN = /^[A-Za-z0-9._:@+-]+$/;

/** RFC 3339 with `Z` or a numeric offset; normalised to epoch milliseconds (a UTC instant). */
export const Rfc3339 = z
  .string()
  .regex(RFC3339_PATTERN, 'must be an RFC 3339 timestamp with Z or an offset, e.g. 2026-03-01T09:30:00+09:00')
  .transform((text, ctx) => {
    const ms = parseRfc3339(text);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: 'is not a real date or time' });
      return z.NEVER;
    }
    return ms;
  });

export const ContractorId = z
  .string()
  .min(1)
  .max(128)
  .regex(CONTRACTOR_ID_PATTERN, 'may contain only letters, digits and . _ : @ + -');

export const IpAddress = z.union([z.ipv4(), z.ipv6()], { error: 'must be an IPv4 or IPv6 address' });

export const Device = z.object({
  id: z.string().min(1).max(256).optional(),
  timezone: z.string().max(64).optional(),
  locale: z.string().max(64).optional(),
  keyboardLayouts: z.array(z.string().max(64)).max(32).optional(),
  remoteAccessTools: z.array(z.string().max(128)).max(64).optional(),
});

const common = {
  id: z.string().min(1).max(128),
  contractorId: ContractorId,
  at: Rfc3339,
  source: z.string().max(128).optional(),
};

export const LoginEvent = z.object({
  ...common,
  type: z.literal('login'),
  ip: IpAddress,
  success: z.boolean().default(true),
  userAgent: z.string().max(1024).optional(),
  device: Device.optional(),
});

export const SessionEvent = z
  .object({
    ...common,
    type: z.literal('session'),
    endAt: Rfc3339,
    ip: IpAddress.optional(),
    device: Device.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.endAt <= s.at) ctx.addIssue({ code: 'custom', path: ['endAt'], message: 'must be after at' });
    else if (s.endAt - s.at > MAX_SESSION_MS)
      ctx.addIssue({ code: 'custom', path: ['endAt'], message: 'must be at most 24 h after at' });
  });

export const ActivityEvent = z.object({
  ...common,
  type: z.literal('activity'),
  kind: z.string().max(128).optional(),
  recordedOffsetMinutes: z.number().int().min(-720).max(840).optional(),
});

export const ChatEvent = z
  .object({
    ...common,
    type: z.literal('chat'),
    respondedAt: Rfc3339.optional(),
    channel: z.string().max(256).optional(),
    direct: z.boolean().optional(),
  })
  .superRefine((c, ctx) => {
    if (c.respondedAt !== undefined && c.respondedAt < c.at)
      ctx.addIssue({ code: 'custom', path: ['respondedAt'], message: 'must not be before at' });
  });

export const TelemetryEvent = z.discriminatedUnion(
  'type',
  [LoginEvent, SessionEvent, ActivityEvent, ChatEvent],
  { error: 'must be one of "login", "session", "activity", "chat"' },
);

export type LoginEvent = z.output<typeof LoginEvent>;
export type SessionEvent = z.output<typeof SessionEvent>;
export type ActivityEvent = z.output<typeof ActivityEvent>;
export type ChatEvent = z.output<typeof ChatEvent>;
/** A validated event: every timestamp is epoch milliseconds UTC. */
export type TelemetryEvent = z.output<typeof TelemetryEvent>;
export type TelemetryEventInput = z.input<typeof TelemetryEvent>;
export type Device = z.output<typeof Device>;
