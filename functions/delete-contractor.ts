import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DynamoAlertStore } from '../shared/adapters/dynamodb/dynamo-alert-store.js';
import { DynamoEvidenceStore } from '../shared/adapters/dynamodb/dynamo-evidence-store.js';
import { DynamoInfrastructureIndex } from '../shared/adapters/dynamodb/dynamo-infrastructure-index.js';
import { DynamoProfileStore } from '../shared/adapters/dynamodb/dynamo-profile-store.js';
import { deleteEnvironment, readEnvironment } from '../shared/config/environment.js';
import { deleteContractor } from '../shared/pipeline/contractors.js';
import { errorResponse, json, pathParameter } from '../shared/pipeline/http.js';
import { logger } from '../shared/pipeline/observability.js';
import { capacityMeter, documentClient } from '../shared/pipeline/wiring.js';

// DELETE /v1/contractors/{id}: a privacy request; everything stored about the contractor goes.
const env = readEnvironment(deleteEnvironment);
const dynamo = documentClient(env);
const deps = {
  evidence: new DynamoEvidenceStore(dynamo, env.DAYLIGHT_EVIDENCE_TABLE, capacityMeter),
  profiles: new DynamoProfileStore(dynamo, env.DAYLIGHT_PROFILES_TABLE, capacityMeter),
  alerts: new DynamoAlertStore(dynamo, env.DAYLIGHT_ALERTS_TABLE, capacityMeter),
  infrastructure: new DynamoInfrastructureIndex(dynamo, env.DAYLIGHT_PROFILES_TABLE, capacityMeter),
};

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    return json(200, await deleteContractor(pathParameter(event, 'id'), deps));
  } catch (error) {
    return errorResponse(error, event.requestContext.requestId, (m, e) => logger.error(m, e as Error));
  }
}
