import { describe, expect, it } from 'vitest';
import { anonymizingNetworkFinding } from '../../shared/domain/geography/anonymizing-network.js';
import { countryShares } from '../../shared/domain/geography/countries.js';
import { highRiskRegionFinding } from '../../shared/domain/geography/high-risk-region.js';
import { impossibleTravelFinding } from '../../shared/domain/geography/impossible-travel.js';
import { locationMismatchFinding } from '../../shared/domain/geography/location-mismatch.js';
import { multiCountryFinding } from '../../shared/domain/geography/multi-country.js';
import { byTime, dailySightings, network, PLACES, sighting } from '../support/sightings.js';

const HOME = '73.45.12.9';
const VPN = network('vpn', 'Astrill VPN', true);
const HOSTING = network('hosting', 'DigitalOcean');

describe('LOCATION_MISMATCH', () => {
  it('stays quiet for a contractor who signs in from the claimed country', () => {
    const sightings = dailySightings('2026-03-02T15:00:00Z', 40, HOME, PLACES.chicagoComcast);
    expect(locationMismatchFinding(sightings, 'US')).toBeNull();
  });

  it('reads one short stretch abroad as a trip: low severity, and says so', () => {
    // Prepare: four weeks at home, then nine days in Lisbon
    const sightings = byTime([
      ...dailySightings('2026-03-02T15:00:00Z', 28, HOME, PLACES.chicagoComcast),
      ...dailySightings('2026-03-30T15:00:00Z', 9, '85.241.7.20', PLACES.lisbonMeo),
    ]);

    // Act
    const finding = locationMismatchFinding(sightings, 'US');

    // Assess
    expect(finding?.severity).toBe('low');
    expect(finding?.summary).toContain('consistent with a trip');
    expect(finding?.evidence.stretches).toHaveLength(1);
  });

  it('is high when most sign-ins come from elsewhere, and names the places and addresses', () => {
    const sightings = dailySightings('2026-03-02T01:00:00Z', 30, '60.17.1.1', PLACES.shenyangUnicom);
    const finding = locationMismatchFinding(sightings, 'US');
    expect(finding?.severity).toBe('high');
    expect(finding?.summary).toContain('mostly CN');
    const evidence = finding?.evidence as {
      countries: { country: string; cities: string[] }[];
      examples: { ip: string }[];
    };
    expect(evidence.countries[0]).toMatchObject({ country: 'CN', cities: ['Shenyang'] });
    expect(evidence.examples[0]?.ip).toBe('60.17.1.1');
  });

  it('does not count anonymising exits as the country they exit in', () => {
    // Prepare: every sign-in through a VPN exit in Germany, claiming the US
    const exits = dailySightings('2026-03-02T15:00:00Z', 30, '88.198.1.1', PLACES.frankfurtTelekom, VPN);
    expect(locationMismatchFinding(exits, 'US')).toBeNull();
    expect(countryShares(exits)).toEqual([]);
  });

  it('is medium or worse for scattered days abroad among home sign-ins (a VPN that slips)', () => {
    const home = dailySightings('2026-03-02T15:00:00Z', 42, HOME, PLACES.chicagoComcast);
    const slips = [
      '2026-03-04T02:00:00Z',
      '2026-03-13T02:00:00Z',
      '2026-03-25T02:00:00Z',
      '2026-04-07T02:00:00Z',
    ].map((at) => sighting(at, '60.17.1.1', PLACES.shenyangUnicom));
    const finding = locationMismatchFinding(byTime([...home, ...slips]), 'US');
    expect(finding?.severity).toBe('high');
    expect(finding?.evidence.stretches).toHaveLength(4);
  });
});

