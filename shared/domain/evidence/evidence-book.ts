import type { TelemetryEvent } from '../../schema/events.js';
import { ContractorEvidence } from './contractor-evidence.js';

export interface PackedEvidence {
  ids: string[];
  rowCounts: Int32Array;
  thresholds: Float64Array;
  hashes: Float64Array;
  values: Float64Array;
}

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

  /**
   * Every contractor's sample packed into a few flat arrays (transferable between threads without copying):
   * ids, row counts, thresholds, hashes, and values row-major.
   */
  pack(): PackedEvidence {
    const ids = this.contractorIds();
    const samples = ids.map((id) => (this.byContractor.get(id) as ContractorEvidence).exportSample());
    const rows = samples.reduce((n, s) => n + s.hashes.length, 0);
    const columns = samples[0] ? samples[0].values.length / Math.max(1, samples[0].hashes.length) : 0;
    const packed: PackedEvidence = {
      ids,
      rowCounts: new Int32Array(ids.length),
      thresholds: new Float64Array(ids.length),
      hashes: new Float64Array(rows),
      values: new Float64Array(rows * (columns || 1)),
    };
    let at = 0;
    samples.forEach((s, i) => {
      packed.rowCounts[i] = s.hashes.length;
      packed.thresholds[i] = s.threshold;
      packed.hashes.set(s.hashes, at);
      packed.values.set(s.values, at * columns);
      at += s.hashes.length;
    });
    return packed;
  }

  /** Merges packed evidence from another part of the input into this book. */
  absorb(packed: PackedEvidence): void {
    const columns = packed.hashes.length === 0 ? 0 : packed.values.length / packed.hashes.length;
    let at = 0;
    packed.ids.forEach((id, i) => {
      const n = packed.rowCounts[i] ?? 0;
      let evidence = this.byContractor.get(id);
      if (evidence === undefined) {
        evidence = new ContractorEvidence(id);
        this.byContractor.set(id, evidence);
      }
      evidence.absorb({
        hashes: packed.hashes.subarray(at, at + n),
        values: packed.values.subarray(at * columns, (at + n) * columns),
        threshold: packed.thresholds[i] ?? Number.POSITIVE_INFINITY,
      });
      at += n;
    });
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
