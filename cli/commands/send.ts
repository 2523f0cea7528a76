/** `daylight send`: posts a JSON Lines file of events to the pipeline's API, reporting each rejection by line. */

import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import * as z from 'zod';
import { MAX_BODY_BYTES, MAX_EVENTS_PER_REQUEST } from '../../shared/pipeline/ingest.js';
import {
  API_FLAGS,
  ApiCallError,
  type ApiTarget,
  apiTargetOf,
  type DaylightApi,
  openApi,
} from '../api/daylight-api.js';
import { InputError } from '../errors.js';
import { type CommandSpec, type FlagSpec, helpText, parseFlags, usageError } from '../flags.js';
import { formatRejection } from '../input/events.js';
import { describeIoError } from '../input/lines.js';

const SPEC = {
  command: 'send',
  usage: ['send <events.jsonl|-> [--api-url <url>] [--region <r>] [--batch <n>]'],
  summary:
    "Posts telemetry events (JSON Lines, blank lines skipped; '-' reads standard input) to POST /v1/events, up to\n" +
    '500 a request, and reports each event the API rejected as file:line: field: reason, then a summary. Sends to\n' +
    "the local stack (.daylight/local.json, written by 'npm start') unless --api-url names a stack on AWS, whose\n" +
    'requests it signs (SigV4). A 503, a throttled request or a lost connection is retried; sending a file twice\n' +
    'is harmless (an event id counts once).',
  flags: {
    ...API_FLAGS,
    batch: {
      type: 'string',
      value: '<n>',
      description: `events per request, 1 to ${MAX_EVENTS_PER_REQUEST} (default ${MAX_EVENTS_PER_REQUEST}, the most the API takes)`,
    },
  },
  footer:
    'Exit codes: 0 every request was answered 2xx (even if events were rejected), 1 the input could not be read or\n' +
    'the API could not be reached or refused a whole request, 2 bad flags.',
} as const satisfies CommandSpec<Record<string, FlagSpec>>;

const IngestAnswer = z.object({
  accepted: z.number(),
  rejected: z.number(),
  rejections: z.array(z.object({ index: z.number().int(), field: z.string(), reason: z.string() })),
});

interface Flags {
  input: string;
  target: ApiTarget;
  batchSize: number;
}

/** Events waiting to be posted: their JSON text as written, and the line each came from. */
interface Batch {
  texts: string[];
  lines: number[];
  bytes: number;
}

interface Tally {
  sent: number;
  accepted: number;
  rejected: number;
  notSent: number;
  requests: number;
}

export async function sendCommand(args: string[]): Promise<number> {
  const flags = readFlags(args);
  if (flags === 'help') {
    process.stdout.write(`${helpText(SPEC)}\n`);
    return 0;
  }
  const api = await openApi(flags.target);
  const tally: Tally = { sent: 0, accepted: 0, rejected: 0, notSent: 0, requests: 0 };
  const reject = (line: number, field: string, reason: string) =>
    process.stderr.write(`${formatRejection(flags.input, { line, problems: [{ field, reason }] })}\n`);

  let batch: Batch = { texts: [], lines: [], bytes: 2 };
  try {
    for await (const { text, number } of linesOf(flags.input)) {
      if (text.trim().length === 0) continue;
      const refused = unsendable(text);
      if (refused !== null) {
        tally.notSent++;
        reject(number, '(line)', refused);
        continue;
      }
      const bytes = Buffer.byteLength(text) + 1;
      if (batch.texts.length === flags.batchSize || batch.bytes + bytes > MAX_BODY_BYTES) {
        await post(api, batch, tally, reject);
        batch = { texts: [], lines: [], bytes: 2 };
      }
      batch.texts.push(text);
      batch.lines.push(number);
      batch.bytes += bytes;
    }
    if (batch.texts.length > 0) await post(api, batch, tally, reject);
  } catch (error) {
    if (!(error instanceof ApiCallError)) throw error;
    printSummary(tally, api);
    const first = batch.lines[0] ?? 0;
    const last = batch.lines.at(-1) ?? first;
    process.stderr.write(
      `daylight send: the request with lines ${first}–${last} failed: ${error.message}\n` +
        `daylight send: lines from ${first} on were not sent; sending the file again is safe (an event id counts once)\n`,
    );
    return 1;
  }
  printSummary(tally, api);
  return 0;
}

