import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';

export interface CompliancePacks {
  readonly awsSolutions: AwsSolutionsChecks;
  readonly serverless: ServerlessChecks;
}

/**
 * Runs the cdk-nag AwsSolutions and Serverless packs as CDK policy-validation plugins (cdk-nag v3), so
 * `cdk synth` fails on any unacknowledged error. Every acknowledgement must carry a reason. Returns the packs
 * so tests can read their reports with `validateScope`.
 */
export function addComplianceChecks(app: App): CompliancePacks {
  const packs = {
    awsSolutions: new AwsSolutionsChecks(app, { verbose: true }),
    serverless: new ServerlessChecks(app, { verbose: true }),
  };
  Validations.of(app).addPlugins(packs.awsSolutions, packs.serverless);
  return packs;
}
