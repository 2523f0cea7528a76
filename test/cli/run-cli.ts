import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `daylight` bin as a user would. */
export function daylight(args: string[], input?: string, env: Record<string, string> = {}): CliRun {
  const run = spawnSync(process.execPath, ['bin/daylight.mjs', ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, ...env },
    maxBuffer: 64 << 20,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A fresh temp folder with the given files. */
export function tempFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'daylight-test-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
