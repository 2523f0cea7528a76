/**
 * Every Lambda function of Daylight, one entry each, keyed by the function's one name: its handler is
 * `functions/<name>.ts`, its construct `PascalCase(name)`, its AWS name `daylight-<stage>-<name>`. The CDK stack,
 * the local stack (`npm start`) and the benchmarks are all derived from this list, so adding a function is one
 * entry here and one handler file (docs/architecture.md). Plain data and zod only: the CLI bundle imports it.
 */
import * as z from 'zod';
import { localEndpoints, queueUrl, tableName, topicArn } from '../shared/config/environment.js';

/** The stateful stack's tables, queues and topics a function may be given. */
export type Table = 'evidence' | 'profiles' | 'alerts';
export type Queue = 'ingest' | 'ingestDeadLetter';
export type Topic = 'alerts';

/**
 * The DynamoDB calls a function makes on a table, named as in the API and listed per table from the adapters in
 * shared/adapters/dynamodb/ (GetCommand → GetItem, PutCommand → PutItem, …), so a role can do exactly what its
 * handler's code does: deletes only for the erasure, no transactions, no Scan but for the list.
 */
export type TableCall =
  | 'BatchGetItem'
  | 'GetItem'
  | 'Query'
  | 'Scan'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'BatchWriteItem';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What invokes the function: an HTTP API route, or the event source of a queue. */
export type Trigger =
  | { readonly route: { readonly method: HttpMethod; readonly path: string } }
  | {
      readonly queue: Queue;
      /** Messages per invocation; with the batching window, larger batches merge more events per write. */
      readonly batchSize: number;
      /** Longest the event source waits to fill a batch. */
      readonly maxBatchingWindowSeconds: number;
      /**
       * Concurrent invocations the event source may run: bounded so parallel batches for the same contractor
       * rarely race on a week item (a lost race re-reads and re-merges) and DynamoDB on demand is not asked for a
       * sudden burst; raise it if the ingest backlog alarm fires.
       */
      readonly maxConcurrency: number;
    };

/** Everything the function's role may touch besides its own log group; each resource also gets its variable. */
export interface FunctionAccess {
  readonly tables?: Readonly<Partial<Record<Table, readonly TableCall[]>>>;
  readonly sendsTo?: readonly Queue[];
  readonly publishesTo?: readonly Topic[];
  /** The GeoIP databases, shipped to the function as a layer on AWS. */
  readonly geoip?: boolean;
}

export interface FunctionEntry {
  readonly description: string;
  readonly trigger: Trigger;
  /** The variables the handler reads once at cold start; the CDK construct's `environment` is typed from it. */
  readonly environment: z.ZodObject;
  readonly memorySize: number;
  readonly timeoutSeconds: number;
  readonly access: FunctionAccess;
}

/** API Gateway gives up on an integration after 30 s; API functions answer well within it. */
const API_TIMEOUT_SECONDS = 15;

/** This deployment's network policy (corporate VPN egress), JSON; none by default. */
const networkPolicy = z.string().optional();

