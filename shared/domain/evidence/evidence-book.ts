import type { TelemetryEvent } from '../../schema/events.js';
import { AddressDirectory } from './address-directory.js';
import { ContractorEvidence } from './contractor-evidence.js';
import { DeviceDirectory } from './device-directory.js';
import { signInOf } from './sign-in.js';

/**
 * The evidence of every contractor seen in a run, with the run's directories of addresses and devices; memory
 * grows with contractors (and distinct addresses), not with events.
 */
export class EvidenceBook {
  private readonly byContractor = new Map<string, ContractorEvidence>();
  readonly addresses = new AddressDirectory();
  readonly devices = new DeviceDirectory();
  /** Each contractor's last device description, by number: usually the next one too. */
  private readonly lastDevice = new Map<ContractorEvidence, number>();

  add(event: TelemetryEvent): void {
    const evidence = this.of(event.contractorId);
    evidence.add(event);
    const signIn = signInOf(event);
    if (signIn === null) return;
    const address = signIn.ip === undefined ? -1 : this.addresses.intern(signIn.ip);
    let device = -1;
    if (signIn.device !== undefined) {
      device = this.devices.internLike(signIn.device, this.lastDevice.get(evidence) ?? -1);
      this.lastDevice.set(evidence, device);
    }
    this.observe(evidence, event.at, signIn.successful, address, device);
  }

  /** Where and on what a sign-in or session happened, by directory numbers (-1: not reported). */
  observe(
    evidence: ContractorEvidence,
    at: number,
    successful: boolean,
    address: number,
    device: number,
  ): void {
    if (address >= 0) evidence.seenFrom(address, this.addresses.hash(address), at, successful);
    // A failed sign-in's device says nothing about the contractor (see SignIn).
    if (device >= 0 && successful) evidence.seenWith(device, this.devices.hash(device), at);
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
