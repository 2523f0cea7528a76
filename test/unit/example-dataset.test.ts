import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import {
  CURATED_PERSONAS,
  DEFAULT_DAYS,
  DEFAULT_SEED,
  DEFAULT_START,
  type ExampleOptions,
  exampleClaims,
  exampleEvents,
  personaTruths,
  selectPersonas,
} from '../../cli/example/generate.js';
import { Claim } from '../../shared/schema/claims.js';
import { TelemetryEvent, type TelemetryEventInput } from '../../shared/schema/events.js';

const DEFAULTS: ExampleOptions = { seed: DEFAULT_SEED, start: DEFAULT_START, days: DEFAULT_DAYS };

function allEvents(options: ExampleOptions): TelemetryEventInput[] {
  return [...exampleEvents(selectPersonas(options), options)].flat();
}

const events = allEvents(DEFAULTS);
const personas = selectPersonas(DEFAULTS);
const claims = exampleClaims(personas);
const byId = new Map(personas.map((p) => [p.contractorId, p]));

describe('example dataset', () => {
  it('writes only events that pass the telemetry schema', () => {
    // Act
    const failures = events.filter((event) => !TelemetryEvent.safeParse(event).success);

    // Assess
    expect(events.length).toBeGreaterThan(10_000);
    expect(failures).toEqual([]);
  });

  it('gives every event its own id', () => {
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('has every kind of event for every contractor', () => {
    for (const persona of personas) {
      const types = new Set(events.filter((e) => e.contractorId === persona.contractorId).map((e) => e.type));
      expect([persona.contractorId, [...types].sort()]).toEqual([
        persona.contractorId,
        ['activity', 'chat', 'login', 'session'],
      ]);
    }
  });

  it('mixes UTC and local-offset timestamps, as real sources do', () => {
    const zulu = events.filter((e) => e.at.endsWith('Z')).length;
    const offset = events.filter((e) => /[+-]\d{2}:\d{2}$/.test(e.at)).length;
    expect(zulu).toBeGreaterThan(1000);
    expect(offset).toBeGreaterThan(1000);
    expect(events.some((e) => e.at.endsWith('+05:45'))).toBe(true);
  });

  it('writes only claims that pass the claim schema, with real phone numbers', () => {
    // Act
    const invalid = claims.filter((claim) => !Claim.safeParse(claim).success);
    const badPhones = claims.filter(
      (c) => c.phone !== undefined && !parsePhoneNumberFromString(c.phone)?.isValid(),
    );

    // Assess
    expect(invalid).toEqual([]);
    expect(badPhones).toEqual([]);
  });

  it('gives every contractor two to four claim records from different sources', () => {
    for (const persona of personas) {
      const sources = claims.filter((c) => c.contractorId === persona.contractorId).map((c) => c.source);
      expect(new Set(sources).size).toBe(sources.length);
      expect(sources.length).toBeGreaterThanOrEqual(2);
      expect(sources.length).toBeLessThanOrEqual(4);
    }
  });

  it('is the same for the same seed and different for another', () => {
    // Prepare
    const options = { ...DEFAULTS, days: 7, contractors: 12 };

    // Act
    const first = JSON.stringify(allEvents(options));
    const again = JSON.stringify(allEvents(options));
    const other = JSON.stringify(allEvents({ ...options, seed: '2' }));

    // Assess
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it('yields one day at a time, so any size streams', () => {
    // Prepare
    const options = { ...DEFAULTS, days: 3650, contractors: 200 };

    // Act
    const first = exampleEvents(selectPersonas(options), options).next();

    // Assess
    const batch: TelemetryEventInput[] = first.done === true ? [] : first.value;
    const instants = batch.map((e) => Date.parse(e.at));
    expect(instants.length).toBeGreaterThan(100);
    expect(Math.max(...instants) - Date.parse(`${DEFAULT_START}T00:00:00Z`)).toBeLessThan(3 * 86_400_000);
  });
});

describe('example personas', () => {
  const truths = personaTruths(personas);
  const deceptive = personas.filter((p) => !p.honest);
  const claimsOf = (id: string) => claims.filter((c) => c.contractorId === id);

  it('has the curated set of about forty, honest and deceptive', () => {
    expect(personas.length).toBe(CURATED_PERSONAS.length);
    expect(personas.length).toBeGreaterThanOrEqual(36);
    expect(deceptive.length).toBeGreaterThanOrEqual(12);
    expect(truths.every((t) => t.honest === (t.expectedFindings.length === 0))).toBe(true);
  });

  it('places honest contractors in the awkward zones too', () => {
    const zones = new Set(personas.filter((p) => p.honest).map((p) => p.truth.timezone));
    for (const zone of [
      'Asia/Tokyo',
      'Asia/Seoul',
      'Asia/Kolkata',
      'Asia/Kathmandu',
      'Europe/Berlin',
      'Europe/London',
      'Europe/Lisbon',
      'America/New_York',
      'America/Los_Angeles',
      'America/Sao_Paulo',
      'Australia/Sydney',
      'Australia/Adelaide',
      'Pacific/Auckland',
    ]) {
      expect(zones).toContain(zone);
    }
  });

  it('includes the special honest cases', () => {
    const nightOwl = byId.get('c-berlin-nightowl');
    const earlyBird = byId.get('c-chicago-earlybird');
    const weekend = byId.get('c-mexicocity-weekend');
    expect(nightOwl?.habit.start).toBe(14);
    expect(earlyBird?.habit.start).toBeLessThan(6);
    expect(weekend?.habit.days).toContain(6);
    expect(byId.get('c-newyork-traveller')?.trip?.place.timezone).toBe('Europe/Lisbon');
    const split = byId.get('c-denver-splitgeo')?.network;
    expect(split?.mobile?.provider).not.toBe(split?.home.provider);
  });

  it('includes each deceptive pattern', () => {
    const claimsUs = (id: string) => byId.get(id)?.claimed.country === 'US';
    expect(deceptive.some((p) => ['Asia/Pyongyang', 'Asia/Shanghai'].includes(p.truth.timezone))).toBe(true);
    expect(deceptive.some((p) => p.truth.timezone === 'Asia/Vladivostok')).toBe(true);
    expect(deceptive.some((p) => p.network.vpn?.exits.every((n) => n.kind === 'hosting'))).toBe(true);
    expect(deceptive.some((p) => p.device.timezone === 'Asia/Shanghai')).toBe(true);
    expect(deceptive.some((p) => p.device.keyboardLayouts.includes('ko-KR'))).toBe(true);
    expect(deceptive.some((p) => p.device.remoteAccessTools?.includes('AnyDesk'))).toBe(true);
    expect(deceptive.some((p) => p.network.slip?.block.country === 'KP')).toBe(true);
    // git offsets of +09:00 and +08:00 while claiming the US
    const recorded = (offset: number) =>
      events.some(
        (e) => e.type === 'activity' && e.recordedOffsetMinutes === offset && claimsUs(e.contractorId),
      );
    expect(recorded(540)).toBe(true);
    expect(recorded(480)).toBe(true);
    // names spelled differently, +86 and +850 phones, paid abroad
    expect(deceptive.some((p) => new Set(claimsOf(p.contractorId).map((c) => c.name)).size >= 3)).toBe(true);
    expect(claims.some((c) => c.phone?.startsWith('+86') && !byId.get(c.contractorId)?.honest)).toBe(true);
    expect(claims.some((c) => c.phone?.startsWith('+850'))).toBe(true);
    expect(
      claims.some(
        (c) =>
          c.paymentCountry !== undefined && c.paymentCountry !== byId.get(c.contractorId)?.claimed.country,
      ),
    ).toBe(true);
    // two identities, one device
    const devices = deceptive.map((p) => p.device.id);
    expect(new Set(devices).size).toBeLessThan(devices.length);
  });

  it('has one deceiver whose claims all agree but whose hours are 12 hours off', () => {
    const persona = byId.get('c-newyork-12h');
    const records = claimsOf('c-newyork-12h');
    expect(new Set(records.map((c) => c.name)).size).toBe(1);
    expect(records.every((c) => c.country === undefined || c.country === 'US')).toBe(true);
    expect(persona?.expectedFindings).toContain('TIMEZONE_MISMATCH');
  });

  it('adds generated honest contractors beyond the curated set', () => {
    // Act
    const many = selectPersonas({ ...DEFAULTS, contractors: CURATED_PERSONAS.length + 25 });
    const generated = many.slice(CURATED_PERSONAS.length);

    // Assess
    expect(generated).toHaveLength(25);
    expect(generated.every((p) => p.honest && /^c-gen-\d{5}$/.test(p.contractorId))).toBe(true);
    const generatedClaims = exampleClaims(generated);
    expect(generatedClaims.every((c) => Claim.safeParse(c).success)).toBe(true);
    expect(
      generatedClaims.every((c) => c.phone === undefined || parsePhoneNumberFromString(c.phone)?.isValid()),
    ).toBe(true);
  });

  it('takes an even spread, honest and deceptive, when asked for fewer than the curated set', () => {
    const few = selectPersonas({ ...DEFAULTS, contractors: 6 });
    expect(few).toHaveLength(6);
    expect(few.some((p) => p.honest)).toBe(true);
    expect(few.some((p) => !p.honest)).toBe(true);
  });
});
