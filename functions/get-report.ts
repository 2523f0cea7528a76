import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DynamoEvidenceStore } from '../shared/adapters/dynamodb/dynamo-evidence-store.js';
import { DynamoInfrastructureIndex } from '../shared/adapters/dynamodb/dynamo-infrastructure-index.js';
import { readEnvironment, reportEnvironment } from '../shared/config/environment.js';
import { errorResponse, json, pathParameter } from '../shared/pipeline/http.js';
import { logger } from '../shared/pipeline/observability.js';
import { getReport } from '../shared/pipeline/report.js';
import { capacityMeter, documentClient, lazyLocator, networkPolicyFrom } from '../shared/pipeline/wiring.js';

// GET /v1/contractors/{id}/report: the report contract, built from the stored evidence and claims.
const env = readEnvironment(reportEnvironment);
const dynamo = documentClient(env);
const deps = {
  evidence: new DynamoEvidenceStore(dynamo, env.DAYLIGHT_EVIDENCE_TABLE, capacityMeter),
  infrastructure: new DynamoInfrastructureIndex(dynamo, env.DAYLIGHT_PROFILES_TABLE, capacityMeter),
  locator: lazyLocator(),
  networkPolicy: networkPolicyFrom(env.DAYLIGHT_NETWORK_POLICY),
};

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    return json(200, await getReport(pathParameter(event, 'id'), deps));
  } catch (error) {
    return errorResponse(error, event.requestContext.requestId, (m, e) => logger.error(m, e as Error));
  }
}
