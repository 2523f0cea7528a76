import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { SqsEventQueue } from '../shared/adapters/messaging/sqs-event-queue.js';
import { readEnvironment } from '../shared/config/environment.js';
import { ingestEvents } from '../shared/pipeline/ingest.js';
import { FUNCTIONS } from './catalog.js';
import { sqsClient } from './runtime/aws-clients.js';
import { apiHandler, eventsBody, json } from './runtime/http.js';
import { metrics } from './runtime/observability.js';

// POST /v1/events: validate a batch, queue the valid events, answer 202 with every rejection.
const env = readEnvironment(FUNCTIONS['ingest-events'].environment);
const queue = new SqsEventQueue(sqsClient(env), env.DAYLIGHT_INGEST_QUEUE_URL);

export const handler = apiHandler(async (event) => {
  try {
    const result = await ingestEvents(eventsBody(event), queue, Date.now());
    metrics.addMetric('EventsAccepted', MetricUnit.Count, result.accepted);
    metrics.addMetric('EventsRejected', MetricUnit.Count, result.rejected);
    return json(202, result);
  } finally {
    metrics.publishStoredMetrics();
  }
});
