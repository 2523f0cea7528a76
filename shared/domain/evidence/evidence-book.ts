import type { TelemetryEvent } from '../../schema/events.js';
import { ContractorEvidence } from './contractor-evidence.js';

/** The evidence of every contractor seen in a run; memory grows with contractors, not with events. */
export class EvidenceBook {
  private readonly byContractor = new Map<string, ContractorEvidence>();

  add(event: TelemetryEvent): void {
    this.of(event.contractorId).add(event);
  }

  get(contractorId: string): ContractorEvidence | undefined {
    return this.byContractor.get(contractorId);
  }

  /** Evidence for a contractor, empty if none was seen (claims alone still make a report). */
  getOrEmpty(contractorId: string): ContractorEvidence {
    return this.byContractor.get(contractorId) ?? new ContractorEvidence(contractorId);
  }

  contractorIds(): string[] {
    return [...this.byContractor.keys()];
  }

  /** The evidence of one contractor, created on first sight. */
  of(contractorId: string): ContractorEvidence {
    let evidence = this.byContractor.get(contractorId);
    if (evidence === undefined) {
      evidence = new ContractorEvidence(contractorId);
      this.byContractor.set(contractorId, evidence);
    }
    return evidence;
  }

  /**
   * Distinct events across contractors, and whether that count is exact: it is while every contractor has fewer
   * distinct events than their sample holds; beyond that it is an estimate (within a few per cent).
   */
  distinctEvents(): { count: number; exact: boolean } {
    let count = 0;
    let exact = true;
    for (const e of this.byContractor.values()) {
      const c = e.eventCounts();
      count += c.total;
      exact &&= c.exact;
    }
    return { count, exact };
  }
}
