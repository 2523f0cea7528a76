import * as z from 'zod';
import { ContractorId } from './events.js';

/** Events the ingest API accepted, as received; the processor checks each again against the same instant. */
export const EventsMessage = z.object({
  kind: z.literal('events'),
  /** When the API received them (ms): the "not in the future" rule is judged against it. */
  receivedAt: z.number().int().nonnegative(),
  events: z.array(z.unknown()).min(1).max(500),
});

/** Claims changed: build the contractor's report again and alert on what is new. */
export const ReassessMessage = z.object({
  kind: z.literal('reassess'),
  contractorId: ContractorId,
});

export const QueueMessage = z.discriminatedUnion('kind', [EventsMessage, ReassessMessage]);
export type QueueMessage = z.output<typeof QueueMessage>;
export type EventsMessage = z.output<typeof EventsMessage>;
