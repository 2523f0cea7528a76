import { createHash, createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSigner, apiTargetOf, signedHeaders } from '../../cli/api/daylight-api.js';
import { type LocalConfig, localConfigPath } from '../../local/local-config.js';
import { type LocalStack, startLocalStack } from '../../local/stack.js';
import { daylightAsync } from '../support/daylight-async.js';

/** Characters of the id rule that percent-encoding changes, so the path is encoded as a real client must. */
const CONTRACTOR = 'c-send:show@test';
const HOUR_MS = 3_600_000;

/** Three valid events, a blank line and a bad one (line 3): what a telemetry export with one mistake looks like. */
function eventsFile(): string {
  const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * HOUR_MS).toISOString();
  const activity = (id: string, hoursAgo: number) =>
    JSON.stringify({ id, contractorId: CONTRACTOR, type: 'activity', at: at(hoursAgo), source: 'git' });
  return [
    activity('send-1', 30),
    '',
    JSON.stringify({ id: 'send-bad', contractorId: CONTRACTOR, type: 'activity', at: 'yesterday' }),
    activity('send-2', 29),
    activity('send-3', 28),
    '',
  ].join('\n');
}

describe('daylight send and show against the local stack', () => {
  let directory: string;
  let stack: LocalStack;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'daylight-send-'));
    writeFileSync(join(directory, 'events.jsonl'), eventsFile());
    stack = await startLocalStack({ port: 0, configPath: localConfigPath(directory), log: () => {} });
  }, 60_000);
  afterAll(() => stack?.stop());

  it('posts the valid events, names the bad line and its field, and exits 0', async () => {
    // Act
    const run = await daylightAsync(['send', 'events.jsonl'], directory);

    // Assess
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^events\.jsonl:3: at: must be an RFC 3339 timestamp/m);
    expect(run.stderr).toContain('4 events sent in 1 request to http://127.0.0.1:');
    expect(run.stderr).toContain('3 accepted, 1 rejected');
  });

  it('maps a rejection back to its line across smaller batches', async () => {
    // Act: batches of lines [1, 3] and [4, 5]; the bad event is the second of the first request.
    const run = await daylightAsync(['send', 'events.jsonl', '--batch', '2'], directory);

    // Assess
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^events\.jsonl:3: at: /m);
    expect(run.stderr).toContain('4 events sent in 2 requests');
  });

  it("shows the contractor's report once processed, each event counted once though sent twice", async () => {
    // Prepare
    await stack.drain();

    // Act
    const run = await daylightAsync(['show', CONTRACTOR, '--format', 'json'], directory);

    // Assess
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.contractorId).toBe(CONTRACTOR);
    expect(report.activity.events).toBe(3);
  });

  it('shows the report as a table row for people', async () => {
    // Act
    const run = await daylightAsync(['show', CONTRACTOR], directory);

    // Assess
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^1 contractor, riskiest first/);
    expect(lines[2]).toMatch(/^CONTRACTOR\s+CLAIMED\s+INFERRED/);
    expect(lines[3]).toMatch(new RegExp(`^${CONTRACTOR}\\s`));
  });

  it('lists the contractor, as a table and as JSON', async () => {
    // Act
    const table = await daylightAsync(['show', '--list'], directory);
    const json = await daylightAsync(['show', '--list', '--min-risk', 'none', '--format', 'json'], directory);

    // Assess
    expect(table.status).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^CONTRACTOR\s+RISK\s+INFERRED/);
    expect(table.stdout).toMatch(new RegExp(`^${CONTRACTOR}\\s`, 'm'));
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toContainEqual(expect.objectContaining({ contractorId: CONTRACTOR }));
  });

  it('says there is nothing for an unknown contractor, and exits 1', async () => {
    // Act
    const run = await daylightAsync(['show', 'nobody'], directory);

    // Assess
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("daylight show: no report for 'nobody'");
    expect(run.stderr).toContain('answered 404');
  });

  it('refuses flags that do not go together, with exit 2', async () => {
    // Act
    const both = await daylightAsync(['show', CONTRACTOR, '--list'], directory);
    const risk = await daylightAsync(['show', CONTRACTOR, '--min-risk', 'high'], directory);
    const batch = await daylightAsync(['send', 'events.jsonl', '--batch', '501'], directory);

    // Assess
    expect([both.status, risk.status, batch.status]).toEqual([2, 2, 2]);
    expect(both.stderr).toContain('give a contractor id or --list, not both');
    expect(risk.stderr).toContain('--min-risk applies only with --list');
    expect(batch.stderr).toContain('--batch must be a whole number from 1 to 500');
  });
});