export const FUNCTIONS = {
  'ingest-events': {
    description: 'POST /v1/events: validates telemetry and enqueues the valid events',
    trigger: { route: { method: 'POST', path: '/v1/events' } },
    environment: z.object({ DAYLIGHT_INGEST_QUEUE_URL: queueUrl, ...localEndpoints }),
    // Parsing and validating up to 1 MB of JSON is CPU-bound; more memory is more CPU.
    memorySize: 512,
    timeoutSeconds: API_TIMEOUT_SECONDS,
    access: { sendsTo: ['ingest'] },
  },
  'process-events': {
    description: 'Ingest queue consumer: folds events into weekly evidence, reassesses, publishes alerts',
    trigger: { queue: 'ingest', batchSize: 10, maxBatchingWindowSeconds: 5, maxConcurrency: 5 },
    environment: z.object({
      DAYLIGHT_EVIDENCE_TABLE: tableName,
      DAYLIGHT_PROFILES_TABLE: tableName,
      DAYLIGHT_ALERTS_TABLE: tableName,
      DAYLIGHT_ALERTS_TOPIC_ARN: topicArn,
      /** Where a message goes on its last failed try, with the reason it failed kept beside it. */
      DAYLIGHT_INGEST_DEAD_LETTER_QUEUE_URL: queueUrl,
      /** The ingest queue's maxReceiveCount: on that receive, the processor dead-letters a failure itself. */
      DAYLIGHT_MAX_RECEIVE_COUNT: z.coerce.number().int().min(1).max(1000),
      /** How long a week of evidence is kept after it ends (DynamoDB TTL). */
      DAYLIGHT_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650),
      DAYLIGHT_NETWORK_POLICY: networkPolicy,
      ...localEndpoints,
    }),
    // The GeoIP databases are read a page at a time, but a batch's assessments are CPU-bound.
    memorySize: 1024,
    timeoutSeconds: 30,
    access: {
      // DynamoEvidenceStore getWeek, putWeek, loadContractor; DynamoProfileStore get, put; DynamoAlertStore list,
      // put; DynamoInfrastructureIndex contractorsOf, record (the shared-infrastructure index, in profiles).
      tables: {
        evidence: ['GetItem', 'PutItem', 'Query'],
        profiles: ['BatchGetItem', 'GetItem', 'PutItem', 'UpdateItem'],
        alerts: ['Query', 'PutItem'],
      },
      // On a message's last try the processor parks it in the dead-letter queue itself, with the reason.
      sendsTo: ['ingestDeadLetter'],
      publishesTo: ['alerts'],
      geoip: true,
    },
  },
  'put-claims': {
    description: 'PUT /v1/contractors/{id}/claims: stores one claim record and asks for a reassessment',
    trigger: { route: { method: 'PUT', path: '/v1/contractors/{id}/claims' } },
    environment: z.object({
      // Claims live in the contractor's evidence partition, beside the weeks, so a report is one query.
      DAYLIGHT_EVIDENCE_TABLE: tableName,
      DAYLIGHT_INGEST_QUEUE_URL: queueUrl,
      ...localEndpoints,
    }),
    memorySize: 256,
    timeoutSeconds: API_TIMEOUT_SECONDS,
    // DynamoEvidenceStore loadContractor, putClaims.
    access: { tables: { evidence: ['Query', 'PutItem'] }, sendsTo: ['ingest'] },
  },
  'get-report': {
    description: 'GET /v1/contractors/{id}/report: the report, built from the stored weeks and claims',
    trigger: { route: { method: 'GET', path: '/v1/contractors/{id}/report' } },
    environment: z.object({
      DAYLIGHT_EVIDENCE_TABLE: tableName,
      /** Holds the index of shared device ids and home addresses too. */
      DAYLIGHT_PROFILES_TABLE: tableName,
      DAYLIGHT_NETWORK_POLICY: networkPolicy,
      ...localEndpoints,
    }),
    // The same GeoIP databases and engine as the processor.
    memorySize: 1024,
    timeoutSeconds: API_TIMEOUT_SECONDS,
    access: {
      // DynamoEvidenceStore loadContractor (weeks and claims in one query); DynamoInfrastructureIndex
      // contractorsOf (who else used the contractor's devices and home addresses).
      tables: { evidence: ['Query'], profiles: ['BatchGetItem'] },
      geoip: true,
    },
  },
  'list-contractors': {
    description: 'GET /v1/contractors: profile summaries, paginated',
    trigger: { route: { method: 'GET', path: '/v1/contractors' } },
    environment: z.object({ DAYLIGHT_PROFILES_TABLE: tableName, ...localEndpoints }),
    memorySize: 256,
    timeoutSeconds: API_TIMEOUT_SECONDS,
    // DynamoProfileStore list: a filtered, paginated scan (one small item per contractor, no index to keep).
    access: { tables: { profiles: ['Scan'] } },
  },
  'delete-contractor': {
    description:
      "DELETE /v1/contractors/{id}: erases a contractor's evidence, claims, profile and alert state",
    trigger: { route: { method: 'DELETE', path: '/v1/contractors/{id}' } },
    environment: z.object({
      DAYLIGHT_EVIDENCE_TABLE: tableName,
      DAYLIGHT_PROFILES_TABLE: tableName,
      DAYLIGHT_ALERTS_TABLE: tableName,
      ...localEndpoints,
    }),
    memorySize: 256,
    timeoutSeconds: API_TIMEOUT_SECONDS,
    access: {
      // Keys by Query, then BatchWriteItem (DeleteRequests only); the profile by DeleteItem, the contractor out of
      // the shared-infrastructure index by UpdateItem.
      tables: {
        evidence: ['Query', 'BatchWriteItem'],
        profiles: ['DeleteItem', 'UpdateItem'],
        alerts: ['Query', 'BatchWriteItem'],
      },
    },
  },
} as const satisfies Record<string, FunctionEntry>;

