/** The stage whose data must outlive its stacks; every other stage is disposable. */
export const PRODUCTION_STAGE = 'prod';

// Short and lower-case because the stage ends up inside resource names (topic, key alias).
const STAGE_PATTERN = /^[a-z][a-z0-9-]{0,15}$/;

/** Reads the stage given on the command line (`cdk synth -c stage=prod`), `dev` when absent. */
export function parseStage(value: unknown): string {
  const stage = value ?? 'dev';
  if (typeof stage !== 'string' || !STAGE_PATTERN.test(stage)) {
    throw new Error(`stage must match ${STAGE_PATTERN}, got ${JSON.stringify(stage)}`);
  }
  return stage;
}

export function isProduction(stage: string): boolean {
  return stage === PRODUCTION_STAGE;
}
