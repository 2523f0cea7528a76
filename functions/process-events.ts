import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { DynamoAlertStore } from '../shared/adapters/dynamodb/dynamo-alert-store.js';
import { DynamoEvidenceStore } from '../shared/adapters/dynamodb/dynamo-evidence-store.js';
import { DynamoInfrastructureIndex } from '../shared/adapters/dynamodb/dynamo-infrastructure-index.js';
import { DynamoProfileStore } from '../shared/adapters/dynamodb/dynamo-profile-store.js';
import { SnsAlertPublisher } from '../shared/adapters/messaging/sns-alert-publisher.js';
import { SqsDeadLetterQueue } from '../shared/adapters/messaging/sqs-dead-letter-queue.js';
import { processorEnvironment, readEnvironment } from '../shared/config/environment.js';
import type { PipelineDependencies } from '../shared/pipeline/dependencies.js';
import { logger, metrics } from '../shared/pipeline/observability.js';
import { batchGatherer } from '../shared/pipeline/processor.js';
import {
  capacityMeter,
  documentClient,
  lazyLocator,
  networkPolicyFrom,
  snsClient,
  sqsClient,
} from '../shared/pipeline/wiring.js';

// The ingest queue's consumer. Partial batch failures: only the messages that failed come back.
const env = readEnvironment(processorEnvironment);
const dynamo = documentClient(env);
const deps: PipelineDependencies = {
  evidence: new DynamoEvidenceStore(dynamo, env.DAYLIGHT_EVIDENCE_TABLE, capacityMeter),
  profiles: new DynamoProfileStore(dynamo, env.DAYLIGHT_PROFILES_TABLE, capacityMeter),
  alerts: new DynamoAlertStore(dynamo, env.DAYLIGHT_ALERTS_TABLE, capacityMeter),
  infrastructure: new DynamoInfrastructureIndex(dynamo, env.DAYLIGHT_PROFILES_TABLE, capacityMeter),
  publisher: new SnsAlertPublisher(snsClient(env), env.DAYLIGHT_ALERTS_TOPIC_ARN),
  locator: lazyLocator(),
  networkPolicy: networkPolicyFrom(env.DAYLIGHT_NETWORK_POLICY),
  retentionDays: env.DAYLIGHT_EVENT_RETENTION_DAYS,
  now: Date.now,
};

const deadLetters = new SqsDeadLetterQueue(sqsClient(env), env.DAYLIGHT_INGEST_DEAD_LETTER_QUEUE_URL);
const processor = new BatchProcessor(EventType.SQS);

export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  logger.addContext(context);
  const lastTry = {
    maxReceiveCount: env.DAYLIGHT_MAX_RECEIVE_COUNT,
    park: async (record: { messageId: string; body: string }, reason: string) => {
      const source = event.Records.find((r) => r.messageId === record.messageId);
      await deadLetters.park(record.body, {
        reason,
        failedAt: new Date().toISOString(),
        receiveCount: Number(source?.attributes.ApproximateReceiveCount ?? 0),
        sourceQueue: source?.eventSourceARN ?? 'unknown',
      });
      logger.warn('message dead-lettered', { messageId: record.messageId, reason });
    },
  };
  const batch = batchGatherer(event.Records.length, deps, lastTry);
  const response = await processPartialResponse(
    event,
    (record: SQSRecord) =>
      batch.handle({
        messageId: record.messageId,
        body: record.body,
        receiveCount: Number(record.attributes.ApproximateReceiveCount),
      }),
    processor,
    { context, throwOnFullBatchFailure: false },
  );
  const outcome = await batch.outcome;
  for (const failure of outcome.failures) logger.warn('message failed', failure);
  if (outcome.invalidEvents > 0)
    logger.warn('events failed the contract on re-check', { count: outcome.invalidEvents });
  metrics.addMetric('Contractors', MetricUnit.Count, outcome.contractors);
  metrics.addMetric('WeeksWritten', MetricUnit.Count, outcome.weeksWritten);
  metrics.addMetric('AlertsPublished', MetricUnit.Count, outcome.alertsPublished);
  metrics.addMetric('MessagesFailed', MetricUnit.Count, outcome.failedMessageIds.length);
  metrics.publishStoredMetrics();
  return response;
}
