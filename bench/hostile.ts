/**
 * Hostile requests against the local pipeline: the whole stack in this process (embedded dynalite + fauxqs, the
 * real handlers, the HTTP API on a free 127.0.0.1 port, the processor loop), sent plain `fetch` requests with no
 * signature, each a case of one class (bench/hostile-cases.ts). Every case must be answered 2xx or 4xx, never 5xx;
 * a 4xx must say why. Many cases carry one valid event of an innocent contractor beside the hostile item: once the
 * processor has drained, every innocent event the API took must be counted in its contractor's report, and none
 * may sit in the ingest dead-letter queue. A bystander posted first (device `dev-shared-1`, which some refused
 * hostile events carry too) must have the same report at the end as before.
 *
 * Prints a Markdown table per class (cases, pass, fail, 5xx, lost) and every case that failed, answered 5xx or
 * lost an event; exits 1 if any case answered 5xx or lost an event.
 * Usage: npm run bench:hostile [-- --all]   (npx tsx bench/hostile.ts; --all lists every case and its answer)
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { queueDepth } from '../local/resources.js';
import { startLocalStack } from '../local/stack.js';
import {
  type Answer,
  acceptedIndexes,
  BYSTANDER,
  buildCases,
  CASE_CLASSES,
  type HostileCase,
  type HostileRequest,
  judge,
  type RunContext,
} from './hostile-cases.js';

/** Long enough for a message that fails every try to reach the dead-letter queue (5 receives, 5 s apart). */
const { values: flags } = parseArgs({ options: { all: { type: 'boolean', default: false } } });
const DRAIN_TIMEOUT_MS = 300_000;
const REQUEST_TIMEOUT_MS = 60_000;
const ANSWER_CHARS = 200;

// Handler logs would print every refused request between the progress lines; the developer may still ask for them.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';

const startedAt = Date.now();
const { cases, bystanderEvents } = buildCases(startedAt);
const stackLog: string[] = [];
const stack = await startLocalStack({ port: 0, log: (line) => stackLog.push(line) });
const api = stack.config.apiUrl;
const progress = (line: string) => process.stderr.write(`${line}\n`);

interface CaseResult {
  number: number;
  kase: HostileCase;
  verdict: 'pass' | 'fail' | '5xx';
  why: string | undefined;
  /** The answer the verdict is about: the first that was not as expected, else the first. */
  answer: Answer;
  answers: Answer[];
  /** Why each of its innocent contractors counts as lost (empty: nothing lost). */
  lost: string[];
  /** Innocent events the API took, and how many of them the reports counted. */
  taken: number;
  counted: number;
}

