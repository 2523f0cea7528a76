import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The guides' commands are real: every `npx daylight …` line of docs/deploy.md and docs/privacy.md names a command
 * the built bin has, a subcommand its usage lists and only flags its `--help` lists; every `npm run <script>`
 * names a script of package.json. (`--help` starts nothing.) What a command does is tested elsewhere:
 * test/cli/send-show.test.ts runs send and show against a local stack.
 */
const DOCS = ['docs/deploy.md', 'docs/privacy.md'];

interface DocCommand {
  doc: string;
  line: number;
  text: string;
  words: string[];
}

/** `$(…)` substitutions stand for one value: their own words and flags are another program's. */
function withoutSubstitutions(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('$(', i)) {
      let depth = 0;
      for (; i < text.length; i++) {
        if (text[i] === '(') depth++;
        else if (text[i] === ')' && --depth === 0) break;
      }
      out += 'VALUE';
    } else out += text[i];
  }
  return out;
}

/** The words after `npx daylight`, up to the end of the inline code or the line's shell comment. */
function daylightCommands(doc: string): DocCommand[] {
  const lines = readFileSync(doc, 'utf8').split('\n');
  return lines.flatMap((line, index) =>
    [...line.matchAll(/npx daylight([^`\n]*)/g)].map((match) => {
      const text = withoutSubstitutions(match[1] ?? '').replace(/\s+#\s.*$/, '');
      const words = text.replaceAll(/["']/g, '').trim().split(/\s+/).filter(Boolean);
      return { doc, line: index + 1, text: `npx daylight${match[1]}`.trim(), words };
    }),
  );
}

interface Help {
  status: number | null;
  /** Each usage form's words after `daylight <command>`. */
  forms: string[][];
  flags: Set<string>;
}

const helps = new Map<string, Help>();

function helpOf(command: string): Help {
  const known = helps.get(command);
  if (known !== undefined) return known;
  const run = spawnSync(process.execPath, ['bin/daylight.mjs', command, '--help'], { encoding: 'utf8' });
  const forms = [...run.stdout.matchAll(/^(?:Usage: | {7})daylight (\S+)(.*)$/gm)]
    .filter((m) => m[1] === command)
    .map((m) => (m[2] ?? '').trim().split(/\s+/));
  const flags = new Set([...run.stdout.matchAll(/^ {2}(?:-h, )?--([a-z][a-z-]*)/gm)].map((m) => m[1] ?? ''));
  const help = { status: run.status, forms, flags };
  helps.set(command, help);
  return help;
}

/** The literal subcommands of a command whose every usage form starts with one (`alerts tail`, `dlq inspect`). */
function subcommandsOf(help: Help): string[] | undefined {
  const first = help.forms.map((words) => words[0] ?? '');
  return first.length > 0 && first.every((w) => /^[a-z]+$/.test(w))
    ? [...new Set(first.flatMap((w) => w.split('|')))]
    : undefined;
}

/** What is wrong with a documented command, or nothing. */
function problemsOf(command: DocCommand): string[] {
  const [name, ...rest] = command.words;
  if (name === undefined) return ['names no command'];
  const help = helpOf(name);
  if (help.status !== 0 || help.forms.length === 0) return [`'${name}' is not a daylight command`];
  const problems: string[] = [];
  const subcommands = subcommandsOf(help);
  if (subcommands !== undefined && !subcommands.includes(rest[0] ?? ''))
    problems.push(`'${name} ${rest[0] ?? ''}': the subcommand is not one of ${subcommands.join(', ')}`);
  for (const word of rest.filter((w) => w.startsWith('--'))) {
    const flag = word.slice(2).split('=')[0] ?? '';
    if (!help.flags.has(flag)) problems.push(`--${flag} is not an option of '${name}'`);
  }
  return problems;
}

describe('the commands in the guides', () => {
  const commands = DOCS.flatMap(daylightCommands);

  it('finds daylight commands in every guide', () => {
    // Assess
    for (const doc of DOCS) expect(commands.filter((c) => c.doc === doc).length).toBeGreaterThan(0);
  });

  it('names only commands, subcommands and flags the CLI has', () => {
    // Act
    const wrong = commands.flatMap((c) => problemsOf(c).map((p) => `${c.doc}:${c.line}: ${c.text}: ${p}`));

    // Assess
    expect(wrong).toEqual([]);
  });

  it('would notice a flag or a command the CLI does not have', () => {
    // Act
    const flag = problemsOf({ doc: 'x', line: 1, text: '', words: ['show', '--list', '--nope'] });
    const command = problemsOf({ doc: 'x', line: 1, text: '', words: ['deploy', '--all'] });
    const subcommand = problemsOf({ doc: 'x', line: 1, text: '', words: ['dlq', 'purge', 'ingest'] });

    // Assess
    expect(flag).toEqual(["--nope is not an option of 'show'"]);
    expect(command).toEqual(["'deploy' is not a daylight command"]);
    expect(subcommand).toEqual(["'dlq purge': the subcommand is not one of inspect, redrive"]);
  });

  it('runs only npm scripts that package.json has', () => {
    // Prepare
    const scripts = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).scripts as object);

    // Act
    const named = DOCS.flatMap((doc) =>
      [...readFileSync(doc, 'utf8').matchAll(/npm run ([\w:-]+)/g)].map((m) => ({ doc, script: m[1] ?? '' })),
    );

    // Assess
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter(({ script }) => !scripts.includes(script))).toEqual([]);
  });
});
