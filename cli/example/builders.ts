/** Builders that fill in the routine parts of a persona so each definition shows only what sets it apart. */
import type { FindingCode } from '../../shared/domain/report.js';
import type { NetBlock } from './networks.js';
import {
  type ChatHabit,
  type ClaimInput,
  type ClaimSource,
  claimRecords,
  clockText,
  DEFAULT_CHAT,
  DEFAULT_HABIT,
  type DevicePlan,
  type Identity,
  type NetworkPlan,
  type Persona,
  type Place,
  type Trip,
  type WorkHabit,
} from './persona.js';
import { Random } from './random.js';

export interface HonestSpec {
  id: string;
  persona: string;
  name: string;
  place: Place;
  nationality?: string;
  phone: string;
  email: string;
  locale: string;
  keyboards?: string[];
  os?: DevicePlan['os'];
  phoneOs?: 'ios' | 'android';
  home: NetBlock;
  homeV6?: NetBlock;
  mobile?: NetBlock;
  /** A VPN the contractor signs in through (an employer's or agency's), and the share of sign-ins it carries. */
  vpn?: NetworkPlan['vpn'];
  habit?: Partial<WorkHabit>;
  hours?: Identity['hours'];
  sources?: ClaimSource[];
  trip?: Trip;
  allowed?: FindingCode[];
}

/** Someone who is where they say, keeps ordinary hours for their place, and signs in from home or phone. */
export function honest(spec: HonestSpec): Persona {
  const random = new Random(`persona|${spec.id}`);
  const habit = { ...variedHabit(random), ...spec.habit };
  const start = Math.round(habit.start * 2) / 2;
  const identity: Identity = {
    name: spec.name,
    nationality: spec.nationality ?? spec.place.country,
    place: spec.place,
    hours: spec.hours ?? { start: clockText(start), end: clockText(start + 8.5), days: habit.days },
    phone: spec.phone,
    email: spec.email,
    paymentCountry: spec.place.country,
  };
  const sources = spec.sources ?? pickSources(random);
  const network: NetworkPlan = { home: spec.home };
  if (spec.homeV6 !== undefined) network.homeV6 = spec.homeV6;
  if (spec.mobile !== undefined) network.mobile = spec.mobile;
  if (spec.vpn !== undefined) network.vpn = spec.vpn;
  const device: DevicePlan = {
    id: deviceId(random, spec.os ?? 'macos'),
    timezone: spec.place.timezone,
    locale: spec.locale,
    keyboardLayouts: spec.keyboards ?? [layoutFor(spec.locale)],
    os: spec.os ?? 'macos',
  };
  if (spec.mobile !== undefined) device.phone = { id: phoneId(random), os: spec.phoneOs ?? 'ios' };
  const persona: Persona = {
    contractorId: spec.id,
    persona: spec.persona,
    honest: true,
    truth: spec.place,
    claimed: spec.place,
    scheduleZone: spec.place.timezone,
    habit,
    chat: { ...DEFAULT_CHAT, replyMinutes: random.between(2, 6) },
    claims: claimRecords(spec.id, identity, sources),
    network,
    device,
    expectedFindings: [],
    allowedFindings: spec.allowed ?? [],
  };
  if (spec.trip !== undefined) persona.trip = spec.trip;
  return persona;
}

export interface DeceptiveSpec {
  id: string;
  persona: string;
  truth: Place;
  identity: Identity;
  sources: ClaimSource[];
  overrides?: Partial<Record<ClaimSource, Partial<ClaimInput>>>;
  network: NetworkPlan;
  device?: Partial<DevicePlan>;
  gitZone?: string;
  scheduleZone?: string;
  habit?: Partial<WorkHabit>;
  chat?: Partial<ChatHabit>;
  expected: FindingCode[];
  allowed?: FindingCode[];
}

/** Someone who claims one life and lives another; every difference from `honest` is spelled out. */
export function deceptive(spec: DeceptiveSpec): Persona {
  const random = new Random(`persona|${spec.id}`);
  const os = spec.device?.os ?? 'windows';
  const device: DevicePlan = {
    id: deviceId(random, os),
    timezone: spec.identity.place.timezone,
    locale: 'en-US',
    keyboardLayouts: ['en-US'],
    os,
    ...spec.device,
  };
  const persona: Persona = {
    contractorId: spec.id,
    persona: spec.persona,
    honest: false,
    truth: spec.truth,
    claimed: spec.identity.place,
    scheduleZone: spec.scheduleZone ?? spec.truth.timezone,
    habit: { ...DEFAULT_HABIT, length: 9.5, eveningChance: 0.1, ...spec.habit },
    chat: { replyMinutes: 6, ignoreChance: 0.12, ...spec.chat },
    claims: claimRecords(spec.id, spec.identity, spec.sources, spec.overrides),
    network: spec.network,
    device,
    expectedFindings: spec.expected,
    allowedFindings: spec.allowed ?? [],
  };
  if (spec.gitZone !== undefined) persona.gitZone = spec.gitZone;
  return persona;
}

/** Chronotypes vary: most start between 08:00 and 10:00 and stay eight to nine and a half hours. */
export function variedHabit(random: Random): WorkHabit {
  return {
    ...DEFAULT_HABIT,
    start: 8 + Math.round(random.between(0, 2) * 4) / 4,
    length: random.between(8.5, 9.5),
    jitterMinutes: random.between(15, 40),
    eveningChance: random.between(0.1, 0.4),
    volume: random.between(0.7, 1.4),
  };
}

const SOURCE_SETS: ClaimSource[][] = [
  ['platform-profile', 'payroll'],
  ['platform-profile', 'payroll', 'resume'],
  ['platform-profile', 'resume', 'payment-profile'],
  ['platform-profile', 'payroll', 'resume', 'payment-profile'],
];

export function pickSources(random: Random): ClaimSource[] {
  return random.pick(SOURCE_SETS);
}

/** Most English locales type on the US layout; the UK and Ireland have their own. */
function layoutFor(locale: string): string {
  if (!locale.startsWith('en-')) return locale;
  return locale === 'en-GB' || locale === 'en-IE' ? locale : 'en-US';
}

export function deviceId(random: Random, os: DevicePlan['os']): string {
  const prefix = { macos: 'MBP', windows: 'DESKTOP', linux: 'ws' }[os];
  return `${prefix}-${random.hex(8).toUpperCase()}`;
}

export function phoneId(random: Random): string {
  return `phone-${random.hex(12)}`;
}
