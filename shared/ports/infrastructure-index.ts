import type { InfrastructureKey } from '../domain/infrastructure-keys.js';

/**
 * Who used each device id and home address: the index that makes SHARED_INFRASTRUCTURE a lookup per contractor
 * rather than a scan of everyone. Adding a contractor twice changes nothing.
 */
export abstract class InfrastructureIndex {
  /** The contractors recorded under each key, by `kind:value` (keys never recorded are absent). */
  abstract contractorsOf(keys: readonly InfrastructureKey[]): Promise<Map<string, Set<string>>>;
  abstract record(keys: readonly InfrastructureKey[], contractorId: string): Promise<void>;
  /** Removes the contractor from each key (a privacy request). */
  abstract forget(keys: readonly InfrastructureKey[], contractorId: string): Promise<void>;
}

export function keyName(key: InfrastructureKey): string {
  return `${key.kind}:${key.value}`;
}