describe('IMPOSSIBLE_TRAVEL', () => {
  it('flags Chicago and Shenyang sign-ins an hour apart, with distance and speed', () => {
    const sightings = [
      sighting('2026-03-03T15:00:00Z', HOME, PLACES.chicagoComcast),
      sighting('2026-03-03T16:00:00Z', '60.17.1.1', PLACES.shenyangUnicom),
    ];
    const finding = impossibleTravelFinding(sightings);
    expect(finding?.severity).toBe('high');
    const worst = (
      finding?.evidence.worst as { distanceKm: number; impliedSpeedKmh: number; hours: number }[] | undefined
    )?.[0];
    expect(worst?.distanceKm).toBeGreaterThan(10_000);
    expect(worst?.hours).toBe(1);
    expect(worst?.impliedSpeedKmh).toBeGreaterThan(5_000);
  });

  it('leaves an honest traveller with a real flight gap alone', () => {
    // Prepare: last sign-in in Chicago at 15:00 UTC, first in Lisbon 12 hours later (a 9-hour flight and the airports)
    const sightings = [
      sighting('2026-03-03T15:00:00Z', HOME, PLACES.chicagoComcast),
      sighting('2026-03-04T03:00:00Z', '85.241.7.20', PLACES.lisbonMeo),
    ];
    expect(impossibleTravelFinding(sightings)).toBeNull();
  });

  it('leaves a phone on the carrier and a laptop on home broadband in different cities alone', () => {
    // Prepare: Denver home ISP and a T-Mobile phone that geolocates to Seattle, minutes apart, all day
    const mobile = network('mobile', 'T-Mobile US');
    const sightings = [
      sighting('2026-03-03T15:00:00Z', HOME, PLACES.denverComcast),
      sighting('2026-03-03T15:05:00Z', '172.56.1.9', PLACES.seattleTmobile, mobile),
      sighting('2026-03-03T16:00:00Z', HOME, PLACES.denverComcast),
    ];
    expect(impossibleTravelFinding(sightings)).toBeNull();
  });

  it('leaves two addresses of one ISP in one country alone, however far apart it places them', () => {
    const sightings = [
      sighting('2026-03-03T15:00:00Z', HOME, PLACES.chicagoComcast),
      sighting('2026-03-03T15:30:00Z', '73.1.1.1', PLACES.denverComcast),
    ];
    expect(impossibleTravelFinding(sightings)).toBeNull();
  });

  it('allows for each place’s accuracy radius before calling a jump impossible', () => {
    // Prepare: London and Lisbon (1,585 km) 40 minutes apart, but one place is only known within 1,500 km
    const vague = { ...PLACES.lisbonMeo, accuracyKm: 1_500 };
    const sightings = [
      sighting('2026-03-03T15:00:00Z', '86.130.1.1', PLACES.londonBt),
      sighting('2026-03-03T15:40:00Z', '85.241.7.20', vague),
    ];
    expect(impossibleTravelFinding(sightings)).toBeNull();
    const precise = [
      sighting('2026-03-03T15:00:00Z', '86.130.1.1', PLACES.londonBt),
      sighting('2026-03-03T15:40:00Z', '85.241.7.20', PLACES.lisbonMeo),
    ];
    expect(impossibleTravelFinding(precise)?.code).toBe('IMPOSSIBLE_TRAVEL');
  });

  it('counts a jump inside one country only at continental scale', () => {
    // Prepare: New York to Miami (1,760 km) is a carrier's routing; New York to Seattle (3,870 km) is not
    const regional = [
      sighting('2026-03-03T15:00:00Z', '98.1.1.1', PLACES.newYorkVerizon),
      sighting('2026-03-03T15:40:00Z', '99.1.1.1', PLACES.miamiAtt),
    ];
    const seattleHome = { ...PLACES.seattleTmobile, asn: 7922, organization: 'Comcast Cable' };
    const continental = [
      sighting('2026-03-03T15:00:00Z', '98.1.1.1', PLACES.newYorkVerizon),
      sighting('2026-03-03T15:40:00Z', '24.16.3.7', seattleHome),
      sighting('2026-03-03T16:10:00Z', '98.1.1.2', PLACES.newYorkVerizon),
    ];
    expect(impossibleTravelFinding(regional)).toBeNull();
    expect(impossibleTravelFinding(continental)?.evidence.legs).toBe(2);
  });

  it('does not treat an anonymising exit as a place', () => {
    const sightings = [
      sighting('2026-03-03T15:00:00Z', HOME, PLACES.chicagoComcast),
      sighting('2026-03-03T15:10:00Z', '88.198.1.1', PLACES.frankfurtTelekom, HOSTING),
    ];
    expect(impossibleTravelFinding(sightings)).toBeNull();
  });
});

