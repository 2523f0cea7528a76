import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  Context,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import { PROCESSOR_TIMEOUT_SECONDS } from '../infra/queue-sizing.js';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './aws-clients.js';

export type ApiHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyResultV2>;
export type QueueHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

/** The Lambda handlers the local stack runs: the same exported `handler`s as on AWS. */
export interface LocalFunctions {
  ingestEvents: ApiHandler;
  putClaims: ApiHandler;
  getReport: ApiHandler;
  listContractors: ApiHandler;
  /** Optional: served only once `functions/delete-contractor.ts` exists. */
  deleteContractor?: ApiHandler;
  processEvents: QueueHandler;
}

const FILES = {
  ingestEvents: 'ingest-events',
  putClaims: 'put-claims',
  getReport: 'get-report',
  listContractors: 'list-contractors',
  deleteContractor: 'delete-contractor',
  processEvents: 'process-events',
} as const;

/** From source (vitest, tsx), or from the esbuild bundle, which holds the functions that existed at build time. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');

/** The module of `functions/<file>.ts`, or undefined when the checkout (or the bundle) has no such file. */
async function importFunction(file: string): Promise<{ handler?: unknown } | undefined> {
  if (FROM_SOURCE && !existsSync(new URL(`../functions/${file}.ts`, import.meta.url))) return undefined;
  try {
    // A pattern, not a literal: esbuild bundles every .ts file under functions/, and a handler not written yet is not a
    // build error.
    return await import(`../functions/${file}.ts`);
  } catch (error) {
    if (!FROM_SOURCE && (error as Error).message.startsWith('Module not found in bundle')) return undefined;
    throw error;
  }
}

/**
 * Imports the handlers. Call only after `process.env` holds the local configuration: each handler reads its
 * environment once, when its module loads, exactly as a Lambda cold start does.
 */
export async function loadFunctions(): Promise<LocalFunctions> {
  const load = async <H>(file: string): Promise<H | undefined> => {
    const module = await importFunction(file);
    if (module === undefined) return undefined;
    if (typeof module.handler !== 'function') throw new Error(`functions/${file}.ts exports no handler`);
    return module.handler as H;
  };
  const required = async <H>(file: string): Promise<H> => {
    const handler = await load<H>(file);
    if (handler === undefined) throw new Error(`functions/${file}.ts is missing: the local stack runs it`);
    return handler;
  };
  const deleteContractor = await load<ApiHandler>(FILES.deleteContractor);
  return {
    ingestEvents: await required<ApiHandler>(FILES.ingestEvents),
    putClaims: await required<ApiHandler>(FILES.putClaims),
    getReport: await required<ApiHandler>(FILES.getReport),
    listContractors: await required<ApiHandler>(FILES.listContractors),
    ...(deleteContractor === undefined ? {} : { deleteContractor }),
    processEvents: await required<QueueHandler>(FILES.processEvents),
  };
}

/** What Lambda passes as the second argument; Powertools reads the names and the remaining time. */
export function lambdaContext(functionName: string, timeoutSeconds = PROCESSOR_TIMEOUT_SECONDS): Context {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const name = `daylight-local-${functionName}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${name}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
