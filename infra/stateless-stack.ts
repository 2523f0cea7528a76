import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { EventSourceMapping } from 'aws-cdk-lib/aws-lambda';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import {
  claimsEnvironment,
  deleteEnvironment,
  ingestEnvironment,
  listEnvironment,
  processorEnvironment,
  reportEnvironment,
} from '../shared/config/environment.js';
import { DaylightFunction, FUNCTION_RUNTIME } from './daylight-function.js';
import { GeoipLayer } from './geoip-layer.js';
import { grantConsumeMessages, grantPublish, grantSendMessages, grantTable } from './grants.js';
import { DaylightHttpApi } from './http-api.js';
import {
  MAX_RECEIVE_COUNT,
  PROCESSOR_BATCH_SIZE,
  PROCESSOR_MAX_BATCHING_WINDOW_SECONDS,
  PROCESSOR_MAX_CONCURRENCY,
  PROCESSOR_TIMEOUT_SECONDS,
} from './queue-sizing.js';
import { isProduction } from './stage.js';
import type { DaylightStatefulResources } from './stateful-resources.js';

export interface StatelessStackProps extends StackProps {
  readonly resources: DaylightStatefulResources;
  /** X-Ray active tracing on every function. Default off: see `acknowledgeTracing`. */
  readonly tracing?: boolean;
  /** This deployment's network policy (corporate VPN egress) as JSON, for the processor and reports. */
  readonly networkPolicy?: string;
  /** Stage-wide API throttling. Default: 50 requests per second, bursts of 100. */
  readonly apiThrottle?: { readonly rateLimit: number; readonly burstLimit: number };
}

/** API Gateway gives up on an integration after 30 s; API functions answer well within it. */
const API_FUNCTION_TIMEOUT = Duration.seconds(15);

/**
 * The six functions, the HTTP API in front of five of them and the ingest queue behind the processor. Holds no
 * data: everything it reads or writes comes from the stateful stack, so it can be destroyed and redeployed freely.
 */
export class StatelessStack extends Stack {
  readonly api: DaylightHttpApi;
  readonly functions: Readonly<
    Record<'ingest' | 'processor' | 'claims' | 'report' | 'list' | 'erase', DaylightFunction>
  >;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    const { resources, tracing = false, networkPolicy, apiThrottle, ...stackProps } = props;
    super(scope, id, stackProps);
    const { stage, key } = resources;
    const production = isProduction(stage);
    const common = {
      stage,
      key,
      tracing,
      logRetention: production ? RetentionDays.THREE_MONTHS : RetentionDays.TWO_WEEKS,
    };
    const policy = networkPolicy === undefined ? {} : { DAYLIGHT_NETWORK_POLICY: networkPolicy };

    const ingest = new DaylightFunction(this, 'IngestEvents', {
      ...common,
      handler: 'ingest-events',
      description: 'POST /v1/events: validates telemetry and enqueues the valid events',
      contract: ingestEnvironment,
      environment: { DAYLIGHT_INGEST_QUEUE_URL: resources.ingestQueue.queueUrl },
      // Parsing and validating up to 1 MB of JSON is CPU-bound; more memory is more CPU.
      memorySize: 512,
      timeout: API_FUNCTION_TIMEOUT,
    });
    grantSendMessages(ingest, resources.ingestQueue, key);

