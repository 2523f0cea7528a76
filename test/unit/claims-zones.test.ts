import { describe, expect, it } from 'vitest';
import {
  countryOfZone,
  isCountrylessZone,
  offsetsOfCountry,
  phoneCountry,
  zoneOfCountry,
} from '../../shared/domain/claims/index.js';

describe('countryOfZone', () => {
  it.each([
    ['Europe/London', ['GB', 'GG', 'IM', 'JE']],
    ['America/Phoenix', ['CA', 'US']],
    ['Asia/Kolkata', ['IN']],
    ['Asia/Calcutta', ['IN']],
    ['Asia/Pyongyang', ['KP']],
    ['europe/london', ['GB', 'GG', 'IM', 'JE']],
  ])('places %s in %j', (zone, countries) => {
    expect(countryOfZone(zone)).toEqual(countries);
  });

  it('lists every country of a shared zone', () => {
    expect(countryOfZone('Europe/Berlin')).toEqual(expect.arrayContaining(['DE', 'DK', 'NO', 'SE']));
  });

  it('counts the countries of the zone a legacy link points to', () => {
    expect(countryOfZone('Europe/Amsterdam')).toEqual(['BE', 'LU', 'NL']);
  });

  it.each(['Etc/UTC', 'UTC', 'Etc/GMT-9', 'Not/AZone'])('places %s in no country', (zone) => {
    expect(countryOfZone(zone)).toEqual([]);
  });

  it('knows Etc zones as countryless and real zones as not', () => {
    expect(isCountrylessZone('Etc/GMT+5')).toBe(true);
    expect(isCountrylessZone('America/Chicago')).toBe(false);
  });

  it('knows every offset a country keeps in the year', () => {
    expect(offsetsOfCountry('GB')).toEqual([0, 60]);
  });
});

describe('zoneOfCountry', () => {
  it.each([
    ['JP', 'Asia/Tokyo'],
    ['IN', 'Asia/Kolkata'],
    ['NO', 'Europe/Oslo'],
    ['ES', 'Europe/Madrid'],
    ['US', null],
    ['RU', null],
    ['ZZ', null],
  ])('gives %s the zone %s', (country, zone) => {
    expect(zoneOfCountry(country)).toBe(zone);
  });

  it('gives only zones the runtime can use', () => {
    // Prepare
    const countries = [
      'AR',
      'CD',
      'CL',
      'CN',
      'CY',
      'DE',
      'EC',
      'KZ',
      'MN',
      'MY',
      'NZ',
      'PG',
      'PT',
      'UA',
      'UZ',
      'VN',
    ];

    // Act
    const zones = countries.map(zoneOfCountry);

    // Assess
    for (const zone of zones) {
      expect(() => new Intl.DateTimeFormat('en-US', { timeZone: zone ?? 'missing' })).not.toThrow();
    }
  });
});

describe('phoneCountry', () => {
  it.each([
    ['+16025550143', ['US']],
    ['+14165550123', ['CA']],
    ['+447400123456', ['GB']],
    ['+8501912345678', ['KP']],
    ['+8613800138000', ['CN']],
    ['+77012345678', ['KZ']],
  ])('reads %s as a number of %j', (phone, countries) => {
    expect(phoneCountry(phone)).toMatchObject({ countries, valid: true });
  });

  it('still reads the country of an invalid +850 number', () => {
    expect(phoneCountry('+850212345678')).toMatchObject({
      countries: ['KP'],
      callingCode: '850',
      valid: false,
    });
  });

  it('reads nothing from a number without a calling code', () => {
    expect(phoneCountry('555-0143')).toMatchObject({ countries: [], callingCode: null, valid: false });
  });
});
