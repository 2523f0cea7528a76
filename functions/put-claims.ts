import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DynamoEvidenceStore } from '../shared/adapters/dynamodb/dynamo-evidence-store.js';
import { SqsEventQueue } from '../shared/adapters/messaging/sqs-event-queue.js';
import { claimsEnvironment, readEnvironment } from '../shared/config/environment.js';
import { putClaim } from '../shared/pipeline/contractors.js';
import { errorResponse, json, jsonBody, pathParameter } from '../shared/pipeline/http.js';
import { logger } from '../shared/pipeline/observability.js';
import { capacityMeter, documentClient, sqsClient } from '../shared/pipeline/wiring.js';

// PUT /v1/contractors/{id}/claims: one claim record per source; the processor reassesses after it.
const env = readEnvironment(claimsEnvironment);
const deps = {
  evidence: new DynamoEvidenceStore(documentClient(env), env.DAYLIGHT_EVIDENCE_TABLE, capacityMeter),
  queue: new SqsEventQueue(sqsClient(env), env.DAYLIGHT_INGEST_QUEUE_URL),
};

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    return json(200, await putClaim(pathParameter(event, 'id'), jsonBody(event), deps));
  } catch (error) {
    return errorResponse(error, event.requestContext.requestId, (m, e) => logger.error(m, e as Error));
  }
}
