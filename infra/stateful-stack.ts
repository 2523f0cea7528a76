import { ArnFormat, CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type Attribute, AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { AccountPrincipal, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Subscription, SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ALERTS_TABLE, EVIDENCE_TABLE, PROFILES_TABLE } from '../shared/config/table-keys.js';
import { deadLetterAlarm, encryptedQueue, workQueue } from './encrypted-queue.js';
import { logGroupPrefix, resourceName } from './names.js';
import {
  ALERTS_VISIBILITY_TIMEOUT_SECONDS,
  DEAD_LETTER_RETENTION_DAYS,
  INGEST_RETENTION_DAYS,
  INGEST_VISIBILITY_TIMEOUT_SECONDS,
} from './queue-sizing.js';
import { applyStageRemovalPolicy } from './removal-policy.js';
import { isProduction } from './stage.js';
import type { DaylightStatefulResources } from './stateful-resources.js';

export interface StatefulStackProps extends StackProps {
  /** `prod` retains data when the stack goes; any other stage is disposable. */
  readonly stage: string;
  /** Refuse table deletion through the API. Default: on in production only. */
  readonly deletionProtection?: boolean;
  /** How long a week of evidence is kept after it ends. Default: 180 days, two seasons of working hours. */
  readonly eventRetention?: Duration;
  /**
   * Other AWS accounts (a security team's) allowed to subscribe their own SQS queues to the alerts topic.
   * Default: none; principals of this account subscribe through IAM alone.
   */
  readonly alertSubscriberAccounts?: readonly string[];
}

/** Tables, queues, topic and the key that encrypts them: everything that must survive a redeploy. */
export class StatefulStack extends Stack implements DaylightStatefulResources {
  readonly stage: string;
  readonly key: Key;
  readonly evidenceTable: Table;
  readonly profilesTable: Table;
  readonly alertsTable: Table;
  readonly ingestQueue: Queue;
  readonly ingestDeadLetterQueue: Queue;
  readonly alertsTopic: Topic;
  readonly alertsQueue: Queue;
  readonly alertsDeadLetterQueue: Queue;
  readonly alertsDeliveryDeadLetterQueue: Queue;
  readonly opsTopic: Topic;
  readonly eventRetention: Duration;
  /** One per dead-letter queue; each notifies the ops topic. */
  readonly deadLetterAlarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    const {
      stage,
      deletionProtection: requestedDeletionProtection,
      eventRetention,
      alertSubscriberAccounts = [],
      ...stackProps
    } = props;
    const production = isProduction(stage);
    super(scope, id, {
      ...stackProps,
      terminationProtection: stackProps.terminationProtection ?? production,
    });
    this.stage = stage;
    this.eventRetention = eventRetention ?? Duration.days(180);
    const deletionProtection = requestedDeletionProtection ?? production;

    this.key = new Key(this, 'DataKey', {
      alias: `alias/daylight-${this.stage}`,
      description: `Daylight ${this.stage}: encrypts telemetry tables, queues and the alerts topic`,
      enableKeyRotation: true,
      // A key scheduled for deletion can still be cancelled; production keeps the longest window.
      pendingWindow: Duration.days(production ? 30 : 7),
    });

    const table = (id: string, partitionKey: string, sortKey?: string, timeToLiveAttribute?: string) =>
      new Table(this, id, {
        partitionKey: stringAttribute(partitionKey),
        ...(sortKey === undefined ? {} : { sortKey: stringAttribute(sortKey) }),
        ...(timeToLiveAttribute === undefined ? {} : { timeToLiveAttribute }),
        billingMode: BillingMode.PAY_PER_REQUEST,
        encryption: TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: this.key,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection,
      });
    this.evidenceTable = table(
      'EvidenceTable',
      EVIDENCE_TABLE.partitionKey,
      EVIDENCE_TABLE.sortKey,
      EVIDENCE_TABLE.timeToLiveAttribute,
    );
    this.profilesTable = table('ProfilesTable', PROFILES_TABLE.partitionKey);
    this.alertsTable = table('AlertsTable', ALERTS_TABLE.partitionKey, ALERTS_TABLE.sortKey);

    const ingest = workQueue(this, 'Ingest', {
      key: this.key,
      visibilityTimeoutSeconds: INGEST_VISIBILITY_TIMEOUT_SECONDS,
      retentionDays: INGEST_RETENTION_DAYS,
    });
    this.ingestQueue = ingest.queue;
    this.ingestDeadLetterQueue = ingest.deadLetterQueue;

    const alerts = workQueue(this, 'Alerts', {
      key: this.key,
      visibilityTimeoutSeconds: ALERTS_VISIBILITY_TIMEOUT_SECONDS,
      retentionDays: DEAD_LETTER_RETENTION_DAYS,
    });
    this.alertsQueue = alerts.queue;
    this.alertsDeadLetterQueue = alerts.deadLetterQueue;
    this.alertsDeliveryDeadLetterQueue = encryptedQueue(this, 'AlertsDeliveryDeadLetterQueue', this.key);
    Validations.of(this.alertsDeliveryDeadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is the dead-letter queue of the SNS subscription (alerts topic to alerts queue); ' +
        'cdk-nag only recognises dead-letter queues named in an SQS redrive policy.',
    });

    for (const deadLetterQueue of [
      this.ingestDeadLetterQueue,
      this.alertsDeadLetterQueue,
      this.alertsDeliveryDeadLetterQueue,
    ]) {
      Validations.of(deadLetterQueue).acknowledge({
        id: 'Serverless-SQSRedrivePolicy',
        reason:
          'A dead-letter queue is the end of the line: its messages wait for an operator (the dead-letter alarm ' +
          'pages one) and are redriven by hand; a redrive policy here would only move them to yet another queue.',
      });
    }

    this.alertsTopic = this.subscribeAlertsQueue();
    if (alertSubscriberAccounts.length > 0) {
      // Subscribe only, and only SQS queues: a subscriber cannot publish, read other subscriptions or use email.
      this.alertsTopic.addToResourcePolicy(
        new PolicyStatement({
          sid: 'AllowSubscriberAccountsToSubscribeQueues',
          principals: alertSubscriberAccounts.map((account) => new AccountPrincipal(account)),
          actions: ['sns:Subscribe'],
          resources: [this.alertsTopic.topicArn],
          conditions: { StringEquals: { 'sns:Protocol': 'sqs' } },
        }),
      );
    }
    this.allowKeyUseByLogsAndAlarms();

    this.opsTopic = new Topic(this, 'OpsTopic', {
      topicName: resourceName(this.stage, 'ops'),
      displayName: `Daylight ${this.stage} operations`,
      masterKey: this.key,
      enforceSSL: true,
    });
    // Lives here, not in the stateless stack: the alarms below must not reference a stack that depends on
    // this one, and the pager's subscription should survive redeploying the functions.
    const notifyOps = new SnsAction(this.opsTopic);
    this.deadLetterAlarms = [
      deadLetterAlarm(this, 'IngestDeadLetterAlarm', this.ingestDeadLetterQueue),
      deadLetterAlarm(this, 'AlertsDeadLetterAlarm', this.alertsDeadLetterQueue),
      deadLetterAlarm(this, 'AlertsDeliveryDeadLetterAlarm', this.alertsDeliveryDeadLetterQueue),
    ];
    for (const alarm of this.deadLetterAlarms) alarm.addAlarmAction(notifyOps);

    applyStageRemovalPolicy(this, this.stage);
    this.addOutputs();
  }

  /**
   * Topic → alerts queue, raw delivery so consumers read the alert JSON without the SNS envelope.
   * Wired by hand rather than with `SqsSubscription`: that helper conditions the key policy on the
   * topic's ARN token, and since the topic is encrypted with the same key the template would hold a
   * key ⇄ topic cycle. A fixed topic name gives an ARN that references neither.
   */
  private subscribeAlertsQueue(): Topic {
    const topicName = resourceName(this.stage, 'alerts');
    const topicArn = this.formatArn({ service: 'sns', resource: topicName });
    const topic = new Topic(this, 'AlertsTopic', {
      topicName,
      displayName: `Daylight ${this.stage} alerts`,
      masterKey: this.key,
      enforceSSL: true,
    });
    const sns = new ServicePrincipal('sns.amazonaws.com');
    // SNS writes to the KMS-encrypted queues, so it needs the data key, and only for this topic.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowAlertsTopicToDeliverToEncryptedQueues',
        principals: [sns],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { ArnEquals: { 'aws:SourceArn': topicArn } },
      }),
    );
    this.alertsQueue.addToResourcePolicy(
      new PolicyStatement({
        principals: [sns],
        actions: ['sqs:SendMessage'],
        resources: [this.alertsQueue.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': topic.topicArn } },
      }),
    );
    const subscription = new Subscription(this, 'AlertsQueueSubscription', {
      topic,
      protocol: SubscriptionProtocol.SQS,
      endpoint: this.alertsQueue.queueArn,
      rawMessageDelivery: true,
      // Without it SNS drops a message it cannot deliver (say, a key policy mistake) without trace.
      deadLetterQueue: this.alertsDeliveryDeadLetterQueue,
    });
    // The queue policy must exist before SNS delivers the first message.
    subscription.node.addDependency(this.alertsQueue);
    return topic;
  }

  /**
   * CloudWatch Logs encrypts Daylight's log groups with the data key (only those under the Daylight prefix), and
   * CloudWatch alarms publish to the encrypted ops topic (only alarms of this account). Neither service can use
   * the key otherwise: the default key policy trusts IAM principals of the account, not AWS services.
   */
  private allowKeyUseByLogsAndAlarms(): void {
    const daylightLogGroups = this.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: `${logGroupPrefix(this.stage)}/*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchLogsForDaylightLogGroups',
        principals: [new ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncryptFrom',
          'kms:ReEncryptTo',
          'kms:GenerateDataKey',
          'kms:GenerateDataKeyWithoutPlaintext',
          'kms:DescribeKey',
        ],
        resources: ['*'],
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': daylightLogGroups } },
      }),
    );
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToNotifyEncryptedTopics',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': this.formatArn({ service: 'cloudwatch', resource: 'alarm:*' }) },
        },
      }),
    );
  }

  private addOutputs(): void {
    const outputs: Record<string, string> = {
      DataKeyArn: this.key.keyArn,
      EvidenceTableName: this.evidenceTable.tableName,
      EvidenceTableArn: this.evidenceTable.tableArn,
      ProfilesTableName: this.profilesTable.tableName,
      ProfilesTableArn: this.profilesTable.tableArn,
      AlertsTableName: this.alertsTable.tableName,
      AlertsTableArn: this.alertsTable.tableArn,
      IngestQueueUrl: this.ingestQueue.queueUrl,
      IngestQueueArn: this.ingestQueue.queueArn,
      IngestDeadLetterQueueUrl: this.ingestDeadLetterQueue.queueUrl,
      AlertsTopicArn: this.alertsTopic.topicArn,
      AlertsQueueUrl: this.alertsQueue.queueUrl,
      AlertsQueueArn: this.alertsQueue.queueArn,
      AlertsDeadLetterQueueUrl: this.alertsDeadLetterQueue.queueUrl,
      AlertsDeliveryDeadLetterQueueUrl: this.alertsDeliveryDeadLetterQueue.queueUrl,
      OpsTopicArn: this.opsTopic.topicArn,
      EventRetentionDays: String(this.eventRetention.toDays()),
    };
    for (const [id, value] of Object.entries(outputs)) {
      new CfnOutput(this, id, { value });
    }
  }
}

function stringAttribute(name: string): Attribute {
  return { name, type: AttributeType.STRING };
}
