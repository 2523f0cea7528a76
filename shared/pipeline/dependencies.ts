import type { IpLocator } from '../domain/geography/ip-location.js';
import type { AlertStore } from '../ports/alert-store.js';
import type { EvidenceStore } from '../ports/evidence-store.js';
import type { InfrastructureIndex } from '../ports/infrastructure-index.js';
import type { AlertPublisher } from '../ports/messaging.js';
import type { ProfileStore } from '../ports/profile-store.js';
import type { NetworkPolicy } from '../schema/network-policy.js';

/** Everything the pipeline's services use, behind ports: DynamoDB/SQS/SNS on AWS and locally, memory in tests. */
export interface PipelineDependencies {
  evidence: EvidenceStore;
  profiles: ProfileStore;
  alerts: AlertStore;
  /** Who used each device id and home address, for SHARED_INFRASTRUCTURE. */
  infrastructure: InfrastructureIndex;
  publisher: AlertPublisher;
  /** Opened on first use: the GeoIP databases cost ~100 ms and only assessments need them. */
  locator: () => IpLocator;
  networkPolicy?: NetworkPolicy;
  /** How long a week of evidence is kept after it ends. */
  retentionDays: number;
  now: () => number;
}
