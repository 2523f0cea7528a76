import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CliRun } from '../cli/run-cli.js';

const BIN = fileURLToPath(new URL('../../bin/daylight.mjs', import.meta.url));

/**
 * Runs the built `daylight` bin without blocking this process, for tests whose servers run in-process (a
 * synchronous spawn would freeze them while the CLI talks to them).
 */
export function daylightAsync(args: string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
