import { describe, expect, it } from 'vitest';
import { compareClaims } from '../../shared/domain/claims/index.js';
import type { Finding } from '../../shared/domain/report.js';
import { Claim } from '../../shared/schema/claims.js';

function claim(fields: Record<string, unknown>): Claim {
  return Claim.parse({ contractorId: 'c-7', source: 'platform-profile', ...fields });
}

function findingFor(findings: Finding[], field: string): Finding | undefined {
  return findings.find((finding) => finding.evidence.field === field);
}

describe('compareClaims — honest contractors stay quiet', () => {
  it.each([
    [
      'a Briton in Europe/London with a +44 phone',
      [
        claim({
          source: 'payroll',
          name: 'Oliver Hughes',
          nationality: 'GB',
          country: 'GB',
          paymentCountry: 'GB',
        }),
        claim({ name: 'oliver hughes', country: 'GB', timezone: 'Europe/London', phone: '+447400123456' }),
      ],
    ],
    [
      'a US contractor in America/Phoenix with an Arizona number',
      [
        claim({ source: 'hr', name: 'Ana López', country: 'US', paymentCountry: 'US' }),
        claim({ name: 'Ana Lopez', timezone: 'America/Phoenix', phone: '+16025550143', country: 'US' }),
      ],
    ],
    [
      'an Indian contractor in Asia/Kolkata',
      [
        claim({
          source: 'payroll',
          name: 'Priya Ramanathan',
          nationality: 'IN',
          country: 'IN',
          paymentCountry: 'IN',
        }),
        claim({ name: 'Priya  Ramanathan', timezone: 'Asia/Kolkata', phone: '+919876543210' }),
      ],
    ],
    [
      'accents and word order across sources',
      [
        claim({ source: 'payroll', name: 'José María García', country: 'ES' }),
        claim({ source: 'resume', name: 'Jose Garcia Maria', timezone: 'Europe/Madrid' }),
      ],
    ],
    [
      'a Russian name in Cyrillic on payroll and Latin on the profile, living in Germany',
      [
        claim({
          source: 'payroll',
          name: 'Дмитрий Соколов',
          nationality: 'RU',
          country: 'DE',
          paymentCountry: 'DE',
        }),
        claim({ name: 'Dmitry Sokolov', country: 'DE', timezone: 'Europe/Berlin', phone: '+4930123456' }),
      ],
    ],
    [
      'a Korean name in Hangul and in Latin, living in Korea',
      [
        claim({ source: 'hr', name: '김철진', country: 'KR' }),
        claim({ name: 'Kim Chol-jin', country: 'KR', timezone: 'Asia/Seoul', phone: '+82101234567' }),
      ],
    ],
    [
      'a developer who keeps everything in Etc/UTC',
      [
        claim({ country: 'US', timezone: 'Etc/UTC' }),
        claim({ source: 'payroll', timezone: 'America/Denver' }),
      ],
    ],
    [
      'a Dutch contractor in the legacy zone Europe/Amsterdam on one record and Europe/Brussels on another',
      [
        claim({ country: 'NL', timezone: 'Europe/Amsterdam' }),
        claim({ source: 'hr', timezone: 'Europe/Brussels' }),
      ],
    ],
  ])('finds nothing for %s', (_case, claims) => {
    // Act
    const findings = compareClaims(claims);

    // Assess
    expect(findings).toEqual([]);
  });
});

