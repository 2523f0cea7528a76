/** `daylight alerts tail`: prints alerts from the alerts queue as they arrive. */

import { type Message, SQSClient } from '@aws-sdk/client-sqs';
import { deleteAlertMessages, receiveAlertMessages } from '../../local/alert-queue.js';
import { awsQueueClient, LOCAL_CREDENTIALS } from '../../local/aws-clients.js';
import { localConfigPath, readLocalConfig } from '../../local/local-config.js';
import { type CommandSpec, type FlagSpec, helpText, parseFlags, usageError } from '../flags.js';
import { formatAlert, parseAlert } from '../output/alerts.js';

const SPEC = {
  command: 'alerts tail',
  usage: [
    'alerts tail [--format line|json] [--queue-url <url> [--region <r>]] [--peek] [--max <n>] [--idle <seconds>]',
  ],
  summary:
    'Prints alerts from the alerts queue as they arrive, one line each (severity, code, contractor, summary), and\n' +
    "deletes each alert it printed. Reads the local stack's queue (.daylight/local.json, written by 'npm start')\n" +
    'unless --queue-url names another. Stops on Ctrl-C.',
  flags: {
    format: {
      type: 'string',
      value: '<f>',
      description: 'line (default) or json: one alert JSON object per line, every field of the message',
    },
    'queue-url': {
      type: 'string',
      value: '<url>',
      description: 'an alerts queue on AWS (the AlertsQueueUrl output); credentials from the default chain',
    },
    region: {
      type: 'string',
      value: '<r>',
      description: "the queue's region (default: the one in the queue URL)",
    },
    peek: {
      type: 'boolean',
      description:
        'leave the alerts on the queue; they are handed out again after its visibility timeout,\n' +
        'and every receive counts toward its dead-letter queue',
    },
    max: { type: 'string', value: '<n>', description: 'stop after n alerts' },
    idle: { type: 'string', value: '<seconds>', description: 'stop after this long without an alert' },
  },
} as const satisfies CommandSpec<Record<string, FlagSpec>>;

interface Flags {
  format: 'line' | 'json';
  queueUrl: string | undefined;
  region: string | undefined;
  peek: boolean;
  max: number | undefined;
  idleSeconds: number | undefined;
}

export async function alertsCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    process.stdout.write(`${helpText(SPEC)}\n`);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'tail') throw usageError(SPEC, `unknown subcommand '${sub}'`);
  const flags = readFlags(rest);
  if (flags === 'help') {
    process.stdout.write(`${helpText(SPEC)}\n`);
    return 0;
  }
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { sqs, queueUrl } = await openQueue(flags);
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await tail(sqs, queueUrl, flags, abort.signal);
    return 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    sqs.destroy();
  }
}

async function tail(sqs: SQSClient, queueUrl: string, flags: Flags, signal: AbortSignal): Promise<void> {
  // With --peek the same message comes back after the visibility timeout; print it once.
  const printed = new Set<string>();
  let lastAlertAt = Date.now();
  while (!signal.aborted && (flags.max === undefined || printed.size < flags.max)) {
    const idleLeft =
      flags.idleSeconds === undefined ? 20 : flags.idleSeconds - (Date.now() - lastAlertAt) / 1000;
    if (idleLeft <= 0) return;
    let messages: Message[];
    try {
      messages = await receiveAlertMessages(sqs, queueUrl, idleLeft, signal);
    } catch (error) {
      if (signal.aborted) return;
      throw error;
    }
    const done: Message[] = [];
    for (const message of messages) {
      const id = message.MessageId ?? '';
      if (printed.has(id) || (flags.max !== undefined && printed.size >= flags.max)) continue;
      const alert = parseAlert(message.Body ?? '');
      if (alert === undefined) {
        // Not deleted: after the queue's maxReceiveCount it lands in the dead-letter queue for someone to inspect.
        process.stderr.write(`daylight alerts: message ${id} is not an alert; left on the queue\n`);
        continue;
      }
      process.stdout.write(`${flags.format === 'json' ? JSON.stringify(alert) : formatAlert(alert)}\n`);
      printed.add(id);
      done.push(message);
      lastAlertAt = Date.now();
    }
    if (!flags.peek) await deleteAlertMessages(sqs, queueUrl, done);
  }
}

/** The local stack's alerts queue, or the one named on the command line (real AWS: no endpoint override). */
async function openQueue(flags: Flags): Promise<{ sqs: SQSClient; queueUrl: string }> {
  if (flags.queueUrl !== undefined) {
    return { sqs: awsQueueClient(flags.queueUrl, flags.region), queueUrl: flags.queueUrl };
  }
  const config = await readLocalConfig(localConfigPath());
  const sqs = new SQSClient({
    region: flags.region ?? config.region,
    credentials: LOCAL_CREDENTIALS,
    endpoint: config.endpoints.sqs,
  });
  return { sqs, queueUrl: config.queues.alerts };
}

function readFlags(args: string[]): Flags | 'help' {
  const parsed = parseFlags(SPEC, args);
  if (parsed === 'help') return 'help';
  const { values } = parsed;
  const format = values.format ?? 'line';
  if (format !== 'line' && format !== 'json') throw usageError(SPEC, '--format must be line or json');
  const max = values.max === undefined ? undefined : Number(values.max);
  if (max !== undefined && !(Number.isInteger(max) && max > 0))
    throw usageError(SPEC, '--max must be a positive integer');
  const idleSeconds = values.idle === undefined ? undefined : Number(values.idle);
  if (idleSeconds !== undefined && !(idleSeconds > 0))
    throw usageError(SPEC, '--idle must be a positive number of seconds');
  return {
    format,
    queueUrl: values['queue-url'],
    region: values.region,
    peek: values.peek ?? false,
    max,
    idleSeconds,
  };
}
