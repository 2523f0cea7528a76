import { EventQueue } from '../../shared/ports/messaging.js';
import type { QueueMessage } from '../../shared/schema/queue-message.js';

/** The ingest queue in memory: for unit tests and tools that run the services without a queue server. */
export class MemoryEventQueue extends EventQueue {
  readonly messages: QueueMessage[] = [];

  async send(messages: readonly QueueMessage[]): Promise<void> {
    this.messages.push(...messages);
  }
}
