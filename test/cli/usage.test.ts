import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { daylight, tempFiles } from './run-cli.js';

/** Every command as typed, with the arguments it needs before its flags. */
const COMMANDS: [string, string[]][] = [
  ['analyze', ['analyze', 'events.jsonl']],
  ['import-git', ['import-git', '.']],
  ['example', ['example']],
  ['start', ['start']],
  ['alerts tail', ['alerts', 'tail']],
  ['dlq', ['dlq', 'inspect', 'ingest']],
  ['send', ['send', 'events.jsonl']],
  ['show', ['show', 'c-1']],
];

describe('daylight usage', () => {
  it.each(COMMANDS)('lays out the help of %s as every other command does', (_, args) => {
    // Act
    const run = daylight([...args, '--help']);

    // Assess
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Usage: daylight \S/);
    const options = lines.indexOf('Options:');
    expect(options).toBeGreaterThan(1);
    expect(lines.slice(options + 1)).toContainEqual(
      expect.stringMatching(/^ {2}-h, --help {2,}show this help$/),
    );
    for (const line of lines.slice(options + 1).filter((l) => l.startsWith('  --')))
      expect(line).toMatch(/^ {2}--[a-z-]+( <[^>]+>)? {2,}\S/);
  });

  it.each(COMMANDS)(
    'refuses an unknown flag of %s in the same words, then shows the usage (exit 2)',
    (name, args) => {
      // Act
      const run = daylight([...args, '--nope']);

      // Assess
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines[0]).toBe(`daylight ${name.split(' ')[0]}: unknown option '--nope'`);
      expect(lines[1]).toMatch(/^usage: daylight /);
      expect(lines.at(-1)).toBe(`Run 'daylight ${name} --help' for the options.`);
    },
  );

  it.each(COMMANDS)('says which flag of %s lacks its value', (_, args) => {
    // Prepare: the first string flag the help lists
    const help = daylight([...args, '--help']).stdout;
    const flag = /^ {2}(--[a-z-]+) </m.exec(help)?.[1] ?? '';

    // Act
    const run = daylight([...args, flag]);

    // Assess
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')[0]).toMatch(new RegExp(`: ${flag} needs a value$`));
  });
});

describe('daylight example --out', () => {
  it('says plainly that the path it was given is a file', () => {
    // Prepare
    const dir = tempFiles({ 'taken.txt': 'not a folder' });

    // Act
    const run = daylight(['example', '--out', join(dir, 'taken.txt')]);

    // Assess
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      `daylight example: --out ${join(dir, 'taken.txt')} is a file, not a folder: name a folder to write the dataset into`,
    );
  });
});
