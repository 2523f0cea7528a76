import type {
  claimsEnvironment,
  deleteEnvironment,
  FunctionEnvironment,
  ingestEnvironment,
  listEnvironment,
  processorEnvironment,
  reportEnvironment,
} from '../shared/config/environment.js';
import {
  destroyClients,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  type LocalClients,
  localClients,
} from './aws-clients.js';
import { type LocalFunctions, loadFunctions } from './functions.js';
import { type HttpApi, type Route, startHttpApi } from './http-api.js';
import { type LocalConfig, removeLocalConfig, writeLocalConfig } from './local-config.js';
import { type ProcessorLoop, startProcessor } from './processor.js';
import {
  createLocalResources,
  LOCAL_MAX_RECEIVE_COUNT,
  type LocalResources,
  queueDepth,
} from './resources.js';
import { type LocalServers, startServers } from './servers.js';

export interface LocalStackOptions {
  /** Port of the API on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** This deployment's network policy, JSON text (DAYLIGHT_NETWORK_POLICY). */
  networkPolicy?: string;
  /** Where to describe the running stack (`.daylight/local.json`); nothing is written without it. */
  configPath?: string;
  /** Handlers to run instead of those in functions/ (tests). */
  functions?: LocalFunctions;
  log: (line: string) => void;
}

export interface LocalStack {
  config: LocalConfig;
  clients: LocalClients;
  resources: LocalResources;
  /** Resolves once the ingest queue is empty and no batch is being processed. */
  drain(): Promise<void>;
  /** Deliveries processed, failed, and messages now in the ingest dead-letter queue. */
  processing(): Promise<{ processed: number; failed: number; deadLettered: number }>;
  stop(): Promise<void>;
}

/** Every variable any function's contract asks for; the compiler checks none is forgotten. */
type StackEnvironment = FunctionEnvironment<typeof ingestEnvironment> &
  FunctionEnvironment<typeof processorEnvironment> &
  FunctionEnvironment<typeof claimsEnvironment> &
  FunctionEnvironment<typeof reportEnvironment> &
  FunctionEnvironment<typeof listEnvironment> &
  FunctionEnvironment<typeof deleteEnvironment>;

/** The handlers read the environment once, when loaded: a second stack in one process would reuse the first's. */
let functionsLoaded = false;

/**
 * The pipeline on one machine: embedded DynamoDB, SQS and SNS, the stateful stack's resources, the API
 * handlers behind a local HTTP API and the processor behind a local event source, all running the same
 * `functions/` code as AWS.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const cleanup: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const step of cleanup.reverse()) await step().catch(() => {});
    cleanup.length = 0;
  };
  try {
    const servers: LocalServers = await startServers();
    cleanup.push(() => servers.stop());
    const clients = localClients(servers.endpoints);
    cleanup.push(async () => destroyClients(clients));
    const resources = await createLocalResources(clients);

    // Before the handlers load: each reads its environment once, as a Lambda does at its cold start.
    Object.assign(
      process.env,
      localEnvironment(servers, resources, options.networkPolicy),
      localRuntimeDefaults(),
    );
    const functions = options.functions ?? (await loadFunctionsOnce());
    const processor: ProcessorLoop = startProcessor(
      clients.sqs,
      resources.queues.ingest,
      functions.processEvents,
      options.log,
    );
    cleanup.push(() => processor.stop());
    // Started last so it stops first: no new work arrives while the processor finishes its batch.
    const api: HttpApi = await startHttpApi(apiRoutes(functions), options.port, options.log);
    cleanup.push(() => api.close());

    const config = describe(api.url, servers, resources);
    const { configPath } = options;
    if (configPath !== undefined) {
      await writeLocalConfig(configPath, config);
      cleanup.push(() => removeLocalConfig(configPath));
    }
    return {
      config,
      clients,
      resources,
      drain: () => processor.drain(),
      processing: async () => ({
        ...processor.stats(),
        deadLettered: await queueDepth(clients.sqs, resources.queues.ingestDeadLetter.url),
      }),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function loadFunctionsOnce(): Promise<LocalFunctions> {
  if (functionsLoaded)
    throw new Error('one local stack per process: the handlers are configured when they load');
  functionsLoaded = true;
  return loadFunctions();
}

function localEnvironment(
  servers: LocalServers,
  resources: LocalResources,
  networkPolicy: string | undefined,
): StackEnvironment & Record<string, string> {
  return {
    // The SDK clients in the handlers sign with these; the embedded servers accept any signature.
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    DAYLIGHT_DYNAMODB_ENDPOINT: servers.endpoints.dynamodb,
    DAYLIGHT_SQS_ENDPOINT: servers.endpoints.sqs,
    DAYLIGHT_SNS_ENDPOINT: servers.endpoints.sns,
    DAYLIGHT_EVIDENCE_TABLE: resources.tables.evidence,
    DAYLIGHT_PROFILES_TABLE: resources.tables.profiles,
    DAYLIGHT_ALERTS_TABLE: resources.tables.alerts,
    DAYLIGHT_ALERTS_TOPIC_ARN: resources.alertsTopicArn,
    DAYLIGHT_INGEST_QUEUE_URL: resources.queues.ingest.url,
    DAYLIGHT_INGEST_DEAD_LETTER_QUEUE_URL: resources.queues.ingestDeadLetter.url,
    DAYLIGHT_MAX_RECEIVE_COUNT: String(LOCAL_MAX_RECEIVE_COUNT),
    // The longest retention the contract allows, so the bundled (past) example weeks are not already expired.
    DAYLIGHT_EVENT_RETENTION_DAYS: '3650',
    ...(networkPolicy === undefined ? {} : { DAYLIGHT_NETWORK_POLICY: networkPolicy }),
  };
}

/**
 * Quieter than Lambda unless the developer asks otherwise: Powertools would print every info log and metric to
 * stdout, between the table and the alerts. Warnings and errors still go to stderr.
 */
function localRuntimeDefaults(): Record<string, string> {
  const defaults: Record<string, string> = {
    POWERTOOLS_LOG_LEVEL: 'WARN',
    POWERTOOLS_METRICS_DISABLED: 'true',
  };
  return Object.fromEntries(Object.entries(defaults).filter(([name]) => process.env[name] === undefined));
}

function apiRoutes(functions: LocalFunctions): Route[] {
  const routes: Route[] = [
    { method: 'POST', path: '/v1/events', name: 'ingest-events', handler: functions.ingestEvents },
    { method: 'PUT', path: '/v1/contractors/{id}/claims', name: 'put-claims', handler: functions.putClaims },
    { method: 'GET', path: '/v1/contractors/{id}/report', name: 'get-report', handler: functions.getReport },
    { method: 'GET', path: '/v1/contractors', name: 'list-contractors', handler: functions.listContractors },
  ];
  if (functions.deleteContractor !== undefined)
    routes.push({
      method: 'DELETE',
      path: '/v1/contractors/{id}',
      name: 'delete-contractor',
      handler: functions.deleteContractor,
    });
  return routes;
}

function describe(apiUrl: string, servers: LocalServers, resources: LocalResources): LocalConfig {
  const { queues } = resources;
  return {
    pid: process.pid,
    region: LOCAL_REGION,
    apiUrl,
    endpoints: servers.endpoints,
    tables: resources.tables,
    queues: {
      ingest: queues.ingest.url,
      ingestDeadLetter: queues.ingestDeadLetter.url,
      alerts: queues.alerts.url,
      alertsDeadLetter: queues.alertsDeadLetter.url,
    },
    alertsTopicArn: resources.alertsTopicArn,
  };
}