/** An API that answers each POST with the next status of a script, as a flaky or refusing API would. */
async function scriptedApi(statuses: number[]): Promise<{ directory: string; server: Server }> {
  const server = createServer((request, response) => {
    request.resume().on('end', () => {
      const status = statuses.shift() ?? 500;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(
        status === 202
          ? '{"accepted":1,"rejected":0,"rejections":[]}'
          : JSON.stringify({ error: `scripted ${status}` }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const directory = mkdtempSync(join(tmpdir(), 'daylight-send-scripted-'));
  const unused = 'http://127.0.0.1:1';
  const config: LocalConfig = {
    pid: process.pid,
    region: 'us-east-1',
    apiUrl,
    endpoints: { dynamodb: unused, sqs: unused, sns: unused },
    tables: { evidence: 'e', profiles: 'p', alerts: 'a' },
    queues: { ingest: unused, ingestDeadLetter: unused, alerts: unused, alertsDeadLetter: unused },
    alertsTopicArn: 'arn:aws:sns:us-east-1:000000000000:t',
  };
  mkdirSync(join(directory, '.daylight'));
  writeFileSync(localConfigPath(directory), JSON.stringify(config));
  writeFileSync(join(directory, 'one.jsonl'), '{"id":"e1"}\n');
  return { directory, server };
}

describe('daylight send when the API fails', () => {
  it('retries a 503, as the API asks, and then succeeds', async () => {
    // Prepare
    const { directory, server } = await scriptedApi([503, 202]);

    // Act
    const run = await daylightAsync(['send', 'one.jsonl'], directory).finally(() => server.close());

    // Assess
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('POST /v1/events answered 503: scripted 503; retrying in 0.5 s');
    expect(run.stderr).toContain('1 event sent in 1 request');
  });

  it('stops at a request the API refuses, says which and why, and exits 1', async () => {
    // Prepare
    const { directory, server } = await scriptedApi([403]);

    // Act
    const run = await daylightAsync(['send', 'one.jsonl'], directory).finally(() => server.close());

    // Assess
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('the request with lines 1–1 failed: POST http://127.0.0.1:');
    expect(run.stderr).toContain('answered 403: scripted 403');
    expect(run.stderr).not.toContain('retrying');
  });
});

/** SigV4 as AWS documents it, computed here independently of the signer under test. */
function documentedSignature(canonicalRequest: string, amzDate: string, region: string, secret: string) {
  const date = amzDate.slice(0, 8);
  const scope = `${date}/${region}/execute-api/aws4_request`;
  const hash = (text: string) => createHash('sha256').update(text).digest('hex');
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, hash(canonicalRequest)].join('\n');
  const key = [date, region, 'execute-api', 'aws4_request'].reduce<Buffer>(
    (k, part) => createHmac('sha256', k).update(part).digest(),
    Buffer.from(`AWS4${secret}`),
  );
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

describe('the SigV4 signing of --api-url requests', () => {
  const apiUrl = new URL('https://abc123.execute-api.eu-west-1.amazonaws.com/');
  const credentials = { accessKeyId: 'AKID', secretAccessKey: 'SECRET' };
  const signingDate = new Date('2026-03-01T12:34:56Z');

  it('signs for execute-api in the region, over host and date, with the path encoded twice', async () => {
    // Act
    const headers = await signedHeaders(
      apiSigner('eu-west-1', credentials),
      apiUrl,
      { method: 'GET', path: `/v1/contractors/${encodeURIComponent('c:1@x')}/report` },
      signingDate,
    );

    // Assess
    expect(headers['x-amz-date']).toBe('20260301T123456Z');
    expect(headers.authorization).toContain('Credential=AKID/20260301/eu-west-1/execute-api/aws4_request');
    expect(headers.authorization).toMatch(/SignedHeaders=([a-z0-9-]+;)*host;([a-z0-9-]+;)*x-amz-date\b/);
    const canonical = [
      'GET',
      '/v1/contractors/c%253A1%2540x/report',
      '',
      `host:${apiUrl.host}`,
      'x-amz-date:20260301T123456Z',
      '',
      'host;x-amz-date',
      createHash('sha256').update('').digest('hex'),
    ].join('\n');
    const signature = documentedSignature(canonical, '20260301T123456Z', 'eu-west-1', 'SECRET');
    expect(headers.authorization).toContain(`Signature=${signature}`);
  });

  it('covers the query and the body', async () => {
    // Act
    const body = '[{"id":"e1"}]';
    const list = await signedHeaders(
      apiSigner('eu-west-1', credentials),
      apiUrl,
      { method: 'POST', path: '/v1/events', query: { minRisk: 'high', limit: '100' }, body },
      signingDate,
    );

    // Assess
    const canonical = [
      'POST',
      '/v1/events',
      'limit=100&minRisk=high',
      'content-type:application/json',
      `host:${apiUrl.host}`,
      'x-amz-date:20260301T123456Z',
      '',
      'content-type;host;x-amz-date',
      createHash('sha256').update(body).digest('hex'),
    ].join('\n');
    const signature = documentedSignature(canonical, '20260301T123456Z', 'eu-west-1', 'SECRET');
    expect(list.authorization).toContain(`Signature=${signature}`);
  });

  it('takes the region from --region, else the API URL, else AWS_REGION', () => {
    // Act
    const fromUrl = apiTargetOf(apiUrl.href, undefined, {});
    const fromFlag = apiTargetOf(apiUrl.href, 'us-west-2', {});
    const fromEnv = apiTargetOf('https://api.example.com/', undefined, { AWS_REGION: 'ap-northeast-1' });
    const none = apiTargetOf('https://api.example.com/', undefined, {});

    // Assess
    expect(fromUrl).toMatchObject({ kind: 'aws', region: 'eu-west-1' });
    expect(fromFlag).toMatchObject({ kind: 'aws', region: 'us-west-2' });
    expect(fromEnv).toMatchObject({ kind: 'aws', region: 'ap-northeast-1' });
    expect(none).toBe('the API URL does not name a region: give --region (or set AWS_REGION)');
    expect(apiTargetOf(undefined, undefined, {})).toEqual({ kind: 'local' });
  });
});
