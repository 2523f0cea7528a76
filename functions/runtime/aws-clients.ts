import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The AWS SDK clients of a function, made once per cold start at module scope. Apart from the stores so that a
 * function bundles only the clients it uses.
 */

/** Endpoints of the embedded stack (DAYLIGHT_*_ENDPOINT); on AWS they are absent and the SDK's defaults apply. */
export interface Endpoints {
  DAYLIGHT_DYNAMODB_ENDPOINT?: string | undefined;
  DAYLIGHT_SQS_ENDPOINT?: string | undefined;
  DAYLIGHT_SNS_ENDPOINT?: string | undefined;
}

export function documentClient(env: Endpoints): DynamoDBDocumentClient {
  return documents(
    new DynamoDBClient(env.DAYLIGHT_DYNAMODB_ENDPOINT ? { endpoint: env.DAYLIGHT_DYNAMODB_ENDPOINT } : {}),
  );
}

/** The document client every store uses: attributes left undefined are not written. */
export function documents(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function sqsClient(env: Endpoints): SQSClient {
  return new SQSClient(env.DAYLIGHT_SQS_ENDPOINT ? { endpoint: env.DAYLIGHT_SQS_ENDPOINT } : {});
}

export function snsClient(env: Endpoints): SNSClient {
  return new SNSClient(env.DAYLIGHT_SNS_ENDPOINT ? { endpoint: env.DAYLIGHT_SNS_ENDPOINT } : {});
}
