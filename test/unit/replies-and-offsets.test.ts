import { describe, expect, it } from 'vitest';
import type { ClaimedTime } from '../../shared/domain/analysis/claimed-time.js';
import { recordedOffsetFinding } from '../../shared/domain/analysis/recorded-offsets.js';
import {
  type ChatReply,
  measureResponsiveness,
  unreachableFinding,
} from '../../shared/domain/analysis/responsiveness.js';
import { timezoneMismatchFinding } from '../../shared/domain/analysis/timezone-mismatch.js';
import type { Finding, FindingCode, Severity } from '../../shared/domain/report.js';
import { assessRisk } from '../../shared/domain/risk.js';

const CHICAGO: ClaimedTime = {
  timezone: 'America/Chicago',
  businessHours: { startMinutes: 540, endMinutes: 1020, days: [1, 2, 3, 4, 5] },
  businessHoursDefaulted: false,
};
const MIN = 60_000;

/** Messages at each whole UTC hour in `hours` on the weekdays of a January week; replies after `latency(hour)`. */
function messages(hours: number[], latency: (utcHour: number) => number | null): ChatReply[] {
  const out: ChatReply[] = [];
  for (let day = 5; day <= 9; day++) {
    for (const h of hours) {
      const at = Date.UTC(2026, 0, day, h, 0);
      const l = latency(h);
      out.push({ at, respondedAt: l === null ? null : at + l * MIN, direct: true });
    }
  }
  return out;
}

describe('measureResponsiveness', () => {
  it('finds a contractor who answers at night but not in Chicago business hours unreachable', () => {
    // Prepare: Chicago 09–17 is 15–23 UTC in January; answers come only around 00–08 UTC (Asian daytime)
    const chats = messages([15, 17, 19, 21, 1, 3, 5], (h) => (h >= 15 ? (h === 21 ? null : 600) : 5));

    // Act
    const replies = measureResponsiveness(chats, CHICAGO);
    const finding = unreachableFinding(replies, CHICAGO);

    // Assess
    expect(replies.reachable).toBe(false);
    expect(replies.outsideBusinessHours.medianMinutes).toBe(5);
    expect(finding?.code).toBe('UNREACHABLE_IN_BUSINESS_HOURS');
    expect(finding?.severity).toBe('high');
    expect(finding?.summary).toContain('faster outside');
  });

  it('finds a contractor who answers within minutes in business hours reachable', () => {
    const chats = messages([15, 17, 19, 21], () => 7);
    const replies = measureResponsiveness(chats, CHICAGO);
    expect(replies.reachable).toBe(true);
    expect(replies.businessHours.p90Minutes).toBe(7);
    expect(unreachableFinding(replies, CHICAGO)).toBeNull();
  });

  it('does not judge reachability from a handful of messages', () => {
    const chats = messages([15], () => null).slice(0, 3);
    expect(measureResponsiveness(chats, CHICAGO).reachable).toBeNull();
  });
});

describe('recordedOffsetFinding', () => {
  const summer = Date.parse('2026-07-01T15:00:00Z');
  const winter = Date.parse('2026-01-15T15:00:00Z');

  it('accepts git offsets that follow New York DST', () => {
    const records = [
      ...Array.from({ length: 5 }, (_, i) => ({ at: summer + i * 3_600_000, offsetMinutes: -240 })),
      ...Array.from({ length: 5 }, (_, i) => ({ at: winter + i * 3_600_000, offsetMinutes: -300 })),
    ];
    expect(recordedOffsetFinding(records, 'America/New_York')).toBeNull();
  });

  it('flags commits recorded at UTC+9 from someone claiming New York', () => {
    const records = Array.from({ length: 12 }, (_, i) => ({
      at: winter + i * 3_600_000,
      offsetMinutes: 540,
    }));
    const finding = recordedOffsetFinding(records, 'America/New_York');
    expect(finding?.severity).toBe('high');
    expect(finding?.evidence.recordedOffsets).toEqual([{ offsetMinutes: 540, count: 12 }]);
  });

  it('treats commits recorded at UTC as weak evidence', () => {
    const records = Array.from({ length: 12 }, (_, i) => ({ at: winter + i * 3_600_000, offsetMinutes: 0 }));
    expect(recordedOffsetFinding(records, 'America/New_York')?.severity).toBe('low');
  });
});

describe('timezoneMismatchFinding', () => {
  const chicago = [-360];
  const tokyo = [540];

  it('accuses only when the posterior mass is away from the claim', () => {
    const sure = {
      utcOffsetMinutes: 540,
      confidence: 0.95,
      timezone: null,
      candidates: [{ offsetMinutes: 540, probability: 0.95 }],
    };
    const unsure = {
      utcOffsetMinutes: 540,
      confidence: 0.45,
      timezone: null,
      candidates: [
        { offsetMinutes: 540, probability: 0.45 },
        { offsetMinutes: -360, probability: 0.4 },
      ],
    };
    expect(timezoneMismatchFinding(sure, 'America/Chicago', chicago)?.severity).toBe('high');
    expect(timezoneMismatchFinding(unsure, 'America/Chicago', chicago)).toBeNull();
    const likely = { ...sure, confidence: 0.7, candidates: [{ offsetMinutes: 540, probability: 0.7 }] };
    expect(timezoneMismatchFinding(likely, 'America/Chicago', chicago)?.severity).toBe('medium');
    expect(timezoneMismatchFinding(sure, 'Asia/Tokyo', tokyo)).toBeNull();
  });
});

describe('assessRisk', () => {
  const finding = (code: FindingCode, severity: Severity, confidence = 0.9): Finding => ({
    code,
    severity,
    confidence,
    summary: '',
    evidence: {},
  });

  it('scores no findings as no risk', () => {
    expect(assessRisk([])).toEqual({ score: 0, level: 'none', drivers: [] });
  });

  it('keeps a slow-reply finding alone below high risk', () => {
    expect(assessRisk([finding('UNREACHABLE_IN_BUSINESS_HOURS', 'high', 0.95)]).level).toBe('medium');
  });

  it('keeps one weak signal low and lets several together make a strong case', () => {
    const one = assessRisk([finding('OUTSIDE_BUSINESS_HOURS', 'medium')]);
    const three = assessRisk([
      finding('OUTSIDE_BUSINESS_HOURS', 'medium'),
      finding('UNREACHABLE_IN_BUSINESS_HOURS', 'medium'),
      finding('RECORDED_OFFSET_MISMATCH', 'medium'),
    ]);
    const several = assessRisk([
      finding('OUTSIDE_BUSINESS_HOURS', 'medium'),
      finding('UNREACHABLE_IN_BUSINESS_HOURS', 'medium'),
      finding('RECORDED_OFFSET_MISMATCH', 'medium'),
      finding('CLAIM_INCONSISTENCY', 'medium'),
    ]);
    expect(one.level).toBe('low');
    expect(three.level).toBe('medium');
    expect(several.level).toBe('high');
    expect(several.drivers.reduce((s, d) => s + d.points, 0)).toBeCloseTo(several.score, -1);
  });

  it('counts a restated signal once', () => {
    const once = assessRisk([finding('CLAIM_INCONSISTENCY', 'medium')]);
    const twice = assessRisk([
      finding('CLAIM_INCONSISTENCY', 'medium'),
      finding('CLAIM_INCONSISTENCY', 'medium'),
    ]);
    expect(twice.score).toBe(once.score);
  });
});
