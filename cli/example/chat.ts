/**
 * Messages sent to a contractor and their replies. The team writes mostly during the business hours the
 * contractor claimed (in the claimed zone); whether and when a reply comes depends on where the contractor
 * really is in their day: fast at work, slower winding down, next morning or never when asleep.
 */
import type { Contractor } from './contractor.js';
import type { Random } from './random.js';
import type { WorkBlock } from './schedule.js';
import { HOUR_MS, localInstant, MINUTE_MS, utcStamp } from './time.js';
import type { Timed } from './work-events.js';

const CHANNELS = ['#engineering', '#backend', '#frontend', '#deploys', '#incidents'];
/** Messages per claimed business day from the team, and per working day from colleagues elsewhere. */
const TEAM_MESSAGES = 2.2;
const ASYNC_MESSAGES = 0.6;

interface ClaimedDay {
  zone: string;
  start: number;
  end: number;
  days: number[];
}

export function chatEvents(contractor: Contractor, day: number, random: Random): Timed[] {
  const times: number[] = [];
  const claimed = claimedDay(contractor);
  const date = contractor.date(day);
  if (claimed.days.includes(date.weekday)) {
    const open = localInstant(claimed.zone, date, claimed.start);
    const close = localInstant(claimed.zone, date, claimed.end);
    for (let n = random.poisson(TEAM_MESSAGES); n > 0; n--) times.push(random.between(open, close));
  }
  const blocks = contractor.plan(day).blocks.filter((block) => block.kind === 'day');
  if (blocks.length > 0) {
    for (let n = random.poisson(ASYNC_MESSAGES); n > 0; n--) {
      const block = random.pick(blocks);
      times.push(random.between(block.start, block.end));
    }
  }
  const nearby = [day - 1, day, day + 1, day + 2]
    .flatMap((d) => contractor.plan(d).blocks)
    .sort((a, b) => a.start - b.start);
  const directChannel = `D${contractor.random('dm').hex(8).toUpperCase()}`;
  return times.map((at) => {
    const direct = random.chance(0.55);
    const channel = direct ? directChannel : random.pick(CHANNELS);
    const answer = replyAt(contractor, at, direct, nearby, random);
    // A message that would be answered in flight is answered after landing, once the phone is back on.
    const reply =
      answer === undefined || contractor.reachableFrom(answer) === answer
        ? answer
        : contractor.reachableFrom(answer) + random.logNormal(25, 0.6) * MINUTE_MS;
    const seconds = Math.floor(at / 1000);
    return {
      instant: at,
      event: {
        id: `slack:${channel}:${seconds}.${String(random.int(0, 999_999)).padStart(6, '0')}`,
        contractorId: contractor.id,
        type: 'chat',
        at: utcStamp(at),
        ...(reply === undefined ? {} : { respondedAt: utcStamp(Math.max(reply, at + 1000)) }),
        source: 'slack',
        channel,
        direct,
      },
    };
  });
}

function replyAt(
  contractor: Contractor,
  at: number,
  direct: boolean,
  blocks: readonly WorkBlock[],
  random: Random,
): number | undefined {
  const { chat } = contractor.persona;
  if (random.chance(Math.min(0.95, chat.ignoreChance * (direct ? 1 : 2.5)))) return undefined;
  if (blocks.some((block) => block.start <= at && at < block.end)) {
    return at + random.logNormal(chat.replyMinutes, 0.9) * MINUTE_MS;
  }
  const lastEnd = Math.max(-Infinity, ...blocks.filter((block) => block.end <= at).map((block) => block.end));
  // Still about after work: a glance at the phone.
  if (at - lastEnd < 2 * HOUR_MS && random.chance(0.35)) return at + random.logNormal(20, 0.7) * MINUTE_MS;
  const next = blocks.find((block) => block.start > at);
  if (next === undefined || next.start - at > 40 * HOUR_MS) return undefined;
  if (!random.chance(direct ? 0.9 : 0.5)) return undefined;
  return next.start + random.logNormal(12, 0.8) * MINUTE_MS;
}

/** The zone and hours the team expects the contractor in, from the platform profile. */
function claimedDay(contractor: Contractor): ClaimedDay {
  const profile = contractor.persona.claims.find((claim) => claim.businessHours !== undefined);
  const hours = profile?.businessHours;
  const minutes = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
  return {
    zone: contractor.persona.claimed.timezone,
    start: minutes(hours?.start ?? '09:00'),
    end: minutes(hours?.end ?? '17:00'),
    days: hours?.days ?? [1, 2, 3, 4, 5],
  };
}
