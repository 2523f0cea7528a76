/**
 * The hostile requests of `bench/hostile.ts`, one case each, and what a right answer to each is. Pure data and
 * checks: no I/O, so the list reads as a specification of how the API must behave at its edges.
 *
 * Every case expects a 2xx or a 4xx, never a 5xx. Many carry, beside the hostile item, one valid event of an
 * innocent contractor (`c-innocent-<n>`): a bad neighbour in a batch must never cost it its event.
 */

export const CASE_CLASSES = [
  'dates',
  'depth',
  'characters',
  'path',
  'cursors',
  'business hours',
  'bodies',
  'flood',
] as const;
export type CaseClass = (typeof CASE_CLASSES)[number];

export interface HostileRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Sent as written, already percent-encoded: some cases are about malformed encodings. */
  path: string;
  headers?: Record<string, string>;
  /** Text goes out as UTF-8; bytes go out as they are (invalid UTF-8, and no content-type added by fetch). */
  body?: string | Uint8Array;
}

/** What the run knows before a case is sent (a cursor the API really returned). */
export interface RunContext {
  validCursor: string | undefined;
}

/** An answer as received: status 0 is a network error, with its message as the text. */
export interface Answer {
  status: number;
  text: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: unknown;
}

/** Why the answer is not the one expected, or undefined when it is. */
export type Check = (answer: Answer) => string | undefined;

/** A valid event of a contractor who did nothing wrong, sent in request `request` at batch index `index`. */
export interface InnocentEvent {
  request: number;
  index: number;
}

export interface HostileCase {
  className: CaseClass;
  /** Printable: hostile characters are named (U+FFFE), never written out. */
  description: string;
  /** Usually one; the flood's cases send several at once. */
  requests: (HostileRequest | ((context: RunContext) => HostileRequest))[];
  /** Each request's check. */
  checks: Check[];
  /** Contractors with valid events in the requests: every event the API took must reach their report. */
  innocents: { contractorId: string; events: InnocentEvent[] }[];
}

// ---- the fixed instants, devices and addresses the cases use ----

/** Every valid event is dated in this fixed past week, never "now": runs compare. */
const MONDAY = Date.parse('2026-03-02T00:00:00Z');
const T0 = '2026-03-02T10:00:00Z';
/** The device the bystander signs in with; hostile events that must be refused carry it too. */
export const SHARED_DEVICE = 'dev-shared-1';
/** The bystander's home address. No other case uses it: one home address at one time is also a shared link. */
export const BYSTANDER_IP = '81.2.69.160';
export const BYSTANDER = 'c-bystander';

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
/** A documentation address (RFC 3849) per case: no case shares an address with another, or with the bystander. */
const ipOf = (n: number) => `2001:db8::${n.toString(16)}`;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Event = { [key: string]: Json };

const innocentId = (n: number) => `c-innocent-${n}`;
const innocentEvent = (n: number): Event => ({
  id: `e-innocent-${n}`,
  contractorId: innocentId(n),
  type: 'activity',
  at: T0,
  source: 'git',
  kind: 'commit',
  recordedOffsetMinutes: 60,
});

const activity = (n: number, fields: Event = {}): Event => ({
  id: `e-hostile-${n}`,
  contractorId: `c-hostile-${n}`,
  type: 'activity',
  at: T0,
  source: 'git',
  kind: 'commit',
  ...fields,
});
const login = (n: number, fields: Event = {}): Event => ({
  id: `e-hostile-${n}`,
  contractorId: `c-hostile-${n}`,
  type: 'login',
  at: T0,
  source: 'okta',
  ip: ipOf(n),
  success: true,
  userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3)',
  device: { id: `dev-hostile-${n}`, timezone: 'America/Chicago', locale: 'en-US' },
  ...fields,
});
const session = (n: number, fields: Event = {}): Event => ({
  id: `e-hostile-${n}`,
  contractorId: `c-hostile-${n}`,
  type: 'session',
  at: '2026-03-02T09:00:00Z',
  endAt: '2026-03-02T17:00:00Z',
  source: 'vdi',
  ip: ipOf(n),
  ...fields,
});
const chat = (n: number, fields: Event = {}): Event => ({
  id: `e-hostile-${n}`,
  contractorId: `c-hostile-${n}`,
  type: 'chat',
  at: T0,
  respondedAt: '2026-03-02T10:04:00Z',
  source: 'slack',
  channel: 'C0123',
  direct: true,
  ...fields,
});

// ---- checks ----

interface Rejection {
  index: number;
  field: string;
  reason: string;
}

/** `device.id` names `device.id`; `device.keyboardLayouts.0` names `device.keyboardLayouts` too. */
function names(field: string, wanted: string): boolean {
  return field === wanted || field.startsWith(`${wanted}.`) || field.startsWith(`${wanted}[`);
}

/** The reason of a refusal: a handler's `error`, or the `message` of the API's own answers (413, 431, 404). */
function errorOf(answer: Answer): string | undefined {
  const { json } = answer;
  if (typeof json !== 'object' || json === null) return undefined;
  const { error, message } = json as { error?: unknown; message?: unknown };
  if (typeof error === 'string') return error;
  return typeof message === 'string' ? message : undefined;
}

function problemFields(answer: Answer): string[] {
  const { problems } = (answer.json ?? {}) as { problems?: unknown };
  if (!Array.isArray(problems)) return [];
  return problems.flatMap((p: unknown) => {
    const field = (p as { field?: unknown } | null)?.field;
    return typeof field === 'string' ? [field] : [];
  });
}