    const processor = new DaylightFunction(this, 'ProcessEvents', {
      ...common,
      handler: 'process-events',
      description: 'Ingest queue consumer: folds events into weekly evidence, reassesses, publishes alerts',
      contract: processorEnvironment,
      environment: {
        DAYLIGHT_EVIDENCE_TABLE: resources.evidenceTable.tableName,
        DAYLIGHT_PROFILES_TABLE: resources.profilesTable.tableName,
        DAYLIGHT_ALERTS_TABLE: resources.alertsTable.tableName,
        DAYLIGHT_ALERTS_TOPIC_ARN: resources.alertsTopic.topicArn,
        DAYLIGHT_EVENT_RETENTION_DAYS: String(resources.eventRetention.toDays()),
        DAYLIGHT_INGEST_DEAD_LETTER_QUEUE_URL: resources.ingestDeadLetterQueue.queueUrl,
        DAYLIGHT_MAX_RECEIVE_COUNT: String(MAX_RECEIVE_COUNT),
        ...policy,
      },
      // The IPv4 city database (61 MB) is read into memory at cold start, the IPv6 one (69 MB) on first use.
      memorySize: 1024,
      timeout: Duration.seconds(PROCESSOR_TIMEOUT_SECONDS),
    });
    // DynamoEvidenceStore getWeek, putWeek, loadContractor; DynamoProfileStore get, put; DynamoAlertStore list, put.
    grantTable(processor, resources.evidenceTable, key, ['GetItem', 'PutItem', 'Query']);
    // …and DynamoInfrastructureIndex contractorsOf, record (the shared-infrastructure index in the same table).
    grantTable(processor, resources.profilesTable, key, ['BatchGetItem', 'GetItem', 'PutItem', 'UpdateItem']);
    grantTable(processor, resources.alertsTable, key, ['Query', 'PutItem']);
    grantConsumeMessages(processor, resources.ingestQueue, key);
    // On a message's last try the processor parks it in the dead-letter queue itself, with the reason.
    grantSendMessages(processor, resources.ingestDeadLetterQueue, key);
    grantPublish(processor, resources.alertsTopic, key);
    const ingestSource = new EventSourceMapping(this, 'IngestQueueSource', {
      target: processor.function,
      eventSourceArn: resources.ingestQueue.queueArn,
      batchSize: PROCESSOR_BATCH_SIZE,
      maxBatchingWindow: Duration.seconds(PROCESSOR_MAX_BATCHING_WINDOW_SECONDS),
      // Only the failed records return to the queue; the rest of the batch is deleted.
      reportBatchItemFailures: true,
      maxConcurrency: PROCESSOR_MAX_CONCURRENCY,
    });
    // Lambda checks the role can read the queue when the mapping is created.
    ingestSource.node.addDependency(processor.role);
    Validations.of(ingestSource).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason:
        'SQS event source mappings take no on-failure destination (only streams and Kafka do); a record that ' +
        'keeps failing moves to the ingest dead-letter queue through the queue redrive policy, which is alarmed.',
    });

    const claims = new DaylightFunction(this, 'PutClaims', {
      ...common,
      handler: 'put-claims',
      description: 'PUT /v1/contractors/{id}/claims: stores one claim record and asks for a reassessment',
      contract: claimsEnvironment,
      environment: {
        // Claims live in the contractor's evidence partition, beside the weeks, so a report is one query.
        DAYLIGHT_EVIDENCE_TABLE: resources.evidenceTable.tableName,
        DAYLIGHT_INGEST_QUEUE_URL: resources.ingestQueue.queueUrl,
      },
      memorySize: 256,
      timeout: API_FUNCTION_TIMEOUT,
    });
    // DynamoEvidenceStore loadContractor, putClaims.
    grantTable(claims, resources.evidenceTable, key, ['Query', 'PutItem']);
    grantSendMessages(claims, resources.ingestQueue, key);

    const report = new DaylightFunction(this, 'GetReport', {
      ...common,
      handler: 'get-report',
      description: 'GET /v1/contractors/{id}/report: the report, built from the stored weeks and claims',
      contract: reportEnvironment,
      environment: {
        DAYLIGHT_EVIDENCE_TABLE: resources.evidenceTable.tableName,
        DAYLIGHT_PROFILES_TABLE: resources.profilesTable.tableName,
        ...policy,
      },
      // Same GeoIP databases as the processor.
      memorySize: 1024,
      timeout: API_FUNCTION_TIMEOUT,
    });
    // DynamoEvidenceStore loadContractor: weeks and claims in one query.
    grantTable(report, resources.evidenceTable, key, ['Query']);
    // DynamoInfrastructureIndex contractorsOf: who else used the contractor's devices and home addresses.
    grantTable(report, resources.profilesTable, key, ['BatchGetItem']);

    const list = new DaylightFunction(this, 'ListContractors', {
      ...common,
      handler: 'list-contractors',
      description: 'GET /v1/contractors: profile summaries, paginated',
      contract: listEnvironment,
      environment: { DAYLIGHT_PROFILES_TABLE: resources.profilesTable.tableName },
      memorySize: 256,
      timeout: API_FUNCTION_TIMEOUT,
    });
    // DynamoProfileStore list: a filtered, paginated scan (one small item per contractor, no index to keep).
    grantTable(list, resources.profilesTable, key, ['Scan']);

    const erase = new DaylightFunction(this, 'DeleteContractor', {
      ...common,
      handler: 'delete-contractor',
      description:
        "DELETE /v1/contractors/{id}: erases a contractor's evidence, claims, profile and alert state",
      contract: deleteEnvironment,
      environment: {
        DAYLIGHT_EVIDENCE_TABLE: resources.evidenceTable.tableName,
        DAYLIGHT_PROFILES_TABLE: resources.profilesTable.tableName,
        DAYLIGHT_ALERTS_TABLE: resources.alertsTable.tableName,
      },
      memorySize: 256,
      timeout: API_FUNCTION_TIMEOUT,
    });
    // Keys by Query, then deleteKeys' BatchWriteItem (DeleteRequests only); the profile by DeleteItem.
    grantTable(erase, resources.evidenceTable, key, ['Query', 'BatchWriteItem']);
    // The profile by DeleteItem; the contractor out of the shared-infrastructure index by UpdateItem.
    grantTable(erase, resources.profilesTable, key, ['DeleteItem', 'UpdateItem']);
    grantTable(erase, resources.alertsTable, key, ['Query', 'BatchWriteItem']);

    const geoip = new GeoipLayer(this, 'Geoip', { runtime: FUNCTION_RUNTIME });
    geoip.attachTo(processor);
    geoip.attachTo(report);

    this.api = new DaylightHttpApi(this, 'Http', {
      stage,
      key,
      accessLogRetention: production ? RetentionDays.ONE_YEAR : RetentionDays.TWO_WEEKS,
      throttle: apiThrottle ?? { rateLimit: 50, burstLimit: 100 },
    });
    this.api.route(HttpMethod.POST, '/v1/events', ingest);
    this.api.route(HttpMethod.PUT, '/v1/contractors/{id}/claims', claims);
    this.api.route(HttpMethod.GET, '/v1/contractors/{id}/report', report);
    this.api.route(HttpMethod.GET, '/v1/contractors', list);
    this.api.route(HttpMethod.DELETE, '/v1/contractors/{id}', erase);

    this.functions = { ingest, processor, claims, report, list, erase };
    for (const fn of Object.values(this.functions)) {
      this.alarmOnErrors(fn, resources);
      acknowledgeSynchronousInvocation(fn, fn === processor);
      if (tracing) acknowledgeTracingPermissions(fn);
      else acknowledgeTracing(fn);
    }

    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    for (const [name, fn] of Object.entries(this.functions)) {
      new CfnOutput(this, `${name[0]?.toUpperCase()}${name.slice(1)}FunctionName`, {
        value: fn.function.functionName,
      });
    }
  }

  /** A function that throws (a 500 from the API, a failed batch) pages whoever subscribed to the ops topic. */
  private alarmOnErrors(fn: DaylightFunction, resources: DaylightStatefulResources): void {
    fn.function
      .metricErrors({ period: Duration.minutes(5), statistic: 'Sum' })
      .createAlarm(fn, 'ErrorsAlarm', {
        alarmDescription: `${fn.function.node.path} threw; its JSON logs name the error and the request.`,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      })
      .addAlarmAction(new SnsAction(resources.opsTopic));
  }
}

