import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { InputError } from '../errors.js';

/**
 * Calls `onLine` for each line of a file ('-' for standard input) with its 1-based number, reading in 1 MB chunks
 * so memory does not grow with the file, and handling each chunk's lines synchronously (an async step per line
 * would cost more than parsing it). A missing or unreadable file is an InputError naming it.
 */
export async function forEachLine(
  path: string,
  onLine: (line: string, number: number) => void,
  range?: { start: number; end: number },
): Promise<number> {
  if (range && range.end <= range.start) return 0;
  const stream =
    path === '-'
      ? process.stdin
      : createReadStream(path, {
          highWaterMark: 1 << 20,
          ...(range ? { start: range.start, end: Math.max(range.start, range.end - 1) } : {}),
        });
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let number = 0;
  try {
    for await (const chunk of stream) {
      const text = pending + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
      let start = 0;
      let end = text.indexOf('\n', start);
      while (end !== -1) {
        number++;
        onLine(text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end), number);
        start = end + 1;
        end = text.indexOf('\n', start);
      }
      pending = text.slice(start);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    if ((error as NodeJS.ErrnoException | undefined)?.code === undefined) throw error;
    throw new InputError(`cannot read ${path === '-' ? 'standard input' : path}: ${describeIoError(error)}`);
  }
  pending += decoder.end();
  if (pending.length > 0) onLine(pending.endsWith('\r') ? pending.slice(0, -1) : pending, ++number);
  return number;
}

export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return error instanceof Error ? error.message : String(error);
}
