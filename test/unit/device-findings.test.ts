import { describe, expect, it } from 'vitest';
import { deviceMismatchFinding } from '../../shared/domain/devices/device-mismatch.js';
import { remoteAccessToolFinding } from '../../shared/domain/devices/remote-access.js';
import { dailySightings, device, PLACES } from '../support/sightings.js';

const CHICAGO = { timezone: 'America/Chicago', country: 'US', nationality: 'US' };

describe('DEVICE_MISMATCH', () => {
  it('flags a laptop set to Asia/Shanghai with a Chinese keyboard on someone claiming New York, high', () => {
    const laptop = device({ id: 'L1', timezone: 'Asia/Shanghai', keyboardLayouts: ['en-US', 'zh-CN'] });
    const finding = deviceMismatchFinding([laptop], { ...CHICAGO, timezone: 'America/New_York' }, []);
    expect(finding?.severity).toBe('high');
    const contradictions = finding?.evidence.contradictions as { field: string; value: string }[];
    expect(contradictions.map((c) => [c.field, c.value])).toEqual([
      ['timezone', 'Asia/Shanghai'],
      ['keyboardLayouts', 'zh-CN'],
    ]);
  });

  it('flags a Korean keyboard on a Chicago claim as medium, and says which language and why', () => {
    const finding = deviceMismatchFinding([device({ keyboardLayouts: ['en-US', 'ko-KR'] })], CHICAGO, []);
    expect(finding?.severity).toBe('medium');
    expect(finding?.summary).toContain('ko-KR');
  });

  it('stays quiet for a Korean keyboard in Seoul and an English locale anywhere', () => {
    const seoul = { timezone: 'Asia/Seoul', country: 'KR', nationality: 'KR' };
    const laptop = device({ timezone: 'Asia/Seoul', locale: 'ko-KR', keyboardLayouts: ['en-US', 'ko-KR'] });
    expect(deviceMismatchFinding([laptop], seoul, [])).toBeNull();
    const british = device({ timezone: 'America/Chicago', locale: 'en-GB', keyboardLayouts: ['en-GB'] });
    expect(deviceMismatchFinding([british], CHICAGO, [])).toBeNull();
  });

  it('reads a laptop clock on the zone of a country the contractor was signing in from as a trip', () => {
    // Prepare: the clock moved to Lisbon for the days sign-ins came from Portugal
    const trip = device({ timezone: 'Europe/Lisbon' }, '2026-03-16T15:00:00Z', '2026-03-20T15:00:00Z');
    const sightings = dailySightings('2026-03-16T15:00:00Z', 5, '85.241.7.20', PLACES.lisbonMeo);
    expect(deviceMismatchFinding([trip], CHICAGO, sightings)).toBeNull();
    expect(deviceMismatchFinding([trip], CHICAGO, [])?.severity).toBe('medium');
  });

  it('compares clocks at the dates they were reported, so DST is no contradiction', () => {
    // Prepare: Detroit keeps New York's clock all year, across the March change
    const laptop = device({ timezone: 'America/Detroit' }, '2026-03-02T15:00:00Z', '2026-04-10T15:00:00Z');
    expect(deviceMismatchFinding([laptop], { ...CHICAGO, timezone: 'America/New_York' }, [])).toBeNull();
  });

  it('keeps a clock on UTC, as privacy browsers report, low', () => {
    expect(deviceMismatchFinding([device({ timezone: 'UTC' })], CHICAGO, [])?.severity).toBe('low');
  });
});

describe('REMOTE_ACCESS_TOOL', () => {
  it('names the tool however the agent spelled it, medium on its own', () => {
    const finding = remoteAccessToolFinding([device({ id: 'L1', remoteAccessTools: ['AnyDesk.exe'] })]);
    expect(finding?.severity).toBe('medium');
    expect(finding?.evidence.tools).toEqual([
      expect.objectContaining({ tool: 'AnyDesk', reportedAs: ['AnyDesk.exe'], onDaylightList: true }),
    ]);
  });

  it('still reports a program not on the list, low', () => {
    const finding = remoteAccessToolFinding([device({ remoteAccessTools: ['HomeGrownRemote'] })]);
    expect(finding?.severity).toBe('low');
    expect(finding?.evidence.tools).toEqual([expect.objectContaining({ onDaylightList: false })]);
  });

  it('says nothing when no device reports one', () => {
    expect(remoteAccessToolFinding([device({ id: 'L1', timezone: 'America/Chicago' })])).toBeNull();
  });
});
