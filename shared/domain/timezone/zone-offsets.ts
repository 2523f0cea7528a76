/**
 * The UTC offset of an IANA zone at an instant, DST-aware and exact to the second at transitions.
 *
 * Called millions of times per run, so each zone's rules are read from `Intl` once per 365-day chunk of time
 * (daily samples, then a binary search to the second wherever the offset changes) and cached; a lookup is
 * then two map reads and a scan of the chunk's one or two transitions.
 */

const SECOND_MS = 1000;
const DAY_MS = 86_400_000;
const CHUNK_DAYS = 365;
const CHUNK_MS = CHUNK_DAYS * DAY_MS;

/** Offsets in force within one chunk: `offsets[i]` applies from `starts[i]` (the first start is the chunk's). */
interface Chunk {
  starts: number[];
  offsets: number[];
}

interface ZoneRules {
  format: Intl.DateTimeFormat;
  chunks: Map<number, Chunk>;
}

const zones = new Map<string, ZoneRules | null>();

function rulesOf(zone: string): ZoneRules | null {
  const cached = zones.get(zone);
  if (cached !== undefined) return cached;
  let rules: ZoneRules | null = null;
  try {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    rules = { format, chunks: new Map() };
  } catch {
    rules = null;
  }
  zones.set(zone, rules);
  return rules;
}

/** Whether `zone` is an IANA zone (or alias) this runtime knows. */
export function isKnownZone(zone: string): boolean {
  return zone.length > 0 && rulesOf(zone) !== null;
}

/** The offset in seconds from `Intl`'s wall clock at a whole-second instant. */
function offsetSecondsFromIntl(format: Intl.DateTimeFormat, instantMs: number): number {
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let beforeCommonEra = false;
  for (const part of format.formatToParts(instantMs)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      case 'era':
        beforeCommonEra = part.value.startsWith('B');
        break;
    }
  }
  const wall = new Date(0);
  wall.setUTCFullYear(beforeCommonEra ? 1 - year : year, month - 1, day);
  wall.setUTCHours(hour, minute, second, 0);
  return Math.round((wall.getTime() - instantMs) / SECOND_MS);
}

function buildChunk(format: Intl.DateTimeFormat, index: number): Chunk {
  const start = index * CHUNK_MS;
  const starts = [start];
  const offsets: number[] = [];
  let previousAt = start;
  let previous = offsetSecondsFromIntl(format, start);
  offsets.push(previous);
  for (let day = 1; day <= CHUNK_DAYS; day++) {
    const at = start + day * DAY_MS;
    const current = offsetSecondsFromIntl(format, at);
    if (current !== previous) {
      // Invariant: `low` has the old offset, `high` the new; both stay whole seconds.
      let low = previousAt;
      let high = at;
      while (high - low > SECOND_MS) {
        const middle = low + Math.floor((high - low) / (2 * SECOND_MS)) * SECOND_MS;
        if (offsetSecondsFromIntl(format, middle) === previous) low = middle;
        else high = middle;
      }
      if (high < start + CHUNK_MS) {
        starts.push(high);
        offsets.push(current);
      }
    }
    previousAt = at;
    previous = current;
  }
  return { starts, offsets: offsets.map((seconds) => Math.round(seconds / 60)) };
}

function chunkAt(rules: ZoneRules, instantMs: number): { chunk: Chunk; index: number } {
  const index = Math.floor(instantMs / CHUNK_MS);
  let chunk = rules.chunks.get(index);
  if (chunk === undefined) {
    chunk = buildChunk(rules.format, index);
    rules.chunks.set(index, chunk);
  }
  return { chunk, index };
}

function knownRules(zone: string, instantMs: number): ZoneRules {
  const rules = rulesOf(zone);
  if (rules === null) throw new RangeError(`unknown time zone '${zone}'`);
  if (!Number.isFinite(instantMs)) throw new RangeError(`instant must be a finite number, got ${instantMs}`);
  return rules;
}

/**
 * The UTC offset in minutes (local = UTC + offset) of IANA `zone` at `instantMs` (epoch ms).
 * Throws on a zone the runtime does not know; check with `isKnownZone` first when the zone is user input.
 */
export function zoneOffsetMinutes(zone: string, instantMs: number): number {
  const { chunk } = chunkAt(knownRules(zone, instantMs), instantMs);
  const { starts, offsets } = chunk;
  let i = starts.length - 1;
  while (i > 0 && (starts[i] as number) > instantMs) i--;
  return offsets[i] as number;
}

export interface OffsetSpan {
  offsetMinutes: number;
  /** The offset holds from `instantMs` up to (not including) this instant; it may hold longer. */
  untilMs: number;
}

/**
 * `zoneOffsetMinutes(zone, instantMs)` together with how long it lasts, so a sorted history can be walked run by
 * run rather than looked up instant by instant.
 */
export function zoneOffsetSpan(zone: string, instantMs: number): OffsetSpan {
  const { chunk, index } = chunkAt(knownRules(zone, instantMs), instantMs);
  const { starts, offsets } = chunk;
  let i = starts.length - 1;
  while (i > 0 && (starts[i] as number) > instantMs) i--;
  const untilMs = i + 1 < starts.length ? (starts[i + 1] as number) : (index + 1) * CHUNK_MS;
  return { offsetMinutes: offsets[i] as number, untilMs };
}
