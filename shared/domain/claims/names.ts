/**
 * Whether two spellings of a personal name can belong to the same person.
 *
 * Names are reduced to Latin tokens (transliterated with any-ascii's table: Cyrillic, Hangul, CJK, accents stripped),
 * then tokens are paired up and scored with Jaro–Winkler (@skyra/jaro-winkler), which forgives the small
 * spelling drift of transliteration (Dmitriy/Dmitry, Cheoljin/Choljin) but not a different name.
 */
import { jaroWinkler } from '@skyra/jaro-winkler';
import { transliterate } from './transliterate.js';

/** A token pair scoring below this is a different name, not a different spelling (John/Jane scores 0.70). */
export const SAME_NAME_THRESHOLD = 0.84;

/** An initial ("J.") stands for any token that starts with it, but proves a little less than the full name. */
const INITIAL_SCORE = 0.95;

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'jr', 'sr', 'ii', 'iii', 'iv']);

/**
 * Romanisations of one Korean surname, mapped to one spelling. Korean surnames are written many ways
 * (Revised Romanization, McCune–Reischauer, the North's own system, family habit), and DPRK workers
 * often use the northern form on one document and the southern one on another. Only variants that are
 * rarely a non-Korean name are listed, since the map is applied to every token of two letters or more;
 * the one-letter forms (이 → I, 오 → O) are only read as surnames when they come from Hangul.
 */
const KOREAN_SURNAMES: Readonly<Record<string, string>> = Object.fromEntries(
  [
    ['kim', 'gim', 'ghim'],
    ['lee', 'yi', 'rhee', 'ri', 'rhie', 'li', 'i'],
    ['oh', 'o'],
    ['park', 'bak', 'bag', 'pak', 'bahk'],
    ['choi', 'choe', 'chwe', 'choy'],
    ['jung', 'jeong', 'chung', 'jong', 'cheong'],
    ['kang', 'gang'],
    ['cho', 'jo'],
    ['yoon', 'yun'],
    ['jang', 'chang'],
    ['lim', 'im', 'rim', 'yim'],
    ['shin', 'sin'],
    ['seo', 'suh'],
    ['kwon', 'gwon'],
    ['hwang', 'whang'],
    ['ryu', 'yoo', 'yu'],
    ['ko', 'go'],
    ['moon', 'mun'],
    ['noh', 'roh', 'no', 'ro'],
    ['baek', 'paek', 'paik', 'baik'],
    ['heo', 'hur', 'huh'],
    ['nam', 'namgung'],
    ['jeon', 'jun', 'chun', 'chon'],
  ].flatMap(([canonical, ...variants]) => [canonical, ...variants].map((v) => [v, canonical as string])),
);

const HANGUL_OR_HAN = /[\p{Script=Hangul}\p{Script=Han}]/u;

/**
 * Latin tokens of a name, in written order: lower case, no accents, no titles; hyphenated parts split
 * (Chol-jin → chol + jin; compareNames also tries them run together), apostrophes and dots dropped
 * (O'Brien → obrien); Korean surname spellings unified.
 * A Hangul or Chinese name written without spaces is split after its first syllable, the surname
 * (김철진 → kim + cheoljin), which is how those names are built.
 */
export function nameTokens(name: string): string[] {
  const rawTokens = name
    .normalize('NFKC')
    .split(/[\s,]+/u)
    .filter(Boolean);
  const eastAsianWhole = rawTokens.length === 1 && HANGUL_OR_HAN.test(rawTokens[0] ?? '');
  const tokens = rawTokens.flatMap((raw) => {
    if (!HANGUL_OR_HAN.test(raw)) return transliterate(raw).split('-').map(latinToken);
    // any-ascii capitalises each syllable of Hangul/Han text: "GimCheolJin".
    const syllables = transliterate(raw).match(/[A-Z][a-z]*|[a-z]+/g) ?? [];
    if (eastAsianWhole && syllables.length >= 2) {
      const surname = latinToken(syllables[0] ?? '');
      return [KOREAN_SURNAMES[surname] ?? surname, latinToken(syllables.slice(1).join(''))];
    }
    const word = latinToken(syllables.join(''));
    return [KOREAN_SURNAMES[word] ?? word];
  });
  // A lone letter is an initial, never mapped as a surname ("I. Petrov" is not "Lee Petrov").
  return tokens
    .filter((token) => token.length > 0 && !TITLES.has(token))
    .map((token) => (token.length > 1 ? (KOREAN_SURNAMES[token] ?? token) : token));
}