try {
  // ---- the bystander, before anything hostile ----
  const posted = await send({
    method: 'POST',
    path: '/v1/events',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(bystanderEvents),
  });
  const postedCount = (posted.json as { accepted?: number } | undefined)?.accepted;
  if (posted.status !== 202 || postedCount !== bystanderEvents.length)
    throw new Error(`setup: the bystander's events were not all taken: ${posted.status} ${posted.text}`);
  await drain('the bystander');
  const before = await send({ method: 'GET', path: `/v1/contractors/${BYSTANDER}/report` });
  if (before.status !== 200) throw new Error(`setup: no bystander report: ${before.status} ${before.text}`);

  // ---- the cases, one at a time in order; the flood all at once ----
  const context: RunContext = { validCursor: undefined };
  const results: CaseResult[] = [];
  const numbered = cases.map((kase, i) => ({ kase, number: i + 1 }));
  for (const { kase, number } of numbered.filter(({ kase }) => kase.className !== 'flood')) {
    if (kase.className === 'cursors' && context.validCursor === undefined)
      context.validCursor = await firstPageCursor();
    results.push(await runCase(kase, number, context));
  }
  const flood = numbered.filter(({ kase }) => kase.className === 'flood');
  progress(`flood: ${flood.reduce((sum, { kase }) => sum + kase.requests.length, 0)} requests at once`);
  results.push(...(await Promise.all(flood.map(({ kase, number }) => runCase(kase, number, context)))));

  // ---- what the processor made of it ----
  await drain('every case');
  const deadLetters = await peekDeadLetters(stack.clients.sqs, stack.resources.queues.ingestDeadLetter.url);
  const innocentsInDeadLetters = innocentsIn(deadLetters.messages);
  for (const result of results) await checkInnocents(result, innocentsInDeadLetters);
  const after = await send({ method: 'GET', path: `/v1/contractors/${BYSTANDER}/report` });
  const bystanderChanged = after.status !== 200 || after.text !== before.text;

  printReport(results, {
    bystanderChanged,
    bystanderWhy:
      after.status !== 200
        ? `the report answered ${after.status}`
        : differences(before.json, after.json).slice(0, 8).join('; '),
    bystanderAnswer: after,
    deadLetters,
  });
  const broken = results.some((r) => r.verdict === '5xx' || r.lost.length > 0) || bystanderChanged;
  process.exitCode = broken ? 1 : 0;
} catch (error) {
  // A broken run (the stack would not start, the setup was refused) is not a result: say so and exit 2.
  process.stderr.write(`hostile: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 2;
} finally {
  await stack.stop();
}
process.exit();

// ---- sending ----

async function send(request: HostileRequest): Promise<Answer> {
  try {
    const response = await fetch(`${api}${request.path}`, {
      method: request.method,
      ...(request.headers === undefined ? {} : { headers: request.headers }),
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    return { status: response.status, text, json: parseJson(text) };
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    const message = `${(error as Error).message}${cause instanceof Error ? `: ${cause.message}` : ''}`;
    return { status: 0, text: message, json: undefined };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function runCase(kase: HostileCase, number: number, context: RunContext): Promise<CaseResult> {
  let requests: HostileRequest[];
  try {
    requests = kase.requests.map((r) => (typeof r === 'function' ? r(context) : r));
  } catch (error) {
    // The case could not be built from what the run saw (no cursor came back): a failure, and said so.
    const answer = { status: 0, text: (error as Error).message, json: undefined };
    return {
      number,
      kase,
      verdict: 'fail',
      why: `not sent: ${answer.text}`,
      answer,
      answers: [],
      lost: [],
      taken: 0,
      counted: 0,
    };
  }
  const answers = await Promise.all(requests.map(send));
  const judged = answers.map((answer, i) => {
    const check = kase.checks[i];
    if (check === undefined) throw new Error(`case ${number} has no check for request ${i}`);
    return { answer, ...judge(check, answer) };
  });
  const worst =
    judged.find((j) => j.verdict === '5xx') ?? judged.find((j) => j.verdict === 'fail') ?? judged[0];
  if (worst === undefined) throw new Error(`case ${number} sent nothing`);
  if (kase.className !== 'flood' && number % 25 === 0) progress(`case ${number} of ${cases.length}`);
  return {
    number,
    kase,
    verdict: worst.verdict,
    why: worst.why,
    answer: worst.answer,
    answers,
    lost: [],
    taken: 0,
    counted: 0,
  };
}

/** A cursor the API really returned, for the case that pages with it. */
async function firstPageCursor(): Promise<string | undefined> {
  const page = await send({ method: 'GET', path: '/v1/contractors?limit=1' });
  const cursor = (page.json as { cursor?: unknown } | undefined)?.cursor;
  return typeof cursor === 'string' ? cursor : undefined;
}

async function drain(what: string): Promise<void> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    stack.drain().then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), DRAIN_TIMEOUT_MS);
    }),
  ]);
  clearTimeout(timer);
  // Not fatal: what did not drain shows as lost events below.
  if (timedOut)
    progress(`drain after ${what}: the ingest queue did not empty in ${DRAIN_TIMEOUT_MS / 1000} s`);
  else progress(`drained after ${what} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// ---- losses ----

/**
 * The ingest dead-letter queue, read without deleting: each receive hides nothing (visibility 0), so the same
 * messages may come back; receive until every message the queue counts was seen, or nothing new comes.
 */
async function peekDeadLetters(sqs: SQSClient, url: string): Promise<{ messages: Message[]; depth: number }> {
  const depth = await queueDepth(sqs, url);
  const seen = new Map<string, Message>();
  for (let round = 0, idle = 0; seen.size < depth && idle < 20 && round < 1000; round++) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 0,
        WaitTimeSeconds: 0,
        MessageAttributeNames: ['All'],
      }),
    );
    const before = seen.size;
    for (const message of Messages) seen.set(message.MessageId ?? '', message);
    idle = seen.size > before ? 0 : idle + 1;
  }
  return { messages: [...seen.values()], depth };
}

