import type { AlertState } from '../domain/alerts.js';

/** What was last alerted per contractor and finding code, so an alert goes out once per finding and severity. */
export abstract class AlertStore {
  abstract list(contractorId: string): Promise<AlertState[]>;
  /** Erases every alert state of the contractor; returns how many went. */
  abstract deleteAll(contractorId: string): Promise<number>;
  /** Conditional on `expectedVersion` (`null`: must not exist); throws `VersionConflictError`. */
  abstract put(state: Omit<AlertState, 'version'>, expectedVersion: number | null): Promise<number>;
}