function latinToken(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export interface NameComparison {
  /** 0..1: mean Jaro–Winkler score of the paired tokens (1 = same tokens). */
  similarity: number;
  /** Jaro–Winkler of the two token-sorted forms, reported for a reader who wants one plain number. */
  sortedSimilarity: number;
  /** The lowest score among paired tokens; below SAME_NAME_THRESHOLD the names differ. */
  weakestPair: number;
  /** The normalised, token-sorted forms that were compared. */
  normalised: [string, string];
  consistent: boolean;
}

/**
 * Compares two names, tolerant of case, accents, word order, extra middle names, initials, hyphens and
 * transliteration. Each token of the shorter name is paired with its best unused token of the longer
 * one (greedily, best pair first); tokens of the longer name left over are middle names and cost nothing.
 * A given name may be written as one word or two (Myong-chol, Myong Chol, Myongchol), so the name with
 * more tokens is also tried with two neighbours run together, and the best reading counts. Symmetric.
 */
export function compareNames(a: string, b: string): NameComparison {
  const tokensA = nameTokens(a);
  const tokensB = nameTokens(b);
  const normalised: [string, string] = [[...tokensA].sort().join(' '), [...tokensB].sort().join(' ')];
  const sortedSimilarity = round(jaroWinkler(normalised[0], normalised[1]));
  if (tokensA.length === 0 || tokensB.length === 0) {
    // Nothing to compare (a name of only titles or symbols) is no evidence either way.
    return { similarity: 1, sortedSimilarity, weakestPair: 1, normalised, consistent: true };
  }
  // Put the two sides in a fixed order so that compareNames(a, b) equals compareNames(b, a).
  const [first, second] = normalised[0] <= normalised[1] ? [tokensA, tokensB] : [tokensB, tokensA];
  let best = { similarity: 0, weakestPair: 0 };
  for (const readingA of readings(first, second.length)) {
    for (const readingB of readings(second, first.length)) {
      const scores = pairTokens(readingA, readingB);
      const weakestPair = Math.min(...scores);
      const similarity = scores.reduce((sum, score) => sum + score, 0) / scores.length;
      if (
        weakestPair > best.weakestPair ||
        (weakestPair === best.weakestPair && similarity > best.similarity)
      ) {
        best = { similarity, weakestPair };
      }
    }
  }
  return {
    similarity: round(best.similarity),
    sortedSimilarity,
    weakestPair: round(best.weakestPair),
    normalised,
    consistent: best.weakestPair >= SAME_NAME_THRESHOLD,
  };
}

/**
 * The tokens as written and, when they outnumber the other name's, each way of running two neighbours
 * together. Merging is never done down past the other name's count: "John Smith" run into "johnsmith"
 * would make it look like "Jane Smith".
 */
function readings(tokens: string[], otherCount: number): string[][] {
  if (tokens.length <= otherCount) return [tokens];
  const merged = tokens
    .slice(1)
    .map((token, i) => [...tokens.slice(0, i), `${tokens[i]}${token}`, ...tokens.slice(i + 2)]);
  return [tokens, ...merged];
}

function pairTokens(tokensA: string[], tokensB: string[]): number[] {
  const [shorter, longer] = tokensA.length <= tokensB.length ? [tokensA, tokensB] : [tokensB, tokensA];
  const candidates = shorter.flatMap((s, i) => longer.map((l, j) => ({ i, j, score: tokenScore(s, l) })));
  candidates.sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
  const usedShort = new Set<number>();
  const usedLong = new Set<number>();
  const scores: number[] = [];
  for (const { i, j, score } of candidates) {
    if (usedShort.has(i) || usedLong.has(j)) continue;
    usedShort.add(i);
    usedLong.add(j);
    scores.push(score);
  }
  return scores;
}

function tokenScore(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 1 || b.length === 1) {
    const [initial, full] = a.length === 1 ? [a, b] : [b, a];
    return full.startsWith(initial) ? INITIAL_SCORE : 0;
  }
  return jaroWinkler(a, b);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
