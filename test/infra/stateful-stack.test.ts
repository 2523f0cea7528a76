import { readFileSync } from 'node:fs';
import { App, type CfnResource, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { addComplianceChecks } from '../../infra/compliance.js';
import {
  INGEST_VISIBILITY_TIMEOUT_SECONDS,
  MAX_RECEIVE_COUNT,
  PROCESSOR_MAX_BATCHING_WINDOW_SECONDS,
  PROCESSOR_TIMEOUT_SECONDS,
} from '../../infra/queue-sizing.js';
import { STATEFUL_RESOURCE_TYPES } from '../../infra/removal-policy.js';
import { StatefulStack } from '../../infra/stateful-stack.js';

// Prepare (once): both stages in one app with the same feature flags `cdk synth` uses, synthesized
// once; every Template below reads that single cloud assembly.
const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};
const app = new App({ context: cdkJson.context });
const packs = addComplianceChecks(app);
const dev = new StatefulStack(app, 'Dev', { stage: 'dev' });
const prod = new StatefulStack(app, 'Prod', { stage: 'prod', alertSubscriberAccounts: ['111122223333'] });
const template = Template.fromStack(dev);
const prodTemplate = Template.fromStack(prod);

function ref(stack: Stack, construct: { node: { defaultChild?: unknown } }): { Ref: string } {
  return { Ref: stack.getLogicalId(construct.node.defaultChild as CfnResource) };
}
function arnOf(stack: Stack, construct: { node: { defaultChild?: unknown } }): { 'Fn::GetAtt': string[] } {
  return { 'Fn::GetAtt': [stack.getLogicalId(construct.node.defaultChild as CfnResource), 'Arn'] };
}
const dataKeyArn = arnOf(dev, dev.key);

describe('StatefulStack tables', () => {
  it('encrypts every table with the customer key, on demand, with point-in-time recovery', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 3);
    template.allResourcesProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: dataKeyArn },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('keys evidence by contractor and week, and lets DynamoDB expire a week through expiresAt', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'contractorId', KeyType: 'HASH' },
        { AttributeName: 'week', KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('keys profiles by contractor and alert state by contractor and finding code', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'contractorId', KeyType: 'HASH' }],
    });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'contractorId', KeyType: 'HASH' },
        { AttributeName: 'code', KeyType: 'RANGE' },
      ],
    });
  });

  it('protects tables from deletion in prod and not in other stages by default', () => {
    prodTemplate.allResourcesProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: true });
    template.allResourcesProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: false });
  });
});

describe('StatefulStack key', () => {
  it('rotates the customer key', () => {
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('lets SNS use the key only when delivering from the alerts topic', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });
});

describe('StatefulStack key for logs and alarms', () => {
  it('lets CloudWatch Logs use the key only for log groups under the Daylight prefix of the stage', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowCloudWatchLogsForDaylightLogGroups',
            Condition: {
              ArnLike: {
                'kms:EncryptionContext:aws:logs:arn': Match.objectLike({
                  'Fn::Join': ['', Match.arrayWith([':log-group:/daylight/dev/*'])],
                }),
              },
            },
          }),
        ]),
      },
    });
  });

  it('lets CloudWatch alarms of this account publish to the encrypted ops topic', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
            Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }),
          }),
        ]),
      },
    });
  });
});

describe('StatefulStack queues', () => {
  it('encrypts every queue with the customer key', () => {
    template.resourceCountIs('AWS::SQS::Queue', 5);
    template.allResourcesProperties('AWS::SQS::Queue', { KmsMasterKeyId: dataKeyArn });
  });

  it('denies every queue request that does not use TLS', () => {
    template.resourceCountIs('AWS::SQS::QueuePolicy', 5);
    template.allResourcesProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('moves a message to its dead-letter queue after three receives', () => {
    expect(MAX_RECEIVE_COUNT).toBe(3);
    for (const deadLetterQueue of [dev.ingestDeadLetterQueue, dev.alertsDeadLetterQueue]) {
      template.hasResourceProperties('AWS::SQS::Queue', {
        RedrivePolicy: { deadLetterTargetArn: arnOf(dev, deadLetterQueue), maxReceiveCount: 3 },
      });
    }
  });

  it('hides an ingest message from other consumers for six processor timeouts plus the batching window', () => {
    expect(INGEST_VISIBILITY_TIMEOUT_SECONDS).toBeGreaterThanOrEqual(
      6 * PROCESSOR_TIMEOUT_SECONDS + PROCESSOR_MAX_BATCHING_WINDOW_SECONDS,
    );
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: Match.objectLike({ deadLetterTargetArn: arnOf(dev, dev.ingestDeadLetterQueue) }),
      VisibilityTimeout: INGEST_VISIBILITY_TIMEOUT_SECONDS,
    });
  });
});

