import type { SNSClient } from '@aws-sdk/client-sns';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CapacityMeter } from '../../shared/adapters/dynamodb/capacity-meter.js';
import { DynamoAlertStore } from '../../shared/adapters/dynamodb/dynamo-alert-store.js';
import { DynamoEvidenceStore } from '../../shared/adapters/dynamodb/dynamo-evidence-store.js';
import { DynamoInfrastructureIndex } from '../../shared/adapters/dynamodb/dynamo-infrastructure-index.js';
import { DynamoProfileStore } from '../../shared/adapters/dynamodb/dynamo-profile-store.js';
import { SnsAlertPublisher } from '../../shared/adapters/messaging/sns-alert-publisher.js';
import type { IpLocator } from '../../shared/domain/geography/ip-location.js';
import type { PipelineDependencies } from '../../shared/pipeline/dependencies.js';
import type { AlertStore } from '../../shared/ports/alert-store.js';
import type { EvidenceStore } from '../../shared/ports/evidence-store.js';
import type { InfrastructureIndex } from '../../shared/ports/infrastructure-index.js';
import type { ProfileStore } from '../../shared/ports/profile-store.js';
import type { NetworkPolicy } from '../../shared/schema/network-policy.js';

/**
 * The composition root: the real adapter behind each port, built from the names a function's environment gives,
 * over the clients of aws-clients.ts. The handlers, the pipeline's integration tests and the benchmarks all wire
 * the pipeline here, so they run the same stores the same way. One builder per port, so that a function bundles
 * only the stores it builds.
 */

/**
 * Where each store's consumed capacity is counted (the benchmarks price a run by it); the infrastructure index
 * shares the profiles table. A function counts nothing: DynamoDB's own metrics do.
 */
export interface TableMeters {
  evidence: CapacityMeter;
  profiles: CapacityMeter;
  infrastructure: CapacityMeter;
  alerts: CapacityMeter;
}

export function evidenceStore(
  dynamodb: DynamoDBDocumentClient,
  env: { DAYLIGHT_EVIDENCE_TABLE: string },
  meter?: CapacityMeter,
): EvidenceStore {
  return new DynamoEvidenceStore(dynamodb, env.DAYLIGHT_EVIDENCE_TABLE, meter);
}

export function profileStore(
  dynamodb: DynamoDBDocumentClient,
  env: { DAYLIGHT_PROFILES_TABLE: string },
  meter?: CapacityMeter,
): ProfileStore {
  return new DynamoProfileStore(dynamodb, env.DAYLIGHT_PROFILES_TABLE, meter);
}

/** Who used each device id and home address: items of their own in the profiles table. */
export function infrastructureIndex(
  dynamodb: DynamoDBDocumentClient,
  env: { DAYLIGHT_PROFILES_TABLE: string },
  meter?: CapacityMeter,
): InfrastructureIndex {
  return new DynamoInfrastructureIndex(dynamodb, env.DAYLIGHT_PROFILES_TABLE, meter);
}

export function alertStore(
  dynamodb: DynamoDBDocumentClient,
  env: { DAYLIGHT_ALERTS_TABLE: string },
  meter?: CapacityMeter,
): AlertStore {
  return new DynamoAlertStore(dynamodb, env.DAYLIGHT_ALERTS_TABLE, meter);
}

/** What the whole pipeline (the processor) is wired from, besides its clients and names. */
export interface PipelineSettings {
  locator: () => IpLocator;
  networkPolicy?: NetworkPolicy | undefined;
  /** How long a week of evidence is kept after it ends. */
  retentionDays: number;
  now: () => number;
  meters?: TableMeters;
}

/** Every port of the pipeline: the three tables (and the index in profiles) and the alerts topic. */
export function pipelineDependencies(
  clients: { dynamodb: DynamoDBDocumentClient; sns: SNSClient },
  env: {
    DAYLIGHT_EVIDENCE_TABLE: string;
    DAYLIGHT_PROFILES_TABLE: string;
    DAYLIGHT_ALERTS_TABLE: string;
    DAYLIGHT_ALERTS_TOPIC_ARN: string;
  },
  settings: PipelineSettings,
): PipelineDependencies {
  const { dynamodb, sns } = clients;
  const { networkPolicy, meters, ...rest } = settings;
  return {
    evidence: evidenceStore(dynamodb, env, meters?.evidence),
    profiles: profileStore(dynamodb, env, meters?.profiles),
    alerts: alertStore(dynamodb, env, meters?.alerts),
    infrastructure: infrastructureIndex(dynamodb, env, meters?.infrastructure),
    publisher: new SnsAlertPublisher(sns, env.DAYLIGHT_ALERTS_TOPIC_ARN),
    ...(networkPolicy === undefined ? {} : { networkPolicy }),
    ...rest,
  };
}
