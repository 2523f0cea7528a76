/** The `daylight` command: dispatches to one thin module per subcommand. */
import { UsageError } from './errors.js';

const USAGE = `Usage: daylight <command> [options]

Commands:
  analyze <events.jsonl|->   infer when and where contractors work; compare with their claims
  import-git <repo-dir>      write activity events for each commit author of a git repository
  example                    write a realistic example dataset
  start                      run the pipeline on this machine (API, queues, tables) with the example dataset
  alerts tail                print alerts from the alerts queue as they arrive
  dlq inspect|redrive        list dead letters with why they failed; send them back to their queue
  send <events.jsonl|->      post events to the pipeline's API (the local stack, or AWS with --api-url)
  show <contractorId>|--list print a report, or the contractors assessed, from the pipeline's API

Run 'daylight <command> --help' for the options of one command.`;

type Command = (args: string[]) => Promise<number>;

/** Loaded lazily so `daylight example` does not pay for the analysis engine's start-up. */
const commands: Record<string, () => Promise<Command>> = {
  analyze: async () => (await import('./commands/analyze.js')).analyzeCommand,
  'import-git': async () => (await import('./commands/import-git.js')).importGitCommand,
  example: async () => (await import('./commands/example.js')).exampleCommand,
  start: async () => (await import('./commands/start.js')).startCommand,
  alerts: async () => (await import('./commands/alerts.js')).alertsCommand,
  dlq: async () => (await import('./commands/dlq.js')).dlqCommand,
  send: async () => (await import('./commands/send.js')).sendCommand,
  show: async () => (await import('./commands/show.js')).showCommand,
};

export async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  const load = commands[name];
  if (load === undefined) {
    process.stderr.write(`daylight: unknown command '${name}'\n\n${USAGE}\n`);
    return 2;
  }
  try {
    return await (await load())(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`daylight ${name}: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`daylight ${name}: ${message}\n`);
    return 1;
  }
}
