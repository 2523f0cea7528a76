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

/**
 * Every string of a validated (so bounded) record that holds such a character, with its field as zod names it
 * (`device.id`, `keyboardLayouts.0`).
 */
export function uncarriableFields(value: unknown, path = ''): { field: string; reason: string }[] {
  if (typeof value === 'string') {
    const character = uncarriableCharacter(value);
    return character === undefined
      ? []
      : [{ field: path || '(record)', reason: uncarriableReason(character) }];
  }
  if (typeof value !== 'object' || value === null) return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return entries.flatMap(([key, v]) => uncarriableFields(v, path === '' ? key : `${path}.${key}`));
}
