import type { Finding } from '../report.js';
import { zoneOffsetMinutes } from '../timezone/zone-offsets.js';
import { formatOffset, histogram } from './local-time.js';
import { round } from './working-hours.js';

export interface RecordedOffset {
  at: number;
  offsetMinutes: number;
}

const MIN_RECORDS = 3;
/** A recorded offset more than this far from the claimed zone's offset at that date contradicts it. */
const TOLERANCE_MINUTES = 30;

/**
 * Compares the UTC offsets that sources recorded (git stores the author's clock offset with every commit) with the
 * claimed zone's offset at the same dates, so DST is honoured. UTC (+00:00) is weak evidence on its own: build
 * machines and developers who keep their clocks on UTC record it honestly.
 */
export function recordedOffsetFinding(
  records: readonly RecordedOffset[],
  claimedZone: string,
): Finding | null {
  if (records.length < MIN_RECORDS) return null;
  const contradicting: RecordedOffset[] = [];
  const claimedSeen = new Set<number>();
  for (const r of records) {
    const claimed = zoneOffsetMinutes(claimedZone, r.at);
    claimedSeen.add(claimed);
    if (Math.abs(r.offsetMinutes - claimed) > TOLERANCE_MINUTES) contradicting.push(r);
  }
  const share = contradicting.length / records.length;
  if (share < 0.2) return null;
  const offsets = histogram(contradicting.map((r) => r.offsetMinutes));
  const onlyUtc = offsets.every((o) => o.value === 0);
  const farthest = Math.max(
    ...contradicting.map((r) => Math.abs(r.offsetMinutes - zoneOffsetMinutes(claimedZone, r.at))),
  );
  const severity = onlyUtc
    ? 'low'
    : share >= 0.5 && farthest >= 180
      ? 'high'
      : share >= 0.5
        ? 'medium'
        : 'low';
  const confidence = round(
    Math.min(0.97, (onlyUtc ? 0.4 : 0.6) + 0.4 * share * Math.min(1, records.length / 20)),
  );
  const top = offsets[0];
  const claimedText = [...claimedSeen]
    .sort((a, b) => a - b)
    .map(formatOffset)
    .join('/');
  return {
    code: 'RECORDED_OFFSET_MISMATCH',
    severity,
    confidence,
    summary: `${Math.round(share * 100)}% of recorded activity carries a UTC offset other than ${claimedZone} (${claimedText})${top ? `, mostly ${formatOffset(top.value)}` : ''}.`,
    evidence: {
      records: records.length,
      contradicting: contradicting.length,
      share: round(share),
      recordedOffsets: histogram(records.map((r) => r.offsetMinutes)).map((o) => ({
        offsetMinutes: o.value,
        count: o.count,
      })),
      claimedTimezone: claimedZone,
      claimedOffsetsMinutes: [...claimedSeen].sort((a, b) => a - b),
    },
  };
}
