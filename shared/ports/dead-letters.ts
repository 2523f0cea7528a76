/** Why a message failed, kept beside it in the dead-letter queue for `daylight dlq inspect`. */
export interface FailureNote {
  reason: string;
  failedAt: string;
  receiveCount: number;
  /** The queue it came from, so `daylight dlq redrive` knows where to send it back. */
  sourceQueue: string;
  /** The contractor whose part of a message this is, when one contractor's events failed and not the message. */
  contractorId?: string;
}

export abstract class DeadLetterQueue {
  abstract park(body: string, note: FailureNote): Promise<void>;
}

/** Message attribute names of a failure note on a dead-lettered message. */
export const FAILURE_ATTRIBUTES = {
  reason: 'daylight.failureReason',
  failedAt: 'daylight.failedAt',
  receiveCount: 'daylight.receiveCount',
  sourceQueue: 'daylight.sourceQueue',
  contractorId: 'daylight.contractorId',
} as const;
