import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { SqsEventQueue } from '../shared/adapters/messaging/sqs-event-queue.js';
import { ingestEnvironment, readEnvironment } from '../shared/config/environment.js';
import { errorResponse, json, jsonBody } from '../shared/pipeline/http.js';
import { ingestEvents } from '../shared/pipeline/ingest.js';
import { logger, metrics } from '../shared/pipeline/observability.js';
import { sqsClient } from '../shared/pipeline/wiring.js';

// POST /v1/events: validate a batch, queue the valid events, answer 202 with every rejection.
const env = readEnvironment(ingestEnvironment);
const queue = new SqsEventQueue(sqsClient(env), env.DAYLIGHT_INGEST_QUEUE_URL);

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    const result = await ingestEvents(jsonBody(event), queue, Date.now());
    metrics.addMetric('EventsAccepted', MetricUnit.Count, result.accepted);
    metrics.addMetric('EventsRejected', MetricUnit.Count, result.rejected);
    return json(202, result);
  } catch (error) {
    return errorResponse(error, event.requestContext.requestId, (m, e) => logger.error(m, e as Error));
  } finally {
    metrics.publishStoredMetrics();
  }
}
