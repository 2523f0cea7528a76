import { describe, expect, it } from 'vitest';
import { InvalidClaimSetError, resolveClaims } from '../../shared/domain/claims/index.js';
import { Claim } from '../../shared/schema/claims.js';

function claim(fields: Record<string, unknown>): Claim {
  return Claim.parse({ contractorId: 'c-42', source: 'platform-profile', ...fields });
}

describe('resolveClaims', () => {
  it('believes payroll over the platform profile over the résumé, field by field', () => {
    // Prepare
    const claims = [
      claim({ source: 'resume', name: 'Johnny Smith', city: 'Austin', email: 'js@example.com' }),
      claim({ source: 'platform-profile', name: 'John Smith', timezone: 'America/Chicago', city: 'Dallas' }),
      claim({ source: 'payroll', name: 'John A. Smith', country: 'US' }),
    ];

    // Act
    const effective = resolveClaims(claims);

    // Assess
    expect(effective).toMatchObject({
      contractorId: 'c-42',
      sources: ['payroll', 'platform-profile', 'resume'],
      name: 'John A. Smith',
      country: 'US',
      city: 'Dallas',
      email: 'js@example.com',
      timezone: 'America/Chicago',
      timezoneInferredFromCountry: false,
    });
    expect(effective.fieldSources).toMatchObject({
      name: 'payroll',
      city: 'platform-profile',
      email: 'resume',
    });
  });

  it('reads source names loosely: "HR record" and "Résumé" are known, others come last in record order', () => {
    // Prepare
    const claims = [
      claim({ source: 'linkedin', country: 'CA' }),
      claim({ source: 'Résumé', country: 'MX' }),
      claim({ source: 'vendor-sheet', country: 'BR' }),
      claim({ source: 'HR record', country: 'US' }),
    ];

    // Act
    const effective = resolveClaims(claims);

    // Assess
    expect(effective.sources).toEqual(['HR record', 'Résumé', 'linkedin', 'vendor-sheet']);
    expect(effective.country).toBe('US');
  });

  it('keeps the first record of equal rank when two platform profiles disagree', () => {
    // Act
    const effective = resolveClaims([
      claim({ timezone: 'Europe/Paris' }),
      claim({ timezone: 'Europe/Rome' }),
    ]);

    // Assess
    expect(effective.timezone).toBe('Europe/Paris');
  });

  it.each([
    ['GB', 'Europe/London'],
    ['IN', 'Asia/Kolkata'],
    ['JP', 'Asia/Tokyo'],
    ['NL', 'Europe/Amsterdam'],
    ['DE', 'Europe/Berlin'],
    ['CN', 'Asia/Shanghai'],
  ])('infers the zone of %s (%s) when no record names one, and says so', (country, zone) => {
    // Act
    const effective = resolveClaims([claim({ country })]);

    // Assess
    expect(effective.timezone).toBe(zone);
    expect(effective.timezoneInferredFromCountry).toBe(true);
  });

  it.each(['US', 'RU', 'AU', 'BR'])('does not guess a zone for %s, which spans several', (country) => {
    // Act
    const effective = resolveClaims([claim({ country })]);

    // Assess
    expect(effective.timezone).toBeNull();
    expect(effective.timezoneInferredFromCountry).toBe(false);
    expect(effective.businessHours).toBeNull();
  });

  it('defaults business hours to 09:00–17:00 Monday to Friday in the claimed zone, flagged', () => {
    // Act
    const effective = resolveClaims([claim({ timezone: 'America/Phoenix', country: 'US' })]);

    // Assess
    expect(effective.businessHours).toEqual({ startMinutes: 540, endMinutes: 1020, days: [1, 2, 3, 4, 5] });
    expect(effective.businessHoursDefaulted).toBe(true);
  });

  it('keeps an overnight shift and a 24:00 end as claimed', () => {
    // Act
    const overnight = resolveClaims([
      claim({ businessHours: { start: '22:00', end: '06:00', days: [7, 1, 1] } }),
    ]);
    const toMidnight = resolveClaims([claim({ businessHours: { start: '16:00', end: '24:00' } })]);

    // Assess
    expect(overnight.businessHours).toEqual({ startMinutes: 1320, endMinutes: 360, days: [1, 7] });
    expect(overnight.businessHoursDefaulted).toBe(false);
    expect(toMidnight.businessHours).toEqual({ startMinutes: 960, endMinutes: 1440, days: [1, 2, 3, 4, 5] });
  });

  it('refuses an empty claim set and records of two contractors', () => {
    expect(() => resolveClaims([])).toThrow(InvalidClaimSetError);
    expect(() => resolveClaims([claim({}), claim({ contractorId: 'c-43' })])).toThrow(/several contractors/);
  });
});
