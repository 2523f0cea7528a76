/** What an example contractor really is and does, and what a correct engine should find about them. */
import type { z } from 'zod';
import type { FindingCode } from '../../shared/domain/report.js';
import type { Claim } from '../../shared/schema/claims.js';
import type { NetBlock } from './networks.js';

export type ClaimInput = z.input<typeof Claim>;
export type ClaimSource = 'platform-profile' | 'payroll' | 'resume' | 'payment-profile';

export interface Place {
  timezone: string;
  country: string;
  city: string;
}

/** The shape of someone's working day, in the local clock of the zone they keep hours in. */
export interface WorkHabit {
  /** Usual start, hours past local midnight (9.25 = 09:15). */
  start: number;
  /** Usual hours from start to end, breaks included. */
  length: number;
  /** How far the start wanders from day to day (standard deviation, minutes). */
  jitterMinutes: number;
  /** ISO weekdays usually worked (1 = Monday). */
  days: number[];
  /** Chance of taking a usual working day off. */
  dayOffChance: number;
  /** Chance of a short stint of work on a day off. */
  offDayWorkChance: number;
  /** Chance of some commits late in the evening. */
  eveningChance: number;
  /** Activity relative to a typical developer (1 ≈ six commits a day). */
  volume: number;
}

export interface ChatHabit {
  /** Median minutes to answer while at work. */
  replyMinutes: number;
  /** Chance that a message is never answered. */
  ignoreChance: number;
}

export interface NetworkPlan {
  home: NetBlock;
  homeV6?: NetBlock;
  /** The phone's carrier; its addresses may geolocate far from home. */
  mobile?: NetBlock;
  /** Exits that most sign-ins go through, and the share that does. */
  vpn?: { exits: readonly NetBlock[]; share: number };
  /** Sign-ins that leak where the contractor really is. */
  slip?: { block: NetBlock; share: number };
}

export interface DevicePlan {
  id: string;
  /** The zone the laptop reports (a traveller's follows the trip). */
  timezone: string;
  locale: string;
  keyboardLayouts: string[];
  remoteAccessTools?: string[];
  os: 'macos' | 'windows' | 'linux';
  phone?: { id: string; os: 'ios' | 'android' };
}

/** A trip away from home, counted in days from the start of the dataset's window. */
export interface Trip {
  fromDay: number;
  days: number;
  place: Place;
  network: NetBlock;
  /** Local hour (home clock) the outbound flight leaves, and its length. */
  departHour: number;
  flightHours: number;
  /** Local hour (trip clock) the return flight leaves, and its length. */
  returnDepartHour: number;
  returnFlightHours: number;
  /** Local hour work starts while away (travellers shift to overlap the team at home). */
  workStart: number;
}

export interface Persona {
  contractorId: string;
  /** One line a reader understands: who this is and what they hide, if anything. */
  persona: string;
  honest: boolean;
  truth: Place;
  claimed: Place;
  /** The zone whose clock their working day follows: their own, unless they keep someone else's hours. */
  scheduleZone: string;
  habit: WorkHabit;
  chat: ChatHabit;
  claims: ClaimInput[];
  network: NetworkPlan;
  device: DevicePlan;
  /** The zone git records on their commits; the laptop's unless they commit from another machine. */
  gitZone?: string;
  trip?: Trip;
  /** Findings a correct engine raises for this contractor. */
  expectedFindings: FindingCode[];
  /** Findings that are defensible but not required (a trip abroad, a half-day overlap). */
  allowedFindings: FindingCode[];
}

/** What a contractor says about themselves; each claim source repeats part of it. */
export interface Identity {
  name: string;
  nationality: string;
  place: Place;
  hours: { start: string; end: string; days?: number[] };
  phone: string;
  email: string;
  paymentCountry: string;
}

/** The fields each kind of claim source carries, as such records look in practice. */
export function claimRecords(
  contractorId: string,
  identity: Identity,
  sources: readonly ClaimSource[],
  overrides: Partial<Record<ClaimSource, Partial<ClaimInput>>> = {},
): ClaimInput[] {
  const { name, nationality, place, hours, phone, email, paymentCountry } = identity;
  const businessHours = { start: hours.start, end: hours.end, days: hours.days ?? [1, 2, 3, 4, 5] };
  const bySource: Record<ClaimSource, ClaimInput> = {
    'platform-profile': {
      contractorId,
      source: 'platform-profile',
      name,
      country: place.country,
      city: place.city,
      timezone: place.timezone,
      businessHours,
      email,
    },
    payroll: {
      contractorId,
      source: 'payroll',
      name,
      nationality,
      country: place.country,
      phone,
      paymentCountry,
    },
    resume: {
      contractorId,
      source: 'resume',
      name,
      nationality,
      country: place.country,
      city: place.city,
      phone,
      email,
    },
    'payment-profile': {
      contractorId,
      source: 'payment-profile',
      name,
      country: place.country,
      paymentCountry,
    },
  };
  return sources.map((source) => ({ ...bySource[source], ...overrides[source] }));
}

export const WEEKDAYS = [1, 2, 3, 4, 5];

export const DEFAULT_HABIT: WorkHabit = {
  start: 9,
  length: 9,
  jitterMinutes: 25,
  days: WEEKDAYS,
  dayOffChance: 0.05,
  offDayWorkChance: 0.08,
  eveningChance: 0.2,
  volume: 1,
};

export const DEFAULT_CHAT: ChatHabit = { replyMinutes: 4, ignoreChance: 0.08 };

/** "HH:MM" for hours past midnight, rounded to the quarter hour. */
export function clockText(hours: number): string {
  const quarters = Math.round((((hours % 24) + 24) % 24) * 4);
  const h = Math.floor(quarters / 4) % 24;
  return `${String(h).padStart(2, '0')}:${String((quarters % 4) * 15).padStart(2, '0')}`;
}
