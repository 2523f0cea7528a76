/** `npm start` / `daylight start`: the pipeline on one machine, fed with the bundled example dataset. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { deleteAlertMessages, receiveAlertMessages } from '../../local/alert-queue.js';
import { ApiClient } from '../../local/api-client.js';
import { localConfigPath } from '../../local/local-config.js';
import type { LocalStack } from '../../local/stack.js';
import { type CommandSpec, type FlagSpec, helpText, parseFlags, usageError } from '../flags.js';
import { readNetworkPolicy } from '../input/network-policy.js';
import { loadExamples } from '../local/load-examples.js';
import { type Alert, byUrgency, formatAlert, parseAlert } from '../output/alerts.js';
import { renderTable, tableWidth } from '../output/table.js';

/** The bundled example dataset, next to the package root (the CLI bundle lives in dist/). */
const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));

const SPEC = {
  command: 'start',
  usage: ['start [--port <n>] [--once] [--empty] [--networks <policy.json>]'],
  summary:
    'Runs the pipeline on this machine: DynamoDB, SQS and SNS in memory, the same Lambda handlers as on AWS behind\n' +
    'an HTTP API on http://127.0.0.1:4000 (no AWS signature needed) and the queue processor. Loads the example\n' +
    'dataset (examples/) through the API, waits for the processor, prints the contractor table and the alerts\n' +
    'raised, then serves until Ctrl-C. How to reach the stack is written to .daylight/local.json.',
  flags: {
    port: {
      type: 'string',
      value: '<n>',
      description: 'port of the API on 127.0.0.1 (default 4000; 0 picks a free one)',
    },
    once: { type: 'boolean', description: 'exit after printing the table and alerts' },
    empty: { type: 'boolean', description: 'serve without loading the example dataset' },
    networks: {
      type: 'string',
      value: '<file>',
      description:
        "the deployment's network policy (default examples/networks.json with the examples,\nnone with --empty)",
    },
  },
} as const satisfies CommandSpec<Record<string, FlagSpec>>;

interface Flags {
  port: number;
  once: boolean;
  empty: boolean;
  networks: string | undefined;
}

export async function startCommand(args: string[]): Promise<number> {
  const flags = readFlags(args);
  if (flags === 'help') {
    process.stdout.write(`${helpText(SPEC)}\n`);
    return 0;
  }
  // Node 20 is supported (package.json engines); the SDK's notice about its 2027 releases is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const log = (line: string) => process.stderr.write(`daylight start: ${line}\n`);
  const policyFile = flags.networks ?? (flags.empty ? undefined : `${EXAMPLES}networks.json`);
  // Checked here for a message naming the bad field; the handlers receive the text as on AWS.
  if (policyFile !== undefined) await readNetworkPolicy(policyFile);
  const networkPolicy = policyFile === undefined ? undefined : await readFile(policyFile, 'utf8');

  // Imported here, not at the top: the stack sets process.env before the handlers load.
  const { startLocalStack } = await import('../../local/stack.js');
  const stack = await startLocalStack({
    port: flags.port,
    networkPolicy,
    configPath: localConfigPath(),
    log,
  });
  const interrupted = onInterrupt();
  try {
    const { config } = stack;
    log(`DynamoDB on ${config.endpoints.dynamodb}, SQS and SNS on ${config.endpoints.sqs} (in memory)`);
    log(`API on ${config.apiUrl}; endpoints, tables and queues in ${localConfigPath()}`);
    if (!flags.empty) {
      const finished = await Promise.race([
        loadAndSummarise(stack, log).then(() => true),
        interrupted.signal,
      ]);
      if (!finished) return 0;
    }
    if (flags.once) return 0;
    log(`serving on ${config.apiUrl}; Ctrl-C to stop`);
    await interrupted.signal;
    return 0;
  } finally {
    interrupted.dispose();
    log('stopping');
    await stack.stop();
  }
}

async function loadAndSummarise(stack: LocalStack, log: (line: string) => void): Promise<void> {
  log(`loading the example dataset from ${EXAMPLES} through the API`);
  const loaded = await loadExamples(stack.config.apiUrl, EXAMPLES, log);
  log(
    `${loaded.claims} claim records and ${loaded.events.toLocaleString('en-US')} events accepted ` +
      `(${loaded.claimsRejected + loaded.eventsRejected} rejected) in ${loaded.requests} requests; processing`,
  );
  await stack.drain();
  const processing = await stack.processing();
  log(
    `processed ${processing.processed} queue messages; ${processing.failed} failed deliveries were retried, ` +
      `${processing.deadLettered} messages are in the ingest dead-letter queue`,
  );

  const api = new ApiClient(stack.config.apiUrl);
  const reports = await Promise.all((await api.contractorIds()).map((id) => api.report(id)));
  process.stdout.write(`${renderTable(reports, { width: tableWidth(process.stdout, false) })}\n`);
  const alerts = await takeAlerts(stack, log);
  process.stdout.write(`\nALERTS (${alerts.length})\n`);
  for (const alert of alerts.sort(byUrgency)) process.stdout.write(`${formatAlert(alert)}\n`);
}

/** Everything on the alerts queue now, deleted once read: `daylight alerts tail` shows what comes after. */
async function takeAlerts(stack: LocalStack, log: (line: string) => void): Promise<Alert[]> {
  const { sqs } = stack.clients;
  const url = stack.config.queues.alerts;
  const alerts: Alert[] = [];
  for (;;) {
    const messages = await receiveAlertMessages(sqs, url, 0);
    if (messages.length === 0) return alerts;
    const read = messages.filter((m) => {
      const alert = parseAlert(m.Body ?? '');
      if (alert === undefined) log(`message ${m.MessageId} on the alerts queue is not an alert; left there`);
      else alerts.push(alert);
      return alert !== undefined;
    });
    await deleteAlertMessages(sqs, url, read);
  }
}

/** Resolves (false) on the first Ctrl-C or SIGTERM, so the stack shuts down cleanly. */
function onInterrupt(): { signal: Promise<false>; dispose(): void } {
  let resolve: (value: false) => void = () => {};
  const signal = new Promise<false>((r) => {
    resolve = r;
  });
  const handler = () => resolve(false);
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return {
    signal,
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

function readFlags(args: string[]): Flags | 'help' {
  const parsed = parseFlags(SPEC, args);
  if (parsed === 'help') return 'help';
  const { values } = parsed;
  const port = Number(values.port ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(SPEC, '--port must be 0…65535');
  return { port, once: values.once ?? false, empty: values.empty ?? false, networks: values.networks };
}
