import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as z from 'zod';

/** The file describing a running stack is missing or unreadable: the message says which and what to do. */
export class LocalConfigError extends Error {
  override name = 'LocalConfigError';
}

/** Where `npm start` says how to reach the stack, for `daylight alerts tail` and any other local program. */
export function localConfigPath(directory = process.cwd()): string {
  return join(directory, '.daylight', 'local.json');
}

const QueueUrls = z.object({
  ingest: z.string(),
  ingestDeadLetter: z.string(),
  alerts: z.string(),
  alertsDeadLetter: z.string(),
});

export const LocalConfig = z.object({
  /** The process serving the stack: the file is stale once it has gone. */
  pid: z.number(),
  region: z.string(),
  apiUrl: z.string(),
  endpoints: z.object({ dynamodb: z.string(), sqs: z.string(), sns: z.string() }),
  tables: z.object({ evidence: z.string(), profiles: z.string(), alerts: z.string() }),
  queues: QueueUrls,
  alertsTopicArn: z.string(),
});
export type LocalConfig = z.infer<typeof LocalConfig>;

export async function writeLocalConfig(path: string, config: LocalConfig): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(config, null, 2)}\n`);
}

/** Removes the file if it still describes this process's stack (a newer `npm start` may have replaced it). */
export async function removeLocalConfig(path: string, pid = process.pid): Promise<void> {
  const current = await readLocalConfig(path).catch(() => undefined);
  if (current?.pid === pid) await rm(path, { force: true });
}

export async function readLocalConfig(path: string): Promise<LocalConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new LocalConfigError(
      `no local stack described in ${path}: run 'npm start' first, or pass --queue-url`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new LocalConfigError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = LocalConfig.safeParse(raw);
  if (!parsed.success)
    throw new LocalConfigError(`${path} does not describe a local stack: ${parsed.error.message}`);
  return parsed.data;
}
