/** The learned parameters of the timezone inference: population aggregates only, never a person's history. */
import * as z from 'zod';
import shipped from './model-parameters.json' with { type: 'json' };
import type { Templates } from './templates.js';
import { buildTemplates } from './templates.js';
import { BIN_MINUTES, WEEK_BINS } from './week-bins.js';
import { isKnownZone } from './zone-offsets.js';

const Probability = z.number().min(0).max(1);
const QuarterHourMinutes = z
  .number()
  .int()
  .refine((minutes) => minutes % BIN_MINUTES === 0, `must be a multiple of ${BIN_MINUTES} minutes`);

export const TimezoneModelSchema = z
  .object({
    version: z.literal(1),
    /** Kinds of week (office hours, evenings, weekends…): each the share of activity in every quarter-hour of
     * the local week, Monday 00:00 first, with how common that kind is. */
    profiles: z
      .array(
        z.object({
          probability: Probability,
          week: z.array(z.number().positive()).length(WEEK_BINS),
        }),
      )
      .min(1),
    /** How much later (or earlier) than the population a person's day may run, with its prior. */
    shifts: z.array(z.object({ shiftMinutes: QuarterHourMinutes, probability: Probability })).min(1),
    /** How much of a person's activity falls on their weekend, with its prior (people differ a lot). */
    weekendShares: z.array(z.object({ share: z.number().gt(0).lt(1), probability: Probability })).min(1),
    /** Prior over the UTC offsets that are answers: the real-world offsets, −12:00 … +14:00. */
    offsetPrior: z
      .array(
        z.object({
          offsetMinutes: QuarterHourMinutes.refine(
            (m) => m >= -720 && m <= 840,
            'must be within −12:00…+14:00',
          ),
          probability: z.number().positive(),
          /** The prior over `shifts` for people at this offset (chronotypes differ by region), when learned. */
          shiftPrior: z.array(z.number().positive()).optional(),
        }),
      )
      .min(1),
    /** How many people's worth of weight the shipped offset prior keeps when adapted to a batch of people. */
    populationPriorWeight: z.number().positive().default(10),
    /** The most weight a batch's own offset distribution may take in the adapted prior. */
    populationMaxShare: Probability.default(0.2),
    /** DST zones tried next to fixed offsets. */
    zones: z.array(z.string().refine(isKnownZone, 'must be an IANA time zone this runtime knows')),
    /** Prior share of a DST zone among the hypotheses that report the same offset. */
    zoneShare: Probability,
    /** Evidence beyond this many instants no longer sharpens the answer (keeps long histories calibrated). */
    evidenceCap: z.number().positive(),
    /** Instants closer than this share one slot of evidence (0 keeps every instant). */
    slotMinutes: z.number().min(0),
    /** An instant weighs 1 / k^dayExponent when k instants share its UTC day (hours of one day are not independent). */
    dayExponent: z.number().min(0).max(1).default(0),
    /** Below this many instants the answer is `null`. */
    minEvents: z.number().int().min(1),
    /** Below this confidence the answer is `null`. */
    minConfidence: Probability,
    trainedOn: z.object({ developers: z.number().int().min(0), excludedRepos: z.array(z.string()) }),
  })
  .superRefine((model, ctx) => {
    model.offsetPrior.forEach((entry, i) => {
      if (entry.shiftPrior !== undefined && entry.shiftPrior.length !== model.shifts.length)
        ctx.addIssue({
          code: 'custom',
          path: ['offsetPrior', i, 'shiftPrior'],
          message: `must have one probability per shift (${model.shifts.length})`,
        });
    });
  });

export type TimezoneModel = z.infer<typeof TimezoneModelSchema>;

/** Keyed by the profiles array, so copies of a model that change only its offset prior share the templates. */
const templateCache = new WeakMap<
  TimezoneModel['profiles'],
  { shifts: TimezoneModel['shifts']; weekendShares: TimezoneModel['weekendShares']; templates: Templates }
>();

/** The model's likelihood templates, built once per model (and per copy of it with other offset priors). */
export function templatesOf(model: TimezoneModel): Templates {
  const cached = templateCache.get(model.profiles);
  if (cached !== undefined && cached.shifts === model.shifts && cached.weekendShares === model.weekendShares)
    return cached.templates;
  const templates = buildTemplates(model);
  templateCache.set(model.profiles, { shifts: model.shifts, weekendShares: model.weekendShares, templates });
  return templates;
}

/** Validates model parameters read from a file; throws a ZodError naming the bad field. */
export function parseTimezoneModel(json: unknown): TimezoneModel {
  return TimezoneModelSchema.parse(json);
}

/** The parameters shipped with Daylight, learned by `npm run train` from real commit histories. */
export const defaultTimezoneModel: TimezoneModel = parseTimezoneModel(shipped);
