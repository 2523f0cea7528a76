import type { TelemetryEvent } from '../../schema/events.js';
import { AddressDirectory } from './address-directory.js';
import { ContractorEvidence } from './contractor-evidence.js';
import { DeviceDirectory } from './device-directory.js';
import { EvidenceBook } from './evidence-book.js';
import type { EvidenceSnapshot } from './evidence-snapshot.js';

const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
/** 1970-01-01 was a Thursday: Monday 1969-12-29 starts week zero. */
const FIRST_MONDAY_MS = -3 * DAY_MS;

/** The UTC week (its Monday, `YYYY-MM-DD`) an instant falls in: the unit evidence is stored and expired by. */
export function weekOf(instant: number): string {
  const start = FIRST_MONDAY_MS + Math.floor((instant - FIRST_MONDAY_MS) / WEEK_MS) * WEEK_MS;
  return new Date(start).toISOString().slice(0, 10);
}

/** The first instant (ms UTC) of a week named by `weekOf`. */
export function weekStart(week: string): number {
  return Date.parse(`${week}T00:00:00Z`);
}

/**
 * The evidence of a batch of events split by contractor and week: each event goes to the week of its `at`. Each
 * snapshot is bounded by one week's activity (and the samples' caps), never by a contractor's history.
 */
export function weeklySnapshots(
  events: Iterable<TelemetryEvent>,
): Map<string, Map<string, EvidenceSnapshot>> {
  const books = new Map<string, EvidenceBook>();
  for (const event of events) {
    const week = weekOf(event.at);
    let book = books.get(week);
    if (book === undefined) {
      book = new EvidenceBook();
      books.set(week, book);
    }
    book.add(event);
  }
  const byContractor = new Map<string, Map<string, EvidenceSnapshot>>();
  for (const [week, book] of books) {
    for (const id of book.contractorIds()) {
      const weeks = byContractor.get(id) ?? new Map<string, EvidenceSnapshot>();
      weeks.set(week, book.of(id).snapshot(book.addresses, book.devices));
      byContractor.set(id, weeks);
    }
  }
  return byContractor;
}

/** The evidence of the union of two snapshots' events. */
export function mergeSnapshots(a: EvidenceSnapshot, b: EvidenceSnapshot): EvidenceSnapshot {
  const addresses = new AddressDirectory();
  const devices = new DeviceDirectory();
  const merged = new ContractorEvidence('');
  merged.absorb(a, addresses, devices);
  merged.absorb(b, addresses, devices);
  return merged.snapshot(addresses, devices);
}

/** One contractor's evidence, and the run directories it refers to, from stored snapshots (weeks, say). */
export function evidenceFromSnapshots(
  contractorId: string,
  snapshots: Iterable<EvidenceSnapshot>,
): EvidenceBook {
  const book = new EvidenceBook();
  const evidence = book.of(contractorId);
  for (const snapshot of snapshots) evidence.absorb(snapshot, book.addresses, book.devices);
  return book;
}
