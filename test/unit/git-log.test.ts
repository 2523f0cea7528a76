import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contractorIdFor, parseAuthorMap, sanitiseContractorId } from '../../cli/git/authors.js';
import {
  commitEvent,
  GIT_LOG_FORMAT,
  parseGitLogLine,
  sinceInstant,
  sinceProblem,
} from '../../cli/git/log.js';
import { TelemetryEvent } from '../../shared/schema/events.js';

const SHA = '5a5ebf9024564aa7b78744a2d6e4416793ce944f';
const US = '\x1f';

/** One line as `git log --format=GIT_LOG_FORMAT` prints it. */
function logLine(fields: {
  sha?: string;
  authored: string;
  committed?: string;
  email?: string;
  name?: string;
}): string {
  const { sha = SHA, authored, committed = authored, email = 'ana@example.com', name = 'Ana' } = fields;
  return [sha, authored, committed, email, name].join(US);
}

describe('parseGitLogLine', () => {
  it.each([
    ['2026-03-02T09:14:07+05:30', 330],
    ['2026-03-02T09:14:07+05:45', 345],
    ['2026-03-02T09:14:07-08:00', -480],
    ['2026-03-02T09:14:07+00:00', 0],
    ['2026-03-02T09:14:07Z', 0],
    ['2026-03-02T09:14:07+14:00', 840],
  ])('reads the offset git recorded in %s as %i minutes', (authored, offset) => {
    // Act
    const commit = parseGitLogLine(logLine({ authored }));

    // Assess
    expect(commit?.authorOffsetMinutes).toBe(offset);
    expect(commit?.authoredAt).toBe(authored);
  });

  it('keeps names with unicode, quotes and "|" whole', () => {
    // Prepare
    const name = 'Zoë "Z|o" Ñúñez | 김민준';

    // Act
    const commit = parseGitLogLine(logLine({ authored: '2026-03-02T09:14:07+09:00', name }));

    // Assess
    expect(commit?.authorName).toBe(name);
    expect(commit?.authorEmail).toBe('ana@example.com');
  });

  it('keeps a name whole even if it contains the field separator', () => {
    const commit = parseGitLogLine(logLine({ authored: '2026-03-02T09:14:07+09:00', name: `a${US}b` }));
    expect(commit?.authorName).toBe(`a${US}b`);
  });

  it.each([
    ['a line of the wrong shape', 'fatal: something'],
    ['a short sha', logLine({ sha: 'abc123', authored: '2026-03-02T09:14:07+09:00' })],
    ['a date without offset', logLine({ authored: '2026-03-02T09:14:07' })],
    ['a date in another format', logLine({ authored: '2026-03-02 09:14:07 +0900' })],
    ['an impossible date', logLine({ authored: '2026-02-30T09:14:07+09:00' })],
    ['a date out of every range', logLine({ authored: '2026-13-45T99:99:99+09:00' })],
  ])('returns nothing for %s', (_, line) => {
    expect(parseGitLogLine(line)).toBeUndefined();
  });

  it('asks git for the fields the parser reads, in order', () => {
    expect(GIT_LOG_FORMAT).toBe('%H%x1f%aI%x1f%cI%x1f%ae%x1f%an');
  });
});

