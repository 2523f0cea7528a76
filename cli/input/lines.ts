import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { InputError } from '../errors.js';

/**
 * Yields the lines of a file ('-' for standard input) with 1-based line numbers, reading in chunks so memory does
 * not grow with the file. A missing or unreadable file is an InputError naming it.
 */
export async function* readLines(path: string): AsyncGenerator<{ line: string; number: number }> {
  const stream = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
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
        yield {
          line: text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end),
          number,
        };
        start = end + 1;
        end = text.indexOf('\n', start);
      }
      pending = text.slice(start);
    }
  } catch (error) {
    throw new InputError(`cannot read ${path === '-' ? 'standard input' : path}: ${describeIoError(error)}`);
  }
  pending += decoder.end();
  if (pending.length > 0)
    yield { line: pending.endsWith('\r') ? pending.slice(0, -1) : pending, number: number + 1 };
}

export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return error instanceof Error ? error.message : String(error);
}
