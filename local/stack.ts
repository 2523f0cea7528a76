import { entryOf, FUNCTION_NAMES, isApiFunction, isQueueFunction, routeOf } from '../functions/catalog.js';
import { destroyClients, LOCAL_REGION, type LocalClients, localClients } from './aws-clients.js';
import { localEnvironment } from './environment.js';
import { type LocalFunctions, loadFunctions } from './functions.js';
import { type HttpApi, type Route, startHttpApi } from './http-api.js';
import { type LocalConfig, removeLocalConfig, writeLocalConfig } from './local-config.js';
import { type ProcessorLoop, startProcessor } from './processor.js';
import { createLocalResources, type LocalResources, queueDepth } from './resources.js';
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
      localEnvironment(servers.endpoints, resources, options.networkPolicy),
      localRuntimeDefaults(),
    );
    const functions = options.functions ?? (await loadFunctionsOnce());
    // Each queue's event source, as Lambda's would poll it for the function the catalog names.
    const processors: ProcessorLoop[] = [];
    for (const name of FUNCTION_NAMES.filter(isQueueFunction)) {
      const { trigger } = entryOf(name);
      if (!('queue' in trigger)) continue;
      const loop = startProcessor(
        clients.sqs,
        resources.queues[trigger.queue],
        name,
        functions[name],
        options.log,
      );
      processors.push(loop);
      cleanup.push(() => loop.stop());
    }
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
      drain: async () => {
        await Promise.all(processors.map((loop) => loop.drain()));
      },
      processing: async () => ({
        processed: processors.reduce((sum, loop) => sum + loop.stats().processed, 0),
        failed: processors.reduce((sum, loop) => sum + loop.stats().failed, 0),
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

/** Every function with a route in the catalog, behind its route. */
function apiRoutes(functions: LocalFunctions): Route[] {
  return FUNCTION_NAMES.filter(isApiFunction).flatMap((name) => {
    const route = routeOf(name);
    return route === undefined ? [] : [{ ...route, name, handler: functions[name] }];
  });
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
