import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareClaims, resolveClaims } from '../../shared/domain/claims/index.js';
import { Claim } from '../../shared/schema/claims.js';

const SOURCES = ['hr', 'payroll', 'payment-profile', 'platform-profile', 'resume', 'vendor-sheet'];

const REAL_NAMES = [
  'José María García',
  'Zoë Ångström-Öberg',
  'Nguyễn Văn An',
  'Kim Chol-jin',
  'İlkay Gündoğan',
  'Łukasz Żółć',
  "Renée O'Connor",
  'Søren Kierkegaard',
  'Дмитрий Соколов',
  'Юлия Ковальчук',
  '김철진',
];

const aName = fc.oneof(
  fc.constantFrom(...REAL_NAMES),
  fc
    .array(fc.stringMatching(/^[A-Za-z]{2,10}$/), { minLength: 1, maxLength: 4 })
    .map((words) => words.join(' ')),
);

/** The same name as a careless clerk would type it: words reordered, case changed, accents dropped. */
function retyped(name: string): fc.Arbitrary<string> {
  const words = name.split(' ');
  return fc
    .tuple(
      fc.shuffledSubarray(words, { minLength: words.length, maxLength: words.length }),
      fc.constantFrom('keep', 'upper', 'lower'),
      fc.boolean(),
    )
    .map(([order, casing, dropAccents]) => {
      let text = order.join(' ');
      if (casing === 'upper') text = text.toUpperCase();
      if (casing === 'lower') text = text.toLowerCase();
      if (dropAccents) text = text.normalize('NFD').replace(/\p{M}/gu, '');
      return text;
    });
}

const aClaim = fc.record(
  {
    source: fc.constantFrom(...SOURCES),
    name: fc.constantFrom('John Smith', 'Kim Chol-jin', 'Jon Smith', 'Ana López'),
    nationality: fc.constantFrom('US', 'KP', 'GB', 'IN'),
    country: fc.constantFrom('US', 'GB', 'CN', 'JP'),
    timezone: fc.constantFrom('America/Chicago', 'Asia/Shanghai', 'Europe/London', 'Etc/UTC', 'Etc/GMT-9'),
    phone: fc.constantFrom('+16025550143', '+8613800138000', '+447400123456', '+850212345678', '+1234'),
    paymentCountry: fc.constantFrom('US', 'CN', 'GB'),
    businessHours: fc.constant({ start: '09:00', end: '17:00' }),
  },
  { requiredKeys: ['source'] },
);

const aClaimSet = fc
  .array(aClaim, { minLength: 1, maxLength: 6 })
  .map((records) => records.map((record) => Claim.parse({ contractorId: 'c-1', ...record })));

describe('compareClaims properties', () => {
  it('never reports a name that differs only by word order, case or accents', () => {
    fc.assert(
      fc.property(
        aName.chain((name) =>
          fc.array(retyped(name), { minLength: 1, maxLength: 4 }).map((copies) => [name, ...copies]),
        ),
        (names) => {
          // Prepare
          const claims = names.map((name, i) =>
            Claim.parse({ contractorId: 'c-1', source: SOURCES[i % SOURCES.length], name }),
          );

          // Act
          const findings = compareClaims(claims);

          // Assess
          expect(findings.filter((finding) => finding.evidence.field === 'name')).toEqual([]);
        },
      ),
    );
  });

  it('gives the same findings, in the same order, whatever the order of the records', () => {
    fc.assert(
      fc.property(
        aClaimSet.chain((claims) =>
          fc.tuple(
            fc.constant(claims),
            fc.shuffledSubarray(claims, { minLength: claims.length, maxLength: claims.length }),
          ),
        ),
        ([claims, shuffled]) => {
          expect(compareClaims(shuffled)).toEqual(compareClaims(claims));
        },
      ),
    );
  });

  it('finds nothing new when every record is given twice', () => {
    fc.assert(
      fc.property(aClaimSet, (claims) => {
        expect(compareClaims([...claims, ...claims])).toEqual(compareClaims(claims));
      }),
    );
  });

  it('gives at most one finding per kind, each one line with a confidence between 0 and 1', () => {
    fc.assert(
      fc.property(aClaimSet, (claims) => {
        // Act
        const findings = compareClaims(claims);

        // Assess
        const fields = findings.map((finding) => finding.evidence.field);
        expect(new Set(fields).size).toBe(fields.length);
        for (const finding of findings) {
          expect(finding.code).toBe('CLAIM_INCONSISTENCY');
          expect(finding.confidence).toBeGreaterThanOrEqual(0);
          expect(finding.confidence).toBeLessThanOrEqual(1);
          expect(finding.summary).not.toMatch(/\n/);
        }
      }),
    );
  });

  it('finds nothing in a single record that agrees with itself', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SOURCES), aName, (source, name) => {
        const claims = [
          Claim.parse({ contractorId: 'c-1', source, name, country: 'GB', timezone: 'Europe/London' }),
        ];
        expect(compareClaims(claims)).toEqual([]);
      }),
    );
  });
});

describe('resolveClaims properties', () => {
  it('infers a zone or defaults hours only when no record gave them', () => {
    fc.assert(
      fc.property(aClaimSet, (claims) => {
        // Act
        const effective = resolveClaims(claims);

        // Assess
        const anyZone = claims.some((claim) => claim.timezone);
        const anyHours = claims.some((claim) => claim.businessHours);
        if (effective.timezoneInferredFromCountry) expect(anyZone).toBe(false);
        expect(effective.businessHoursDefaulted).toBe(!anyHours && effective.timezone !== null);
        expect(effective.sources.length).toBe(new Set(claims.map((claim) => claim.source)).size);
      }),
    );
  });
});
