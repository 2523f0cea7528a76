import { readFileSync } from 'node:fs';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { errorResponse } from '../../functions/runtime/http.js';
import { FixedIpLocator } from '../../shared/adapters/geoip/fixed-ip-locator.js';
import { SnsAlertPublisher } from '../../shared/adapters/messaging/sns-alert-publisher.js';
import { type Alert, alertIdOf, dueAlerts } from '../../shared/domain/alerts.js';
import { EvidenceBook } from '../../shared/domain/evidence/evidence-book.js';
import { buildFleetReports } from '../../shared/domain/fleet-reports.js';
import { FINDING_CODES, type Report, RISK_LEVELS, SEVERITIES } from '../../shared/domain/report.js';
import { deleteContractor, putClaim } from '../../shared/pipeline/contractors.js';
import { ingestEvents } from '../../shared/pipeline/ingest.js';
import { getReport } from '../../shared/pipeline/report.js';
import { FAILURE_ATTRIBUTES } from '../../shared/ports/dead-letters.js';
import type { EvidenceStore, StoredContractor } from '../../shared/ports/evidence-store.js';
import type { ProfilePage, ProfileSummary } from '../../shared/ports/profile-store.js';
import { BusinessHours, Claim } from '../../shared/schema/claims.js';
import { ActivityEvent, ChatEvent, Device, LoginEvent, SessionEvent } from '../../shared/schema/events.js';
import { CorporateNetwork, NetworkPolicy, parseNetworkPolicy } from '../../shared/schema/network-policy.js';
import { checkEvent } from '../../shared/schema/validate-event.js';
import { MemoryEventQueue } from '../support/memory-event-queue.js';

/**
 * docs/contract.md is the contract a user of Daylight reads; this test keeps it true. Every ```json block of the
 * page follows a marker (`<!-- example: <kind> -->`) and is checked here against the schemas, the services and
 * reports and alerts the engine really builds; every schema field, finding code, report and alert field and
 * message attribute must be named on the page.
 */

const DOC = readFileSync(new URL('../../docs/contract.md', import.meta.url), 'utf8');
/** The instant every example is received at: pinned, so the page never goes stale with the clock. */
const RECEIVED_AT = Date.parse('2026-06-01T00:00:00Z');
const DETECTED_AT = '2026-06-01T00:00:00.000Z';

const MARKED_BLOCK = /<!-- example: ([a-z0-9-]+) -->\n```json\n([\s\S]*?)\n```/g;

/** Every marked JSON block of the page, parsed, by kind, in page order. */
function markedExamples(): Map<string, unknown[]> {
  const byKind = new Map<string, unknown[]>();
  for (const [, kind, text] of DOC.matchAll(MARKED_BLOCK)) {
    const list = byKind.get(kind as string) ?? [];
    list.push(JSON.parse(text as string));
    byKind.set(kind as string, list);
  }
  return byKind;
}

const EXAMPLES = markedExamples();

function examplesOf(kind: string): unknown[] {
  return EXAMPLES.get(kind) ?? [];
}

function exampleOf(kind: string): unknown {
  const list = examplesOf(kind);
  if (list.length !== 1) throw new Error(`docs/contract.md has ${list.length} examples '${kind}', not one`);
  return list[0];
}

/** The page's text from a `## ` heading to the next one. */
function section(heading: string): string {
  const start = DOC.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`docs/contract.md has no section "## ${heading}"`);
  const end = DOC.indexOf('\n## ', start + 1);
  return DOC.slice(start, end < 0 ? undefined : end);
}

/**
 * Every code span of the text, and every identifier in one: `corporateNetworks[].cidrs` gives itself,
 * `corporateNetworks` and `cidrs`; `daylight.failedAt` gives itself, `daylight` and `failedAt`.
 */
