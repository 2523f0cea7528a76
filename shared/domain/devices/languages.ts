/**
 * Languages and locale tags, for asking whether a device's locale or keyboard fits where its user says they live.
 * Codes are ISO 639-1; regions ISO 3166-1 alpha-2.
 */

/**
 * Languages official or widely used in each country (ISO 639-1). Generous on purpose: a language listed here is
 * never held against a claim, so a Russian keyboard in Latvia or a Chinese one in Singapore is no contradiction.
 */
const COUNTRY_LANGUAGES: Readonly<Record<string, string>> = {
  // Americas
  US: 'en es',
  CA: 'en fr',
  MX: 'es',
  BR: 'pt',
  AR: 'es',
  CL: 'es',
  CO: 'es',
  PE: 'es qu',
  VE: 'es',
  EC: 'es',
  UY: 'es',
  PY: 'es gn',
  BO: 'es qu ay',
  CR: 'es',
  PA: 'es',
  GT: 'es',
  DO: 'es',
  CU: 'es',
  PR: 'es en',
  JM: 'en',
  // Europe
  GB: 'en cy gd',
  IE: 'en ga',
  DE: 'de',
  AT: 'de',
  CH: 'de fr it rm',
  FR: 'fr',
  BE: 'nl fr de',
  NL: 'nl fy',
  LU: 'lb fr de',
  IT: 'it',
  ES: 'es ca gl eu',
  PT: 'pt',
  PL: 'pl',
  CZ: 'cs',
  SK: 'sk',
  HU: 'hu',
  RO: 'ro',
  BG: 'bg',
  GR: 'el',
  CY: 'el tr',
  MT: 'mt en',
  SE: 'sv',
  NO: 'nb nn no',
  DK: 'da',
  FI: 'fi sv',
  IS: 'is',
  EE: 'et ru',
  LV: 'lv ru',
  LT: 'lt ru',
  SI: 'sl',
  HR: 'hr',
  RS: 'sr',
  BA: 'bs hr sr',
  ME: 'sr',
  MK: 'mk',
  AL: 'sq',
  // Former Soviet Union, where Russian stays widely used
  RU: 'ru',
  UA: 'uk ru',
  BY: 'be ru',
  MD: 'ro ru',
  KZ: 'kk ru',
  UZ: 'uz ru',
  KG: 'ky ru',
  AM: 'hy ru',
  GE: 'ka',
  AZ: 'az',
  // Middle East and North Africa
  TR: 'tr',
  IL: 'he ar',
  SA: 'ar',
  AE: 'ar en',
  QA: 'ar',
  KW: 'ar',
  JO: 'ar',
  LB: 'ar fr',
  IQ: 'ar ku',
  IR: 'fa',
  EG: 'ar',
  MA: 'ar fr',
  DZ: 'ar fr',
  TN: 'ar fr',
  // Asia
  PK: 'ur en',
  IN: 'hi en bn te mr ta ur gu kn ml or pa as',
  BD: 'bn',
  LK: 'si ta',
  NP: 'ne',
  CN: 'zh',
  TW: 'zh',
  HK: 'zh en',
  MO: 'zh pt',
  JP: 'ja',
  KR: 'ko',
  KP: 'ko',
  MN: 'mn',
  VN: 'vi',
  TH: 'th',
  MY: 'ms en zh ta',
  SG: 'en zh ms ta',
  ID: 'id',
  PH: 'tl en',
  KH: 'km',
  LA: 'lo',
  MM: 'my',
  // Oceania
  AU: 'en',
  NZ: 'en mi',
  // Sub-Saharan Africa
  ZA: 'en af zu xh st tn ts ss ve nr',
  NG: 'en ha yo ig',
  KE: 'sw en',
  TZ: 'sw en',
  UG: 'en sw lg',
  ET: 'am om',
  GH: 'en',
  RW: 'rw en fr',
  SN: 'fr wo',
  CI: 'fr',
  CM: 'fr en',
};

