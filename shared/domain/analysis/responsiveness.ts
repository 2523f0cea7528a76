import type { Finding } from '../report.js';
import { zoneOffsetMinutes } from '../timezone/zone-offsets.js';
import type { ClaimedTime } from './claimed-time.js';
import { formatClock, inBusinessHours, localClock } from './local-time.js';
import { round } from './working-hours.js';

export interface ChatReply {
  at: number;
  respondedAt: number | null;
  direct: boolean | null;
}

export interface LatencyStats {
  messages: number;
  /** Reply latency in minutes over the answered messages; null when none were answered. */
  medianMinutes: number | null;
  p90Minutes: number | null;
  unansweredShare: number;
}

export interface Responsiveness {
  businessHours: LatencyStats;
  outsideBusinessHours: LatencyStats;
  /** Indexed by the hour of the claimed local day (0–23) at which the message was sent. */
  byClaimedHour: LatencyStats[];
  /** Reachable in claimed business hours: most messages answered, typically within the hour. */
  reachable: boolean | null;
}

/** Business-hours messages needed before reachability is judged at all. */
const MIN_MESSAGES = 6;
const REACHABLE_MEDIAN_MINUTES = 60;
const REACHABLE_UNANSWERED_SHARE = 0.3;

export function measureResponsiveness(chats: readonly ChatReply[], claim: ClaimedTime): Responsiveness {
  const inside: ChatReply[] = [];
  const outside: ChatReply[] = [];
  const byHour: ChatReply[][] = Array.from({ length: 24 }, () => []);
  for (const chat of chats) {
    const clock = localClock(chat.at, zoneOffsetMinutes(claim.timezone, chat.at));
    byHour[Math.floor(clock.minuteOfDay / 60)]?.push(chat);
    (inBusinessHours(clock, claim.businessHours) ? inside : outside).push(chat);
  }
  const businessHours = latencyStats(inside);
  const reachable =
    businessHours.messages < MIN_MESSAGES
      ? null
      : businessHours.unansweredShare <= REACHABLE_UNANSWERED_SHARE &&
        businessHours.medianMinutes !== null &&
        businessHours.medianMinutes <= REACHABLE_MEDIAN_MINUTES;
  return {
    businessHours,
    outsideBusinessHours: latencyStats(outside),
    byClaimedHour: byHour.map(latencyStats),
    reachable,
  };
}

export function latencyStats(chats: readonly ChatReply[]): LatencyStats {
  const latencies: number[] = [];
  for (const c of chats) if (c.respondedAt !== null) latencies.push((c.respondedAt - c.at) / 60_000);
  latencies.sort((a, b) => a - b);
  return {
    messages: chats.length,
    medianMinutes: latencies.length === 0 ? null : round(quantile(latencies, 0.5), 1),
    p90Minutes: latencies.length === 0 ? null : round(quantile(latencies, 0.9), 1),
    unansweredShare: chats.length === 0 ? 0 : round((chats.length - latencies.length) / chats.length),
  };
}

export function unreachableFinding(r: Responsiveness, claim: ClaimedTime): Finding | null {
  if (r.reachable !== false) return null;
  const bh = r.businessHours;
  const median = bh.medianMinutes ?? Number.POSITIVE_INFINITY;
  const severity =
    bh.unansweredShare >= 0.6 || median >= 240
      ? 'high'
      : bh.unansweredShare >= 0.45 || median >= 120
        ? 'medium'
        : 'low';
  // More messages, and a contrast with how fast they answer at other hours, make the pattern more certain.
  const faster = fasterOutside(r);
  const volume = Math.min(1, bh.messages / 30);
  const confidence = round(Math.min(0.95, 0.55 + 0.25 * volume + (faster ? 0.15 : 0)));
  const { startMinutes, endMinutes } = claim.businessHours;
  const unanswered = `${Math.round(bh.unansweredShare * 100)}% unanswered`;
  const medianText =
    bh.medianMinutes === null ? 'no replies' : `median reply ${formatMinutes(bh.medianMinutes)}`;
  return {
    code: 'UNREACHABLE_IN_BUSINESS_HOURS',
    severity,
    confidence,
    summary: `Slow or missing chat replies in claimed business hours (${formatClock(startMinutes)}–${formatClock(endMinutes)} ${claim.timezone}): ${medianText}, ${unanswered}${faster ? '; replies come faster outside them' : ''}.`,
    evidence: {
      businessHours: bh,
      outsideBusinessHours: r.outsideBusinessHours,
      byClaimedHour: r.byClaimedHour.map((s, hour) => ({ hour, ...s })).filter((s) => s.messages > 0),
      claimedTimezone: claim.timezone,
    },
  };
}

function fasterOutside(r: Responsiveness): boolean {
  const inside = r.businessHours;
  const out = r.outsideBusinessHours;
  if (out.messages < MIN_MESSAGES || out.medianMinutes === null) return false;
  return (
    out.unansweredShare < inside.unansweredShare - 0.15 ||
    (inside.medianMinutes !== null && out.medianMinutes < inside.medianMinutes / 2)
  );
}

function formatMinutes(minutes: number): string {
  return minutes < 90 ? `${Math.round(minutes)} min` : `${round(minutes / 60, 1)} h`;
}

/** Linear-interpolated quantile of sorted values. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (pos - lo);
}
