import { Duration } from 'aws-cdk-lib';
import { type Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { DEAD_LETTER_RETENTION_DAYS, MAX_RECEIVE_COUNT } from './queue-sizing.js';

export interface WorkQueueProps {
  readonly key: IKey;
  readonly visibilityTimeoutSeconds: number;
  readonly retentionDays: number;
}

export interface WorkQueue {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
}

/** A queue encrypted with the customer key that accepts TLS only. */
export function encryptedQueue(
  scope: Construct,
  id: string,
  key: IKey,
  retentionDays: number = DEAD_LETTER_RETENTION_DAYS,
): Queue {
  return new Queue(scope, id, {
    encryption: QueueEncryption.KMS,
    encryptionMasterKey: key,
    enforceSSL: true,
    retentionPeriod: Duration.days(retentionDays),
  });
}

/** A work queue with its own dead-letter queue, both encrypted and TLS-only. */
export function workQueue(scope: Construct, id: string, props: WorkQueueProps): WorkQueue {
  const deadLetterQueue = encryptedQueue(scope, `${id}DeadLetterQueue`, props.key);
  const queue = new Queue(scope, `${id}Queue`, {
    encryption: QueueEncryption.KMS,
    encryptionMasterKey: props.key,
    enforceSSL: true,
    retentionPeriod: Duration.days(props.retentionDays),
    visibilityTimeout: Duration.seconds(props.visibilityTimeoutSeconds),
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
  });
  return { queue, deadLetterQueue };
}

/**
 * Goes off as soon as one message lands in a dead-letter queue: a message there is a telemetry
 * record or an alert that nobody has acted on. The stateful stack sends it to the ops topic.
 */
export function deadLetterAlarm(scope: Construct, id: string, deadLetterQueue: Queue): Alarm {
  return deadLetterQueue
    .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' })
    .createAlarm(scope, id, {
      alarmDescription: `A message is waiting in ${deadLetterQueue.node.id}; inspect it, fix the cause, redrive it.`,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
}
