/** Sign-ins, sessions and units of work for one contractor's day, written as each source writes them. */
import type { TelemetryEventInput } from '../../shared/schema/events.js';
import type { Contractor } from './contractor.js';
import type { Random } from './random.js';
import type { WorkBlock } from './schedule.js';
import { HOUR_MS, MINUTE_MS, offsetAt, offsetStamp, utcStamp, zonedStamp } from './time.js';

/** An event and the instant it sorts by (sources export in time order, roughly). */
export interface Timed {
  instant: number;
  event: TelemetryEventInput;
}

const LAPTOP_AGENTS = {
  macos:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0 Safari/537.36',
  windows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0 Safari/537.36',
  linux: 'Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0',
};
const PHONE_AGENTS = { ios: 'OktaVerify/9.12.0 (iOS 17.3.1)', android: 'OktaVerify/9.11.1 (Android 14)' };

/** Rates per hour of work at volume 1. */
const COMMITS_PER_HOUR = 0.65;
const REVIEWS_PER_HOUR = 0.12;
const TICKETS_PER_HOUR = 0.15;

export function workEvents(contractor: Contractor, day: number, random: Random): Timed[] {
  const { blocks } = contractor.plan(day);
  const out: Timed[] = [];
  const vpnExit = contractor.vpnExit(day);
  blocks.forEach((block, index) => {
    const signInChance = index === 0 ? 1 : block.kind === 'evening' ? 0.4 : 0.5;
    if (random.chance(signInChance)) out.push(...laptopSignIn(contractor, block.start, random, vpnExit));
    out.push(session(contractor, block, random, vpnExit));
    out.push(...work(contractor, block, random));
  });
  const first = blocks[0];
  const last = blocks[blocks.length - 1];
  if (
    first !== undefined &&
    last !== undefined &&
    contractor.device.phone !== undefined &&
    random.chance(0.35)
  ) {
    const instant = random.between(first.start - HOUR_MS, last.end + 1.5 * HOUR_MS);
    const phoneSignIn = phoneLogin(contractor, instant, random);
    if (phoneSignIn !== undefined) out.push(phoneSignIn);
  }
  return out;
}

function laptopSignIn(contractor: Contractor, blockStart: number, random: Random, vpnExit?: string): Timed[] {
  const instant = blockStart - random.between(1, 8) * MINUTE_MS;
  const ip = contractor.address(instant, random, vpnExit);
  const { device } = contractor;
  const zone = contractor.deviceZone(instant);
  const reported = {
    id: device.id,
    timezone: zone,
    locale: device.locale,
    keyboardLayouts: device.keyboardLayouts,
    ...(device.remoteAccessTools !== undefined && random.chance(0.85)
      ? { remoteAccessTools: device.remoteAccessTools }
      : {}),
  };
  const login = (at: number, success: boolean): Timed => ({
    instant: at,
    event: {
      id: `okta:${random.uuid()}`,
      contractorId: contractor.id,
      type: 'login',
      at: utcStamp(at, true),
      source: 'okta',
      ip,
      success,
      userAgent: LAPTOP_AGENTS[device.os],
      device: reported,
    },
  });
  // A mistyped password now and then, then the real sign-in.
  if (random.chance(0.02))
    return [login(instant - random.between(20, 90) * 1000, false), login(instant, true)];
  return [login(instant, true)];
}

function phoneLogin(contractor: Contractor, instant: number, random: Random): Timed | undefined {
  const phone = contractor.device.phone;
  const ip = contractor.phoneAddress(instant, random);
  if (phone === undefined || ip === undefined) return undefined;
  return {
    instant,
    event: {
      id: `okta:${random.uuid()}`,
      contractorId: contractor.id,
      type: 'login',
      at: utcStamp(instant, true),
      source: 'okta',
      ip,
      userAgent: PHONE_AGENTS[phone.os],
      device: { id: phone.id, timezone: contractor.deviceZone(instant), locale: contractor.device.locale },
    },
  };
}

/** The desktop agent reports each stretch of work in the laptop's local clock. */
function session(contractor: Contractor, block: WorkBlock, random: Random, vpnExit?: string): Timed {
  const zone = contractor.deviceZone(block.start);
  return {
    instant: block.start,
    event: {
      id: `agent:${contractor.id}:${random.hex(16)}`,
      contractorId: contractor.id,
      type: 'session',
      at: zonedStamp(block.start, zone),
      endAt: zonedStamp(block.end, zone),
      source: 'desktop-agent',
      ...(random.chance(0.5) ? { ip: contractor.address(block.start, random, vpnExit) } : {}),
      device: { id: contractor.device.id, timezone: zone },
    },
  };
}

function work(contractor: Contractor, block: WorkBlock, random: Random): Timed[] {
  const hours = (block.end - block.start) / HOUR_MS;
  const volume = contractor.persona.habit.volume;
  const out: Timed[] = [];
  const at = () => random.between(block.start, block.end);
  // Evening stints are short pushes of work that was nearly done: commits come thick.
  const pace = block.kind === 'evening' ? 2 : 1;
  for (let n = random.poisson(COMMITS_PER_HOUR * pace * hours * volume); n > 0; n--) {
    const instant = at();
    const offset = offsetAt(contractor.gitZone(instant), instant);
    out.push({
      instant,
      event: {
        id: `git:${random.hex(40)}`,
        contractorId: contractor.id,
        type: 'activity',
        at: offsetStamp(instant, offset),
        source: 'git',
        kind: 'commit',
        recordedOffsetMinutes: offset,
      },
    });
  }
  if (block.kind === 'evening') return out;
  for (let n = random.poisson(REVIEWS_PER_HOUR * hours * volume); n > 0; n--) {
    const instant = at();
    out.push({
      instant,
      event: {
        id: `github:review:${random.hex(16)}`,
        contractorId: contractor.id,
        type: 'activity',
        at: utcStamp(instant),
        source: 'github',
        kind: 'review',
      },
    });
  }
  // The tracker writes times in the zone of the user's profile, which is the claimed one.
  const profileZone = contractor.persona.claimed.timezone;
  for (let n = random.poisson(TICKETS_PER_HOUR * hours * volume); n > 0; n--) {
    const instant = at();
    out.push({
      instant,
      event: {
        id: `jira:DAY-${random.int(100, 4999)}:${random.hex(12)}`,
        contractorId: contractor.id,
        type: 'activity',
        at: zonedStamp(instant, profileZone),
        source: 'jira',
        kind: 'ticket',
      },
    });
  }
  return out;
}
