import * as z from 'zod';

/**
 * The environment each Lambda reads at cold start. The CDK construct types a function's `environment` from the
 * same schema (`FunctionEnvironment<typeof schema>`), so forgetting a variable fails the type-check, not
 * production; the handler parses it once at module scope, so a bad deployment fails on its first call with the
 * variable's name.
 */
const tableName = z.string().min(3).max(255);
const queueUrl = z.url();

/** Endpoints of local DynamoDB/SQS/SNS servers (the embedded stack); absent on AWS. */
const localEndpoints = {
  DAYLIGHT_DYNAMODB_ENDPOINT: z.url().optional(),
  DAYLIGHT_SQS_ENDPOINT: z.url().optional(),
  DAYLIGHT_SNS_ENDPOINT: z.url().optional(),
};

/** POST /v1/events: validates and enqueues. */
export const ingestEnvironment = z.object({
  DAYLIGHT_INGEST_QUEUE_URL: queueUrl,
  ...localEndpoints,
});

/** The ingest queue's consumer: folds events into weekly evidence, reassesses, publishes alerts. */
export const processorEnvironment = z.object({
  DAYLIGHT_EVIDENCE_TABLE: tableName,
  DAYLIGHT_PROFILES_TABLE: tableName,
  DAYLIGHT_ALERTS_TABLE: tableName,
  DAYLIGHT_ALERTS_TOPIC_ARN: z.string().startsWith('arn:'),
  /** Where a message goes on its last failed try, with the reason it failed kept beside it. */
  DAYLIGHT_INGEST_DEAD_LETTER_QUEUE_URL: queueUrl,
  /** The ingest queue's maxReceiveCount: on that receive, the processor dead-letters a failure itself. */
  DAYLIGHT_MAX_RECEIVE_COUNT: z.coerce.number().int().min(1).max(1000),
  /** How long a week of evidence is kept after it ends (DynamoDB TTL). */
  DAYLIGHT_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650),
  /** This deployment's network policy (corporate VPN egress), JSON; none by default. */
  DAYLIGHT_NETWORK_POLICY: z.string().optional(),
  ...localEndpoints,
});

/** PUT /v1/contractors/{id}/claims: stores one claim record and asks the processor to reassess. */
export const claimsEnvironment = z.object({
  DAYLIGHT_EVIDENCE_TABLE: tableName,
  DAYLIGHT_INGEST_QUEUE_URL: queueUrl,
  ...localEndpoints,
});

/** GET /v1/contractors/{id}/report: builds the report from the stored evidence and claims. */
export const reportEnvironment = z.object({
  DAYLIGHT_EVIDENCE_TABLE: tableName,
  /** Holds the index of shared device ids and home addresses too. */
  DAYLIGHT_PROFILES_TABLE: tableName,
  DAYLIGHT_NETWORK_POLICY: z.string().optional(),
  ...localEndpoints,
});

/** GET /v1/contractors: lists profile summaries, paginated. */
export const listEnvironment = z.object({
  DAYLIGHT_PROFILES_TABLE: tableName,
  ...localEndpoints,
});

/** DELETE /v1/contractors/{id}: erases a contractor's events, claims, profile and alert state. */
export const deleteEnvironment = z.object({
  DAYLIGHT_EVIDENCE_TABLE: tableName,
  DAYLIGHT_PROFILES_TABLE: tableName,
  DAYLIGHT_ALERTS_TABLE: tableName,
  ...localEndpoints,
});

/** What a CDK construct must set for a function with this schema: every required variable, as strings. */
export type FunctionEnvironment<S extends z.ZodObject> = {
  [K in keyof z.input<S> as undefined extends z.input<S>[K] ? never : K]-?: string;
} & {
  [K in keyof z.input<S> as undefined extends z.input<S>[K] ? K : never]?: string;
};

/** Reads and checks the environment once; the error names every missing or malformed variable. */
export function readEnvironment<S extends z.ZodObject>(schema: S, env = process.env): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid function environment: ${problems}`);
  }
  return parsed.data;
}