describe('MULTI_COUNTRY_LOGINS', () => {
  it('flags going back and forth between countries within a week', () => {
    const sightings = [
      sighting('2026-03-03T15:00:00Z', HOME, PLACES.chicagoComcast),
      sighting('2026-03-04T02:00:00Z', '60.17.1.1', PLACES.shenyangUnicom),
      sighting('2026-03-04T15:00:00Z', HOME, PLACES.chicagoComcast),
      sighting('2026-03-05T02:00:00Z', '60.17.1.1', PLACES.shenyangUnicom),
      sighting('2026-03-06T09:00:00Z', '31.173.1.1', PLACES.moscowMegafon),
    ];
    const finding = multiCountryFinding(sightings);
    expect(finding?.evidence).toMatchObject({
      countries: ['US', 'CN', 'RU'],
      switches: 4,
      returnsToEarlierCountry: true,
    });
    expect(finding?.severity).toBe('medium');
  });

  it('keeps a journey through a layover low, and a single trip silent', () => {
    const journey = [
      sighting('2026-03-03T15:00:00Z', HOME, PLACES.chicagoComcast),
      sighting('2026-03-04T08:00:00Z', '86.130.1.1', PLACES.londonBt),
      sighting('2026-03-04T16:00:00Z', '85.241.7.20', PLACES.lisbonMeo),
    ];
    expect(multiCountryFinding(journey)?.severity).toBe('low');
    expect(multiCountryFinding([journey[0], journey[2]].filter((s) => s !== undefined))).toBeNull();
  });
});

describe('ANONYMIZING_NETWORK', () => {
  it('is high for a VPN named in DPRK IT-worker cases, and lists providers and example addresses', () => {
    const sightings = dailySightings(
      '2026-03-02T15:00:00Z',
      20,
      '104.131.77.3',
      PLACES.clifftonDigitalOcean,
      VPN,
    );
    const finding = anonymizingNetworkFinding(sightings);
    expect(finding?.severity).toBe('high');
    expect(finding?.evidence.providers).toEqual([
      expect.objectContaining({
        provider: 'Astrill VPN',
        kind: 'vpn',
        namedInDprkCases: true,
        exampleIps: ['104.131.77.3'],
      }),
    ]);
  });

  it('is medium for most sign-ins through hosting, low for occasional use', () => {
    const mostly = dailySightings(
      '2026-03-02T15:00:00Z',
      20,
      '104.131.77.3',
      PLACES.clifftonDigitalOcean,
      HOSTING,
    );
    expect(anonymizingNetworkFinding(mostly)?.severity).toBe('medium');
    const occasional = byTime([
      ...dailySightings('2026-03-02T15:00:00Z', 30, HOME, PLACES.chicagoComcast),
      sighting('2026-03-10T18:00:00Z', '104.131.77.3', PLACES.clifftonDigitalOcean, HOSTING),
    ]);
    expect(anonymizingNetworkFinding(occasional)?.severity).toBe('low');
  });

  it('says nothing about the deployment’s allowlisted corporate VPN', () => {
    const corporate = dailySightings(
      '2026-03-02T15:00:00Z',
      20,
      '18.157.64.9',
      PLACES.frankfurtTelekom,
      network('corporate', 'Acme VPN'),
    );
    expect(anonymizingNetworkFinding(corporate)).toBeNull();
  });
});

describe('HIGH_RISK_REGION', () => {
  it('flags any sign-in from North Korea, whatever the claim', () => {
    const finding = highRiskRegionFinding(
      [sighting('2026-03-03T01:00:00Z', '175.45.176.9', PLACES.pyongyangStar)],
      null,
    );
    expect(finding?.severity).toBe('high');
    expect(finding?.evidence.regions).toEqual([expect.objectContaining({ country: 'KP', signIns: 1 })]);
  });

  it('flags China only while claiming elsewhere', () => {
    const shenyang = dailySightings('2026-03-02T01:00:00Z', 10, '60.17.1.1', PLACES.shenyangUnicom);
    expect(highRiskRegionFinding(shenyang, 'US')?.severity).toBe('high');
    expect(highRiskRegionFinding(shenyang, 'CN')).toBeNull();
  });

  it('reports a failed sign-in from North Korea, but as medium', () => {
    const failed = sighting('2026-03-03T01:00:00Z', '175.45.176.9', PLACES.pyongyangStar, undefined, {
      successful: false,
    });
    expect(highRiskRegionFinding([failed], 'US')?.severity).toBe('medium');
  });
});