/** Innocent contractor id → the dead letters holding one of its events. */
function innocentsIn(messages: readonly Message[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const innocentIds = new Set(cases.flatMap((c) => c.innocents.map((i) => i.contractorId)));
  for (const message of messages) {
    const body = message.Body ?? '';
    // JSON, possibly with non-ASCII escaped as \uXXXX; if it is not JSON, the ids are still plain ASCII text.
    const events = (parseJson(body) as { events?: unknown } | undefined)?.events;
    const ids = Array.isArray(events)
      ? events.map((e: unknown) => (e as { contractorId?: unknown } | null)?.contractorId)
      : [...body.matchAll(/c-(?:innocent|flood)-[0-9]+/g)].map((m) => m[0]);
    for (const id of new Set(ids))
      if (typeof id === 'string' && innocentIds.has(id))
        found.set(id, [...(found.get(id) ?? []), message.MessageId ?? '?']);
  }
  return found;
}

/**
 * Counts the innocent events the API took and their reports counted; an innocent contractor whose taken events
 * are not all counted, or that a dead letter holds, is lost.
 */
async function checkInnocents(result: CaseResult, deadLettered: Map<string, string[]>): Promise<void> {
  for (const { contractorId, events } of result.kase.innocents) {
    const taken = events.filter(({ request, index }) => {
      const answer = result.answers[request];
      return answer !== undefined && acceptedIndexes(answer, sizeOf(result.kase, request)).has(index);
    }).length;
    const letters = deadLettered.get(contractorId);
    if (taken === 0 && letters === undefined) continue;
    const report = await send({ method: 'GET', path: `/v1/contractors/${contractorId}/report` });
    const counted = (report.json as { activity?: { events?: unknown } } | undefined)?.activity?.events;
    result.taken += taken;
    result.counted += typeof counted === 'number' ? Math.min(counted, taken) : 0;
    if (report.status !== 200)
      result.lost.push(`${contractorId}: ${taken} taken, report answered ${report.status}`);
    else if (typeof counted !== 'number' || counted < taken)
      result.lost.push(`${contractorId}: ${taken} taken, report counts ${String(counted)}`);
    if (letters !== undefined) result.lost.push(`${contractorId}: in dead letter ${letters.join(', ')}`);
  }
}

/** Events in a request's body: the batch size the accepted indexes are counted against. */
function sizeOf(kase: HostileCase, request: number): number {
  const r = kase.requests[request];
  if (r === undefined || typeof r === 'function') return 0;
  const body = typeof r.body === 'string' ? r.body : Buffer.from(r.body ?? new Uint8Array()).toString('utf8');
  const parsed = parseJson(body.replace(/^\uFEFF/, ''));
  return Array.isArray(parsed) ? parsed.length : 0;
}

/** Paths where two JSON values differ, for saying how the bystander's report changed. */
function differences(a: unknown, b: unknown, path = '$'): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return [`${path}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((key) =>
    differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`),
  );
}

// ---- the report ----

/** Text safe to print in Markdown: control, non-characters, lone surrogates, bidi marks and BOM escaped. */
function printable(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const high = unit >= 0xd800 && unit <= 0xdbff;
    const low = unit >= 0xdc00 && unit <= 0xdfff;
    const next = text.charCodeAt(i + 1);
    if (high && next >= 0xdc00 && next <= 0xdfff) {
      out += text.slice(i, i + 2);
      i++;
      continue;
    }
    const unsafe =
      unit < 0x20 ||
      unit === 0x7f ||
      high ||
      low ||
      unit === 0x200e ||
      unit === 0x200f ||
      (unit >= 0x202a && unit <= 0x202e) ||
      (unit >= 0x2066 && unit <= 0x2069) ||
      unit === 0xfeff ||
      unit === 0xfffe ||
      unit === 0xffff;
    if (unsafe) out += `\\u${unit.toString(16).padStart(4, '0')}`;
    else if (unit === 0x7c) out += '\\|';
    else out += text[i];
  }
  return out;
}

