/** `daylight dlq inspect|redrive`: what failed and why, and sending it back once the cause is fixed. */

import { SQSClient } from '@aws-sdk/client-sqs';
import { awsQueueClient, LOCAL_CREDENTIALS } from '../../local/aws-clients.js';
import { localConfigPath, readLocalConfig } from '../../local/local-config.js';
import { inspectDeadLetters, redriveDeadLetters } from '../dlq/dead-letters.js';
import { type CommandSpec, type FlagSpec, helpText, parseFlags, usageError } from '../flags.js';

const SPEC = {
  command: 'dlq',
  usage: [
    'dlq inspect <ingest|alerts> [--max <n>] [--format line|json]',
    'dlq redrive <ingest|alerts> [--max <n>]',
  ],
  summary:
    'inspect   lists dead letters without removing them: when each was sent, how many tries, why it failed and what\n' +
    '          it holds (in counts; --format json adds the body)\n' +
    'redrive   sends dead letters back to their queue (ingest or alerts) and removes them from the dead-letter queue\n' +
    '\n' +
    "Reads the local stack's queues from .daylight/local.json (written by 'npm start'); for a stack on AWS, give\n" +
    '--queue-url <dead-letter queue url> --to <queue url> [--region <r>].',
  flags: {
    max: { type: 'string', value: '<n>', description: 'at most n messages (default 100)' },
    format: { type: 'string', value: '<f>', description: 'line (default) or json, with each body (inspect)' },
    'queue-url': { type: 'string', value: '<url>', description: 'a dead-letter queue on AWS' },
    to: {
      type: 'string',
      value: '<url>',
      description: 'the queue its letters go back to (redrive, with --queue-url)',
    },
    region: {
      type: 'string',
      value: '<r>',
      description: "the queues' region (default: the one in the queue URL)",
    },
  },
} as const satisfies CommandSpec<Record<string, FlagSpec>>;

type Queue = 'ingest' | 'alerts';

export async function dlqCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === undefined || action === '--help' || action === '-h') {
    process.stdout.write(`${helpText(SPEC)}\n`);
    return action === undefined ? 2 : 0;
  }
  if (action !== 'inspect' && action !== 'redrive') throw usageError(SPEC, `unknown subcommand '${action}'`);
  const flags = readFlags(rest);
  if (flags === 'help') {
    process.stdout.write(`${helpText(SPEC)}\n`);
    return 0;
  }
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { sqs, deadLetterUrl, targetUrl } = await openQueues(flags);
  try {
    if (action === 'inspect') {
      const letters = await inspectDeadLetters(sqs, deadLetterUrl, flags.max);
      for (const l of letters) {
        if (flags.format === 'json') process.stdout.write(`${JSON.stringify(l)}\n`);
        else
          process.stdout.write(
            `${l.sentAt ?? '-'}  ${l.messageId}  tries ${l.receiveCount}  ${l.summary}` +
              `${l.contractorId === null ? '' : `  (contractor ${l.contractorId})`}\n    reason: ${l.reason}\n`,
          );
      }
      process.stderr.write(
        `daylight dlq: ${letters.length} dead letters in the ${flags.queue} dead-letter queue\n`,
      );
      return 0;
    }
    if (targetUrl === undefined) throw usageError(SPEC, 'redrive needs --to <queue url> with --queue-url');
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

function readFlags(args: string[]): Flags | 'help' {
  const parsed = parseFlags(SPEC, args, 1);
  if (parsed === 'help') return 'help';
  const { values, positionals } = parsed;
  const [queue] = positionals;
  if (queue !== 'ingest' && queue !== 'alerts')
    throw usageError(SPEC, 'name one dead-letter queue: ingest or alerts');
  const max = values.max === undefined ? 100 : Number(values.max);
  if (!Number.isInteger(max) || max < 1) throw usageError(SPEC, '--max must be a positive whole number');
  const format = values.format ?? 'line';
  if (format !== 'line' && format !== 'json') throw usageError(SPEC, '--format must be line or json');
  return {
    queue,
    max,
    format,
    ...(values['queue-url'] === undefined ? {} : { queueUrl: values['queue-url'] }),
    ...(values.to === undefined ? {} : { to: values.to }),
    ...(values.region === undefined ? {} : { region: values.region }),
  };
}
