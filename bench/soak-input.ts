/**
 * The soak's input: the example dataset generated once (`daylight example`, cached under bench/out/), read back a
 * chunk at a time and handed out in time order, so the soak holds a few days of events at once, not the file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

/** Events per contractor and day in the example dataset (980,346 over 1,000 contractors × 60 days). */
export const EVENTS_PER_CONTRACTOR_DAY = 16;

export interface Dataset {
  dir: string;
  days: number;
  start: string;
}

/** Days of the example dataset that hold `events` with room to spare (7 at least, a year at most). */
export function daysFor(contractors: number, events: number): number {
  return Math.min(
    366,
    Math.max(7, Math.ceil((1.25 * events) / (EVENTS_PER_CONTRACTOR_DAY * contractors)) + 1),
  );
}

/** The example dataset of `days` days; it ends before today, so no event lies in the future. */
export function soakDataset(contractors: number, days: number, seed: string): Dataset {
  const start = new Date(Date.now() - (days + 2) * 86_400_000).toISOString().slice(0, 10);
  const dir = `bench/out/soak-${contractors}x${days}-${start}-s${seed}`;
  if (!existsSync(`${dir}/events.jsonl`)) {
    process.stderr.write(`generating ${dir} with daylight example…\n`);
    const args = ['example', '--contractors', String(contractors), '--days', String(days)];
    args.push('--start', start, '--seed', seed, '--out', dir);
    const child = spawnSync(process.execPath, ['bin/daylight.mjs', ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (child.status !== 0) throw new Error(`daylight example failed: ${child.stderr.slice(-2000)}`);
  }
  return { dir, days, start };
}

/** The lines of a file, read 1 MB at a time as they are asked for. */
async function* lines(path: string): AsyncGenerator<string> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      const parts = (rest + decoder.write(buffer.subarray(0, bytesRead))).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) if (line.trim() !== '') yield line;
    }
    rest += decoder.end();
    if (rest.trim() !== '') yield rest;
  } finally {
    await file.close();
  }
}

/**
 * The generator writes one batch per local calendar day across all contractors, each source in time order: an
 * event read later is never more than ~2.5 days earlier than the latest read so far (a local day spans UTC−12 to
 * UTC+14). Holding 3 days back and sorting gives strict time order; `outOfOrder` counts any that slipped through.
 */
const HORIZON_MS = 3 * 86_400_000;

export interface OrderedEvents {
  /** The next events in time order, as JSON text (posted as read, never re-encoded); empty at the end. */
  next(count: number): Promise<string[]>;
  outOfOrder(): number;
}

export function timeOrdered(path: string): OrderedEvents {
  const source = lines(path);
  let held: { at: number; line: string }[] = [];
  let ready: string[] = [];
  let latest = Number.NEGATIVE_INFINITY;
  let lastOut = Number.NEGATIVE_INFINITY;
  let done = false;
  let slipped = 0;
  const release = (all: boolean) => {
    held.sort((a, b) => a.at - b.at);
    let cut = held.length;
    if (!all) {
      cut = 0;
      while (cut < held.length && (held[cut]?.at ?? 0) < latest - HORIZON_MS) cut++;
    }
    for (const event of held.slice(0, cut)) {
      if (event.at < lastOut) slipped++;
      lastOut = Math.max(lastOut, event.at);
      ready.push(event.line);
    }
    held = held.slice(cut);
  };
  return {
    async next(count) {
      while (ready.length < count && !done) {
        for (let i = 0; i < 4096; i++) {
          const { value, done: end } = await source.next();
          if (end) {
            done = true;
            break;
          }
          const at = Date.parse(/"at":"([^"]+)"/.exec(value)?.[1] ?? '');
          held.push({ at: Number.isNaN(at) ? Number.POSITIVE_INFINITY : at, line: value });
          if (at > latest) latest = at;
        }
        release(done);
      }
      const out = ready.slice(0, count);
      ready = ready.slice(count);
      return out;
    },
    outOfOrder: () => slipped,
  };
}

/**
 * The same events lap after lap, each lap in time order, with every event's id made new for the lap (`r<lap>:`
 * prefixed to the first `"id"` of the line, which the generator always writes first): the pipeline counts them as
 * new events, but they fall in the same contractors' same weeks, so the stored item count stops growing after the
 * first lap, as it does on AWS once TTL expires weeks as fast as new ones start. That separates memory that follows
 * the stored data from memory that grows with work done.
 */
export function replayed(path: string): OrderedEvents & { laps(): number } {
  let lap = 1;
  let current = timeOrdered(path);
  let slipped = 0;
  /** Whether the current lap has handed out nothing yet. */
  let fresh = true;
  return {
    async next(count) {
      const out: string[] = [];
      while (out.length < count) {
        const lines = await current.next(count - out.length);
        if (lines.length === 0) {
          if (out.length === 0 && fresh) throw new Error(`${path} holds no events to replay`);
          fresh = true;
          slipped += current.outOfOrder();
          lap++;
          current = timeOrdered(path);
          continue;
        }
        fresh = false;
        if (lap === 1) out.push(...lines);
        else for (const line of lines) out.push(line.replace('{"id":"', `{"id":"r${lap}:`));
      }
      return out;
    },
    outOfOrder: () => slipped + current.outOfOrder(),
    laps: () => lap,
  };
}
