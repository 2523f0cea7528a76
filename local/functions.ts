import { randomUUID } from 'node:crypto';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  Context,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import {
  type ApiFunctionName,
  entryOf,
  FUNCTION_NAMES,
  type FunctionName,
  type QueueFunctionName,
} from '../functions/catalog.js';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './aws-clients.js';

export type ApiHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyResultV2>;
export type QueueHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

/** The Lambda handlers the local stack runs, by catalog name: the same exported `handler`s as on AWS. */
export type LocalFunctions = { [N in ApiFunctionName]: ApiHandler } & {
  [N in QueueFunctionName]: QueueHandler;
};

/**
 * Imports every handler of the catalog. Call only after `process.env` holds the local configuration: each handler
 * reads its environment once, when its module loads, exactly as a Lambda cold start does.
 */
export async function loadFunctions(): Promise<LocalFunctions> {
  const functions: Partial<Record<FunctionName, unknown>> = {};
  for (const name of FUNCTION_NAMES) {
    // A pattern, not a literal: esbuild bundles every handler file under functions/ into the CLI.
    const module = (await import(`../functions/${name}.ts`)) as { handler?: unknown };
    if (typeof module.handler !== 'function') throw new Error(`functions/${name}.ts exports no handler`);
    functions[name] = module.handler;
  }
  return functions as LocalFunctions;
}

/** What Lambda passes as the second argument; Powertools reads the names and the remaining time. */
export function lambdaContext(name: FunctionName): Context {
  const { timeoutSeconds, memorySize } = entryOf(name);
  const deadline = Date.now() + timeoutSeconds * 1000;
  const functionName = `daylight-local-${name}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${functionName}`,
    memoryLimitInMB: String(memorySize),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
