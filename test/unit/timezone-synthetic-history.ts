/** Synthetic activity histories with a known place and habit, for the timezone inference tests. */
import { DateTime } from 'luxon';

export interface Habit {
  /** An IANA zone, or a fixed offset in minutes (local = UTC + offset). */
  where: string | number;
  /** First local day, ISO date. */
  from: string;
  days: number;
  /** Local hours of the working window; `endHour` may pass 24 for work that runs past midnight. */
  startHour: number;
  endHour: number;
  /** ISO weekdays worked, 1 = Monday. */
  weekdays?: readonly number[];
  eventsPerDay?: number;
  /** Chance of a few events on a day off. */
  dayOffChance?: number;
  seed?: number;
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so tests never flake. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function instantOf(where: string | number, day: DateTime, localMinutes: number): number {
  if (typeof where === 'number') return day.toMillis() + localMinutes * 60_000 - where * 60_000;
  return DateTime.fromObject({ year: day.year, month: day.month, day: day.day }, { zone: where })
    .plus({ minutes: localMinutes })
    .toMillis();
}

/** The instants (epoch ms) at which someone with this habit did something. */
export function syntheticHistory(habit: Habit): number[] {
  const random = randomSource(habit.seed ?? 1);
  const weekdays = habit.weekdays ?? [1, 2, 3, 4, 5];
  const perDay = habit.eventsPerDay ?? 6;
  const instants: number[] = [];
  const first = DateTime.fromISO(habit.from, { zone: 'UTC' });
  for (let d = 0; d < habit.days; d++) {
    const day = first.plus({ days: d });
    const working = weekdays.includes(day.weekday);
    const count = working ? perDay : random() < (habit.dayOffChance ?? 0.1) ? 2 : 0;
    for (let i = 0; i < count; i++) {
      const hours = habit.startHour + random() * (habit.endHour - habit.startHour);
      instants.push(instantOf(habit.where, day, Math.floor(hours * 60)));
    }
  }
  return instants;
}
