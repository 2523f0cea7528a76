import { readEnvironment } from '../shared/config/environment.js';
import { deleteContractor } from '../shared/pipeline/contractors.js';
import { FUNCTIONS } from './catalog.js';
import { documentClient } from './runtime/aws-clients.js';
import { apiHandler, contractorIdParameter, json } from './runtime/http.js';
import { alertStore, evidenceStore, infrastructureIndex, profileStore } from './runtime/services.js';

// DELETE /v1/contractors/{id}: a privacy request; everything stored about the contractor goes.
const env = readEnvironment(FUNCTIONS['delete-contractor'].environment);
const dynamodb = documentClient(env);
const deps = {
  evidence: evidenceStore(dynamodb, env),
  profiles: profileStore(dynamodb, env),
  alerts: alertStore(dynamodb, env),
  infrastructure: infrastructureIndex(dynamodb, env),
};

export const handler = apiHandler(async (event) =>
  json(200, await deleteContractor(contractorIdParameter(event), deps)),
);
