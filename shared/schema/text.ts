/**
 * Text every service on Daylight's path can carry. SQS and SNS (and XML 1.0 beneath them) allow only #x9 #xA #xD
 * #x20–#xD7FF #xE000–#xFFFD #x10000–#x10FFFF: no other control character, no lone UTF-16 surrogate, no U+FFFE or
 * U+FFFF. JSON can spell all of those, so a field holding one is refused where it arrives, naming the field and the
 * character, rather than failing later in a queue.
 */
const UNCARRIABLE = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** The first character the services refuse, as `U+XXXX`, or undefined when the text is fine. */
export function uncarriableCharacter(text: string): string | undefined {
  const found = UNCARRIABLE.exec(text)?.[0];
  return found === undefined
    ? undefined
    : `U+${(found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

export function uncarriableReason(character: string): string {
  return `must not contain ${character} (a control character, lone surrogate or noncharacter)`;
}

/** Whether the text holds a character the services refuse; a scan of code units, with no allocation. */
function isCarriable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0xd800) continue;
    if (c < 0x20) {
      if (c === 0x09 || c === 0x0a || c === 0x0d) continue;
      return false;
    }
    if (c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return false;
    }
    if (c <= 0xdfff || c >= 0xfffe) return false;
  }
  return true;
}

/** Whether every string in a validated (so bounded) record can be carried: the common case, checked cheaply. */
function allCarriable(value: unknown): boolean {
  if (typeof value === 'string') return isCarriable(value);
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!allCarriable(item)) return false;
    return true;
  }
  for (const key in value) if (!allCarriable((value as Record<string, unknown>)[key])) return false;
  return true;
}

const NONE: readonly { field: string; reason: string }[] = Object.freeze([]);

/**
 * Every string of a validated (so bounded) record that holds such a character, with its field as zod names it
 * (`device.id`, `keyboardLayouts.0`).
 */
export function uncarriableFields(value: unknown, path = ''): readonly { field: string; reason: string }[] {
  if (allCarriable(value)) return NONE;
  if (typeof value === 'string') {
    const character = uncarriableCharacter(value);
    return character === undefined
      ? NONE
      : [{ field: path || '(record)', reason: uncarriableReason(character) }];
  }
  if (typeof value !== 'object' || value === null) return NONE;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return entries.flatMap(([key, v]) => uncarriableFields(v, path === '' ? key : `${path}.${key}`));
}
