/** The hyperparameters of training, with the values chosen by leave-one-repo-out evaluation. */

/** DST zones covering the regions with many remote developers, each with a distinct set of rules. */
export const DEFAULT_ZONES: readonly string[] = [
  'America/Los_Angeles',
  'America/Denver',
  'America/Chicago',
  'America/New_York',
  'America/Halifax',
  'America/St_Johns',
  'America/Mexico_City',
  'America/Sao_Paulo',
  'America/Santiago',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Helsinki',
  'Europe/Moscow',
  'Asia/Jerusalem',
  'Asia/Tehran',
  'Australia/Adelaide',
  'Australia/Sydney',
  'Pacific/Auckland',
];

export interface TrainingOptions {
  /** How many kinds of week the population is split into. */
  profiles: number;
  rounds: number;
  /** Standard deviation of the Gaussian that smooths each week across neighbouring quarter-hours. */
  smoothingMinutes: number;
  /** Share of each week spread evenly, so no hour is ever impossible. */
  profileFloor: number;
  shiftMinMinutes: number;
  shiftMaxMinutes: number;
  shiftStepMinutes: number;
  shiftPriorFloor: number;
  weekendShares: readonly number[];
  weekendPriorFloor: number;
  offsetPriorSmoothingMinutes: number;
  offsetPriorFloor: number;
  fractionalOffsetWeight: number;
  zoneShare: number;
  evidenceCap: number;
  slotMinutes: number;
  minEvents: number;
  minConfidence: number;
  zones: readonly string[];
  excludedRepos: readonly string[];
}

export const DEFAULT_TRAINING_OPTIONS: TrainingOptions = {
  profiles: 1,
  rounds: 6,
  smoothingMinutes: 30,
  profileFloor: 0.1,
  shiftMinMinutes: -180,
  shiftMaxMinutes: 480,
  shiftStepMinutes: 30,
  shiftPriorFloor: 0.1,
  weekendShares: [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.55, 0.7],
  weekendPriorFloor: 0.1,
  offsetPriorSmoothingMinutes: 40,
  offsetPriorFloor: 0.3,
  fractionalOffsetWeight: 0.25,
  zoneShare: 0.5,
  evidenceCap: 60,
  slotMinutes: 15,
  minEvents: 8,
  minConfidence: 0,
  zones: DEFAULT_ZONES,
  excludedRepos: [],
};
