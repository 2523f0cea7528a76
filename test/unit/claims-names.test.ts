import { describe, expect, it } from 'vitest';
import { compareNames, nameTokens } from '../../shared/domain/claims/index.js';

describe('compareNames', () => {
  it.each([
    ['José María García', 'Jose Garcia Maria', 'accents and word order'],
    ['JOHN SMITH', 'john smith', 'case'],
    ['John Michael Smith', 'John Smith', 'a middle name'],
    ['J. Smith', 'John Smith', 'an initial'],
    ['Mary Smith-Jones', 'Mary Jones', 'a double-barrelled surname'],
    ["Dr. Sarah O'Brien", 'Sarah OBrien', 'a title and an apostrophe'],
    ['Дмитрий Соколов', 'Dmitry Sokolov', 'Cyrillic transliterated'],
    ['Александр Иванов', 'Alexander Ivanov', 'Cyrillic with the English spelling'],
    ['Юлия Ковальчук', 'Yulia Kovalchuk', 'Cyrillic with a softened vowel'],
    ['김철진', 'Kim Chol-jin', 'Hangul and the northern romanisation'],
    ['Gim Cheol Jin', 'Kim Chol-jin', 'Gim/Kim and a split given name'],
    ['이민호', 'Lee Min-ho', 'Hangul 이 read as Lee'],
    ['이 민호', 'Yi Minho', 'spaced Hangul 이 read as Lee'],
    ['Choe Song-il', 'Choi Sung Il', 'Choe/Choi'],
    ['박지성', 'Park Ji-sung', 'Hangul 박 read as Park'],
    ['王伟', 'Wei Wang', 'Chinese characters and Western order'],
  ])('treats "%s" and "%s" as one person (%s)', (a, b) => {
    // Act
    const comparison = compareNames(a, b);

    // Assess
    expect(comparison.consistent).toBe(true);
    expect(comparison.similarity).toBeGreaterThanOrEqual(0.84);
  });

  it.each([
    ['John Smith', 'Kim Chol-jin'],
    ['John Smith', 'Jane Smith'],
    ['Michael Brown', 'Kim Chol'],
    ['Kevin Kim', 'Kim Chol-jin'],
    ['Daniel Lee', 'Pak Song-il'],
  ])('tells "%s" and "%s" apart', (a, b) => {
    // Act
    const comparison = compareNames(a, b);

    // Assess
    expect(comparison.consistent).toBe(false);
    expect(comparison.weakestPair).toBeLessThan(0.84);
  });

  it('scores the same whichever name comes first', () => {
    // Act
    const forward = compareNames('Kim Chol Jin', 'Gim Cheoljin');
    const backward = compareNames('Gim Cheoljin', 'Kim Chol Jin');

    // Assess
    expect(backward.similarity).toBe(forward.similarity);
    expect(backward.weakestPair).toBe(forward.weakestPair);
  });

  it('reports the token-sorted forms it compared', () => {
    // Act
    const comparison = compareNames('García, José', 'jose garcia');

    // Assess
    expect(comparison.normalised).toEqual(['garcia jose', 'garcia jose']);
    expect(comparison.sortedSimilarity).toBe(1);
  });
});

describe('nameTokens', () => {
  it('splits an unspaced Korean name after the surname syllable', () => {
    expect(nameTokens('김철진')).toEqual(['kim', 'cheoljin']);
  });

  it('keeps an initial "I." as an initial rather than the Korean surname I', () => {
    expect(nameTokens('I. Petrov')).toEqual(['i', 'petrov']);
  });
});
