/**
 * Writes N synthetic telemetry events over C contractors (JSON Lines) for throughput and memory benchmarks: every
 * type in realistic proportions, an IP on every sign-in, mixed `Z` and offset timestamps. Deterministic.
 * Usage: tsx bench/generate-events.ts <out.jsonl> <events> <contractors>
 */
import { createWriteStream } from 'node:fs';

export async function generateEvents(path: string, events: number, contractors: number): Promise<void> {
  const out = createWriteStream(path);
  let seed = 0x9e3779b9;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const offsets = [-480, -300, -240, 0, 60, 120, 330, 480, 540, 600];
  const start = Date.parse('2026-01-05T00:00:00Z');
  const span = 60 * 86_400_000;
  let buffer = '';
  for (let i = 0; i < events; i++) {
    const c = i % contractors;
    const offset = offsets[c % offsets.length] ?? 0;
    const at = start + Math.floor(random() * span);
    const stamp = i % 2 === 0 ? new Date(at).toISOString() : withOffset(at, offset);
    const base = `"id":"e-${i}","contractorId":"c-${c}","at":"${stamp}"`;
    const r = random();
    let line: string;
    if (r < 0.4) {
      line = `{${base},"type":"activity","source":"github","kind":"commit","recordedOffsetMinutes":${offset}}`;
    } else if (r < 0.6) {
      const ip =
        r < 0.58
          ? `${(c % 200) + 11}.${(c * 7) % 256}.${Math.floor(random() * 256)}.${Math.floor(random() * 254) + 1}`
          : `2001:db8:${c.toString(16)}::${Math.floor(random() * 65535).toString(16)}`;
      line = `{${base},"type":"login","source":"okta","ip":"${ip}","success":true,"device":{"id":"d-${c}","timezone":"Etc/UTC","locale":"en-US"}}`;
    } else if (r < 0.75) {
      const end = new Date(at + Math.floor(random() * 8 * 3_600_000) + 60_000).toISOString();
      line = `{${base},"type":"session","source":"vpn","endAt":"${end}"}`;
    } else {
      const replied =
        random() < 0.8
          ? `,"respondedAt":"${new Date(at + Math.floor(random() * 3_600_000)).toISOString()}"`
          : '';
      line = `{${base},"type":"chat","source":"slack","direct":true${replied}}`;
    }
    buffer += `${line}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      buffer = '';
    }
  }
  out.write(buffer);
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

function withOffset(at: number, offsetMinutes: number): string {
  const local = new Date(at + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path, events, contractors] = process.argv.slice(2);
  if (!path) throw new Error('usage: generate-events.ts <out.jsonl> <events> <contractors>');
  await generateEvents(path, Number(events ?? 1_000_000), Number(contractors ?? 1000));
}
