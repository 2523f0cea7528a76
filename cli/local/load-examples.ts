import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiClient, ApiError } from '../../local/api-client.js';

/** The ingest contract's largest batch. */
const EVENTS_PER_REQUEST = 500;

export interface LoadSummary {
  claims: number;
  claimsRejected: number;
  events: number;
  eventsRejected: number;
  requests: number;
}

/**
 * Feeds the example dataset through the API as the client's systems would: each claim record on its own
 * PUT, then the events in time order, 500 to a POST. Claims go first, so contractors are known before their
 * telemetry arrives.
 */
export async function loadExamples(apiUrl: string, directory: string, log: (line: string) => void) {
  const api = new ApiClient(apiUrl);
  const summary: LoadSummary = { claims: 0, claimsRejected: 0, events: 0, eventsRejected: 0, requests: 0 };

  const claims = JSON.parse(await readFile(join(directory, 'claims.json'), 'utf8')) as {
    contractorId: string;
  }[];
  for (const claim of claims) {
    summary.requests++;
    try {
      await api.putClaim(claim.contractorId, claim);
      summary.claims++;
    } catch (error) {
      // A 4xx is the handler judging the record; anything else is the stack failing, and stops the load.
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
      summary.claimsRejected++;
      log(error.message);
    }
  }

  const events = await readEventsInTimeOrder(join(directory, 'events.jsonl'));
  summary.eventsRejected += events.unreadable;
  for (let i = 0; i < events.events.length; i += EVENTS_PER_REQUEST) {
    summary.requests++;
    const { accepted, rejected } = await api.postEvents(events.events.slice(i, i + EVENTS_PER_REQUEST));
    summary.events += accepted;
    summary.eventsRejected += rejected;
  }
  return summary;
}

/** The JSON Lines file sorted by instant (lines carry different offsets, so text order is not time order). */
async function readEventsInTimeOrder(path: string): Promise<{ events: unknown[]; unreadable: number }> {
  const timed: { at: number; event: unknown }[] = [];
  let unreadable = 0;
  for (const line of (await readFile(path, 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    try {
      const event = JSON.parse(line) as { at?: unknown };
      const at = typeof event.at === 'string' ? Date.parse(event.at) : Number.NaN;
      // The API judges an event without a readable time; it goes last rather than nowhere.
      timed.push({ at: Number.isNaN(at) ? Number.POSITIVE_INFINITY : at, event });
    } catch {
      unreadable++;
    }
  }
  timed.sort((a, b) => a.at - b.at);
  return { events: timed.map((t) => t.event), unreadable };
}
