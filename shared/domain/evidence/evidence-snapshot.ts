import type { Device } from '../../schema/events.js';

/**
 * A contractor's evidence (or one week of it) as plain data, for storing and merging elsewhere: the rows of each
 * bottom-k sample with what decides their membership. Absorbing snapshots into one `ContractorEvidence` gives the
 * evidence of the union of their events, so weeks kept apart (the pipeline's storage) merge into exactly what one
 * pass over every event (the CLI) builds.
 */
export interface EvidenceSnapshot {
  /** One row per distinct event: hash of its id, instant, kind code and detail (NaN when none). */
  events: { hash: number; at: number; kind: number; detail: number }[];
  /** When the event sample overflowed: the hash below which it holds every event (for unbiased counts). */
  eventsLimit: number | null;
  /** The earliest instant of each active hour. */
  hours: number[];
  /** Per (hour, address): the canonical address, first and last instant, sign-in flags. */
  addresses: { ip: string; first: number; last: number; flags: number }[];
  /** Per device description: the description, when first and last reported. */
  devices: { device: Device; first: number; last: number }[];
}

export const EMPTY_SNAPSHOT: EvidenceSnapshot = Object.freeze({
  events: [],
  eventsLimit: null,
  hours: [],
  addresses: [],
  devices: [],
});
