import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DynamoProfileStore } from '../shared/adapters/dynamodb/dynamo-profile-store.js';
import { listEnvironment, readEnvironment } from '../shared/config/environment.js';
import { listContractors } from '../shared/pipeline/contractors.js';
import { errorResponse, json } from '../shared/pipeline/http.js';
import { logger } from '../shared/pipeline/observability.js';
import { capacityMeter, documentClient } from '../shared/pipeline/wiring.js';

// GET /v1/contractors?minRisk=&limit=&cursor=: profile summaries, a page at a time.
const env = readEnvironment(listEnvironment);
const profiles = new DynamoProfileStore(documentClient(env), env.DAYLIGHT_PROFILES_TABLE, capacityMeter);

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    return json(200, await listContractors(event.queryStringParameters ?? {}, { profiles }));
  } catch (error) {
    return errorResponse(error, event.requestContext.requestId, (m, e) => logger.error(m, e as Error));
  }
}
