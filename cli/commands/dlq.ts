/** `daylight dlq inspect|redrive`: what failed and why, and sending it back once the cause is fixed. */

import { parseArgs } from 'node:util';
import { SQSClient } from '@aws-sdk/client-sqs';
import { awsQueueClient, LOCAL_CREDENTIALS } from '../../local/aws-clients.js';
import { localConfigPath, readLocalConfig } from '../../local/local-config.js';
import { inspectDeadLetters, redriveDeadLetters } from '../dlq/dead-letters.js';
import { UsageError } from '../errors.js';

const USAGE = `Usage: daylight dlq inspect <ingest|alerts> [--max <n>] [--format line|json]
       daylight dlq redrive <ingest|alerts> [--max <n>]
       (either with --queue-url <dead-letter queue url> --to <queue url> [--region <r>] for a stack on AWS)

inspect   lists dead letters without removing them: when each was sent, how many tries, why it failed and what
          it holds (in counts; --format json adds the body)
redrive   sends dead letters back to their queue (ingest or alerts) and removes them from the dead-letter queue

Reads the local stack's queues from .daylight/local.json (written by 'npm start') unless --queue-url is given.
  --max <n>   at most n messages (default 100)`;

type Queue = 'ingest' | 'alerts';

export async function dlqCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === undefined || action === '--help' || action === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return action === undefined ? 2 : 0;
  }
  if (action !== 'inspect' && action !== 'redrive')
    throw new UsageError(`unknown subcommand '${action}'; try 'daylight dlq inspect ingest'`);
  const flags = parseFlags(rest);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { sqs, deadLetterUrl, targetUrl } = await openQueues(flags);
  try {
    if (action === 'inspect') {
      const letters = await inspectDeadLetters(sqs, deadLetterUrl, flags.max);
      for (const l of letters) {
        if (flags.format === 'json') process.stdout.write(`${JSON.stringify(l)}\n`);
        else
          process.stdout.write(
            `${l.sentAt ?? '-'}  ${l.messageId}  tries ${l.receiveCount}  ${l.summary}\n    reason: ${l.reason}\n`,
          );
      }
      process.stderr.write(
        `daylight dlq: ${letters.length} dead letters in the ${flags.queue} dead-letter queue\n`,
      );
      return 0;
    }
    if (targetUrl === undefined) throw new UsageError('redrive needs --to <queue url> with --queue-url');
    const moved = await redriveDeadLetters(sqs, deadLetterUrl, targetUrl, flags.max);
    process.stderr.write(`daylight dlq: sent ${moved} dead letters back to the ${flags.queue} queue\n`);
    return 0;
  } finally {
    sqs.destroy();
  }
}

interface Flags {
  queue: Queue;
  max: number;
  format: 'line' | 'json';
  queueUrl?: string;
  to?: string;
  region?: string;
}

async function openQueues(flags: Flags) {
  if (flags.queueUrl !== undefined) {
    return {
      sqs: awsQueueClient(flags.queueUrl, flags.region),
      deadLetterUrl: flags.queueUrl,
      targetUrl: flags.to,
    };
  }
  const config = await readLocalConfig(localConfigPath());
  const sqs = new SQSClient({
    region: config.region,
    credentials: LOCAL_CREDENTIALS,
    endpoint: config.endpoints.sqs,
  });
  return flags.queue === 'ingest'
    ? { sqs, deadLetterUrl: config.queues.ingestDeadLetter, targetUrl: config.queues.ingest }
    : { sqs, deadLetterUrl: config.queues.alertsDeadLetter, targetUrl: config.queues.alerts };
}

function parseFlags(args: string[]): Flags {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const [queue, ...extra] = parsed.positionals;
  if ((queue !== 'ingest' && queue !== 'alerts') || extra.length > 0)
    throw new UsageError(`name one dead-letter queue: ingest or alerts\n\n${USAGE}`);
  const max = parsed.values.max === undefined ? 100 : Number(parsed.values.max);
  if (!Number.isInteger(max) || max < 1) throw new UsageError('--max must be a positive whole number');
  const format = parsed.values.format ?? 'line';
  if (format !== 'line' && format !== 'json') throw new UsageError('--format must be line or json');
  return {
    queue,
    max,
    format,
    ...(parsed.values['queue-url'] === undefined ? {} : { queueUrl: parsed.values['queue-url'] }),
    ...(parsed.values.to === undefined ? {} : { to: parsed.values.to }),
    ...(parsed.values.region === undefined ? {} : { region: parsed.values.region }),
  };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      max: { type: 'string' },
      format: { type: 'string' },
      'queue-url': { type: 'string' },
      to: { type: 'string' },
      region: { type: 'string' },
    },
  });
}