/** The batch answer's rejections, or undefined when the body is not one. */
function batchAnswer(answer: Answer): { accepted: number; rejections: Rejection[] } | undefined {
  const body = answer.json as { accepted?: unknown; rejections?: unknown } | null | undefined;
  if (typeof body !== 'object' || body === null) return undefined;
  if (typeof body.accepted !== 'number' || !Array.isArray(body.rejections)) return undefined;
  const rejections = (body.rejections as unknown[]).filter(
    (r): r is Rejection =>
      typeof r === 'object' &&
      r !== null &&
      typeof (r as Rejection).index === 'number' &&
      typeof (r as Rejection).field === 'string',
  );
  return { accepted: body.accepted, rejections };
}

/**
 * The batch indexes the API took responsibility for: every index of a 2xx answer that it did not reject. A 4xx
 * told the caller nothing was taken; a 5xx told it to retry.
 */
export function acceptedIndexes(answer: Answer, size: number): Set<number> {
  if (answer.status < 200 || answer.status >= 300) return new Set();
  const rejected = new Set((batchAnswer(answer)?.rejections ?? []).map((r) => r.index));
  return new Set(Array.from({ length: size }, (_, i) => i).filter((i) => !rejected.has(i)));
}

type Outcome = 'rejected' | 'accepted' | 'either';
interface HostileItem {
  index: number;
  /** What must become of it: refused with one of `fields` named, taken, or either (a judgement call). */
  outcome: Outcome;
  fields?: readonly string[];
}

/**
 * A 202 batch answer: the innocent events taken, each hostile item as its outcome says, and counts that add up.
 * `refusals` are whole-body statuses that are right too (a 413 for a body past the limit).
 */
function expectBatch(
  size: number,
  innocent: readonly number[],
  hostile: readonly HostileItem[],
  refusals: readonly number[] = [],
): Check {
  return (answer) => {
    if (answer.status !== 202) {
      if (refusals.includes(answer.status)) return undefined;
      return `expected 202${refusals.length > 0 ? ` or ${refusals.join('/')}` : ''}, got ${answer.status}`;
    }
    const batch = batchAnswer(answer);
    if (batch === undefined) return 'a 202 without accepted and rejections';
    const byIndex = new Map<number, Rejection[]>();
    for (const r of batch.rejections) byIndex.set(r.index, [...(byIndex.get(r.index) ?? []), r]);
    const described = (rs: readonly Rejection[]) => rs.map((r) => `${r.field}: ${r.reason}`).join('; ');
    for (const index of innocent) {
      const rejected = byIndex.get(index);
      if (rejected !== undefined) return `the innocent event was rejected (${described(rejected)})`;
    }
    for (const { index, outcome, fields } of hostile) {
      const rejected = byIndex.get(index);
      if (outcome === 'rejected' && rejected === undefined)
        return `the hostile event was accepted; expected a rejection naming ${fields?.join(' or ') ?? 'a field'}`;
      if (outcome === 'rejected' && fields !== undefined && rejected !== undefined) {
        if (!rejected.some((r) => fields.some((f) => names(r.field, f))))
          return `rejected naming ${described(rejected)}; expected ${fields.join(' or ')}`;
      }
      if (outcome === 'accepted' && rejected !== undefined)
        return `a valid event was rejected (${described(rejected)})`;
    }
    if (batch.accepted !== size - byIndex.size)
      return `accepted ${batch.accepted} of ${size} but rejected ${byIndex.size}: the counts do not add up`;
    return undefined;
  };
}

/** One of `statuses`; a 4xx must name `field` (in `problems`, or in the message) when one is given. */
function expectStatus(statuses: readonly number[], field?: string): Check {
  return (answer) => {
    if (!statuses.includes(answer.status)) return `expected ${statuses.join(' or ')}, got ${answer.status}`;
    if (field === undefined || answer.status < 400) return undefined;
    const fields = problemFields(answer);
    if (fields.some((f) => names(f, field)) || (errorOf(answer) ?? '').includes(field)) return undefined;
    return `refused without naming ${field} (fields: ${fields.join(', ') || 'none'})`;
  };
}

/**
 * The rules every answer obeys before its own check: no 5xx, no network error, no 1xx/3xx, and a 4xx says why in
 * a JSON `error` string.
 */
export function judge(check: Check, answer: Answer): { verdict: 'pass' | 'fail' | '5xx'; why?: string } {
  if (answer.status === 0) return { verdict: '5xx', why: `network error: ${answer.text}` };
  if (answer.status >= 500) return { verdict: '5xx', why: `answered ${answer.status}` };
  if (answer.status >= 400 && errorOf(answer) === undefined)
    return { verdict: 'fail', why: `a ${answer.status} without an error reason` };
  if (answer.status < 200 || (answer.status >= 300 && answer.status < 400))
    return { verdict: 'fail', why: `answered ${answer.status}` };
  const why = check(answer);
  return why === undefined ? { verdict: 'pass' } : { verdict: 'fail', why };
}

// ---- building the list ----

const json = (value: unknown) => JSON.stringify(value);
const postEvents = (body: string | Uint8Array, headers?: Record<string, string>): HostileRequest => ({
  method: 'POST',
  path: '/v1/events',
  headers: headers ?? { 'content-type': 'application/json' },
  body,
});
const putClaims = (contractorPath: string, body: string): HostileRequest => ({
  method: 'PUT',
  path: `/v1/contractors/${contractorPath}/claims`,
  headers: { 'content-type': 'application/json' },
  body,
});
const get = (path: string): HostileRequest => ({ method: 'GET', path });

