import { fileURLToPath } from 'node:url';
import { analyzeCommand } from './analyze.js';

/** The bundled example dataset, next to the package root (the CLI bundle lives in dist/). */
const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));

/**
 * `npm start`: until the local stack exists, analyse the bundled example dataset and print the report table, so a
 * new user sees what Daylight concludes about honest and deceptive contractors in one command.
 */
export async function startCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(
      'Usage: daylight start\n\nAnalyses the bundled example dataset (examples/) and prints the report table.\n',
    );
    return 0;
  }
  process.stderr.write(`daylight start: analysing the example dataset in ${EXAMPLES}\n`);
  return analyzeCommand([
    `${EXAMPLES}events.jsonl`,
    '--claims',
    `${EXAMPLES}claims.json`,
    '--networks',
    `${EXAMPLES}networks.json`,
    ...args,
  ]);
}
