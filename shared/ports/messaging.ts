import type { Alert } from '../domain/alerts.js';
import type { QueueMessage } from '../schema/queue-message.js';

/** The ingest queue: validated events and reassessment requests on their way to the processor. */
export abstract class EventQueue {
  /** Sends every message or throws; a message sent twice is harmless (processing is idempotent). */
  abstract send(messages: readonly QueueMessage[]): Promise<void>;
}

/** The alerts topic security teams subscribe to. */
export abstract class AlertPublisher {
  abstract publish(alert: Alert): Promise<void>;
}
