/** The answers the model can give (real-world UTC offsets) and the prior over them learned from labels. */

/** Every UTC offset in use somewhere since 1970, −12:00 … +14:00. */
export const REAL_WORLD_OFFSETS: readonly number[] = [
  -720, -660, -600, -570, -540, -480, -420, -360, -300, -240, -210, -180, -150, -120, -60, 0, 60, 120, 180,
  210, 240, 270, 300, 330, 345, 360, 390, 420, 480, 525, 540, 570, 600, 630, 660, 720, 765, 780, 825, 840,
];

export interface OffsetPriorOptions {
  /** Standard deviation of the kernel that spreads each label to the neighbouring whole-hour offsets. */
  smoothingMinutes: number;
  /** Share of the prior spread over all real-world offsets, so offsets unseen in training stay possible. */
  floor: number;
  /** Weight of a half- or quarter-hour offset in that spread, relative to a whole-hour one (fewer people). */
  fractionalWeight: number;
}

export function learnOffsetPrior(
  labels: readonly number[],
  options: OffsetPriorOptions,
): { offsetMinutes: number; probability: number }[] {
  const sigma = options.smoothingMinutes;
  const kernel = (distance: number): number =>
    sigma > 0 ? Math.exp(-(distance ** 2) / (2 * sigma ** 2)) : distance === 0 ? 1 : 0;
  const spread = REAL_WORLD_OFFSETS.map((offset) => (offset % 60 === 0 ? 1 : options.fractionalWeight));
  // Whole-hour labels spread to whole-hour neighbours (the same region's other side of DST); a fractional
  // offset is one country's, so India's +5:30 says nothing about Bangladesh's +6:00 or Nepal's +5:45.
  const empirical = REAL_WORLD_OFFSETS.map((offset) =>
    labels.reduce((sum, label) => {
      if (offset === label) return sum + 1;
      return offset % 60 === 0 && label % 60 === 0 ? sum + kernel(offset - label) : sum;
    }, 0),
  );
  const empiricalTotal = empirical.reduce((a, b) => a + b, 0);
  const spreadTotal = spread.reduce((a, b) => a + b, 0);
  const floor = empiricalTotal > 0 ? options.floor : 1;
  return REAL_WORLD_OFFSETS.map((offsetMinutes, i) => ({
    offsetMinutes,
    probability:
      (1 - floor) * (empiricalTotal > 0 ? (empirical[i] as number) / empiricalTotal : 0) +
      (floor * (spread[i] as number)) / spreadTotal,
  }));
}
