import * as zod from 'zod';
import { CONTRACTOR_ID_PATTERN, type Device, MAX_SESSION_MS, type TelemetryEvent } from './events.js';
import { parseRfc3339 } from './rfc3339.js';

/**
 * A hand-written fast path for the common case: an event that is plainly valid. It accepts only what the zod
 * schema accepts and builds the same output (unknown fields dropped, defaults applied); anything it is unsure of —
 * invalid data, unusual shapes — returns undefined and goes to the zod schema, which has the final
 * word and explains rejections. A property test holds the two in step. Validation dominated analysis time
 * otherwise.
 */
export function fastEvent(raw: Record<string, unknown>): TelemetryEvent | undefined {
  const { id, contractorId, type, source } = raw;
  if (typeof id !== 'string' || id.length === 0 || id.length > 128) return undefined;
  if (typeof contractorId !== 'string' || contractorId.length === 0 || contractorId.length > 128)
    return undefined;
  if (!CONTRACTOR_ID_PATTERN.test(contractorId)) return undefined;
  if (source !== undefined && (typeof source !== 'string' || source.length > 128)) return undefined;
  const at = instant(raw.at);
  if (at === undefined) return undefined;
  switch (type) {
    case 'activity': {
      const { kind, recordedOffsetMinutes: offset } = raw;
      if (kind !== undefined && (typeof kind !== 'string' || kind.length > 128)) return undefined;
      if (
        offset !== undefined &&
        (!Number.isInteger(offset) || (offset as number) < -720 || (offset as number) > 840)
      )
        return undefined;
      return {
        id,
        contractorId,
        at,
        source,
        type,
        kind,
        recordedOffsetMinutes: offset as number | undefined,
      };
    }
    case 'login': {
      const { ip, success, userAgent } = raw;
      if (!isPlainIp(ip)) return undefined;
      if (success !== undefined && typeof success !== 'boolean') return undefined;
      if (userAgent !== undefined && (typeof userAgent !== 'string' || userAgent.length > 1024))
        return undefined;
      const device = optionalDevice(raw.device);
      if (device === null) return undefined;
      return { id, contractorId, at, source, type, ip, success: success ?? true, userAgent, device };
    }
    case 'session': {
      const endAt = instant(raw.endAt);
      if (endAt === undefined || endAt <= at || endAt - at > MAX_SESSION_MS) return undefined;
      const { ip } = raw;
      if (ip !== undefined && !isPlainIp(ip)) return undefined;
      const device = optionalDevice(raw.device);
      if (device === null) return undefined;
      return { id, contractorId, at, source, type, endAt, ip: ip as string | undefined, device };
    }
    case 'chat': {
      const { channel, direct } = raw;
      const respondedAt = raw.respondedAt === undefined ? undefined : instant(raw.respondedAt);
      if (raw.respondedAt !== undefined && (respondedAt === undefined || respondedAt < at)) return undefined;
      if (channel !== undefined && (typeof channel !== 'string' || channel.length > 256)) return undefined;
      if (direct !== undefined && typeof direct !== 'boolean') return undefined;
      return { id, contractorId, at, source, type, respondedAt, channel, direct };
    }
    default:
      return undefined;
  }
}

function instant(value: unknown): number | undefined {
  return typeof value === 'string' ? parseRfc3339(value) : undefined;
}

/** The same test as the schema's `z.ipv4()` / `z.ipv6()`: zod's patterns, and for IPv6 its URL-parser check. */
function isPlainIp(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (zod.regexes.ipv4.test(value)) return true;
  return zod.regexes.ipv6.test(value) && URL.canParse(`http://[${value}]`);
}

/** undefined: absent; null: present but not plainly valid (let zod decide). */
function optionalDevice(value: unknown): Device | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { id, timezone, locale, keyboardLayouts, remoteAccessTools } = value as Record<string, unknown>;
  if (id !== undefined && (typeof id !== 'string' || id.length === 0 || id.length > 256)) return null;
  if (timezone !== undefined && (typeof timezone !== 'string' || timezone.length > 64)) return null;
  if (locale !== undefined && (typeof locale !== 'string' || locale.length > 64)) return null;
  if (keyboardLayouts !== undefined && !isStringList(keyboardLayouts, 32, 64)) return null;
  if (remoteAccessTools !== undefined && !isStringList(remoteAccessTools, 64, 128)) return null;
  return {
    id,
    timezone,
    locale,
    keyboardLayouts: keyboardLayouts === undefined ? undefined : [...(keyboardLayouts as string[])],
    remoteAccessTools: remoteAccessTools === undefined ? undefined : [...(remoteAccessTools as string[])],
  } as Device;
}

function isStringList(value: unknown, maxItems: number, maxLength: number): value is string[] {
  if (!Array.isArray(value) || value.length > maxItems) return false;
  for (const item of value) if (typeof item !== 'string' || item.length > maxLength) return false;
  return true;
}
