import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/**
 * Runs the cdk-nag AwsSolutions pack as a CDK policy-validation plugin (cdk-nag v3), so
 * `cdk synth` fails on any unacknowledged error. Every acknowledgement must carry a reason.
 * Returns the pack so tests can read its report with `validateScope`.
 */
export function addComplianceChecks(app: App): AwsSolutionsChecks {
  const awsSolutions = new AwsSolutionsChecks(app, { verbose: true });
  Validations.of(app).addPlugins(awsSolutions);
  return awsSolutions;
}
