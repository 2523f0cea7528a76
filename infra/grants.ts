import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { TableCall } from '../functions/catalog.js';
import type { DaylightFunction } from './daylight-function.js';

/*
 * Exact grants, written out instead of CDK's `grant*` helpers: those add wildcard actions (`kms:ReEncrypt*`,
 * `kms:GenerateDataKey*`), scans, batches and transactions nobody here uses, and key use from any service. Each helper
 * grants the calls the pipeline makes on one resource, and the data key only through the service that owns
 * that resource (`kms:ViaService`), so the role cannot use the key directly.
 */

const WRITES: readonly TableCall[] = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'];

export function grantTable(
  fn: DaylightFunction,
  table: ITable,
  key: IKey,
  calls: readonly TableCall[],
): void {
  fn.allow(
    calls.map((call) => `dynamodb:${call}`),
    [table.tableArn],
  );
  // DynamoDB decrypts the table key with the caller's permission; writes also encrypt under it.
  const writes = calls.some((call) => WRITES.includes(call));
  grantKeyVia(
    fn,
    key,
    'dynamodb',
    writes
      ? ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey']
      : ['kms:Decrypt', 'kms:DescribeKey'],
  );
}

/** SQS asks KMS for a data key to encrypt the message under the caller's permission. */
export function grantSendMessages(fn: DaylightFunction, queue: IQueue, key: IKey): void {
  fn.allow(['sqs:SendMessage'], [queue.queueArn]);
  grantKeyVia(fn, key, 'sqs', ['kms:GenerateDataKey', 'kms:Decrypt']);
}

/** What the Lambda SQS poller calls with the function's role (the AWSLambdaSQSQueueExecutionRole set). */
export function grantConsumeMessages(fn: DaylightFunction, queue: IQueue, key: IKey): void {
  fn.allow(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], [queue.queueArn]);
  grantKeyVia(fn, key, 'sqs', ['kms:Decrypt']);
}

/** SNS encrypts a published message under a data key it asks for with the publisher's permission. */
export function grantPublish(fn: DaylightFunction, topic: ITopic, key: IKey): void {
  fn.allow(['sns:Publish'], [topic.topicArn]);
  grantKeyVia(fn, key, 'sns', ['kms:GenerateDataKey', 'kms:Decrypt']);
}

function grantKeyVia(fn: DaylightFunction, key: IKey, service: string, actions: readonly string[]): void {
  fn.role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: [...actions],
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `${service}.${Stack.of(fn).region}.amazonaws.com` } },
    }),
  );
}
