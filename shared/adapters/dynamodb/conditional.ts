import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { VersionConflictError } from '../../ports/errors.js';

/** The condition and values that make a write succeed only over the version read (or over nothing). */
export function versionCondition(
  versionAttribute: string,
  expectedVersion: number | null,
): {
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  values: Record<string, number>;
} {
  return expectedVersion === null
    ? {
        ConditionExpression: 'attribute_not_exists(#version)',
        ExpressionAttributeNames: { '#version': versionAttribute },
        values: {},
      }
    : {
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': versionAttribute },
        values: { ':expected': expectedVersion },
      };
}

/** Runs a conditional write, turning DynamoDB's refusal into the port's `VersionConflictError`. */
export async function conditionally<T>(write: () => Promise<T>, what: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (
      error instanceof ConditionalCheckFailedException ||
      (error as Error).name === 'ConditionalCheckFailedException'
    )
      throw new VersionConflictError(`${what} was changed by another writer`);
    throw error;
  }
}
