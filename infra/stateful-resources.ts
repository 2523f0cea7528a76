import type { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';

/** What the stateless stack receives from the stateful one: data stores and the key guarding them. */
export interface DaylightStatefulResources {
  readonly stage: string;
  /** Customer-managed key for every table, queue and the topic; consumers need decrypt on it. */
  readonly key: IKey;
  /** Bounded weekly evidence per contractor (EVIDENCE_TABLE keys), expired through `expiresAt`. */
  readonly evidenceTable: ITable;
  readonly profilesTable: ITable;
  readonly alertsTable: ITable;
  /** Fed by the ingest function, drained by the processor. */
  readonly ingestQueue: IQueue;
  readonly ingestDeadLetterQueue: IQueue;
  /** The processor publishes one message per new or escalated finding here. */
  readonly alertsTopic: ITopic;
  /** Subscribed to the topic with raw delivery: its messages are the alert JSON itself. */
  readonly alertsQueue: IQueue;
  readonly alertsDeadLetterQueue: IQueue;
  /** Messages the topic could not deliver to the alerts queue. */
  readonly alertsDeliveryDeadLetterQueue: IQueue;
  /** Where the dead-letter alarms go; the stateless stack sends its own alarms here too. Subscribe a pager to it. */
  readonly opsTopic: ITopic;
  /** How long a week of evidence is kept after it ends; the processor sets `expiresAt` from it. */
  readonly eventRetention: Duration;
}