describe('StatefulStack alerts topic', () => {
  it('encrypts the topic with the customer key and refuses publishing without TLS', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: dataKeyArn });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('delivers alerts raw to the alerts queue and keeps undeliverable ones', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      TopicArn: ref(dev, dev.alertsTopic),
      Endpoint: arnOf(dev, dev.alertsQueue),
      RawMessageDelivery: true,
      RedrivePolicy: { deadLetterTargetArn: arnOf(dev, dev.alertsDeliveryDeadLetterQueue) },
    });
  });
});

describe('StatefulStack dead-letter alarms', () => {
  it('notifies the encrypted ops topic as soon as one message is dead-lettered', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'daylight-dev-ops',
      KmsMasterKeyId: dataKeyArn,
    });
    expect(dev.deadLetterAlarms).toHaveLength(3);
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(3);
    for (const alarm of alarms) {
      expect(alarm.Properties).toMatchObject({ Threshold: 1, AlarmActions: [ref(dev, dev.opsTopic)] });
    }
  });
});

describe('StatefulStack alert subscribers', () => {
  it("lets a security team's account subscribe SQS queues to the alerts topic, and nothing more", () => {
    prodTemplate.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'AllowSubscriberAccountsToSubscribeQueues',
            Effect: 'Allow',
            Principal: { AWS: { 'Fn::Join': ['', Match.arrayWith([':iam::111122223333:root'])] } },
            Action: 'sns:Subscribe',
            Resource: ref(prod, prod.alertsTopic),
            Condition: { StringEquals: { 'sns:Protocol': 'sqs' } },
          },
        ]),
      },
    });
  });

  it('lets no other account subscribe by default', () => {
    for (const policy of Object.values(template.findResources('AWS::SNS::TopicPolicy'))) {
      const statements = policy.Properties.PolicyDocument.Statement as { Action: string }[];
      expect(statements.map((statement) => statement.Action)).not.toContain('sns:Subscribe');
    }
  });
});

describe('StatefulStack retention', () => {
  it('retains every data store in prod and destroys it in any other stage', () => {
    for (const type of STATEFUL_RESOURCE_TYPES) {
      for (const [stackTemplate, policy] of [
        [prodTemplate, 'Retain'],
        [template, 'Delete'],
      ] as const) {
        const resources = Object.values(stackTemplate.findResources(type));
        expect(resources.length, type).toBeGreaterThan(0);
        for (const resource of resources) {
          expect(resource, type).toMatchObject({ DeletionPolicy: policy, UpdateReplacePolicy: policy });
        }
      }
    }
  });

  it('publishes every store as an output for the stateless stack and operators', () => {
    const outputs = Object.keys(template.findOutputs('*'));
    expect(outputs).toEqual(
      expect.arrayContaining([
        'DataKeyArn',
        'EvidenceTableName',
        'ProfilesTableName',
        'AlertsTableName',
        'IngestQueueUrl',
        'IngestDeadLetterQueueUrl',
        'AlertsTopicArn',
        'AlertsQueueUrl',
        'AlertsDeadLetterQueueUrl',
        'AlertsDeliveryDeadLetterQueueUrl',
        'OpsTopicArn',
        'EventRetentionDays',
      ]),
    );
  });
});

describe('StatefulStack compliance', () => {
  it('passes the cdk-nag AwsSolutions and Serverless checks without a single error or warning', () => {
    for (const pack of [packs.awsSolutions, packs.serverless]) {
      const report = pack.validateScope(app);
      expect(report.violations.map((violation) => `${violation.severity} ${violation.ruleName}`)).toEqual([]);
    }
  });

  it('would report a queue without a dead-letter queue or TLS, so the clean result means something', () => {
    // Prepare
    const scratch = new App();
    new Queue(new Stack(scratch, 'Scratch'), 'Plain');
    // Act
    const report = new AwsSolutionsChecks().validateScope(scratch);
    // Assess
    expect(report.violations.map((violation) => violation.ruleName)).toEqual(
      expect.arrayContaining(['AwsSolutions-SQS3', 'AwsSolutions-SQS4']),
    );
    expect(
      new ServerlessChecks().validateScope(scratch).violations.map((violation) => violation.ruleName),
    ).toEqual(expect.arrayContaining(['Serverless-SQSRedrivePolicy']));
  });
});