function printReport(
  results: readonly CaseResult[],
  bystander: {
    bystanderChanged: boolean;
    bystanderWhy: string;
    bystanderAnswer: Answer;
    deadLetters: { messages: Message[]; depth: number };
  },
): void {
  const out: string[] = [];
  const cpu = cpus();
  out.push('# Hostile requests against the local stack', '');
  out.push(`- machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}`);
  out.push('- command: `npx tsx bench/hostile.ts` (npm run bench:hostile)');
  out.push(
    `- ${results.length} cases and the bystander check in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
  );
  out.push(
    `- ingest dead-letter queue: ${bystander.deadLetters.depth} messages` +
      (bystander.deadLetters.messages.length < bystander.deadLetters.depth
        ? ` (only ${bystander.deadLetters.messages.length} could be read)`
        : ''),
  );
  const taken = results.reduce((sum, r) => sum + r.taken, 0);
  const counted = results.reduce((sum, r) => sum + r.counted, 0);
  const checked = new Set(
    results.flatMap((r) => (r.taken > 0 ? r.kase.innocents.map((i) => i.contractorId) : [])),
  );
  out.push(
    `- innocent events the API took: ${taken}, of ${checked.size} contractors; counted in their reports: ${counted}`,
    '',
  );
  out.push('| class | cases | pass | fail | 5xx | lost |', '|---|---:|---:|---:|---:|---:|');
  const total = { cases: 0, pass: 0, fail: 0, fiveXx: 0, lost: 0 };
  const row = (name: string, r: typeof total) =>
    out.push(`| ${name} | ${r.cases} | ${r.pass} | ${r.fail} | ${r.fiveXx} | ${r.lost} |`);
  for (const className of CASE_CLASSES) {
    const mine = results.filter((r) => r.kase.className === className);
    const counts = {
      cases: mine.length,
      pass: mine.filter((r) => r.verdict === 'pass').length,
      fail: mine.filter((r) => r.verdict === 'fail').length,
      fiveXx: mine.filter((r) => r.verdict === '5xx').length,
      lost: mine.reduce((sum, r) => sum + new Set(r.lost.map((l) => l.split(':')[0])).size, 0),
    };
    row(className, counts);
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += counts[key];
  }
  const bystanderCounts = {
    cases: 1,
    pass: bystander.bystanderChanged ? 0 : 1,
    fail: 0,
    fiveXx: 0,
    lost: bystander.bystanderChanged ? 1 : 0,
  };
  row('bystander', bystanderCounts);
  for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += bystanderCounts[key];
  row('**total**', total);

  out.push('', flags.all ? '## Every case' : '## Failing, 5xx and lost cases', '');
  const listed = results.filter((r) => flags.all || r.verdict !== 'pass' || r.lost.length > 0);
  for (const r of listed) {
    const status = r.answer.status === 0 ? 'no answer' : String(r.answer.status);
    const labels = [...(r.verdict === 'pass' ? [] : [r.verdict]), ...(r.lost.length > 0 ? ['lost'] : [])];
    const why = [...(r.why === undefined ? [] : [r.why]), ...r.lost].join('; ') || 'as expected';
    out.push(
      `- [${r.kase.className}] #${r.number} ${printable(r.kase.description)} — ${labels.join(' + ') || 'pass'} — ` +
        `${status} — ${printable(why)} — answer: \`${printable(r.answer.text.slice(0, ANSWER_CHARS))}\``,
    );
  }
  if (bystander.bystanderChanged)
    out.push(
      `- [bystander] ${BYSTANDER}'s report changed — lost — ${bystander.bystanderAnswer.status} — ` +
        `${printable(bystander.bystanderWhy)} — answer: \`${printable(bystander.bystanderAnswer.text.slice(0, ANSWER_CHARS))}\``,
    );
  if (listed.length === 0 && !bystander.bystanderChanged) out.push('None.');
  if (stackLog.length > 0) out.push('', `(${stackLog.length} lines from the local stack's log, not shown)`);
  process.stdout.write(`${out.join('\n')}\n`);
}
