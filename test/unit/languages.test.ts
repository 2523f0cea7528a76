import { describe, expect, it } from 'vitest';
import {
  isExpectedLanguage,
  languagesOfCountry,
  localeParts,
  SCHEME_LANGUAGES,
} from '../../shared/domain/devices/languages.js';

describe('localeParts', () => {
  it.each([
    ['en-US', 'en', null, 'US'],
    ['ko-KR', 'ko', null, 'KR'],
    ['zh-Hans-CN', 'zh', 'Hans', 'CN'],
    ['zh-Hant', 'zh', 'Hant', null],
    ['ko', 'ko', null, null],
    ['de_DE', 'de', null, 'DE'],
    ['de_DE.UTF-8', 'de', null, 'DE'],
    ['sr_RS@latin', 'sr', null, 'RS'],
    ['EN-US', 'en', null, 'US'],
    ['es-419', 'es', null, null],
    ['de-DE-u-co-phonebk', 'de', null, 'DE'],
    ['en-UK', 'en', null, 'GB'],
    ['kor', 'ko', null, null],
    ['fil-PH', 'tl', null, 'PH'],
  ])('reads the tag %s', (tag, language, script, region) => {
    expect(localeParts(tag)).toEqual({ language, script, region });
  });

  it.each([
    ['US', null, 'US'],
    ['US-Dvorak', null, 'US'],
    ['US International', null, 'US'],
    ['United States-International', null, 'US'],
    ['British', 'en', 'GB'],
    ['00000412', 'ko', 'KR'],
    ['00020409', 'en', 'US'],
    ['com.apple.keylayout.Russian-Phonetic', 'ru', null],
    ['com.apple.inputmethod.Korean.2SetKorean', 'ko', null],
    ['com.apple.inputmethod.SCIM.ITABC', 'zh', null],
    ['com.apple.keylayout.ABC', 'en', null],
  ])('reads the keyboard layout %s', (layout, language, region) => {
    expect(localeParts(layout)).toMatchObject({ language, region });
  });

  it.each(['', 'C', 'POSIX', 'und', 'x-private', '12345678', 'com.apple.keylayout.Unknown'])(
    'finds no language in %j',
    (tag) => {
      expect(localeParts(tag).language).toBeNull();
    },
  );
});

describe('languagesOfCountry', () => {
  it('knows every country of the example personas', () => {
    for (const country of 'US CA MX BR GB IE DE PT PL JP KR IN NP SG VN KE AU NZ CN KP RU'.split(' '))
      expect(languagesOfCountry(country).length, country).toBeGreaterThan(0);
  });

  it('lists the languages official or widely used there, in any case of the code', () => {
    expect(languagesOfCountry('kp')).toEqual(['ko']);
    expect(languagesOfCountry('SG')).toEqual(expect.arrayContaining(['en', 'zh', 'ms', 'ta']));
    expect(languagesOfCountry('CA')).toEqual(['en', 'fr']);
    expect(languagesOfCountry('LV')).toContain('ru');
    expect(languagesOfCountry('XX')).toEqual([]);
  });
});

describe('expected languages', () => {
  it('never holds English against any claim', () => {
    for (const country of ['JP', 'DE', 'KR', 'BR', 'XX'])
      expect(isExpectedLanguage('en', country)).toBe(true);
  });

  it('sees Korean, Chinese and Russian as the scheme languages, unless the claimed country speaks them', () => {
    expect([...SCHEME_LANGUAGES].sort()).toEqual(['ko', 'ru', 'zh']);
    expect(isExpectedLanguage('ko', 'US')).toBe(false);
    expect(isExpectedLanguage('ru', 'DE')).toBe(false);
    expect(isExpectedLanguage('zh', 'JP')).toBe(false);
    expect(isExpectedLanguage('zh', 'SG')).toBe(true);
    expect(isExpectedLanguage('ko', 'KR')).toBe(true);
  });
});
