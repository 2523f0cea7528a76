/**
 * Dummy values for every variable the functions' contracts ask for, with local endpoints (nothing is called at
 * import time). Derived from shared/config/environment.ts by the variables' names, then checked against every
 * contract, so a variable added there either gets a value here or fails the benchmark naming it.
 */
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import * as contracts from '../shared/config/environment.js';
import { readEnvironment } from '../shared/config/environment.js';

const ENDPOINT = 'http://127.0.0.1:9';
/** The CDK's value (infra/queue-sizing.ts MAX_RECEIVE_COUNT); any valid count does for an import. */
const RECEIVE_COUNT = '3';
const RETENTION_DAYS = '180';

function dummyValue(name: string, networkPolicy: string): string | undefined {
  const resource = `daylight-bench-${name
    .replace(/^DAYLIGHT_/, '')
    .toLowerCase()
    .replaceAll('_', '-')}`;
  if (name === 'DAYLIGHT_NETWORK_POLICY') return networkPolicy;
  if (name.endsWith('_ENDPOINT')) return ENDPOINT;
  if (name.endsWith('_TABLE')) return resource;
  if (name.endsWith('_QUEUE_URL')) return `${ENDPOINT}/000000000000/${resource}`;
  if (name.endsWith('_TOPIC_ARN')) return `arn:aws:sns:us-east-1:000000000000:${resource}`;
  if (name.endsWith('_COUNT')) return RECEIVE_COUNT;
  if (name.endsWith('_DAYS')) return RETENTION_DAYS;
  return undefined;
}

export function functionEnvironment(geoipDir: string, networkPolicyPath: string): Record<string, string> {
  const schemas = (Object.values(contracts) as unknown[]).filter(
    (v): v is z.ZodObject => v instanceof z.ZodObject,
  );
  const networkPolicy = readFileSync(networkPolicyPath, 'utf8');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'daylight-bench',
    AWS_SECRET_ACCESS_KEY: 'daylight-bench',
    // As infra/daylight-function.ts and infra/geoip-layer.ts set them.
    POWERTOOLS_SERVICE_NAME: 'daylight',
    POWERTOOLS_METRICS_NAMESPACE: 'Daylight',
    DAYLIGHT_GEOIP_DIR: geoipDir,
  };
  for (const name of new Set(schemas.flatMap((s) => Object.keys(s.shape)))) {
    const value = dummyValue(name, networkPolicy);
    if (value === undefined) throw new Error(`bench/pipeline-environment.ts has no dummy value for ${name}`);
    env[name] = value;
  }
  for (const schema of schemas) readEnvironment(schema, env);
  return env;
}
