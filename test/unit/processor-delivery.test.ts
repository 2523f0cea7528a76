import { describe, expect, it } from 'vitest';
import type { PipelineDependencies } from '../../shared/pipeline/dependencies.js';
import { type LastTry, processDelivery } from '../../shared/pipeline/processor.js';

/** Unreadable messages fail before any store is touched, so no store is needed. */
const NO_STORES = {} as PipelineDependencies;
const POISON = '{"kind":"nonsense"}';

function parkingLot(fails = false): LastTry & { parked: { messageId: string; reason: string }[] } {
  const parked: { messageId: string; reason: string }[] = [];
  return {
    maxReceiveCount: 3,
    parked,
    park: async (record, { reason }) => {
      if (fails) throw new Error('the dead-letter queue refused it');
      parked.push({ messageId: record.messageId, reason });
    },
  };
}

describe('processDelivery', () => {
  it('returns a failed message to be retried while it has tries left', async () => {
    // Prepare
    const lot = parkingLot();

    // Act
    const { retry } = await processDelivery(
      [{ messageId: 'm-1', body: POISON, receiveCount: 2 }],
      NO_STORES,
      lot,
    );

    // Assess
    expect(retry).toEqual(['m-1']);
    expect(lot.parked).toEqual([]);
  });

  it('parks a message that fails its last try with the reason, and does not retry it', async () => {
    // Prepare
    const lot = parkingLot();

    // Act
    const { retry } = await processDelivery(
      [
        { messageId: 'm-1', body: POISON, receiveCount: 3 },
        { messageId: 'm-2', body: 'not json', receiveCount: 1 },
      ],
      NO_STORES,
      lot,
    );

    // Assess
    expect(retry).toEqual(['m-2']);
    expect(lot.parked).toEqual([
      { messageId: 'm-1', reason: expect.stringMatching(/not a Daylight queue message: kind/) },
    ]);
  });

  it('retries a message it could not park, so the queue redrive still moves it', async () => {
    // Act
    const { retry } = await processDelivery(
      [{ messageId: 'm-1', body: POISON, receiveCount: 3 }],
      NO_STORES,
      parkingLot(true),
    );

    // Assess
    expect(retry).toEqual(['m-1']);
  });
});
