import { SqsEventQueue } from '../shared/adapters/messaging/sqs-event-queue.js';
import { readEnvironment } from '../shared/config/environment.js';
import { putClaim } from '../shared/pipeline/contractors.js';
import { FUNCTIONS } from './catalog.js';
import { documentClient, sqsClient } from './runtime/aws-clients.js';
import { apiHandler, contractorIdParameter, json, jsonBody } from './runtime/http.js';
import { evidenceStore } from './runtime/services.js';

// PUT /v1/contractors/{id}/claims: one claim record per source; the processor reassesses after it.
const env = readEnvironment(FUNCTIONS['put-claims'].environment);
const deps = {
  evidence: evidenceStore(documentClient(env), env),
  queue: new SqsEventQueue(sqsClient(env), env.DAYLIGHT_INGEST_QUEUE_URL),
};

export const handler = apiHandler(async (event) =>
  json(200, await putClaim(contractorIdParameter(event), jsonBody(event), deps)),
);
