/** The working day a contractor actually has: blocks of work in their local clock, with the usual noise. */
import type { WorkHabit } from './persona.js';
import type { Random } from './random.js';
import { type CalendarDate, HOUR_MS, localInstant, MINUTE_MS } from './time.js';

export type BlockKind = 'day' | 'evening' | 'off-day';

export interface WorkBlock {
  start: number;
  end: number;
  kind: BlockKind;
}

/** Sorted, non-overlapping blocks of work that begin on one local calendar day (they may run past midnight). */
export interface DayPlan {
  blocks: WorkBlock[];
}

export interface Interval {
  start: number;
  end: number;
}

export interface DayContext {
  habit: WorkHabit;
  /** The zone whose clock the day follows. */
  zone: string;
  date: CalendarDate;
  /** Local hour the day starts, when it differs from the habit (a traveller overlapping home). */
  startHour?: number;
  /** Times that cannot hold work, such as a flight. */
  blocked?: readonly Interval[];
}

export function planDay(context: DayContext, random: Random): DayPlan {
  const { habit, zone, date } = context;
  const blocks: WorkBlock[] = [];
  if (habit.days.includes(date.weekday)) {
    if (!random.chance(habit.dayOffChance)) blocks.push(...workingDay(context, random));
  } else if (random.chance(habit.offDayWorkChance)) {
    const start = localInstant(zone, date, random.between(10 * 60, 16 * 60));
    blocks.push({ start, end: start + random.between(45, 180) * MINUTE_MS, kind: 'off-day' });
  }
  return { blocks: clip(blocks, context.blocked ?? []) };
}

function workingDay(context: DayContext, random: Random): WorkBlock[] {
  const { habit, zone, date } = context;
  const startMinute = (context.startHour ?? habit.start) * 60 + random.normal(0, habit.jitterMinutes);
  let lengthMinutes = habit.length * 60 + random.normal(0, 30);
  // Now and then a short day: an appointment, leaving early.
  if (random.chance(0.06)) lengthMinutes *= random.between(0.45, 0.7);
  const start = localInstant(zone, date, startMinute);
  const end = start + lengthMinutes * MINUTE_MS;
  const blocks: WorkBlock[] = [];
  if (lengthMinutes > 6 * 60) {
    const lunch = start + (lengthMinutes * 0.42 + random.normal(0, 20)) * MINUTE_MS;
    const back = lunch + random.between(30, 65) * MINUTE_MS;
    blocks.push({ start, end: lunch, kind: 'day' }, { start: back, end, kind: 'day' });
  } else {
    blocks.push({ start, end, kind: 'day' });
  }
  if (random.chance(habit.eveningChance)) {
    const evening = Math.max(end + HOUR_MS, localInstant(zone, date, random.between(19.5 * 60, 23.5 * 60)));
    if (evening < localInstant(zone, date, 25 * 60)) {
      blocks.push({ start: evening, end: evening + random.between(20, 90) * MINUTE_MS, kind: 'evening' });
    }
  }
  return blocks;
}

/** Cuts blocked time out of the blocks; what is left of a block shorter than 15 minutes is dropped. */
function clip(blocks: WorkBlock[], blocked: readonly Interval[]): WorkBlock[] {
  let pieces = blocks;
  for (const gap of blocked) {
    pieces = pieces.flatMap((block) => {
      if (block.end <= gap.start || block.start >= gap.end) return [block];
      const left = { ...block, end: gap.start };
      const right = { ...block, start: gap.end };
      return [left, right].filter((piece) => piece.end - piece.start >= 15 * MINUTE_MS);
    });
  }
  return pieces;
}
