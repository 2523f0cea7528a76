import { readEnvironment } from '../shared/config/environment.js';
import { listContractors } from '../shared/pipeline/contractors.js';
import { FUNCTIONS } from './catalog.js';
import { documentClient } from './runtime/aws-clients.js';
import { apiHandler, json } from './runtime/http.js';
import { profileStore } from './runtime/services.js';

// GET /v1/contractors?minRisk=&limit=&cursor=: profile summaries, a page at a time.
const env = readEnvironment(FUNCTIONS['list-contractors'].environment);
const deps = { profiles: profileStore(documentClient(env), env) };

export const handler = apiHandler(async (event) =>
  json(200, await listContractors(event.queryStringParameters ?? {}, deps)),
);
