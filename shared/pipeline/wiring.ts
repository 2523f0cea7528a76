import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CapacityMeter } from '../adapters/dynamodb/capacity-meter.js';
import { MaxmindIpLocator } from '../adapters/geoip/maxmind-ip-locator.js';
import type { IpLocator } from '../domain/geography/ip-location.js';
import { parseNetworkPolicy } from '../schema/network-policy.js';

/**
 * Clients and adapters built once per cold start from the checked environment. Local endpoints (the embedded
 * stack) come from the DAYLIGHT_*_ENDPOINT variables; on AWS they are absent and the SDK's defaults apply.
 */
export interface Endpoints {
  DAYLIGHT_DYNAMODB_ENDPOINT?: string | undefined;
  DAYLIGHT_SQS_ENDPOINT?: string | undefined;
  DAYLIGHT_SNS_ENDPOINT?: string | undefined;
}

/** Sums the capacity every DynamoDB adapter built here reports (read by the benchmarks). */
export const capacityMeter = new CapacityMeter();

export function documentClient(env: Endpoints): DynamoDBDocumentClient {
  const client = new DynamoDBClient(
    env.DAYLIGHT_DYNAMODB_ENDPOINT ? { endpoint: env.DAYLIGHT_DYNAMODB_ENDPOINT } : {},
  );
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function sqsClient(env: Endpoints): SQSClient {
  return new SQSClient(env.DAYLIGHT_SQS_ENDPOINT ? { endpoint: env.DAYLIGHT_SQS_ENDPOINT } : {});
}

export function snsClient(env: Endpoints): SNSClient {
  return new SNSClient(env.DAYLIGHT_SNS_ENDPOINT ? { endpoint: env.DAYLIGHT_SNS_ENDPOINT } : {});
}

/** The GeoIP reader, opened on first use (its databases ship beside the function; see infra/geoip-layer.ts). */
export function lazyLocator(): () => IpLocator {
  let locator: IpLocator | undefined;
  return () => {
    locator ??= MaxmindIpLocator.open();
    return locator;
  };
}

/** The deployment's network policy from its JSON text; a bad one fails the cold start with the field. */
export function networkPolicyFrom(text: string | undefined) {
  return text === undefined || text.length === 0 ? undefined : parseNetworkPolicy(JSON.parse(text));
}