function acknowledgeSynchronousInvocation(fn: DaylightFunction, queueConsumer: boolean): void {
  Validations.of(fn.function).acknowledge({
    id: 'Serverless-LambdaDLQ',
    reason: queueConsumer
      ? 'Invoked synchronously by the SQS event source mapping, never asynchronously, so a function DLQ would ' +
        'stay empty; failed records go to the ingest dead-letter queue through the queue redrive policy.'
      : 'Invoked synchronously by API Gateway, never asynchronously, so a function DLQ would stay empty; the ' +
        'caller receives the error and retries.',
  });
}

/**
 * Tracing is off by default: the handlers carry no X-Ray instrumentation, so traces would show only the Lambda
 * service segment that the JSON logs' REPORT lines and Powertools metrics already give, at extra cost per trace.
 */
function acknowledgeTracing(fn: DaylightFunction): void {
  Validations.of(fn.function).acknowledge({
    id: 'Serverless-LambdaTracing',
    reason:
      'X-Ray is opt-in (StatelessStackProps.tracing, `-c tracing=true`): the handlers are not instrumented, and ' +
      'duration, errors and cold starts are in the JSON logs and Powertools metrics.',
  });
}

function acknowledgeTracingPermissions(fn: DaylightFunction): void {
  const reason =
    'Active tracing adds xray:PutTraceSegments and xray:PutTelemetryRecords, which have no resource-level ' +
    'permissions: AWS requires Resource "*" for them.';
  Validations.of(fn.role).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason });
}
