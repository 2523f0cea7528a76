import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../shared/domain/report.js';
import { daylight, tempFiles } from './run-cli.js';

interface Device {
  id?: string;
  timezone?: string;
  locale?: string;
  keyboardLayouts?: string[];
  remoteAccessTools?: string[];
}

/**
 * Three weeks of a 9-to-6 worker in `offset` hours: commits on the hour, and a sign-in each morning from the
 * addresses given in turn (real addresses, located by the shipped databases).
 */
function workdays(contractorId: string, offsetHours: number, ips: string[], device?: Device): string[] {
  const lines: string[] = [];
  let n = 0;
  for (let day = 2; day <= 20; day++) {
    const date = new Date(Date.UTC(2026, 2, day));
    if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
    const local = (hour: number) =>
      new Date(Date.UTC(2026, 2, day, hour - offsetHours, (day * 7) % 60)).toISOString();
    const ip = ips[n++ % ips.length] as string;
    lines.push(
      JSON.stringify({
        id: `${contractorId}-l${day}`,
        contractorId,
        type: 'login',
        at: local(9),
        ip,
        ...(device ? { device } : {}),
      }),
    );
    for (const hour of [9, 10, 11, 13, 14, 15, 16, 17])
      lines.push(
        JSON.stringify({
          id: `${contractorId}-a${day}-${hour}`,
          contractorId,
          type: 'activity',
          at: local(hour),
        }),
      );
  }
  return lines;
}

function claim(contractorId: string, timezone: string, country: string) {
  return { contractorId, source: 'platform-profile', name: 'Alex Example', timezone, country };
}

function analyze(files: Record<string, string>, extra: string[] = [], env: Record<string, string> = {}) {
  const dir = tempFiles(files);
  const args = ['analyze', join(dir, 'events.jsonl'), '--format', 'json'];
  if (files['claims.json']) args.push('--claims', join(dir, 'claims.json'));
  if (files['networks.json']) args.push('--networks', join(dir, 'networks.json'));
  const run = daylight([...args, ...extra], undefined, env);
  return { run, reports: run.status === 0 ? (JSON.parse(run.stdout) as Report[]) : [] };
}

const codes = (report: Report | undefined) => (report?.findings ?? []).map((f) => f.code);
const finding = (report: Report | undefined, code: string) =>
  report?.findings.find((f) => f.code === code) as Finding;