describe('commitEvent', () => {
  it('writes a commit as a valid activity event with the author date and recorded offset', () => {
    // Prepare
    const commit = parseGitLogLine(logLine({ authored: '2026-03-02T09:14:07-08:00' }));
    if (commit === undefined) throw new Error('fixture did not parse');

    // Act
    const event = commitEvent(commit, 'c-ana');
    const validated = TelemetryEvent.parse(event);

    // Assess
    expect(event).toEqual({
      id: `git:${SHA}`,
      contractorId: 'c-ana',
      type: 'activity',
      at: '2026-03-02T09:14:07-08:00',
      source: 'git',
      kind: 'commit',
      recordedOffsetMinutes: -480,
    });
    expect(validated.at).toBe(Date.parse('2026-03-02T17:14:07Z'));
  });

  it('keeps the instant but drops an offset no zone uses', () => {
    // Prepare
    const commit = parseGitLogLine(logLine({ authored: '2026-03-02T09:14:07+15:00' }));
    if (commit === undefined) throw new Error('fixture did not parse');

    // Act
    const event = commitEvent(commit, 'c-ana');

    // Assess
    expect(event.at).toBe('2026-03-01T18:14:07Z');
    expect(event).not.toHaveProperty('recordedOffsetMinutes');
    expect(TelemetryEvent.safeParse(event).success).toBe(true);
  });

  it('turns any commit git can print into a valid event at the same instant with the same offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000 }),
        fc.integer({ min: -48, max: 56 }).map((quarters) => quarters * 15),
        (seconds, offset) => {
          // Prepare: print the instant the way git's %aI does
          const local = new Date(seconds * 1000 + offset * 60_000).toISOString().slice(0, 19);
          const sign = offset < 0 ? '-' : '+';
          const size = Math.abs(offset);
          const suffix = `${sign}${String(Math.floor(size / 60)).padStart(2, '0')}:${String(size % 60).padStart(2, '0')}`;
          const commit = parseGitLogLine(logLine({ authored: `${local}${suffix}` }));

          // Act
          const event = commit === undefined ? undefined : TelemetryEvent.parse(commitEvent(commit, 'c-x'));

          // Assess
          expect(event?.at).toBe(seconds * 1000);
          expect(event?.type === 'activity' && event.recordedOffsetMinutes).toBe(offset);
        },
      ),
    );
  });
});

describe('authors', () => {
  it('maps an author by email, whatever the case', () => {
    const authors = parseAuthorMap({ 'Ana@Example.com': 'c-ana' });
    expect(contractorIdFor('ana@EXAMPLE.com', 'Ana', authors)).toBe('c-ana');
  });

  it('gives an unmapped author an id made from their email, transliterated', () => {
    const id = contractorIdFor('Jürgen.Weiß@beispiel.de', 'Jürgen', new Map());
    expect(id).toBe('jurgen.weiss@beispiel.de');
  });

  it('falls back to the name when the email is empty', () => {
    expect(contractorIdFor('', 'Kim Min-jun', new Map())).toBe('kim-min-jun');
  });

  it('always makes an id the telemetry contract accepts', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(sanitiseContractorId(text)).toMatch(/^[A-Za-z0-9._:@+-]{1,128}$/);
      }),
    );
  });

  it.each([
    ['an array', ['c-ana'], 'the file'],
    ['a bad contractor id', { 'ana@example.com': 'not ok!' }, 'entry "ana@example.com"'],
    ['a number for an id', { 'ana@example.com': 7 }, 'entry "ana@example.com"'],
  ])('rejects an authors map with %s and says where', (_, json, where) => {
    expect(() => parseAuthorMap(json)).toThrow(where);
  });
});

describe('sinceInstant', () => {
  it.each([
    ['2026-03-01', '2026-03-01T00:00:00Z'],
    ['2026-03-01T09:30+09:00', '2026-03-01T00:30:00Z'],
    ['2026-03-01T23:59:59-05:00', '2026-03-02T04:59:59Z'],
  ])('reads %s as %s', (since, instant) => {
    expect(sinceInstant(since)).toBe(Date.parse(instant));
  });
});

describe('sinceProblem', () => {
  it.each(['2026-03-01', '2026-03-01T00:00:00Z', '2026-03-01T09:30+09:00'])('accepts %s', (since) => {
    expect(sinceProblem(since)).toBeUndefined();
  });

  it.each(['last week', '2026-02-30', '--all', '2026-3-1', ''])('rejects %j', (since) => {
    expect(sinceProblem(since)).toMatch(/--since/);
  });
});
