import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventSourceMapping } from 'aws-cdk-lib/aws-lambda';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import {
  constructIdOf,
  type DeploymentEnvironment,
  entryOf,
  environmentFor,
  FUNCTION_NAMES,
  type FunctionName,
  type Queue,
  type Table,
  type TableCall,
  type Topic,
  type Trigger,
} from '../functions/catalog.js';
import { DaylightFunction, FUNCTION_RUNTIME } from './daylight-function.js';
import { GeoipLayer } from './geoip-layer.js';
import { grantConsumeMessages, grantPublish, grantSendMessages, grantTable } from './grants.js';
import { DaylightHttpApi } from './http-api.js';
import { MAX_RECEIVE_COUNT } from './queue-sizing.js';
import { isProduction } from './stage.js';
import type { DaylightStatefulResources } from './stateful-resources.js';

export interface StatelessStackProps extends StackProps {
  readonly resources: DaylightStatefulResources;
  /** This deployment's network policy (corporate VPN egress) as JSON, for the processor and reports. */
  readonly networkPolicy?: string;
  /** Stage-wide API throttling. Default: 50 requests per second, bursts of 100. */
  readonly apiThrottle?: { readonly rateLimit: number; readonly burstLimit: number };
}

/**
 * The functions of functions/catalog.ts, the HTTP API in front of those with a route and the event source of
 * those that consume a queue; each function's role gets exactly the access its catalog entry lists. Holds no
 * data: everything it reads or writes comes from the stateful stack, so it can be destroyed and redeployed freely.
 */
export class StatelessStack extends Stack {
  readonly api: DaylightHttpApi;
  readonly functions: Readonly<Record<FunctionName, DaylightFunction>>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    const { resources, networkPolicy, apiThrottle, ...stackProps } = props;
    super(scope, id, stackProps);
    const { stage, key } = resources;
    const production = isProduction(stage);
    const tables: Record<Table, ITable> = {
      evidence: resources.evidenceTable,
      profiles: resources.profilesTable,
      alerts: resources.alertsTable,
    };
    const queues: Record<Queue, IQueue> = {
      ingest: resources.ingestQueue,
      ingestDeadLetter: resources.ingestDeadLetterQueue,
    };
    const topics: Record<Topic, ITopic> = { alerts: resources.alertsTopic };
    const deployment: DeploymentEnvironment = {
      DAYLIGHT_EVIDENCE_TABLE: tables.evidence.tableName,
      DAYLIGHT_PROFILES_TABLE: tables.profiles.tableName,
      DAYLIGHT_ALERTS_TABLE: tables.alerts.tableName,
      DAYLIGHT_INGEST_QUEUE_URL: queues.ingest.queueUrl,
      DAYLIGHT_INGEST_DEAD_LETTER_QUEUE_URL: queues.ingestDeadLetter.queueUrl,
      DAYLIGHT_ALERTS_TOPIC_ARN: topics.alerts.topicArn,
      DAYLIGHT_MAX_RECEIVE_COUNT: String(MAX_RECEIVE_COUNT),
      DAYLIGHT_EVENT_RETENTION_DAYS: String(resources.eventRetention.toDays()),
      ...(networkPolicy === undefined ? {} : { DAYLIGHT_NETWORK_POLICY: networkPolicy }),
    };

    const functions = {} as Record<FunctionName, DaylightFunction>;
    for (const name of FUNCTION_NAMES) {
      const { access, trigger } = entryOf(name);
      const fn = new DaylightFunction(this, constructIdOf(name), {
        stage,
        key,
        name,
        environment: environmentFor(name, deployment),
        logRetention: production ? RetentionDays.THREE_MONTHS : RetentionDays.TWO_WEEKS,
      });
      for (const [table, calls] of Object.entries(access.tables ?? {}) as [Table, readonly TableCall[]][])
        grantTable(fn, tables[table], key, calls);
      if ('queue' in trigger) this.consume(fn, queues[trigger.queue], trigger, resources);
      for (const queue of access.sendsTo ?? []) grantSendMessages(fn, queues[queue], key);
      for (const topic of access.publishesTo ?? []) grantPublish(fn, topics[topic], key);
      functions[name] = fn;
    }
    this.functions = functions;

    const geoip = new GeoipLayer(this, 'Geoip', { runtime: FUNCTION_RUNTIME });
    for (const fn of Object.values(functions)) if (entryOf(fn.name).access.geoip === true) geoip.attachTo(fn);

    this.api = new DaylightHttpApi(this, 'Http', {
      stage,
      key,
      accessLogRetention: production ? RetentionDays.ONE_YEAR : RetentionDays.TWO_WEEKS,
      throttle: apiThrottle ?? { rateLimit: 50, burstLimit: 100 },
    });
    for (const fn of Object.values(functions)) {
      const { trigger } = entryOf(fn.name);
      if ('route' in trigger) this.api.route(HttpMethod[trigger.route.method], trigger.route.path, fn);
    }

    for (const fn of Object.values(functions)) {
      this.alarmOnErrors(fn, resources);
      acknowledgeSynchronousInvocation(fn, 'queue' in entryOf(fn.name).trigger);
      acknowledgeTracing(fn);
    }

    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    for (const fn of Object.values(functions)) {
      new CfnOutput(this, `${constructIdOf(fn.name)}FunctionName`, { value: fn.function.functionName });
    }
  }

  /** The queue's event source for the function, with partial batch failures, and the calls its poller makes. */
  private consume(
    fn: DaylightFunction,
    queue: IQueue,
    trigger: Extract<Trigger, { queue: Queue }>,
    resources: DaylightStatefulResources,
  ): void {
    grantConsumeMessages(fn, queue, resources.key);
    const source = new EventSourceMapping(this, `${constructIdOf(trigger.queue)}QueueSource`, {
      target: fn.function,
      eventSourceArn: queue.queueArn,
      batchSize: trigger.batchSize,
      maxBatchingWindow: Duration.seconds(trigger.maxBatchingWindowSeconds),
      // Only the failed records return to the queue; the rest of the batch is deleted.
      reportBatchItemFailures: true,
      maxConcurrency: trigger.maxConcurrency,
    });
    // Lambda checks the role can read the queue when the mapping is created.
    source.node.addDependency(fn.role);
    Validations.of(source).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason:
        'SQS event source mappings take no on-failure destination (only streams and Kafka do); a record that ' +
        'keeps failing moves to its dead-letter queue through the queue redrive policy, which is alarmed.',
    });
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
 * No X-Ray: with active tracing but no tracer in the handlers, traces would show only the Lambda service segment
 * (no DynamoDB, SQS or SNS subsegments) that the JSON logs' REPORT lines and Powertools metrics already give, at
 * extra cost per trace; and the Powertools tracer's X-Ray SDK would not fit the processor's 1 MB bundle.
 */
function acknowledgeTracing(fn: DaylightFunction): void {
  Validations.of(fn.function).acknowledge({
    id: 'Serverless-LambdaTracing',
    reason:
      'X-Ray is not used: the handlers carry no tracer, so traces would add nothing to the duration, errors and ' +
      'cold starts that the JSON logs and Powertools metrics record.',
  });
}