function namesInCode(text: string): Set<string> {
  const names = new Set<string>();
  for (const [, code] of text.matchAll(/`([^`\n]+)`/g)) {
    names.add(code as string);
    for (const name of (code as string).split(/[^A-Za-z0-9_-]+/)) if (name !== '') names.add(name);
  }
  return names;
}

function missingFrom(text: string, names: Iterable<string>): string[] {
  const named = namesInCode(text);
  return [...new Set(names)].filter((name) => !named.has(name));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface ShapeRules {
  /** Paths (`inferred.candidates[].timezone`) that either side may leave out. */
  optional?: readonly string[];
  /** Paths whose value is an object of no fixed keys (a finding's evidence). */
  freeForm?: readonly string[];
}

/**
 * Where the documented value and the real one differ in shape: keys, element shapes and kinds of leaf values.
 * Values may differ. A list is compared element by element with the real list's first element; a null on one
 * side against an object on the other is a difference (the page must show the full form, and the real value
 * must fill it so that it can be checked).
 */
function shapeDifferences(doc: unknown, real: unknown, rules: ShapeRules, path = '(root)'): string[] {
  const at = (key: string) => (path === '(root)' ? key : `${path}.${key}`);
  if (rules.freeForm?.includes(path))
    return isRecord(doc) && isRecord(real) ? [] : [`${path}: must be an object on both sides`];
  if (doc === null || real === null) {
    const other = doc === null ? real : doc;
    if (typeof other !== 'object' || other === null) return [];
    return [
      doc === null
        ? `${path}: null in the page, filled by Daylight`
        : `${path}: null in Daylight's value, so the page's cannot be checked`,
    ];
  }
  if (Array.isArray(doc) || Array.isArray(real)) {
    if (!Array.isArray(doc) || !Array.isArray(real)) return [`${path}: a list on one side only`];
    if (real.length === 0) return [`${path}: empty in Daylight's value, so the page's cannot be checked`];
    if (doc.length === 0) return [`${path}: the page shows no element`];
    return doc.flatMap((element) => shapeDifferences(element, real[0], rules, `${path}[]`));
  }
  if (isRecord(doc) || isRecord(real)) {
    if (!isRecord(doc) || !isRecord(real)) return [`${path}: an object on one side only`];
    const optional = (key: string) => rules.optional?.includes(at(key)) ?? false;
    return [
      ...Object.keys(doc)
        .filter((key) => !(key in real) && !optional(key))
        .map((key) => `${at(key)}: in the page, not in Daylight's value`),
      ...Object.keys(real)
        .filter((key) => !(key in doc) && !optional(key))
        .map((key) => `${at(key)}: missing from the page`),
      ...Object.keys(doc)
        .filter((key) => key in real)
        .flatMap((key) => shapeDifferences(doc[key], real[key], rules, at(key))),
    ];
  }
  return typeof doc === typeof real
    ? []
    : [`${path}: a ${typeof doc} in the page, a ${typeof real} in Daylight's`];
}

/** Every key of a value, at any depth, except inside free-form objects. */
function keysOf(value: unknown, rules: ShapeRules, path = '(root)'): string[] {
  if (rules.freeForm?.includes(path)) return [];
  if (Array.isArray(value)) return value.flatMap((v) => keysOf(v, rules, `${path}[]`));
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, v]) => [
    key,
    ...keysOf(v, rules, path === '(root)' ? key : `${path}.${key}`),
  ]);
}

const REPORT_RULES: ShapeRules = {
  optional: ['limitations', 'inferred.candidates[].timezone'],
  freeForm: ['findings[].evidence'],
};
const ALERT_RULES: ShapeRules = { freeForm: ['evidence'] };

/**
 * A report the engine builds: four weeks of a contractor claiming Chicago who works and commits on Korean time,
 * answers Chicago-hours chats hours late, signs in from a Chicago address and once from Pyongyang, on a device
 * set to Korean with AnyDesk running. Every part of the report is then filled, so every part can be compared.
 */
