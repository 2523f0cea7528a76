import { describe, expect, it } from 'vitest';
import { geographicPrior } from '../../shared/domain/geography/offset-prior.js';
import { defaultTimezoneModel } from '../../shared/domain/timezone/model.js';
import { dailySightings, network, PLACES } from '../support/sightings.js';

const weight = (model: typeof defaultTimezoneModel, offset: number) =>
  model.offsetPrior.find((o) => o.offsetMinutes === offset)?.probability ?? 0;

describe('geographicPrior', () => {
  it('tilts the prior toward the offsets of the one country home sign-ins place someone in', () => {
    const home = dailySightings('2026-03-02T01:00:00Z', 28, '126.1.1.17', PLACES.tokyoSoftbank);
    const tilted = geographicPrior(defaultTimezoneModel, home, false);
    expect(tilted?.country).toBe('JP');
    const ratio = (offset: number) =>
      weight(tilted?.model ?? defaultTimezoneModel, offset) / weight(defaultTimezoneModel, offset);
    expect(ratio(540)).toBe(1);
    expect(ratio(-300)).toBeLessThan(0.5);
  });

  it('never learns from anonymising exits or mobile carriers', () => {
    const exits = dailySightings(
      '2026-03-02T15:00:00Z',
      28,
      '104.131.77.3',
      PLACES.clifftonDigitalOcean,
      network('vpn', 'Astrill VPN', true),
    );
    const phone = dailySightings(
      '2026-03-02T15:00:00Z',
      28,
      '172.56.1.9',
      PLACES.seattleTmobile,
      network('mobile'),
    );
    expect(geographicPrior(defaultTimezoneModel, exits, false)).toBeNull();
    expect(geographicPrior(defaultTimezoneModel, phone, false)).toBeNull();
  });

  it('ignores a home line when a remote-access program runs on the device (a laptop farm’s line is not the worker’s)', () => {
    const home = dailySightings('2026-03-02T15:00:00Z', 28, '73.45.12.9', PLACES.chicagoComcast);
    expect(geographicPrior(defaultTimezoneModel, home, true)).toBeNull();
    expect(geographicPrior(defaultTimezoneModel, home, false)?.country).toBe('US');
  });
});
