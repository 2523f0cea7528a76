import * as z from 'zod';

/**
 * The parts every function's environment contract is made of (functions/catalog.ts writes one contract per
 * function). The CDK construct types a function's `environment` from that contract, so forgetting a variable
 * fails the type-check, not production; the handler parses it once at module scope, so a bad deployment fails on
 * its first call with the variable's name.
 */
export const tableName = z.string().min(3).max(255);
export const queueUrl = z.url();
export const topicArn = z.string().startsWith('arn:');

/** Endpoints of local DynamoDB/SQS/SNS servers (the embedded stack); absent on AWS. */
export const localEndpoints = {
  DAYLIGHT_DYNAMODB_ENDPOINT: z.url().optional(),
  DAYLIGHT_SQS_ENDPOINT: z.url().optional(),
  DAYLIGHT_SNS_ENDPOINT: z.url().optional(),
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
