/** Scores offset answers against labels: the figures the timezone benchmark prints. */

export interface Scored {
  label: number;
  answer: number | null;
  confidence: number;
}

export interface ReliabilityBucket {
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

export interface Summary {
  count: number;
  /** Share of all developers answered within ±60 min (a null answer is wrong). */
  within60: number;
  within120: number;
  /** Share answered at all. */
  coverage: number;
  confident: { count: number; accuracy: number };
  reliability: ReliabilityBucket[];
}

const isWithin = (s: Scored, minutes: number): boolean =>
  s.answer !== null && Math.abs(s.answer - s.label) <= minutes;

export function summarise(scored: readonly Scored[]): Summary {
  const count = scored.length;
  const share = (predicate: (s: Scored) => boolean, of: readonly Scored[] = scored): number =>
    of.length === 0 ? 0 : of.filter(predicate).length / of.length;
  const answered = scored.filter((s) => s.answer !== null);
  const confident = answered.filter((s) => s.confidence >= 0.9);
  const reliability = Array.from({ length: 10 }, (_, i): ReliabilityBucket => {
    const from = i / 10;
    const to = (i + 1) / 10;
    const inBucket = answered.filter(
      (s) => s.confidence >= from && (i === 9 ? s.confidence <= to : s.confidence < to),
    );
    return {
      from,
      to,
      count: inBucket.length,
      meanConfidence: inBucket.reduce((sum, s) => sum + s.confidence, 0) / Math.max(1, inBucket.length),
      accuracy: share((s) => isWithin(s, 60), inBucket),
    };
  });
  return {
    count,
    within60: share((s) => isWithin(s, 60)),
    within120: share((s) => isWithin(s, 120)),
    coverage: share((s) => s.answer !== null),
    confident: { count: confident.length, accuracy: share((s) => isWithin(s, 60), confident) },
    reliability,
  };
}
