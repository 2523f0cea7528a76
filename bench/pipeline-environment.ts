/**
 * An environment for importing every function bundle (nothing is called at import time): the local stack's,
 * derived from functions/catalog.ts, with endpoints nobody listens on, then checked against every function's
 * contract, so a variable a function asks for either gets a value or fails the benchmark naming it.
 */
import { readFileSync } from 'node:fs';
import { FUNCTION_NAMES, FUNCTIONS } from '../functions/catalog.js';
import { localEnvironment } from '../local/environment.js';
import { readEnvironment } from '../shared/config/environment.js';

const ENDPOINT = 'http://127.0.0.1:9';

export function functionEnvironment(geoipDir: string, networkPolicyPath: string): Record<string, string> {
  const queue = (name: string) => ({
    url: `${ENDPOINT}/000000000000/daylight-bench-${name}`,
    arn: `arn:aws:sqs:us-east-1:000000000000:daylight-bench-${name}`,
  });
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    ...localEnvironment(
      { dynamodb: ENDPOINT, sqs: ENDPOINT, sns: ENDPOINT },
      {
        tables: {
          evidence: 'daylight-bench-evidence',
          profiles: 'daylight-bench-profiles',
          alerts: 'daylight-bench-alerts',
        },
        queues: {
          ingest: queue('ingest'),
          ingestDeadLetter: queue('ingest-dlq'),
          alerts: queue('alerts'),
          alertsDeadLetter: queue('alerts-dlq'),
        },
        alertsTopicArn: 'arn:aws:sns:us-east-1:000000000000:daylight-bench-alerts',
      },
      readFileSync(networkPolicyPath, 'utf8'),
    ),
    // As infra/daylight-function.ts and infra/geoip-layer.ts set them.
    POWERTOOLS_SERVICE_NAME: 'daylight',
    POWERTOOLS_METRICS_NAMESPACE: 'Daylight',
    DAYLIGHT_GEOIP_DIR: geoipDir,
  };
  for (const name of FUNCTION_NAMES) readEnvironment(FUNCTIONS[name].environment, env);
  return env;
}
