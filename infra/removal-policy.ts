import { RemovalPolicies, RemovalPolicy } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { isProduction } from './stage.js';

/**
 * Resources that hold data. Only these follow the stage: retaining a queue policy, subscription or
 * alarm after its stack is gone would leave orphans that nothing owns.
 */
export const STATEFUL_RESOURCE_TYPES = [
  'AWS::DynamoDB::Table',
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::KMS::Key',
] as const;

/**
 * Production data is retained when its stack is deleted or a resource is replaced; any other stage
 * is destroyed with its stack. Applied once through an Aspect so no resource can forget it.
 */
export function applyStageRemovalPolicy(scope: IConstruct, stage: string): RemovalPolicy {
  const policy = isProduction(stage) ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
  RemovalPolicies.of(scope).apply(policy, { applyToResourceTypes: [...STATEFUL_RESOURCE_TYPES] });
  return policy;
}