describe('compareClaims — contradictions', () => {
  it('reports a name that belongs to another person, high between identity documents', () => {
    // Prepare
    const claims = [
      claim({ source: 'payroll', name: 'Kim Chol-jin' }),
      claim({ source: 'hr', name: 'John Smith' }),
      claim({ name: 'John Smith' }),
    ];

    // Act
    const finding = findingFor(compareClaims(claims), 'name');

    // Assess
    expect(finding).toMatchObject({ code: 'CLAIM_INCONSISTENCY', severity: 'high' });
    expect(finding?.confidence).toBeGreaterThan(0.8);
    expect(finding?.evidence.sources).toEqual(['hr', 'payroll', 'platform-profile']);
    expect(finding?.evidence.lowestSimilarity).toBeLessThan(0.84);
    expect(finding?.summary).toBe(
      'Name differs between hr ("John Smith") and payroll ("Kim Chol-jin") and in 1 other pair of sources.',
    );
  });

  it('reports a name clash with only the résumé as medium', () => {
    // Act
    const finding = findingFor(
      compareClaims([
        claim({ source: 'payroll', name: 'John Smith' }),
        claim({ source: 'resume', name: 'Jane Smith' }),
      ]),
      'name',
    );

    // Assess
    expect(finding?.severity).toBe('medium');
  });

  it('reports nationalities that differ between sources, high when one is KP', () => {
    // Act
    const ordinary = findingFor(
      compareClaims([claim({ nationality: 'US' }), claim({ source: 'payroll', nationality: 'CA' })]),
      'nationality',
    );
    const dprk = findingFor(
      compareClaims([claim({ nationality: 'JP' }), claim({ source: 'payroll', nationality: 'KP' })]),
      'nationality',
    );

    // Assess
    expect(ordinary?.severity).toBe('medium');
    expect(ordinary?.evidence.nationalities).toEqual({ CA: ['payroll'], US: ['platform-profile'] });
    expect(dprk?.severity).toBe('high');
  });

  it('does not report an expatriate whose nationality differs from the country of work', () => {
    expect(compareClaims([claim({ nationality: 'FR', country: 'US' })])).toEqual([]);
  });

  it('reports a claimed DPRK nationality working from elsewhere as high', () => {
    // Act
    const finding = findingFor(compareClaims([claim({ nationality: 'KP', country: 'JP' })]), 'nationality');

    // Assess
    expect(finding?.severity).toBe('high');
  });

  it('reports countries of work that differ, high when one is CN, RU or KP', () => {
    // Act
    const moved = findingFor(
      compareClaims([claim({ country: 'US' }), claim({ source: 'hr', country: 'CA' })]),
      'country',
    );
    const china = findingFor(
      compareClaims([claim({ country: 'US' }), claim({ source: 'resume', country: 'CN' })]),
      'country',
    );

    // Assess
    expect(moved?.severity).toBe('medium');
    expect(china?.severity).toBe('high');
    expect(china?.evidence.sources).toEqual(['platform-profile', 'resume']);
  });

  it('reports a payment account in another country than the country of work', () => {
    // Act
    const abroad = findingFor(
      compareClaims([claim({ country: 'US' }), claim({ source: 'payment-profile', paymentCountry: 'MX' })]),
      'paymentCountry',
    );
    const china = findingFor(
      compareClaims([claim({ country: 'US', paymentCountry: 'CN' })]),
      'paymentCountry',
    );

    // Assess
    expect(abroad).toMatchObject({ severity: 'medium' });
    expect(abroad?.evidence.paidOutsideClaimedCountry).toEqual([
      { source: 'payment-profile', paymentCountry: 'MX', claimedCountries: ['US'] },
    ]);
    expect(china).toMatchObject({ severity: 'high' });
    expect(china?.summary).toBe(
      'Paid into an account in CN (platform-profile) while claiming to work in US.',
    );
  });

  it('reports a timezone that is not kept in the claimed country as medium, Asia/Pyongyang as high', () => {
    // Act
    const shanghai = findingFor(
      compareClaims([claim({ country: 'US', timezone: 'Asia/Shanghai' })]),
      'timezone',
    );
    const pyongyang = findingFor(
      compareClaims([claim({ country: 'JP', timezone: 'Asia/Pyongyang' })]),
      'timezone',
    );

    // Assess
    expect(shanghai?.severity).toBe('medium');
    expect(shanghai?.evidence.zonesOutsideCountry).toEqual([
      {
        source: 'platform-profile',
        timezone: 'Asia/Shanghai',
        problem: 'zone-not-in-country',
        zoneCountries: ['CN'],
        claimedCountries: ['US'],
      },
    ]);
    expect(pyongyang?.severity).toBe('high');
  });

  it('checks a record without a country against the country other records claim', () => {
    // Act
    const finding = findingFor(
      compareClaims([claim({ source: 'hr', country: 'GB' }), claim({ timezone: 'Europe/Moscow' })]),
      'timezone',
    );

    // Assess
    expect(finding?.summary).toBe(
      'Claimed timezone Europe/Moscow (platform-profile) is not kept in claimed country GB.',
    );
  });

  it('reports a fixed-offset zone that no part of the country keeps as low', () => {
    // Act
    const finding = findingFor(compareClaims([claim({ country: 'US', timezone: 'Etc/GMT-9' })]), 'timezone');

    // Assess
    expect(finding?.severity).toBe('low');
  });

  it('reports sources keeping different clocks inside one country as low', () => {
    // Act
    const finding = findingFor(
      compareClaims([
        claim({ country: 'US', timezone: 'America/New_York' }),
        claim({ source: 'payroll', timezone: 'America/Los_Angeles' }),
      ]),
      'timezone',
    );

    // Assess
    expect(finding?.severity).toBe('low');
    expect(finding?.evidence.sources).toEqual(['payroll', 'platform-profile']);
  });

  it.each([
    ['+8501912345678', 'US', 'high', 0.95],
    ['+850212345678', 'US', 'high', 0.95],
    ['+8613800138000', 'US', 'high', 0.85],
    ['+79161234567', 'DE', 'high', 0.85],
    ['+819012345678', 'US', 'medium', 0.7],
    ['+14165550123', 'US', 'low', 0.4],
    ['+1234', 'US', 'low', 0.5],
  ])('reports phone %s for a contractor in %s as %s', (phone, country, severity, confidence) => {
    // Act
    const finding = findingFor(compareClaims([claim({ country, phone })]), 'phone');

    // Assess
    expect(finding).toMatchObject({ severity, confidence });
  });

  it('names the calling code and its country in the summary', () => {
    // Act
    const finding = findingFor(
      compareClaims([claim({ source: 'payroll', country: 'US', phone: '+8501912345678' })]),
      'phone',
    );

    // Assess
    expect(finding?.summary).toBe('Phone number +850 (KP) on payroll, but the claimed country is US.');
  });

  it('gives one finding per kind with every source involved, most severe first', () => {
    // Prepare: a DPRK worker posing as a US freelancer
    const claims = [
      claim({ name: 'John Smith', country: 'US', timezone: 'America/Chicago', phone: '+8613800138000' }),
      claim({ source: 'payroll', name: 'Kim Chol-jin', country: 'US', paymentCountry: 'CN' }),
      claim({ source: 'resume', name: 'Jon Smith', timezone: 'Asia/Shanghai', phone: '+8613900139000' }),
    ];

    // Act
    const findings = compareClaims(claims);

    // Assess
    expect(findings.map((finding) => [finding.evidence.field, finding.severity])).toEqual([
      ['phone', 'high'],
      ['paymentCountry', 'high'],
      ['name', 'medium'],
      ['timezone', 'medium'],
    ]);
    expect(findingFor(findings, 'phone')?.evidence.sources).toEqual(['platform-profile', 'resume']);
    expect(findingFor(findings, 'name')?.evidence.sources).toEqual(['payroll', 'platform-profile', 'resume']);
  });
});
