import type { EvidenceSnapshot } from '../domain/evidence/evidence-snapshot.js';
import type { Claim } from '../schema/claims.js';

/** One stored week of a contractor's evidence, with the version its next write must name. */
export interface StoredWeek {
  week: string;
  snapshot: EvidenceSnapshot;
  version: number;
}

/** A contractor's claims, one record per source. */
export interface StoredClaims {
  claims: Claim[];
  version: number;
}

export interface StoredContractor {
  weeks: StoredWeek[];
  claims: StoredClaims | null;
  /** Items of the partition that could not be read (left out, never a reason to fail the whole contractor). */
  unreadable: number;
}

/**
 * Where a contractor's evidence (one item per UTC week, expired after the retention window) and claims are kept.
 * Writes are conditional on the version read (`null`: the item must not exist yet) and throw
 * `VersionConflictError` when another writer got there first; nothing here needs transactions.
 */
export abstract class EvidenceStore {
  abstract getWeek(contractorId: string, week: string): Promise<StoredWeek | null>;
  /** Writes a week; returns its new version. `expiresAt` in epoch seconds. */
  abstract putWeek(
    contractorId: string,
    week: string,
    snapshot: EvidenceSnapshot,
    expectedVersion: number | null,
    expiresAt: number,
  ): Promise<number>;
  /** Every stored week and the claims, read consistently. */
  abstract loadContractor(contractorId: string): Promise<StoredContractor>;
  abstract putClaims(contractorId: string, claims: Claim[], expectedVersion: number | null): Promise<number>;
  /** Erases every week and the claims of a contractor; returns how many items went. */
  abstract deleteContractor(contractorId: string): Promise<number>;
}