function engineReport(): Report {
  const locator = new FixedIpLocator({
    '73.45.12.9': {
      country: 'US',
      city: 'Chicago',
      latitude: 41.9,
      longitude: -87.6,
      accuracyKm: 50,
      asn: 7922,
      organization: 'Comcast Cable Communications, LLC',
    },
    '175.45.176.3': {
      country: 'KP',
      city: 'Pyongyang',
      latitude: 39,
      longitude: 125.7,
      accuracyKm: 50,
      asn: 131279,
      organization: 'Ryugyong-dong',
    },
  });
  const device = {
    id: 'MBP-1',
    timezone: 'Asia/Seoul',
    locale: 'ko-KR',
    keyboardLayouts: ['en-US', 'ko-KR'],
    remoteAccessTools: ['AnyDesk'],
  };
  const raw: Record<string, unknown>[] = [];
  for (let day = 0; day < 28; day++) {
    const midnight = Date.UTC(2026, 4, 4 + day);
    const weekday = new Date(midnight).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const at = (hour: number, minute = 0) => new Date(midnight + (hour * 60 + minute) * 60_000).toISOString();
    const common = (n: number) => ({ id: `e-${day}-${n}`, contractorId: 'c-1' });
    [1, 2, 3, 5, 6, 7, 8, 9].forEach((hour, n) => {
      raw.push({
        ...common(n),
        type: 'activity',
        at: at(hour, 17),
        kind: 'commit',
        recordedOffsetMinutes: 540,
      });
    });
    const ip = day % 5 === 0 ? '175.45.176.3' : '73.45.12.9';
    raw.push({ ...common(10), type: 'login', at: at(0, 50), ip, success: true, device });
    raw.push({ ...common(11), type: 'session', at: at(0, 55), endAt: at(9, 40), ip: '73.45.12.9', device });
    [15, 17, 19].forEach((hour, n) => {
      raw.push({ ...common(20 + n), type: 'chat', at: at(hour), respondedAt: at(hour + 7), direct: true });
    });
  }
  const book = new EvidenceBook();
  for (const event of raw) {
    const checked = checkEvent(event, RECEIVED_AT);
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    book.add(checked.event);
  }
  const claims = [
    Claim.parse({
      contractorId: 'c-1',
      source: 'platform-profile',
      country: 'US',
      timezone: 'America/Chicago',
      businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
    }),
    Claim.parse({ contractorId: 'c-1', source: 'payroll', nationality: 'US', paymentCountry: 'CN' }),
  ];
  const [report] = buildFleetReports(book, new Map([['c-1', claims]]), { locator, adaptPrior: false });
  if (report === undefined) throw new Error('the engine built no report');
  return report;
}

const ENGINE_REPORT = engineReport();

/** An evidence store that answers only what the claim and erasure services ask of it. */
function evidenceStub(stored: StoredContractor, erased = 0): EvidenceStore {
  return {
    loadContractor: async () => stored,
    putClaims: async () => (stored.claims?.version ?? 0) + 1,
    deleteContractor: async () => erased,
  } as unknown as EvidenceStore;
}

const NOTHING_STORED: StoredContractor = { weeks: [], claims: null, unreadable: 0 };

/** The HTTP answer the API gives for what a service threw. */
function answerTo(error: unknown): { status: number; body: unknown } {
  const result = errorResponse(error, 'request-1', () => {});
  return { status: result.statusCode ?? 0, body: JSON.parse(String(result.body)) };
}

async function thrownBy(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the request to be refused');
}

