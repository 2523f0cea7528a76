import anyAscii from 'any-ascii';
import { describe, expect, it } from 'vitest';
import { transliterate } from '../../shared/domain/claims/transliterate.js';

describe('Transliteration', () => {
  it('writes every character of the Basic Multilingual Plane exactly as any-ascii does', () => {
    const differences: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue; // surrogates are not characters
      const c = String.fromCodePoint(code);
      if (transliterate(c) !== anyAscii(c)) differences.push(code.toString(16));
    }
    expect(differences).toEqual([]);
  });

  it('reads names in the scripts contractors write them in', () => {
    expect(transliterate('김철진')).toBe('GimCheolJin');
    expect(transliterate('Дмитрий Иванов')).toBe('Dmitriy Ivanov');
    expect(transliterate('José Müller')).toBe('Jose Muller');
    expect(transliterate('王伟')).toBe(anyAscii('王伟'));
  });

  it('drops what lies beyond that plane (emoji, rare ideographs) rather than spelling it out', () => {
    expect(transliterate('Ann 😀 Lee')).toBe('Ann  Lee');
    expect(transliterate('𠀀')).toBe('');
  });
});