describe('daylight analyze: where contractors sign in from', () => {
  it('keeps an honest Tokyo contractor quiet, on IPv4 and IPv6, and places them in Japan', () => {
    // Prepare: SoftBank (IPv4) and NTT (IPv6) addresses in Japan, a Japanese laptop, claims of Tokyo
    const events = workdays('c-tokyo', 9, ['126.1.1.17', '2400:4050:2a1:100::9'], {
      id: 'MBP-TOKYO',
      timezone: 'Asia/Tokyo',
      locale: 'ja-JP',
      keyboardLayouts: ['ja-JP'],
    });

    // Act
    const { reports } = analyze({
      'events.jsonl': events.join('\n'),
      'claims.json': JSON.stringify([claim('c-tokyo', 'Asia/Tokyo', 'JP')]),
    });

    // Assess
    expect(codes(reports[0])).toEqual([]);
    expect(reports[0]?.risk.level).toBe('none');
    expect(reports[0]?.inferred.countries).toEqual([{ country: 'JP', share: 1 }]);
    expect(reports[0]?.inferred.priorCountry).toBe('JP');
  });

  it('rejects malformed addresses with line, field and reason, and analyses the rest of the file', () => {
    const events = workdays('c-tokyo', 9, ['126.1.1.17']);
    const bad = [
      '{"id":"b1","contractorId":"c-tokyo","type":"login","at":"2026-03-03T00:00:00Z","ip":"126.1.1"}',
      '{"id":"b2","contractorId":"c-tokyo","type":"session","at":"2026-03-03T00:00:00Z","endAt":"2026-03-03T01:00:00Z","ip":"2400:4050::zz"}',
    ];
    const { run, reports } = analyze({ 'events.jsonl': [events[0], ...bad, ...events.slice(1)].join('\n') });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/events\.jsonl:2: ip: must be an IPv4 or IPv6 address/);
    expect(run.stderr).toMatch(/events\.jsonl:3: ip: must be an IPv4 or IPv6 address/);
    expect(reports[0]?.activity.events).toBe(events.length);
    expect(reports[0]?.inferred.countries).toEqual([{ country: 'JP', share: 1 }]);
  });

  it('finds a claimed Chicagoan behind a VPN who once signed in from Pyongyang', () => {
    // Prepare: DigitalOcean exits every day, one morning straight from North Korea
    const events = workdays('c-dprk', 9, ['104.131.77.3', '104.131.77.9']);
    events.push(
      JSON.stringify({
        id: 'slip',
        contractorId: 'c-dprk',
        type: 'login',
        at: '2026-03-11T00:30:00Z',
        ip: '175.45.176.20',
      }),
    );

    // Act
    const { reports } = analyze({
      'events.jsonl': events.join('\n'),
      'claims.json': JSON.stringify([claim('c-dprk', 'America/Chicago', 'US')]),
    });

    // Assess
    const report = reports[0];
    expect(codes(report)).toEqual(
      expect.arrayContaining(['HIGH_RISK_REGION', 'ANONYMIZING_NETWORK', 'TIMEZONE_MISMATCH']),
    );
    expect(finding(report, 'HIGH_RISK_REGION').severity).toBe('high');
    expect(JSON.stringify(finding(report, 'HIGH_RISK_REGION').evidence)).toContain('175.45.176.20');
    expect(finding(report, 'ANONYMIZING_NETWORK').evidence).toMatchObject({
      providers: [expect.objectContaining({ kind: 'hosting' })],
    });
    expect(report?.inferred.countries).toEqual([{ country: 'KP', share: 1 }]);
    expect(report?.risk.level).toBe('high');
  });

  it('silences the anonymising-network finding for the corporate VPN on the allowlist', () => {
    // Prepare: a Munich contractor whose sign-ins go through the client's VPN egress on AWS Frankfurt
    const events = workdays('c-munich', 1, ['18.157.64.5', '18.157.64.6']).join('\n');
    const claims = JSON.stringify([claim('c-munich', 'Europe/Berlin', 'DE')]);
    const policy = { corporateNetworks: [{ name: 'Client VPN', cidrs: ['18.157.64.0/26'] }] };

    // Act
    const without = analyze({ 'events.jsonl': events, 'claims.json': claims });
    const withPolicy = analyze({
      'events.jsonl': events,
      'claims.json': claims,
      'networks.json': JSON.stringify(policy),
    });

    // Assess: without the allowlist a VPN alone is one weak signal, never more than low risk
    expect(codes(without.reports[0])).toContain('ANONYMIZING_NETWORK');
    expect(without.reports[0]?.risk.level).toBe('low');
    expect(codes(withPolicy.reports[0])).toEqual([]);
    expect(withPolicy.reports[0]?.inferred.networks).toEqual([{ kind: 'corporate', share: 1 }]);
  });

  it('names the other identity when two contractors sign in from one device', () => {
    const shared = { id: 'DESKTOP-7Q4MZ2K' };
    const events = [
      ...workdays('c-one', -6, ['73.45.12.9'], shared),
      ...workdays('c-two', -8, ['24.16.3.7'], shared),
    ];
    const { reports } = analyze({ 'events.jsonl': events.join('\n') });
    const one = finding(reports[0], 'SHARED_INFRASTRUCTURE');
    expect(one.severity).toBe('high');
    expect(one.evidence.otherContractors).toEqual(['c-two']);
    expect(finding(reports[1], 'SHARED_INFRASTRUCTURE').evidence.otherContractors).toEqual(['c-one']);
  });

  it('refuses a network policy with a bad range, saying where', () => {
    const events = workdays('c-munich', 1, ['18.157.64.5']).join('\n');
    const policy = { corporateNetworks: [{ name: 'Client VPN', cidrs: ['18.157.64.0/40'] }] };
    const { run } = analyze({ 'events.jsonl': events, 'networks.json': JSON.stringify(policy) });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/networks\.json: corporateNetworks\[0\]\.cidrs\[0\]: .*prefix/);
  });

  it('reads sign-ins on several threads with exactly the result of one thread', () => {
    const events = [
      ...workdays('c-a', 9, ['126.1.1.17', '2400:4050:2a1:100::9'], { id: 'A', timezone: 'Asia/Tokyo' }),
      ...workdays('c-b', -5, ['73.45.12.9', '104.131.77.3'], { id: 'A', remoteAccessTools: ['AnyDesk'] }),
    ];
    const files = { 'events.jsonl': events.join('\n') };
    const single = analyze(files, [], { DAYLIGHT_WORKERS: '1' });
    const parallel = analyze(files, [], { DAYLIGHT_WORKERS: '3', DAYLIGHT_PARALLEL_MIN_BYTES: '0' });
    expect(parallel.run.stdout).toBe(single.run.stdout);
    expect(codes(single.reports[1])).toEqual(
      expect.arrayContaining(['SHARED_INFRASTRUCTURE', 'REMOTE_ACCESS_TOOL']),
    );
  });
});
