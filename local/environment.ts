import type { DeploymentEnvironment } from '../functions/catalog.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION, type LocalEndpoints } from './aws-clients.js';
import { LOCAL_MAX_RECEIVE_COUNT, type LocalResources } from './resources.js';

/**
 * What the stateless stack sets on AWS, for the embedded servers and the local resources: every variable any
 * function of the catalog asks for (the compiler checks none is forgotten), the local endpoints, and credentials
 * the embedded servers accept (any signature will do; a developer's real ones stay out of play).
 */
export function localEnvironment(
  endpoints: LocalEndpoints,
  resources: LocalResources,
  networkPolicy?: string,
): DeploymentEnvironment & Record<string, string> {
  return {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    DAYLIGHT_DYNAMODB_ENDPOINT: endpoints.dynamodb,
    DAYLIGHT_SQS_ENDPOINT: endpoints.sqs,
    DAYLIGHT_SNS_ENDPOINT: endpoints.sns,
    DAYLIGHT_EVIDENCE_TABLE: resources.tables.evidence,
    DAYLIGHT_PROFILES_TABLE: resources.tables.profiles,
    DAYLIGHT_ALERTS_TABLE: resources.tables.alerts,
    DAYLIGHT_ALERTS_TOPIC_ARN: resources.alertsTopicArn,
    DAYLIGHT_INGEST_QUEUE_URL: resources.queues.ingest.url,
    DAYLIGHT_INGEST_DEAD_LETTER_QUEUE_URL: resources.queues.ingestDeadLetter.url,
    DAYLIGHT_MAX_RECEIVE_COUNT: String(LOCAL_MAX_RECEIVE_COUNT),
    // The longest retention the contract allows, so the bundled (past) example weeks are not already expired.
    DAYLIGHT_EVENT_RETENTION_DAYS: '3650',
    ...(networkPolicy === undefined ? {} : { DAYLIGHT_NETWORK_POLICY: networkPolicy }),
  };
}
