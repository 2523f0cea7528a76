import { ActivityEvent, ChatEvent, Device, LoginEvent, SessionEvent, type TelemetryEvent } from './events.js';

/**
 * The form in which Daylight hands records to queues and topics. JSON with every character beyond ASCII escaped
 * (`\uXXXX`): any string JSON can hold then survives any service's character rules (SQS, SNS and the embedded
 * servers alike), and parsing it back gives the same value.
 */
export function wireJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const FIELDS: Record<TelemetryEvent['type'], readonly string[]> = {
  login: Object.keys(LoginEvent.shape),
  session: Object.keys(SessionEvent.shape),
  activity: Object.keys(ActivityEvent.shape),
  chat: Object.keys(ChatEvent.shape),
};
const DEVICE_FIELDS = Object.keys(Device.shape);

/**
 * A valid raw event as the contract reads it: its fields and its device's, as they came, and nothing else. The
 * contract ignores extra fields; dropping them before the event is queued means nothing after validation walks
 * them (a field nested 100,000 levels deep would exhaust the stack of any recursive serializer).
 */
export function contractFields(
  raw: Record<string, unknown>,
  type: TelemetryEvent['type'],
): Record<string, unknown> {
  const kept = pick(raw, FIELDS[type]);
  const device = kept.device;
  if (typeof device === 'object' && device !== null)
    kept.device = pick(device as Record<string, unknown>, DEVICE_FIELDS);
  return kept;
}

function pick(record: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const field of fields) if (Object.hasOwn(record, field)) kept[field] = record[field];
  return kept;
}
