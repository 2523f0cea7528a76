import { readEnvironment } from '../shared/config/environment.js';
import { getReport } from '../shared/pipeline/report.js';
import { FUNCTIONS } from './catalog.js';
import { documentClient } from './runtime/aws-clients.js';
import { apiHandler, contractorIdParameter, json } from './runtime/http.js';
import { lazyLocator, networkPolicyFrom } from './runtime/locations.js';
import { evidenceStore, infrastructureIndex } from './runtime/services.js';

// GET /v1/contractors/{id}/report: the report contract, built from the stored evidence and claims.
const env = readEnvironment(FUNCTIONS['get-report'].environment);
const dynamodb = documentClient(env);
const deps = {
  evidence: evidenceStore(dynamodb, env),
  infrastructure: infrastructureIndex(dynamodb, env),
  locator: lazyLocator(),
  networkPolicy: networkPolicyFrom(env.DAYLIGHT_NETWORK_POLICY),
};

export const handler = apiHandler(async (event) =>
  json(200, await getReport(contractorIdParameter(event), deps)),
);