const BY_COUNTRY = new Map(
  Object.entries(COUNTRY_LANGUAGES).map(([country, codes]) => [country, Object.freeze(codes.split(' '))]),
);
const NONE: readonly string[] = Object.freeze([]);

/** The languages of a country (ISO 3166-1 alpha-2, any case); empty for a country not in the table. */
export function languagesOfCountry(country: string): readonly string[] {
  return BY_COUNTRY.get(country.trim().toUpperCase()) ?? NONE;
}

/** English is on keyboards and in locales everywhere: its presence never contradicts any claim. */
export const UNIVERSAL_LANGUAGES: ReadonlySet<string> = new Set(['en']);

/**
 * Languages whose appearance on a device contradicts a US, European or Japanese claim in the DPRK IT-worker
 * pattern: the workers are North Korean (Korean) and live mostly in China and Russia (Chinese, Russian), so
 * their machines carry those locales and keyboards. Emigrants and heritage speakers carry them too: this is
 * corroboration for other findings, never proof on its own.
 */
export const SCHEME_LANGUAGES: ReadonlySet<string> = new Set(['ko', 'zh', 'ru']);

/** Whether a language fits a claim of living in `country`: English, or a language of that country. */
export function isExpectedLanguage(language: string, country: string): boolean {
  return UNIVERSAL_LANGUAGES.has(language) || languagesOfCountry(country).includes(language);
}

export interface LocaleParts {
  /** ISO 639-1 where one exists (three-letter codes otherwise), lower case; null when the tag names none. */
  language: string | null;
  /** ISO 15924 script, e.g. "Hans"; null when absent. */
  script: string | null;
  /** ISO 3166-1 alpha-2, upper case; null when absent (or a UN M.49 area such as "419"). */
  region: string | null;
}

