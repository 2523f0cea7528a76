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
  /** Width of the kernel over offsets that makes the habit priors regional (0: one prior for everyone). */
  regionalSigmaMinutes: number;
  /** How many developers' worth of weight everyone's prior keeps in a regional prior. */
  regionalPseudoCount: number;
  weekendShares: readonly number[];
  weekendPriorFloor: number;
  offsetPriorSmoothingMinutes: number;
  offsetPriorFloor: number;
  fractionalOffsetWeight: number;
  zoneShare: number;
  /** How many people's worth of weight the shipped offset prior has against a batch's own distribution. */
  populationPriorWeight: number;
  /** The most weight a batch's own offset distribution may take in the adapted prior. */
  populationMaxShare: number;
  evidenceCap: number;
  slotMinutes: number;
  /** Each instant weighs 1 / k^dayExponent when k instants share its day. */
  dayExponent: number;
  minEvents: number;
  minConfidence: number;
  zones: readonly string[];
  excludedRepos: readonly string[];
}

export const DEFAULT_TRAINING_OPTIONS: TrainingOptions = {
  profiles: 3,
  rounds: 6,
  smoothingMinutes: 30,
  profileFloor: 0.1,
  shiftMinMinutes: -180,
  shiftMaxMinutes: 480,
  shiftStepMinutes: 60,
  shiftPriorFloor: 0.1,
  regionalSigmaMinutes: 120,
  regionalPseudoCount: 3,
  weekendShares: [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.55, 0.7],
  weekendPriorFloor: 0.1,
  offsetPriorSmoothingMinutes: 40,
  offsetPriorFloor: 0.3,
  fractionalOffsetWeight: 0.25,
  zoneShare: 0.8,
  populationPriorWeight: 10,
  populationMaxShare: 0.2,
  evidenceCap: 30,
  slotMinutes: 60,
  dayExponent: 0.5,
  minEvents: 8,
  minConfidence: 0,
  zones: DEFAULT_ZONES,
  excludedRepos: [],
};
