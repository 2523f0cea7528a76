import type { FindingCode, RiskLevel, Severity } from '../domain/report.js';

/** What the contractor list shows and filters on: the latest assessment, small enough for one write unit. */
export interface ProfileSummary {
  contractorId: string;
  riskScore: number;
  riskLevel: RiskLevel;
  findings: { code: FindingCode; severity: Severity }[];
  utcOffsetMinutes: number | null;
  confidence: number;
  events: number;
  /** Sum of the versions of the evidence it was computed from: a summary never replaces a newer one. */
  evidenceVersion: number;
  assessedAt: string;
}

export interface StoredProfile {
  summary: ProfileSummary;
  version: number;
}

export interface ProfilePage {
  profiles: ProfileSummary[];
  /** Opaque; absent on the last page. */
  cursor?: string;
}

export abstract class ProfileStore {
  abstract get(contractorId: string): Promise<StoredProfile | null>;
  /** Conditional on the version read (`null`: must not exist); throws `VersionConflictError`. */
  abstract put(summary: ProfileSummary, expectedVersion: number | null): Promise<number>;
  /** Profiles at or above a risk level, a page at a time. Throws `InvalidCursorError` for a cursor it did not make. */
  /** Erases the contractor's profile; true when there was one. */
  abstract delete(contractorId: string): Promise<boolean>;
  abstract list(query: { minRisk: RiskLevel; limit: number; cursor?: string }): Promise<ProfilePage>;
}

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}
