import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContractorEvidence } from '../../shared/domain/evidence/contractor-evidence.js';
import type { TelemetryEvent } from '../../shared/schema/events.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const HOUR = 3_600_000;

function activity(id: string, at: number, recordedOffsetMinutes?: number): TelemetryEvent {
  return { id, contractorId: 'c-1', type: 'activity', at, recordedOffsetMinutes };
}

describe('ContractorEvidence', () => {
  it('counts a work session as presence in every hour from start to end', () => {
    // Prepare
    const evidence = new ContractorEvidence('c-1');

    // Act
    evidence.add({ id: 's1', contractorId: 'c-1', type: 'session', at: T0, endAt: T0 + 3.5 * HOUR });

    // Assess
    expect([...evidence.activeInstants()].sort((a, b) => a - b)).toEqual([
      T0,
      T0 + HOUR,
      T0 + 2 * HOUR,
      T0 + 3 * HOUR,
    ]);
    expect(evidence.eventCounts().byType.session).toBe(1);
  });

  it('takes a chat reply, not the message received, as the contractor’s own act', () => {
    const evidence = new ContractorEvidence('c-1');
    evidence.add({ id: 'm1', contractorId: 'c-1', type: 'chat', at: T0, respondedAt: T0 + 600_000 });
    evidence.add({ id: 'm2', contractorId: 'c-1', type: 'chat', at: T0 + HOUR });

    expect([...evidence.activeInstants()]).toEqual([T0 + 600_000]);
    expect(evidence.chatReplies()).toHaveLength(2);
    expect(evidence.chatReplies().filter((c) => c.respondedAt === null)).toHaveLength(1);
  });

  it('counts a busy hour once, at its earliest moment, whatever the order of events', () => {
    const forward = new ContractorEvidence('c-1');
    const backward = new ContractorEvidence('c-1');
    const commits = [40, 5, 25].map((m, i) => activity(`a${i}`, T0 + m * 60_000));
    for (const e of commits) forward.add(e);
    for (const e of [...commits].reverse()) backward.add(e);
    expect([...forward.activeInstants()]).toEqual([T0 + 5 * 60_000]);
    expect([...backward.activeInstants()]).toEqual([T0 + 5 * 60_000]);
    expect(forward.eventCounts().total).toBe(3);
  });

  it('keeps the offsets sources recorded with activity', () => {
    const evidence = new ContractorEvidence('c-1');
    evidence.add(activity('a1', T0, 540));
    evidence.add(activity('a2', T0 + HOUR));
    expect(evidence.recordedOffsets()).toEqual([{ at: T0, offsetMinutes: 540 }]);
  });

  it('ends in the same state whatever the order of events and however often each is delivered', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 4 }),
        (minutes, copies) => {
          // Prepare
          const events = minutes.map((m) => activity(`e${m}`, T0 + m * 60_000, m % 2 === 0 ? 60 : undefined));
          const replayed = Array.from({ length: copies }, () => [...events].reverse()).flat();
          const once = new ContractorEvidence('c-1');
          const many = new ContractorEvidence('c-1');

          // Act
          for (const e of events) once.add(e);
          for (const e of replayed) many.add(e);

          // Assess
          expect(many.eventCounts()).toEqual(once.eventCounts());
          expect([...many.activeInstants()]).toEqual([...once.activeInstants()]);
          expect(many.eventCounts().total).toBe(minutes.length);
        },
      ),
    );
  });
});