export type FunctionName = keyof typeof FUNCTIONS;
export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

/** The functions an HTTP route invokes, with their route. */
export type ApiFunctionName = {
  [N in FunctionName]: (typeof FUNCTIONS)[N]['trigger'] extends { route: object } ? N : never;
}[FunctionName];
/** The functions a queue's event source invokes. */
export type QueueFunctionName = Exclude<FunctionName, ApiFunctionName>;

export function isApiFunction(name: FunctionName): name is ApiFunctionName {
  return 'route' in entryOf(name).trigger;
}

export function isQueueFunction(name: FunctionName): name is QueueFunctionName {
  return 'queue' in entryOf(name).trigger;
}

/** An entry as the general shape, for code that handles every function alike. */
export function entryOf(name: FunctionName): FunctionEntry {
  return FUNCTIONS[name];
}

export function routeOf(name: FunctionName): { method: HttpMethod; path: string } | undefined {
  const { trigger } = entryOf(name);
  return 'route' in trigger ? trigger.route : undefined;
}

/** A name as a construct id: `delete-contractor` → `DeleteContractor`, `ingest` → `Ingest`. */
export function constructIdOf(name: string): string {
  return name
    .split('-')
    .map((word) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`)
    .join('');
}

/** The variable that names each resource in a function's environment, when the function is given it. */
export const RESOURCE_VARIABLES = {
  tables: {
    evidence: 'DAYLIGHT_EVIDENCE_TABLE',
    profiles: 'DAYLIGHT_PROFILES_TABLE',
    alerts: 'DAYLIGHT_ALERTS_TABLE',
  },
  queues: { ingest: 'DAYLIGHT_INGEST_QUEUE_URL', ingestDeadLetter: 'DAYLIGHT_INGEST_DEAD_LETTER_QUEUE_URL' },
  topics: { alerts: 'DAYLIGHT_ALERTS_TOPIC_ARN' },
} as const satisfies {
  tables: Record<Table, string>;
  queues: Record<Queue, string>;
  topics: Record<Topic, string>;
};

/** What a deployment must set for a function with this schema: every required variable, as strings. */
export type FunctionEnvironment<S extends z.ZodObject> = {
  [K in keyof z.input<S> as undefined extends z.input<S>[K] ? never : K]-?: string;
} & {
  [K in keyof z.input<S> as undefined extends z.input<S>[K] ? K : never]?: string;
};

type EnvironmentOf<N> = N extends FunctionName
  ? FunctionEnvironment<(typeof FUNCTIONS)[N]['environment']>
  : never;
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/**
 * Every variable any function asks for: what the CDK stack and the local stack each provide once, and each
 * function takes its own from (`environmentFor`). Forgetting one a function requires fails the type-check.
 */
export type DeploymentEnvironment = Intersection<EnvironmentOf<FunctionName>>;

/** The variables of one function, taken from the deployment's; a required one missing is an error naming it. */
export function environmentFor(
  name: FunctionName,
  deployment: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [variable, schema] of Object.entries(
    FUNCTIONS[name].environment.shape as Record<string, z.ZodType>,
  )) {
    const value = deployment[variable];
    if (value !== undefined) environment[variable] = value;
    else if (!schema.safeParse(undefined).success) throw new Error(`${name}: ${variable} is not set`);
  }
  return environment;
}
