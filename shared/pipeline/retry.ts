import { VersionConflictError } from '../ports/errors.js';

const ATTEMPTS = 8;

/**
 * Runs a read-merge-write step again while another writer wins the race, with jittered backoff so two processors
 * on one contractor do not collide in lockstep. A conflict that persists is thrown: the message is retried by SQS.
 */
export async function withVersionRetry<T>(step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt >= ATTEMPTS) throw error;
      const ceiling = Math.min(200, 5 * 2 ** attempt);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
    }
  }
}