const EMPTY: LocaleParts = Object.freeze({ language: null, script: null, region: null });
/** Language, then subtags of up to eight letters or digits; "US International" or "Russian - Phonetic" are names. */
const BCP47_SHAPE = /^[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*$/i;

// Three-letter codes seen in the wild for the languages that matter most here.
const ISO639_2: Readonly<Record<string, string>> = {
  eng: 'en',
  kor: 'ko',
  zho: 'zh',
  chi: 'zh',
  rus: 'ru',
  jpn: 'ja',
  deu: 'de',
  ger: 'de',
  fra: 'fr',
  fre: 'fr',
  spa: 'es',
  por: 'pt',
  pol: 'pl',
  vie: 'vi',
  ukr: 'uk',
  hin: 'hi',
  nep: 'ne',
  fil: 'tl',
};

// Windows keyboard layout ids ("00000412", "00020409"): the low four hex digits are the locale id.
const WINDOWS_LCIDS: Readonly<Record<string, string>> = {
  '0409': 'en-US',
  '0809': 'en-GB',
  '1009': 'en-CA',
  '0c09': 'en-AU',
  '4009': 'en-IN',
  '0407': 'de-DE',
  '040c': 'fr-FR',
  '0c0c': 'fr-CA',
  '0410': 'it-IT',
  '0c0a': 'es-ES',
  '080a': 'es-MX',
  '0416': 'pt-BR',
  '0816': 'pt-PT',
  '0415': 'pl-PL',
  '0413': 'nl-NL',
  '041f': 'tr-TR',
  '0411': 'ja-JP',
  '0412': 'ko-KR',
  '0804': 'zh-CN',
  '0404': 'zh-TW',
  '0c04': 'zh-HK',
  '1004': 'zh-SG',
  '0419': 'ru-RU',
  '0422': 'uk-UA',
  '042a': 'vi-VN',
  '0439': 'hi-IN',
  '0461': 'ne-NP',
};

// Keyboard layout names (macOS input sources, Windows display names), lower case without punctuation.
const LAYOUT_NAMES: Readonly<Record<string, [string | null, string | null]>> = {
  us: [null, 'US'],
  usinternational: [null, 'US'],
  usextended: [null, 'US'],
  unitedstates: [null, 'US'],
  abc: ['en', null],
  english: ['en', null],
  british: ['en', 'GB'],
  uk: [null, 'GB'],
  australian: ['en', 'AU'],
  canadian: [null, 'CA'],
  german: ['de', null],
  french: ['fr', null],
  spanish: ['es', null],
  italian: ['it', null],
  polish: ['pl', null],
  portuguese: ['pt', null],
  brazilian: ['pt', 'BR'],
  dutch: ['nl', null],
  vietnamese: ['vi', null],
  russian: ['ru', null],
  ukrainian: ['uk', null],
  korean: ['ko', null],
  hangul: ['ko', null],
  japanese: ['ja', null],
  kotoeri: ['ja', null],
  chinese: ['zh', null],
  pinyin: ['zh', null],
  scim: ['zh', null],
  tcim: ['zh', null],
  zhuyin: ['zh', null],
  wubi: ['zh', null],
  hindi: ['hi', null],
  nepali: ['ne', null],
};

/**
 * The language and region of a locale or keyboard-layout string: BCP 47 ("en-US", "zh-Hans-CN", "ko"), POSIX
 * ("de_DE.UTF-8"), a bare region ("US"), a Windows layout id ("00000412") or a macOS input source
 * ("com.apple.keylayout.Russian", "com.apple.inputmethod.Korean.2SetKorean"). Unknown shapes give nulls.
 */
export function localeParts(tag: string): LocaleParts {
  const text = tag.trim();
  const apple = /^com\.apple\.(?:keylayout|inputmethod)\.(.+)$/i.exec(text);
  if (apple) return fromLayoutName((apple[1] ?? '').split('.'));
  if (/^[0-9a-f]{8}$/i.test(text)) {
    const mapped = WINDOWS_LCIDS[text.slice(4).toLowerCase()];
    return mapped === undefined ? EMPTY : fromBcp47(mapped.split('-'));
  }
  const posix = text.replace(/[.@].*$/, '');
  if (posix === '' || posix === 'C' || posix === 'POSIX') return EMPTY;
  const subtags = posix.split(/[-_]/);
  const first = subtags[0] ?? '';
  // An upper-case pair first is a region ("US", "US-Dvorak") unless a region follows, as in "EN-US".
  const regionFirst = /^[A-Z]{2}$/.test(first) && !/^[a-z]{2}$/i.test(subtags[1] ?? '');
  if (BCP47_SHAPE.test(posix) && !regionFirst) return fromBcp47(subtags);
  if (regionFirst) return { language: null, script: null, region: isoRegion(first) };
  return fromLayoutName([posix]);
}

function fromBcp47([first = '', ...rest]: readonly string[]): LocaleParts {
  const lower = first.toLowerCase();
  const language = lower === 'und' ? null : (ISO639_2[lower] ?? lower);
  let script: string | null = null;
  let region: string | null = null;
  for (const sub of rest) {
    if (sub.length === 1) break; // Extensions (-u-…, -x-…) say nothing about language or place.
    if (script === null && region === null && /^[a-z]{4}$/i.test(sub))
      script = sub[0]?.toUpperCase() + sub.slice(1).toLowerCase();
    else if (region === null && /^[a-z]{2}$/i.test(sub)) region = isoRegion(sub);
    else if (region === null && /^\d{3}$/.test(sub)) break;
  }
  return { language, script, region };
}

/** Upper case, and "UK" (common, but not ISO 3166) as GB. */
function isoRegion(code: string): string {
  const upper = code.toUpperCase();
  return upper === 'UK' ? 'GB' : upper;
}

function fromLayoutName(parts: readonly string[]): LocaleParts {
  for (const part of parts) {
    const key = part.toLowerCase().replace(/[^a-z0-9]/g, '');
    const found =
      LAYOUT_NAMES[key] ??
      Object.entries(LAYOUT_NAMES).find(([name]) => name.length >= 5 && key.includes(name))?.[1];
    if (found) return { language: found[0], script: null, region: found[1] };
  }
  return EMPTY;
}
