import { brotliDecompressSync } from 'node:zlib';
import { TRANSLITERATION_BLOCKS_BROTLI } from './transliteration-table.js';

const blocks = new Map<number, string[]>();
/** Inflated on the first character beyond ASCII (3 ms): most names and every source id never need it. */
let table: Record<string, string> | undefined;

/**
 * Unicode text in ASCII, as any-ascii writes it (its table, generated into transliteration-table.ts), for the
 * Basic Multilingual Plane: Latin with accents, Greek, Cyrillic, Arabic, Hebrew, the Indic scripts, Thai, kana,
 * Hangul and CJK ideographs. Characters beyond it (emoji, historic scripts, rare ideographs) are dropped: they never
 * make two names comparable, and their tables would double the functions' bundles.
 */
export function transliterate(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    if (code <= 0x7f) {
      out += c;
      continue;
    }
    const number = code >>> 8;
    let block = blocks.get(number);
    if (block === undefined) {
      table ??= JSON.parse(
        brotliDecompressSync(Buffer.from(TRANSLITERATION_BLOCKS_BROTLI, 'base64')).toString('utf8'),
      );
      block = table?.[number]?.split('\t') ?? [];
      blocks.set(number, block);
    }
    out += block[code & 0xff] ?? '';
  }
  return out;
}
