/**
 * The one flag parser of the `daylight` commands: every command describes its flags once, and gets from that its
 * `--help` text (one layout for all) and its parsing, with the same usage errors everywhere: an unknown flag, a
 * flag without its value or a stray argument is named in one line, followed by the command's usage.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';

export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  /** How the value is written in the help, e.g. `<file>`; string flags only. */
  readonly value?: string;
  /** What the flag does; more lines are indented under the first. */
  readonly description: string;
}

export interface CommandSpec<F extends Record<string, FlagSpec>> {
  /** As typed after `daylight`: `analyze`, `alerts tail`. */
  readonly command: string;
  /** The synopsis after `Usage: daylight `, one string per form. */
  readonly usage: readonly string[];
  /** What the command does, in a few lines. */
  readonly summary: string;
  readonly flags: F;
  /** Notes after the options (data credits, environment). */
  readonly footer?: string;
}

export type FlagValues<F extends Record<string, FlagSpec>> = {
  readonly [K in keyof F]?: F[K]['type'] extends 'boolean' ? boolean : string;
};

export interface ParsedFlags<F extends Record<string, FlagSpec>> {
  values: FlagValues<F>;
  positionals: string[];
}

const HELP: FlagSpec = { type: 'boolean', description: 'show this help' };

/** The `--help` text: usage, summary, the options in one aligned column, then the footer. */
export function helpText(spec: CommandSpec<Record<string, FlagSpec>>): string {
  const flags = Object.entries({ ...spec.flags, help: HELP });
  const label = ([name, flag]: [string, FlagSpec]) =>
    `${name === 'help' ? '-h, ' : ''}--${name}${flag.value === undefined ? '' : ` ${flag.value}`}`;
  const width = Math.max(...flags.map((f) => label(f).length)) + 2;
  const options = flags.map((flag) => {
    const [first = '', ...more] = flag[1].description.split('\n');
    const indent = ' '.repeat(2 + width);
    return [`  ${label(flag).padEnd(width)}${first}`, ...more.map((line) => `${indent}${line.trim()}`)].join(
      '\n',
    );
  });
  const [head = '', ...forms] = spec.usage;
  return [
    `Usage: daylight ${head}`,
    ...forms.map((form) => `       daylight ${form}`),
    '',
    spec.summary,
    '',
    'Options:',
    ...options,
    ...(spec.footer === undefined ? [] : ['', spec.footer]),
  ].join('\n');
}

/** A usage error naming what is wrong, followed by the command's usage lines. */
export function usageError(spec: CommandSpec<Record<string, FlagSpec>>, message: string): UsageError {
  const [head = '', ...forms] = spec.usage;
  const usage = [`usage: daylight ${head}`, ...forms.map((form) => `       daylight ${form}`)];
  return new UsageError(
    [message, ...usage, `Run 'daylight ${spec.command} --help' for the options.`].join('\n'),
  );
}

/**
 * The flags and positional arguments, or `'help'` for `-h`/`--help`. Positionals beyond `maxPositionals` (none by
 * default) are a usage error, as is anything Node's parser refuses, reworded to name the flag.
 */
export function parseFlags<F extends Record<string, FlagSpec>>(
  spec: CommandSpec<F>,
  args: readonly string[],
  maxPositionals = 0,
): ParsedFlags<F> | 'help' {
  const options = Object.fromEntries(
    Object.entries({ ...spec.flags, help: HELP }).map(([name, flag]) => [
      name,
      name === 'help' ? { type: flag.type, short: 'h' } : { type: flag.type },
    ]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw usageError(spec, describeParseError(error));
  }
  if (parsed.values.help === true) return 'help';
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals.slice(maxPositionals).map((p) => `'${p}'`);
    throw usageError(spec, `unexpected argument${extra.length > 1 ? 's' : ''} ${extra.join(' ')}`);
  }
  return { values: parsed.values as FlagValues<F>, positionals: parsed.positionals };
}

/** Node's parser messages, said the way the rest of Daylight's errors are. */
function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) return `unknown option '${option}'`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined)
    return message.includes('argument missing') ? `${option} needs a value` : `${option} takes no value`;
  return message;
}
