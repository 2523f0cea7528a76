import type { TelemetryEvent } from '../../schema/events.js';
import { ContractorEvidence } from './contractor-evidence.js';

/** The evidence of every contractor seen in a run; memory grows with contractors, not with events. */
export class EvidenceBook {
  private readonly byContractor = new Map<string, ContractorEvidence>();

  add(event: TelemetryEvent): void {
    let evidence = this.byContractor.get(event.contractorId);
    if (evidence === undefined) {
      evidence = new ContractorEvidence(event.contractorId);
      this.byContractor.set(event.contractorId, evidence);
    }
    evidence.add(event);
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

  /** Distinct events kept across contractors (estimates above a contractor's sample size). */
  distinctEvents(): number {
    let n = 0;
    for (const e of this.byContractor.values()) n += e.eventCounts().total;
    return n;
  }
}