/** `depth` levels of `[` … `]`, or of `{"a":` … `}` around a 1. */
function nestedArrays(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}
function nestedObjects(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** `text` with `nesting` (JSON text) in place of the string "@@DEEP@@": nesting JSON.stringify cannot write. */
function nest(text: string, nesting: string): string {
  const at = text.indexOf('"@@DEEP@@"');
  if (at < 0) throw new Error('no placeholder');
  return `${text.slice(0, at)}${nesting}${text.slice(at + '"@@DEEP@@"'.length)}`;
}
const DEEP = '@@DEEP@@';

/** An event written as JSON text by hand: what JSON.stringify cannot write (deep nesting, `__proto__` keys). */
class RawJson {
  constructor(readonly text: string) {}
}
const raw = (text: string) => new RawJson(text);

/** Characters a field may hold or must refuse. Lone surrogates are written by JSON.stringify as `\ud800`. */
const CHARACTERS: readonly { name: string; text: string; outcome: Outcome }[] = [
  { name: 'U+FFFE', text: '\uFFFE', outcome: 'rejected' },
  { name: 'U+FFFF', text: '\uFFFF', outcome: 'rejected' },
  { name: 'U+0000', text: '\u0000', outcome: 'rejected' },
  { name: 'U+0001', text: '\u0001', outcome: 'rejected' },
  { name: 'a lone surrogate U+D800', text: '\uD800', outcome: 'rejected' },
  // Not named either way by the contract: a zero-width no-break space is odd but is text.
  { name: 'U+FEFF', text: '\uFEFF', outcome: 'either' },
  { name: 'an emoji U+1F600', text: '😀', outcome: 'accepted' },
  { name: 'RTL marks U+200F U+202E', text: '\u200F\u202E', outcome: 'accepted' },
  { name: 'combining U+0301 U+0308', text: 'e\u0301\u0308', outcome: 'accepted' },
];

export interface BuiltCases {
  cases: HostileCase[];
  /** The bystander's valid events, posted before any case. */
  bystanderEvents: Event[];
}

/**
 * Every case, numbered in order (`n` makes each contractor and event id unique). `now` is used only by the cases
 * that are about the future.
 */
export function buildCases(now: number): BuiltCases {
  const cases: HostileCase[] = [];
  /** The number of the case being built: contractor and event ids carry it, so a listed case names its own. */
  let n = 0;
  const nextCase = () => {
    n = cases.length + 1;
  };

  /**
   * A batch of one hostile event (or several) and, last, one innocent event; the case checks both.
   * `refusals`: whole-body answers that are right too.
   */
  const batchCase = (
    className: CaseClass,
    description: string,
    hostile: (Event | RawJson)[],
    outcome: Outcome,
    fields?: readonly string[],
    options: { refusals?: readonly number[] } = {},
  ) => {
    const innocent = innocentEvent(n);
    const items = [...hostile.map((h) => (h instanceof RawJson ? h.text : json(h))), json(innocent)];
    cases.push({
      className,
      description,
      requests: [postEvents(`[${items.join(',')}]`)],
      checks: [
        expectBatch(
          items.length,
          [items.length - 1],
          hostile.map((_, index) => ({ index, outcome, ...(fields === undefined ? {} : { fields }) })),
          options.refusals,
        ),
      ],
      innocents: [{ contractorId: innocentId(n), events: [{ request: 0, index: items.length - 1 }] }],
    });
  };
  const plainCase = (className: CaseClass, description: string, request: HostileRequest, check: Check) => {
    cases.push({ className, description, requests: [request], checks: [check], innocents: [] });
  };

  // ---- 1. dates: before 1970, past the future limit, days and times that do not exist ----
  const future = iso(now + 60 * 60 * 1000);
  const pastHour = iso(now - 60 * 60 * 1000);
  const refusedAt: [string, string][] = [
    ['0000-01-01T00:00:00Z', 'year 0'],
    ['0001-01-01T00:00:00Z', 'year 1'],
    ['1900-01-01T00:00:00Z', '1900'],
    ['1969-12-31T23:59:59.999Z', 'one millisecond before 1970'],
    ['1970-01-01T00:59:59+01:00', 'before 1970 through an offset'],
    ['9999-12-31T23:59:59Z', 'year 9999'],
    [future, 'one hour in the future'],
    ['2026-02-30T10:00:00Z', 'February 30'],
    ['2026-03-02T24:00:00Z', '24:00:00'],
    ['2026-03-02T23:59:60Z', 'a leap second 23:59:60'],
    ['2016-12-31T23:59:60Z', 'a real leap second 2016-12-31T23:59:60'],
    ['2026-03-02T10:00:00+24:00', 'offset +24:00'],
    ['+10000-01-01T00:00:00Z', 'a five-digit year'],
    ['2026-03-02T10:00:00', 'no offset'],
    ['', 'an empty string'],
  ];
  for (const [at, what] of refusedAt) {
    nextCase();
    // The future instant changes with every run; the description does not.
    const shown = at === future ? '' : ` (${at || '""'})`;
    batchCase('dates', `activity at ${what}${shown}`, [activity(n, { at })], 'rejected', ['at']);
  }
  nextCase();
  batchCase('dates', 'activity at as epoch milliseconds (0)', [activity(n, { at: 0 })], 'rejected', ['at']);
  // A refused event carrying the bystander's device: if it were stored, the bystander would gain a partner.
  nextCase();
  batchCase(
    'dates',
    `login at 1969-12-31T23:59:59Z from device ${SHARED_DEVICE}`,
    [login(n, { at: '1969-12-31T23:59:59Z', device: { id: SHARED_DEVICE, locale: 'ko-KR' } })],
    'rejected',
    ['at'],
  );
  nextCase();
  batchCase(
    'dates',
    `session at 0000-01-01T00:00:00Z to 01:00 from device ${SHARED_DEVICE}`,
    [
      session(n, {
        at: '0000-01-01T00:00:00Z',
        endAt: '0000-01-01T01:00:00Z',
        device: { id: SHARED_DEVICE, locale: 'ko-KR' },
      }),
    ],
    'rejected',
    ['at', 'endAt'],
  );
  const refusedEnd: [Event, string][] = [
    [{ endAt: '9999-12-31T23:59:59Z' }, 'session endAt 9999-12-31T23:59:59Z'],
    [{ at: pastHour, endAt: future }, 'session endAt one hour in the future'],
    [{ at: '2026-03-02T23:00:00Z', endAt: '2026-03-02T23:59:60Z' }, 'session endAt a leap second'],
    [{ endAt: '2026-02-30T17:00:00Z' }, 'session endAt February 30'],
    [{ at: '1969-12-31T20:00:00Z', endAt: '1969-12-31T23:59:59Z' }, 'session at and endAt in 1969'],
  ];
  for (const [fields, what] of refusedEnd) {
    nextCase();
    batchCase('dates', what, [session(n, fields)], 'rejected', ['at', 'endAt']);
  }
  const refusedReply: [Event, string][] = [
    [{ respondedAt: '9999-12-31T23:59:59Z' }, 'chat respondedAt 9999-12-31T23:59:59Z'],
    [{ respondedAt: future }, 'chat respondedAt one hour in the future'],
    [{ respondedAt: '2026-02-30T10:04:00Z' }, 'chat respondedAt February 30'],
    [{ respondedAt: '2026-03-02T24:00:00Z' }, 'chat respondedAt 24:00:00'],
    [{ at: '1969-12-31T23:00:00Z', respondedAt: '1969-12-31T23:05:00Z' }, 'chat at and respondedAt in 1969'],
  ];
  for (const [fields, what] of refusedReply) {
    nextCase();
    batchCase('dates', what, [chat(n, fields)], 'rejected', ['at', 'respondedAt']);
  }
  // RFC 3339 allows these (§5.6 and its note on lower case; §4.3 -00:00): taking or refusing them is the API's call.
  const tolerated: [string, string][] = [
    ['2026-03-02T10:00:00-00:00', 'offset -00:00'],
    ['2026-03-02t10:00:00Z', 'lowercase t'],
    ['2026-03-02T10:00:00z', 'lowercase z'],
    ['2026-03-02T10:00:00.1234567890Z', 'a 10-digit fraction'],
    ['2026-03-02 10:00:00Z', 'a space for T'],
    ['1970-01-01T00:00:00Z', 'exactly 1970-01-01T00:00:00Z'],
  ];
  for (const [at, what] of tolerated) {
    nextCase();
    batchCase('dates', `activity at ${what} (${at})`, [activity(n, { at })], 'either', ['at']);
  }
  nextCase();
  batchCase(
    'dates',
    'activity at 2024-02-29T10:00:00Z (a real leap day)',
    [activity(n, { at: '2024-02-29T10:00:00Z' })],
    'accepted',
  );

  // ---- 2. depth: nesting that a recursive parser, validator or serialiser would choke on ----
  for (const depth of [1_000, 10_000, 100_000]) {
    nextCase();
    batchCase(
      'depth',
      `an extra field nested ${depth.toLocaleString('en-US')} arrays deep`,
      [raw(nest(json(activity(n, { extra: DEEP })), nestedArrays(depth)))],
      'either',
      undefined,
      { refusals: [400, 413] },
    );
    nextCase();
    batchCase(
      'depth',
      `an extra field nested ${depth.toLocaleString('en-US')} objects deep`,
      [raw(nest(json(activity(n, { extra: DEEP })), nestedObjects(depth)))],
      'either',
      undefined,
      { refusals: [400, 413] },
    );
  }
  for (const depth of [1_000, 100_000]) {
    nextCase();
    // The body is an array whose only item is not an event: one rejected item, or the whole body refused.
    plainCase(
      'depth',
      `a body that is only arrays nested ${depth.toLocaleString('en-US')} deep`,
      postEvents(nestedArrays(depth)),
      expectBatch(1, [], [{ index: 0, outcome: 'rejected' }], [400, 413]),
    );
  }
  nextCase();
  batchCase(
    'depth',
    'device with an extra field nested 10,000 objects deep',
    [raw(nest(json(login(n, { device: { id: `dev-hostile-${n}`, extra: DEEP } })), nestedObjects(10_000)))],
    'either',
    undefined,
    { refusals: [400, 413] },
  );
  nextCase();
  batchCase(
    'depth',
    'device as arrays nested 10,000 deep',
    [raw(nest(json(login(n, { device: DEEP })), nestedArrays(10_000)))],
    'rejected',
    ['device'],
    { refusals: [400, 413] },
  );
  nextCase();
  batchCase(
    'depth',
    'device.id as objects nested 10,000 deep',
    [raw(nest(json(login(n, { device: { id: DEEP } })), nestedObjects(10_000)))],
    'rejected',
    ['device.id'],
    { refusals: [400, 413] },
  );
  for (const depth of [10_000, 100_000]) {
    nextCase();
    batchCase(
      'depth',
      `device.keyboardLayouts as arrays nested ${depth.toLocaleString('en-US')} deep`,
      [
        raw(
          nest(
            json(login(n, { device: { id: `dev-hostile-${n}`, keyboardLayouts: DEEP } })),
            nestedArrays(depth),
          ),
        ),
      ],
      'rejected',
      ['device.keyboardLayouts'],
      { refusals: [400, 413] },
    );
  }
  nextCase();
  batchCase(
    'depth',
    'device.remoteAccessTools holding objects nested 10,000 deep',
    [
      raw(
        nest(
          json(login(n, { device: { id: `dev-hostile-${n}`, remoteAccessTools: ['AnyDesk', DEEP] } })),
          nestedObjects(10_000),
        ),
      ),
    ],
    'rejected',
    ['device.remoteAccessTools'],
    { refusals: [400, 413] },
  );
  nextCase();
  batchCase(
    'depth',
    'at as arrays nested 10,000 deep',
    [raw(nest(json(activity(n, { at: DEEP })), nestedArrays(10_000)))],
    'rejected',
    ['at'],
    { refusals: [400, 413] },
  );
  nextCase();
  plainCase(
    'depth',
    'claims with an extra field nested 10,000 objects deep',
    putClaims(
      `c-hostile-${n}`,
      nest(json({ source: 'hr', name: 'Ann Lee', extra: DEEP }), nestedObjects(10_000)),
    ),
    expectStatus([200, 400, 413]),
  );
  nextCase();
  plainCase(
    'depth',
    'claims businessHours as arrays nested 10,000 deep',
    putClaims(`c-hostile-${n}`, nest(json({ source: 'hr', businessHours: DEEP }), nestedArrays(10_000))),
    expectStatus([400, 413], 'businessHours'),
  );

  // ---- 3. characters: text no store, queue or log should take, and text every one must ----
  type Field = { name: string; event: (n: number, text: string) => Event; shared?: boolean };
  const fields: Field[] = [
    { name: 'id', event: (k, t) => activity(k, { id: `e-hostile-${k}${t}` }) },
    { name: 'source', event: (k, t) => activity(k, { source: `git${t}hub` }) },
    { name: 'kind', event: (k, t) => activity(k, { kind: `com${t}mit` }) },
    { name: 'channel', event: (k, t) => chat(k, { channel: `C01${t}23` }) },
    // The refused ones carry the bystander's device: stored, they would make a partner of it.
    {
      name: 'userAgent',
      event: (k, t) => login(k, { userAgent: `Mozilla/5.0 ${t}(X11)` }),
      shared: true,
    },
    {
      name: 'device.locale',
      event: (k, t) => login(k, { device: { id: `dev-hostile-${k}`, locale: `ko${t}-KR` } }),
      shared: true,
    },
    { name: 'device.id', event: (k, t) => login(k, { device: { id: `dev-${t}-${k}`, locale: 'en-US' } }) },
  ];
  for (const field of fields) {
    for (const character of CHARACTERS) {
      nextCase();
      const event = field.event(n, character.text);
      const onShared = field.shared === true && character.outcome === 'rejected';
      if (onShared) event.device = { ...(event.device as Event), id: SHARED_DEVICE };
      batchCase(
        'characters',
        `${character.name} in ${field.name}${onShared ? ` (device ${SHARED_DEVICE})` : ''}`,
        [event],
        character.outcome,
        [field.name],
      );
    }
  }
  for (const claimField of ['name', 'source']) {
    for (const character of CHARACTERS) {
      nextCase();
      const claim =
        claimField === 'name'
          ? { source: 'hr', name: `Ann${character.text}e Lee` }
          : { source: `hr${character.text}`, name: 'Ann Lee' };
      const statuses = { rejected: [400], accepted: [200], either: [200, 400] }[character.outcome];
      plainCase(
        'characters',
        `claims with ${character.name} in ${claimField}`,
        putClaims(`c-hostile-${n}`, json(claim)),
        expectStatus(statuses, claimField),
      );
    }
  }

  // ---- 4. path: contractor ids that do not decode, are not ids, or are far too long ----
  const badIds: [string, string][] = [
    ['%', 'a lone %'],
    ['%ED%A0%80', 'an encoded lone surrogate %ED%A0%80'],
    ['%E0%A4%A', 'a truncated escape %E0%A4%A'],
    ['%00', 'an encoded NUL %00'],
    ['..%2F..', '..%2F..'],
    ['c'.repeat(3000), 'a 3,000-character id'],
    ['c%20innocent%201', 'an id with spaces'],
    ['c%23frag', 'an id with # (%23)'],
    ['~infra%23device%3Ax', 'the index key ~infra#device:x'],
    [`~infra%23device%3A${SHARED_DEVICE}`, `the index key of ${SHARED_DEVICE} (read only)`],
    ['%F0%9F%98%80', 'an emoji id'],
    ['%25', 'an id that decodes to %'],
  ];
  for (const [id, what] of badIds) {
    plainCase('path', `GET report for ${what}`, get(`/v1/contractors/${id}/report`), expectStatus([400]));
    // Never erase what an index key names, and never delete through a key that is not an id.
    if (!id.includes(SHARED_DEVICE))
      plainCase(
        'path',
        `DELETE ${what}`,
        { method: 'DELETE', path: `/v1/contractors/${id}` },
        expectStatus([400]),
      );
    plainCase(
      'path',
      `PUT claims for ${what}`,
      putClaims(id, json({ source: 'hr', name: 'Ann Lee' })),
      expectStatus([400]),
    );
  }
  // A well-formed id that nothing is stored for: 404, then claims make it exist.
  plainCase(
    'path',
    'GET report for a well-formed unknown id',
    get('/v1/contractors/c-nobody-1/report'),
    expectStatus([404]),
  );
  plainCase(
    'path',
    'DELETE a well-formed unknown id',
    { method: 'DELETE', path: '/v1/contractors/c-nobody-1' },
    expectStatus([404]),
  );
  plainCase(
    'path',
    'PUT claims for a well-formed new id',
    putClaims('c-nobody-1', json({ source: 'hr', name: 'Ann Lee' })),
    expectStatus([200]),
  );

  // ---- 5. cursors and list parameters ----
  const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const list = (query: string) => get(`/v1/contractors?${query}`);
  const refusedCursors: [string, string][] = [
    [cursorOf({ contractorId: '' }), 'base64url of {"contractorId":""}'],
    [cursorOf({ contractorId: 'c'.repeat(3000) }), 'base64url of a 3,000-character contractorId'],
    [cursorOf({}), 'base64url of {}'],
    [cursorOf([]), 'base64url of []'],
    [cursorOf('x'), 'base64url of "x"'],
    [cursorOf(null), 'base64url of null'],
    [cursorOf({ contractorId: 42 }), 'base64url of {"contractorId":42}'],
    [cursorOf({ contractorId: { S: 'c-bystander' } }), 'base64url of a DynamoDB attribute value'],
    ['not!base64*at~all', 'text that is not base64'],
  ];
  for (const [cursor, what] of refusedCursors)
    plainCase(
      'cursors',
      `cursor: ${what}`,
      list(`cursor=${encodeURIComponent(cursor)}`),
      expectStatus([400], 'cursor'),
    );
  // A URL no HTTP server takes whole: refused before any handler, with the reason (API Gateway: 414).
  plainCase(
    'cursors',
    'cursor: a 100 KB cursor',
    list(`cursor=${'A'.repeat(100 * 1024)}`),
    expectStatus([400, 414, 431]),
  );
  // Well-formed keys the API never returned: it cannot tell them apart from its own, so a page is fine too.
  const keyCursors: [string, string][] = [
    [cursorOf({ contractorId: 'c-nobody-2' }), 'base64url of an unknown contractorId'],
    [cursorOf({ contractorId: `~infra#device:${SHARED_DEVICE}` }), 'base64url of an index key'],
    [cursorOf({ contractorId: BYSTANDER, riskRank: 3 }), 'base64url of a key with an extra attribute'],
  ];
  for (const [cursor, what] of keyCursors)
    plainCase(
      'cursors',
      `cursor: ${what}`,
      list(`cursor=${encodeURIComponent(cursor)}`),
      expectStatus([200, 400], 'cursor'),
    );
  cases.push({
    className: 'cursors',
    description: 'cursor: one the API returned (limit=1)',
    requests: [
      (context) => {
        if (context.validCursor === undefined) throw new Error('no cursor was returned by limit=1');
        return list(`limit=1&cursor=${encodeURIComponent(context.validCursor)}`);
      },
    ],
    checks: [expectStatus([200])],
    innocents: [],
  });
  plainCase('cursors', 'cursor: empty (cursor=)', list('cursor='), expectStatus([200, 400], 'cursor'));
  for (const limit of ['0', '-1', '1e3', 'abc', '1.5', '101', '', 'Infinity', 'NaN'])
    plainCase(
      'cursors',
      `limit=${limit}`,
      list(`limit=${encodeURIComponent(limit)}`),
      expectStatus([400], 'limit'),
    );
  plainCase('cursors', 'limit=10&limit=20', list('limit=10&limit=20'), expectStatus([200, 400], 'limit'));
  for (const limit of ['1', '100'])
    plainCase('cursors', `limit=${limit}`, list(`limit=${limit}`), expectStatus([200]));
  for (const minRisk of ['__proto__', 'constructor', 'toString', 'HIGH', ''])
    plainCase(
      'cursors',
      `minRisk=${minRisk}`,
      list(`minRisk=${encodeURIComponent(minRisk)}`),
      expectStatus(minRisk === '' ? [200, 400] : [400], 'minRisk'),
    );
  plainCase('cursors', 'minRisk=high', list('minRisk=high'), expectStatus([200]));

  // ---- 6. business hours: times on a 24-hour clock, where 24:00 can only end a day ----
  const hoursCase = (start: string, end: string, statuses: number[], field?: string, days?: Json) => {
    nextCase();
    const businessHours = { start, end, days: days ?? [1, 2, 3, 4, 5] };
    plainCase(
      'business hours',
      `businessHours ${start}–${end}${days === undefined ? '' : ` days ${json(days)}`}`,
      putClaims(`c-hostile-${n}`, json({ source: 'hr', timezone: 'America/Chicago', businessHours })),
      expectStatus(statuses, field),
    );
  };
  for (const bad of ['24:30', '24:59', '25:00', '23:60', '9:00', '09:00:00', '']) {
    hoursCase(bad, '17:00', [400], 'businessHours.start');
    hoursCase('09:00', bad, [400], 'businessHours.end');
  }
  // 24:00 ends a day; as a start the domain reads it as the next midnight, 00:00: taking or refusing it is the API's call.
  hoursCase('24:00', '08:00', [200, 400], 'businessHours.start');
  hoursCase('09:00', '24:00', [200]);
  // A shift over midnight ends before it starts.
  hoursCase('22:00', '06:00', [200]);
  hoursCase('00:00', '24:00', [200]);
  hoursCase('00:00', '08:00', [200]);
  hoursCase('09:00', '17:00', [400], 'businessHours.days', [0]);
  hoursCase('09:00', '17:00', [400], 'businessHours.days', [8]);
  hoursCase('09:00', '17:00', [400], 'businessHours.days', []);

  // ---- 7. bodies: not JSON, not an array, too many, too large, not UTF-8, odd types ----
  const bodyCase = (description: string, request: HostileRequest, check: Check) =>
    plainCase('bodies', description, request, check);
  bodyCase('an empty body', postEvents(''), expectStatus([400]));
  for (const text of ['null', '{}', '"events"', '42', '-0', '1e999', 'true', '{"events":[]}'])
    bodyCase(`the body ${text}`, postEvents(text), expectStatus([400]));
  bodyCase('the body [] (no events)', postEvents('[]'), expectStatus([202, 400]));
  bodyCase(
    'the body [null]',
    postEvents('[null]'),
    expectBatch(1, [], [{ index: 0, outcome: 'rejected' }], [400]),
  );
  bodyCase(
    'the body [1,"x",true]',
    postEvents('[1,"x",true]'),
    expectBatch(
      3,
      [],
      [0, 1, 2].map((index) => ({ index, outcome: 'rejected' as const })),
      [400],
    ),
  );
  nextCase();
  {
    const events = Array.from({ length: 501 }, (_, i) => activity(n, { id: `e-hostile-${n}-${i}` }));
    bodyCase('501 events', postEvents(json(events)), expectStatus([400, 413]));
  }
  nextCase();
  {
    // The largest batch the contract allows, all of one innocent contractor.
    const events = Array.from({ length: 500 }, (_, i) => ({
      ...innocentEvent(n),
      id: `e-innocent-${n}-${i}`,
      at: iso(MONDAY + i * 17 * 60 * 1000),
    }));
    cases.push({
      className: 'bodies',
      description: '500 valid events (the limit)',
      requests: [postEvents(json(events))],
      checks: [expectBatch(500, [...events.keys()], [])],
      innocents: [
        { contractorId: innocentId(n), events: [...events.keys()].map((index) => ({ request: 0, index })) },
      ],
    });
  }
  const MB = 1024 * 1024;
  /** A batch of the innocent event and a padded hostile one, `bytes` long in all. */
  const padded = (k: number, bytes: number) => {
    const text = (pad: string) => json([activity(k, { pad }), innocentEvent(k)]);
    return text('x'.repeat(bytes - Buffer.byteLength(text(''))));
  };
  nextCase();
  cases.push({
    className: 'bodies',
    description: 'a body of exactly 1 MB (a padded event and the innocent one)',
    requests: [postEvents(padded(n, MB))],
    // The padded event passes the contract but not the queue's message size: taken or refused, it is the API's call.
    checks: [expectBatch(2, [1], [{ index: 0, outcome: 'either' }])],
    innocents: [{ contractorId: innocentId(n), events: [{ request: 0, index: 1 }] }],
  });
  nextCase();
  plainCase('bodies', 'a body of 1 MB + 1 byte', postEvents(padded(n, MB + 1)), expectStatus([413]));
  const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
  const bytes = (...parts: (string | number[])[]) =>
    new Uint8Array(
      Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p)))),
    );
  const jsonHeaders = { 'content-type': 'application/json' };
  nextCase();
  bodyCase(
    'invalid UTF-8 (0xFF) between tokens',
    postEvents(bytes('[', [0xff], json(innocentEvent(n)), ']'), jsonHeaders),
    expectStatus([400]),
  );
  for (const [what, invalid] of [
    ['0xFF', [0xff]],
    ['an overlong 0xC0 0xAF', [0xc0, 0xaf]],
    ['an encoded surrogate 0xED 0xA0 0x80', [0xed, 0xa0, 0x80]],
    ['a truncated 0xE2 0x82', [0xe2, 0x82]],
  ] as [string, number[]][]) {
    nextCase();
    const [before, after] = json([activity(n, { kind: '@@' }), innocentEvent(n)]).split('@@') as [
      string,
      string,
    ];
    cases.push({
      className: 'bodies',
      description: `invalid UTF-8 (${what}) inside kind`,
      requests: [postEvents(bytes(before, invalid, after), jsonHeaders)],
      // The body is not UTF-8: refused whole, or the event holding the bytes refused; never silently altered.
      checks: [expectBatch(2, [1], [{ index: 0, outcome: 'rejected', fields: ['kind'] }], [400])],
      innocents: [{ contractorId: innocentId(n), events: [{ request: 0, index: 1 }] }],
    });
  }
  nextCase();
  cases.push({
    className: 'bodies',
    description: 'a UTF-8 byte order mark before the JSON',
    requests: [postEvents(bytes([0xef, 0xbb, 0xbf], json([innocentEvent(n)])), jsonHeaders)],
    // RFC 8259 §8.1: a parser may ignore the mark or refuse the text; either, with a reason.
    checks: [expectBatch(1, [0], [], [400])],
    innocents: [{ contractorId: innocentId(n), events: [{ request: 0, index: 0 }] }],
  });
  bodyCase(
    'a top-level {"__proto__":…} object',
    postEvents('{"__proto__":{"length":1,"0":{}}}'),
    expectStatus([400]),
  );
  nextCase();
  batchCase(
    'bodies',
    `an event with "__proto__":{"device":{"id":"${SHARED_DEVICE}"}}`,
    [raw(json(login(n)).replace(/^\{/, `{"__proto__":{"device":{"id":"${SHARED_DEVICE}"}},`))],
    'either',
  );
  nextCase();
  batchCase(
    'bodies',
    `a device with "__proto__":{"id":"${SHARED_DEVICE}"} and no id`,
    [
      raw(
        json(login(n, { device: { locale: 'en-US' } })).replace(
          '"device":{',
          `"device":{"__proto__":{"id":"${SHARED_DEVICE}"},`,
        ),
      ),
    ],
    'either',
  );
  nextCase();
  batchCase(
    'bodies',
    'an event whose type comes only from "__proto__"',
    [
      raw(
        json(activity(n))
          .replace('"type":"activity",', '')
          .replace(/^\{/, '{"__proto__":{"type":"activity"},'),
      ),
    ],
    'rejected',
    ['type'],
  );
  nextCase();
  batchCase(
    'bodies',
    'an event with "constructor" and "prototype" keys',
    [activity(n, { constructor: { prototype: { polluted: true } } })],
    'either',
  );
  nextCase();
  plainCase(
    'bodies',
    'claims with "__proto__":{"name":…}',
    putClaims(`c-hostile-${n}`, '{"__proto__":{"name":"Kim Il"},"source":"hr"}'),
    expectStatus([200, 400]),
  );
  for (const body of ['', 'null', '[]', '"hr"']) {
    nextCase();
    plainCase(
      'bodies',
      `claims body ${body || '(empty)'}`,
      putClaims(`c-hostile-${n}`, body),
      expectStatus([400]),
    );
  }
  nextCase();
  plainCase(
    'bodies',
    'claims for another contractor than the path',
    putClaims(`c-hostile-${n}`, json({ contractorId: 'c-bystander', source: 'hr', name: 'Ann Lee' })),
    expectStatus([400], 'contractorId'),
  );
  const contentTypes: [string | undefined, string][] = [
    [undefined, 'no content-type'],
    ['text/plain', 'content-type text/plain'],
    ['application/x-www-form-urlencoded', 'content-type application/x-www-form-urlencoded'],
    ['multipart/form-data; boundary=x', 'content-type multipart/form-data'],
    ['application/json; charset=utf-16', 'content-type application/json; charset=utf-16'],
    [`application/${'x'.repeat(300)}`, 'a 312-character content-type'],
  ];
  for (const [type, what] of contentTypes) {
    nextCase();
    cases.push({
      className: 'bodies',
      description: `valid events with ${what}`,
      // Bytes, so fetch adds no content-type of its own.
      requests: [
        postEvents(utf8(json([innocentEvent(n)])), type === undefined ? {} : { 'content-type': type }),
      ],
      checks: [expectBatch(1, [0], [], [400, 415])],
      innocents: [{ contractorId: innocentId(n), events: [{ request: 0, index: 0 }] }],
    });
  }

  // ---- 8. flood: 200 requests at once, 5 valid events each, for 20 contractors ----
  const FLOOD_CONTRACTORS = 20;
  const POSTS_EACH = 10;
  const EVENTS_EACH = 5;
  for (let c = 0; c < FLOOD_CONTRACTORS; c++) {
    const contractorId = `c-flood-${String(c).padStart(2, '0')}`;
    const requests: HostileRequest[] = [];
    const events: InnocentEvent[] = [];
    for (let r = 0; r < POSTS_EACH; r++) {
      const batch = Array.from({ length: EVENTS_EACH }, (_, j) => {
        const k = r * EVENTS_EACH + j;
        events.push({ request: r, index: j });
        return {
          id: `e-flood-${c}-${k}`,
          contractorId,
          type: 'activity',
          at: iso(MONDAY + (8 * 60 + k * 41) * 60 * 1000),
          source: 'git',
          kind: 'commit',
        };
      });
      requests.push(postEvents(json(batch)));
    }
    cases.push({
      className: 'flood',
      description: `${contractorId}: ${POSTS_EACH} of the 200 concurrent POSTs, ${EVENTS_EACH} events each`,
      requests,
      checks: requests.map(() => expectBatch(EVENTS_EACH, [0, 1, 2, 3, 4], [])),
      innocents: [{ contractorId, events }],
    });
  }

  // ---- the bystander: a few sign-ins from home on the shared device, and some work ----
  const bystanderEvents: Event[] = [
    ...[0, 1, 2, 3].map((d) => ({
      id: `e-bystander-login-${d}`,
      contractorId: BYSTANDER,
      type: 'login',
      at: iso(MONDAY + d * 86_400_000 + 8 * 3_600_000 + d * 300_000),
      source: 'okta',
      ip: BYSTANDER_IP,
      success: true,
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
      device: { id: SHARED_DEVICE, timezone: 'Europe/London', locale: 'en-GB', keyboardLayouts: ['en-GB'] },
    })),
    ...[0, 1, 2, 3, 4, 5].map((k) => ({
      id: `e-bystander-commit-${k}`,
      contractorId: BYSTANDER,
      type: 'activity',
      at: iso(MONDAY + Math.floor(k / 2) * 86_400_000 + (9 + (k % 2) * 5) * 3_600_000),
      source: 'git',
      kind: 'commit',
      recordedOffsetMinutes: 0,
    })),
  ];
  return { cases, bystanderEvents };
}
