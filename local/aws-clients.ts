import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';

/** The embedded servers accept any signature; fixed values keep a developer's real credentials out of play. */
export const LOCAL_REGION = 'us-east-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'daylight-local', secretAccessKey: 'daylight-local' };
/** The account id fauxqs puts in every ARN and queue URL. */
export const LOCAL_ACCOUNT = '000000000000';

export interface LocalEndpoints {
  dynamodb: string;
  sqs: string;
  sns: string;
}

export interface LocalClients {
  dynamodb: DynamoDBClient;
  sqs: SQSClient;
  sns: SNSClient;
}

/** SDK clients for the embedded servers; an explicit endpoint also makes SQS ignore the queue URLs' host. */
export function localClients(endpoints: LocalEndpoints): LocalClients {
  const common = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  return {
    dynamodb: new DynamoDBClient({ ...common, endpoint: endpoints.dynamodb }),
    sqs: new SQSClient({ ...common, endpoint: endpoints.sqs }),
    sns: new SNSClient({ ...common, endpoint: endpoints.sns }),
  };
}

export function destroyClients(clients: LocalClients): void {
  clients.dynamodb.destroy();
  clients.sqs.destroy();
  clients.sns.destroy();
}

/** An SQS client for a queue on AWS (default credentials chain), in the region its URL names unless one is given. */
export function awsQueueClient(queueUrl: string, region?: string): SQSClient {
  const named = region ?? /^https?:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com/.exec(queueUrl)?.[1];
  return new SQSClient(named === undefined ? {} : { region: named });
}
