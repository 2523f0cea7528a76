import { open } from 'node:fs/promises';

/** How many bytes of a file are read to tell what it looks like. */
const HEAD_BYTES = 4096;
const SEE =
  'Daylight reads JSON Lines (one JSON event per line) or a JSON array of events; see docs/contract.md';

/** The first bytes of a file as text, without a byte-order mark; empty for standard input. */
export async function headOf(path: string): Promise<string> {
  if (path === '-') return '';
  const file = await open(path, 'r').catch(() => undefined);
  if (file === undefined) return '';
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
    return buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  } finally {
    await file.close();
  }
}

/** Whether a text (a file's head, or its first line) starts a JSON array: it is read whole, not line by line. */
export function startsJsonArray(head: string): boolean {
  return head.trimStart().startsWith('[');
}

/**
 * What a file that held no valid event looks like, and what to do, in one sentence: the message `analyze` exits
 * with, rather than an empty table that looks like a clean result.
 */
export function describeNoEvents(
  name: string,
  head: string,
  read: { lines: number; rejected: number; commonest?: string },
): string {
  const text = head.trimStart();
  const first = (text.split('\n')[0] ?? '').trim();
  if (text === '') return `${name} holds no events: it is empty. ${SEE}.`;
  if (first.startsWith('<')) return `${name} looks like HTML or XML, not events. ${SEE}.`;
  if (first === '{' || (first.startsWith('{') && !first.endsWith('}')))
    return `${name} looks like one pretty-printed JSON object, not events. ${SEE}.`;
  if (!first.startsWith('{') && !first.startsWith('[') && /[,;\t]/.test(first))
    return `${name} looks like CSV (its first line is "${first.slice(0, 80)}"), not events. ${SEE}.`;
  const why = read.commonest === undefined ? '' : `; the commonest problem: ${read.commonest}`;
  return `${name} holds no valid event: all ${read.rejected} of its records were refused${why}. ${SEE}.`;
}

/**
 * Where each element of a JSON array text begins, as 1-based line numbers, so a refused element is reported at its
 * line as a JSON Lines record would be. One pass, aware of strings and nesting.
 */
export function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (depth === 1 && expectElement && c !== 93) {
      lines.push(line);
      expectElement = false;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (c === 93 || c === 125) depth--;
    else if (c === 44 && depth === 1) expectElement = true;
  }
  return lines;
}
