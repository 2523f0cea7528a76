import type { FindingCode, Severity } from '../domain/report.js';

/** What was last alerted for one finding code of one contractor. */
export interface AlertState {
  contractorId: string;
  code: FindingCode;
  severity: Severity;
  alertId: string;
  /** `pending` between recording the alert and the topic accepting it: a retry publishes it again, same id. */
  status: 'pending' | 'sent';
  alertedAt: string;
  version: number;
}

export abstract class AlertStore {
  abstract list(contractorId: string): Promise<AlertState[]>;
  /** Conditional on `expectedVersion` (`null`: must not exist); throws `VersionConflictError`. */
  /** Erases every alert state of the contractor; returns how many went. */
  abstract deleteAll(contractorId: string): Promise<number>;
  abstract put(state: Omit<AlertState, 'version'>, expectedVersion: number | null): Promise<number>;
}