/** Why a line cannot go to the API at all (it would spoil its whole request, not just itself), or null. */
function unsendable(text: string): string | null {
  try {
    JSON.parse(text);
  } catch (error) {
    return `is not valid JSON: ${(error as Error).message}`;
  }
  if (Buffer.byteLength(text) + 2 > MAX_BODY_BYTES)
    return `is larger than the API's ${MAX_BODY_BYTES} bytes per request`;
  return null;
}

/** One POST of a batch; each rejection goes back to its line. Throws ApiCallError on a non-2xx answer. */
async function post(
  api: DaylightApi,
  batch: Batch,
  tally: Tally,
  reject: (line: number, field: string, reason: string) => void,
): Promise<void> {
  const text = await api.call(
    { method: 'POST', path: '/v1/events', body: `[${batch.texts.join(',')}]` },
    (reason, delayMs) =>
      process.stderr.write(`daylight send: POST /v1/events ${reason}; retrying in ${delayMs / 1000} s\n`),
  );
  tally.requests++;
  tally.sent += batch.texts.length;
  const answer = IngestAnswer.safeParse(parseJson(text));
  // Not an ApiCallError: the events did arrive, so "not sent" would be wrong.
  if (!answer.success)
    throw new Error(`POST /v1/events answered ${text.slice(0, 200)}, not accepted, rejected and rejections`);
  tally.accepted += answer.data.accepted;
  tally.rejected += answer.data.rejected;
  for (const r of answer.data.rejections) reject(batch.lines[r.index] ?? 0, r.field, r.reason);
}

function printSummary(tally: Tally, api: DaylightApi): void {
  const count = (n: number, noun: string) => `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
  const notSent =
    tally.notSent === 0 ? '' : `; ${count(tally.notSent, 'line')} not sent (not JSON, or over 1 MB)`;
  process.stderr.write(
    `daylight send: ${count(tally.sent, 'event')} sent in ${count(tally.requests, 'request')} to ` +
      `${api.baseUrl.origin}: ${tally.accepted.toLocaleString('en')} accepted, ` +
      `${tally.rejected.toLocaleString('en')} rejected${notSent}\n`,
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The lines of a file ('-' for standard input) with their 1-based numbers, read a chunk at a time and waiting
 * for the caller between lines, so a large file is posted as it is read and never held whole.
 */
async function* linesOf(path: string): AsyncGenerator<{ text: string; number: number }> {
  const stream = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let number = 0;
  const chunks = stream[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<string | Buffer>;
    try {
      next = await chunks.next();
    } catch (error) {
      throw new InputError(
        `cannot read ${path === '-' ? 'standard input' : path}: ${describeIoError(error)}`,
      );
    }
    if (next.done === true) break;
    const text = pending + (typeof next.value === 'string' ? next.value : decoder.write(next.value));
    const lines = text.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines)
      yield { text: line.endsWith('\r') ? line.slice(0, -1) : line, number: ++number };
  }
  pending += decoder.end();
  if (pending.length > 0)
    yield { text: pending.endsWith('\r') ? pending.slice(0, -1) : pending, number: ++number };
}

function readFlags(args: string[]): Flags | 'help' {
  const parsed = parseFlags(SPEC, args, 1);
  if (parsed === 'help') return 'help';
  const { values, positionals } = parsed;
  const [input] = positionals;
  if (input === undefined)
    throw usageError(SPEC, "name a JSON Lines file of events, or '-' for standard input");
  const batchSize = values.batch === undefined ? MAX_EVENTS_PER_REQUEST : Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_EVENTS_PER_REQUEST)
    throw usageError(SPEC, `--batch must be a whole number from 1 to ${MAX_EVENTS_PER_REQUEST}`);
  const target = apiTargetOf(values['api-url'], values.region);
  if (typeof target === 'string') throw usageError(SPEC, target);
  return { input, target, batchSize };
}