describe('docs/contract.md', () => {
  it('marks every JSON block with the kind of example it is, so each one is checked', () => {
    // Prepare
    const jsonBlocks = DOC.match(/^```json$/gm) ?? [];
    // Act
    const marked = [...EXAMPLES.values()].flat();
    // Assess
    expect(marked.length).toBe(jsonBlocks.length);
    expect([...EXAMPLES.keys()].sort()).toEqual(
      [
        'alert',
        'claim',
        'claims-answer',
        'delete-answer',
        'error-answer',
        'event',
        'ingest-answer',
        'ingest-request',
        'invalid-claim-request',
        'list-answer',
        'network-policy',
        'not-found-answer',
        'report',
        'unread-claim',
        'unread-event',
      ].sort(),
    );
  });

  describe('inputs', () => {
    it('shows events Daylight accepts, received at a fixed instant', () => {
      // Prepare
      const events = examplesOf('event');
      // Act
      const problems = events.map((event) => {
        const checked = checkEvent(event, RECEIVED_AT);
        return checked.ok ? [] : checked.problems;
      });
      // Assess
      expect(problems).toEqual(events.map(() => []));
    });

    it('shows one event of each type, with every field of its type and of the device', () => {
      // Prepare
      const shapes = {
        login: LoginEvent.shape,
        session: SessionEvent.shape,
        activity: ActivityEvent.shape,
        chat: ChatEvent.shape,
      };
      const events = examplesOf('event') as Record<string, unknown>[];
      // Act
      const types = events.map((e) => e.type);
      const missing = Object.entries(shapes).flatMap(([type, shape]) => {
        const example = events.find((e) => e.type === type) ?? {};
        return Object.keys(shape)
          .filter((field) => !(field in example))
          .map((field) => `${type}.${field}`);
      });
      const devices = events.flatMap((e) => (isRecord(e.device) ? [e.device] : []));
      const missingDeviceFields = devices.flatMap((d) => Object.keys(Device.shape).filter((f) => !(f in d)));
      // Assess
      expect([...types].sort()).toEqual(['activity', 'chat', 'login', 'session']);
      expect(missing).toEqual([]);
      expect(devices.length).toBeGreaterThan(0);
      expect(missingDeviceFields).toEqual([]);
    });

    it('shows a claim record Daylight accepts, with every claim field', () => {
      // Prepare
      const claim = exampleOf('claim') as Record<string, unknown>;
      // Act
      const parsed = Claim.safeParse(claim);
      // Assess
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(Object.keys(Claim.shape).filter((field) => !(field in claim))).toEqual([]);
      const hours = claim.businessHours as Record<string, unknown>;
      expect(Object.keys(BusinessHours.shape).filter((field) => !(field in hours))).toEqual([]);
    });

    it('shows a network policy Daylight accepts, with every field of a corporate network', () => {
      // Prepare
      const policy = exampleOf('network-policy') as { corporateNetworks: Record<string, unknown>[] };
      // Act
      const parsed = parseNetworkPolicy(policy);
      // Assess
      expect(parsed.corporateNetworks.length).toBeGreaterThan(0);
      for (const network of policy.corporateNetworks)
        expect(Object.keys(CorporateNetwork.shape).filter((field) => !(field in network))).toEqual([]);
    });

    it('names every field of the event, device, claim and network policy schemas', () => {
      // Prepare
      const fields = [
        LoginEvent.shape,
        SessionEvent.shape,
        ActivityEvent.shape,
        ChatEvent.shape,
        Device.shape,
        Claim.shape,
        BusinessHours.shape,
        NetworkPolicy.shape,
        CorporateNetwork.shape,
      ].flatMap((shape) => Object.keys(shape));
      // Act
      const missing = missingFrom(DOC, fields);
      // Assess
      expect(missing).toEqual([]);
    });

    it('keeps every name of the shared telemetry contract (v1.1) on the page', () => {
      // Prepare: the names outside tools rely on, as the shared contract spells them.
      const contractNames = [
        ...['id', 'contractorId', 'type', 'at', 'source', 'login', 'session', 'activity', 'chat'],
        ...['ip', 'success', 'userAgent', 'device', 'endAt', 'kind', 'recordedOffsetMinutes'],
        ...['respondedAt', 'channel', 'direct', 'timezone', 'locale', 'keyboardLayouts', 'remoteAccessTools'],
        ...['peripherals', 'vendorId', 'productId', 'name', 'serial', 'displays', 'manufacturer', 'model'],
        ...['software', 'nationality', 'country', 'city', 'businessHours', 'start', 'end', 'days', 'phone'],
        ...['email', 'paymentCountry', 'phoneLineType', 'mobile', 'landline', 'voip', 'unknown'],
        ...['inferred', 'utcOffsetMinutes', 'confidence', 'candidates', 'offsetMinutes', 'probability'],
        ...['countries', 'share', 'findings', 'code', 'severity', 'summary', 'evidence', 'risk', 'score'],
        ...['level', 'none', 'low', 'medium', 'high', 'alertId', 'detectedAt'],
        ...FINDING_CODES,
        'REMOTE_CONTROL_HARDWARE',
        'HOLIDAY_PATTERN',
      ];
      // Act
      const missing = missingFrom(DOC, contractNames);
      // Assess
      expect(missing).toEqual([]);
    });
  });

  describe('the report', () => {
    it('has exactly the fields of a report the engine builds, at every depth', () => {
      // Prepare
      const documented = exampleOf('report');
      // Act
      const differences = shapeDifferences(documented, ENGINE_REPORT, REPORT_RULES);
      // Assess
      expect(differences).toEqual([]);
    });

    it('uses only the finding codes, severities and risk levels Daylight produces', () => {
      // Prepare
      const report = exampleOf('report') as Report;
      // Act
      const codes = report.findings.map((f) => f.code);
      const severities = report.findings.map((f) => f.severity);
      // Assess
      for (const code of codes) expect(FINDING_CODES).toContain(code);
      for (const severity of severities) expect(SEVERITIES).toContain(severity);
      expect(RISK_LEVELS).toContain(report.risk.level);
    });

    it('names every report field in the report section, limitations included', () => {
      // Prepare
      const fields = [...keysOf(ENGINE_REPORT, REPORT_RULES), 'limitations'];
      // Act
      const missing = missingFrom(section('Report'), fields);
      // Assess
      expect(missing).toEqual([]);
    });

    it('gives one line for every finding code, and lists there only codes Daylight raises', () => {
      // Prepare
      const codesSection = section('Finding codes');
      // Act
      const missing = missingFrom(codesSection, FINDING_CODES);
      const listed = [...namesInCode(codesSection)].filter((name) => /^[A-Z][A-Z_]{4,}$/.test(name));
      // Assess
      expect(missing).toEqual([]);
      expect(listed.filter((code) => !(FINDING_CODES as readonly string[]).includes(code))).toEqual([]);
    });
  });

  describe('alerts', () => {
    const engineAlert = (): Alert => {
      const [due] = dueAlerts(ENGINE_REPORT, [], DETECTED_AT);
      if (due === undefined) throw new Error('the engine report raised no alert');
      return due.alert;
    };

    it('shows an alert with exactly the fields of one Daylight raises', () => {
      // Prepare
      const documented = exampleOf('alert');
      // Act
      const differences = shapeDifferences(documented, engineAlert(), ALERT_RULES);
      // Assess
      expect(differences).toEqual([]);
      expect(missingFrom(section('Alerts'), Object.keys(engineAlert()))).toEqual([]);
    });

    it('shows the alert id Daylight gives that contractor, code and severity', () => {
      // Prepare
      const alert = exampleOf('alert') as Alert;
      // Act
      const id = alertIdOf(alert.contractorId, alert.code, alert.severity);
      // Assess
      expect(alert.alertId).toBe(id);
    });

    it('names every message attribute an alert is published with', async () => {
      // Prepare
      const sns = mockClient(SNSClient);
      const alert = exampleOf('alert') as Alert;
      try {
        // Act
        await new SnsAlertPublisher(
          new SNSClient({ region: 'us-east-1' }),
          'arn:aws:sns:us-east-1:111122223333:daylight-alerts',
        ).publish(alert);
        const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
        // Assess
        expect(JSON.parse(input?.Message ?? 'null')).toEqual(alert);
        const attributes = Object.keys(input?.MessageAttributes ?? {});
        expect(attributes.length).toBeGreaterThan(0);
        expect(missingFrom(section('Alerts'), attributes)).toEqual([]);
      } finally {
        sns.restore();
      }
    });
  });

  describe('the HTTP API', () => {
    it('answers the documented ingest request with the documented 202 body', async () => {
      // Prepare
      const request = exampleOf('ingest-request');
      const queue = new MemoryEventQueue();
      // Act
      const answer = await ingestEvents(request, queue, RECEIVED_AT);
      // Assess
      expect(answer).toEqual(exampleOf('ingest-answer'));
    });

    it('answers the documented claim with the documented 200 body when a payroll record is stored', async () => {
      // Prepare
      const payroll = Claim.parse({ contractorId: 'c-42', source: 'payroll', paymentCountry: 'US' });
      const evidence = evidenceStub({ ...NOTHING_STORED, claims: { claims: [payroll], version: 1 } });
      // Act
      const answer = await putClaim('c-42', exampleOf('claim'), { evidence, queue: new MemoryEventQueue() });
      // Assess
      expect(answer).toEqual(exampleOf('claims-answer'));
    });

    it('refuses the documented invalid claim with the documented 400 body', async () => {
      // Prepare
      const body = exampleOf('invalid-claim-request');
      const deps = { evidence: evidenceStub(NOTHING_STORED), queue: new MemoryEventQueue() };
      // Act
      const answer = answerTo(await thrownBy(() => putClaim('c-42', body, deps)));
      // Assess
      expect(answer).toEqual({ status: 400, body: exampleOf('error-answer') });
    });

    it('answers a report for a contractor with nothing stored with the documented 404 body', async () => {
      // Prepare
      const deps = {
        evidence: evidenceStub(NOTHING_STORED),
        infrastructure: {} as never,
        locator: () => new FixedIpLocator({}),
      };
      // Act
      const answer = answerTo(await thrownBy(() => getReport('c-404', deps)));
      // Assess
      expect(answer).toEqual({ status: 404, body: exampleOf('not-found-answer') });
    });

    it('shows a contractor list page with exactly the fields of a profile summary', () => {
      // Prepare: a page as the type defines it (a field added to the type fails the type-check here).
      const summary: ProfileSummary = {
        contractorId: 'c-1',
        riskScore: 0,
        riskLevel: 'none',
        findings: [{ code: 'TIMEZONE_MISMATCH', severity: 'low' }],
        utcOffsetMinutes: 0,
        confidence: 0,
        events: 0,
        evidenceVersion: 0,
        assessedAt: DETECTED_AT,
      };
      const page = { profiles: [summary], cursor: 'next' } satisfies Required<ProfilePage>;
      // Act
      const differences = shapeDifferences(exampleOf('list-answer'), page, {});
      // Assess
      expect(differences).toEqual([]);
    });

    it('shows an erasure answer with exactly the fields the erasure returns', async () => {
      // Prepare
      const deps = {
        evidence: evidenceStub(NOTHING_STORED, 5),
        profiles: { delete: async () => true } as never,
        alerts: { deleteAll: async () => 2 } as never,
        infrastructure: { forget: async () => {} } as never,
      };
      // Act
      const answer = await deleteContractor('c-42', deps);
      // Assess
      expect(shapeDifferences(exampleOf('delete-answer'), answer, {})).toEqual([]);
    });

    it('names every attribute of a dead-lettered message', () => {
      // Prepare
      const attributes = Object.values(FAILURE_ATTRIBUTES);
      // Act
      const missing = missingFrom(section('Dead letters'), attributes);
      // Assess
      expect(missing).toEqual([]);
    });
  });

  describe('the contract names Daylight does not read yet', () => {
    const UNREAD = {
      device: ['peripherals', 'displays', 'software'],
      claim: ['phoneLineType'],
      codes: ['REMOTE_CONTROL_HARDWARE', 'HOLIDAY_PATTERN'],
    };

    it('lists them in their own section, and only names no schema or finding code implements', () => {
      // Prepare
      const unreadSection = section('In the contract, not yet read by Daylight');
      // Act
      const implemented = [
        ...UNREAD.device.filter((field) => field in Device.shape),
        ...UNREAD.claim.filter((field) => field in Claim.shape),
        ...UNREAD.codes.filter((code) => (FINDING_CODES as readonly string[]).includes(code)),
      ];
      // Assess
      expect(missingFrom(unreadSection, [...UNREAD.device, ...UNREAD.claim, ...UNREAD.codes])).toEqual([]);
      expect(implemented).toEqual([]);
    });

    it('accepts an event and a claim carrying them, and drops the fields', () => {
      // Prepare
      const event = exampleOf('unread-event') as { device: Record<string, unknown> };
      const claim = exampleOf('unread-claim') as Record<string, unknown>;
      // Act
      const checked = checkEvent(event, RECEIVED_AT);
      const parsed = Claim.safeParse(claim);
      const device = checked.ok && checked.event.type === 'login' ? checked.event.device : undefined;
      // Assess
      for (const field of UNREAD.device) expect(event.device).toHaveProperty(field);
      for (const field of UNREAD.claim) expect(claim).toHaveProperty(field);
      expect(checked.ok ? [] : checked.problems).toEqual([]);
      expect(device).toBeDefined();
      for (const field of UNREAD.device) expect(device).not.toHaveProperty(field);
      expect(parsed.success).toBe(true);
      for (const field of UNREAD.claim) expect(parsed.data).not.toHaveProperty(field);
    });
  });
});
