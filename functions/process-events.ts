import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { SqsDeadLetterQueue } from '../shared/adapters/messaging/sqs-dead-letter-queue.js';
import { readEnvironment } from '../shared/config/environment.js';
import { type LastTry, processDelivery } from '../shared/pipeline/processor.js';
import { FUNCTIONS } from './catalog.js';
import { documentClient, snsClient, sqsClient } from './runtime/aws-clients.js';
import { lazyLocator, networkPolicyFrom } from './runtime/locations.js';
import { logger, metrics } from './runtime/observability.js';
import { pipelineDependencies } from './runtime/services.js';

// The ingest queue's consumer. Partial batch failures: only the messages that failed come back.
const env = readEnvironment(FUNCTIONS['process-events'].environment);
const deps = pipelineDependencies({ dynamodb: documentClient(env), sns: snsClient(env) }, env, {
  locator: lazyLocator(),
  networkPolicy: networkPolicyFrom(env.DAYLIGHT_NETWORK_POLICY),
  retentionDays: env.DAYLIGHT_EVENT_RETENTION_DAYS,
  now: Date.now,
});
const deadLetters = new SqsDeadLetterQueue(sqsClient(env), env.DAYLIGHT_INGEST_DEAD_LETTER_QUEUE_URL);

export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  logger.addContext(context);
  const records = event.Records.map((record) => ({
    messageId: record.messageId,
    body: record.body,
    receiveCount: Number(record.attributes.ApproximateReceiveCount),
  }));
  const lastTry: LastTry = {
    maxReceiveCount: env.DAYLIGHT_MAX_RECEIVE_COUNT,
    park: async (record, { reason, contractorId }) => {
      const source = event.Records.find((r) => r.messageId === record.messageId);
      await deadLetters.park(record.body, {
        reason,
        failedAt: new Date().toISOString(),
        receiveCount: Number(source?.attributes.ApproximateReceiveCount ?? 0),
        sourceQueue: source?.eventSourceARN ?? 'unknown',
        ...(contractorId === undefined ? {} : { contractorId }),
      });
      logger.warn('message dead-lettered', { messageId: record.messageId, reason });
    },
  };
  const { outcome, retry } = await processDelivery(records, deps, lastTry);
  // Codes only: a contractor id may be an email address, and logs hold no personal data.
  for (const { messageId, reason } of outcome.failures) logger.warn('message failed', { messageId, reason });
  if (outcome.invalidEvents > 0)
    logger.warn('events failed the contract on re-check', { count: outcome.invalidEvents });
  metrics.addMetric('Contractors', MetricUnit.Count, outcome.contractors);
  metrics.addMetric('WeeksWritten', MetricUnit.Count, outcome.weeksWritten);
  metrics.addMetric('AlertsPublished', MetricUnit.Count, outcome.alertsPublished);
  metrics.addMetric('MessagesFailed', MetricUnit.Count, outcome.failedMessageIds.length);
  metrics.publishStoredMetrics();
  return { batchItemFailures: retry.map((itemIdentifier) => ({ itemIdentifier })) };
}
