import { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, type HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { DaylightFunction } from './daylight-function.js';
import { logGroupPrefix, resourceName } from './names.js';

export interface DaylightHttpApiProps {
  readonly stage: string;
  readonly key: IKey;
  readonly accessLogRetention: RetentionDays;
  /** Steady requests per second across the stage, and the burst above it API Gateway absorbs. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
}

/**
 * One JSON line per request: who called (the IAM principal SigV4 proved), what, and how it ended. No query
 * strings or bodies: they carry contractor data that belongs in the tables, not in logs.
 */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  principal: '$context.identity.userArn',
  accountId: '$context.identity.accountId',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  error: '$context.error.message',
});

/**
 * The HTTP API: every route signed with SigV4 and authorised by IAM (a caller needs `execute-api:Invoke` on the
 * route), so there is no anonymous route to forget. One `$default` stage, throttled, with access logs in an
 * encrypted log group.
 */
export class DaylightHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogGroup: LogGroup;

  constructor(scope: Construct, id: string, props: DaylightHttpApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      apiName: resourceName(props.stage, 'api'),
      description: `Daylight ${props.stage}: telemetry ingest, claims, reports`,
      defaultAuthorizer: new HttpIamAuthorizer(),
      // The stage below carries throttling and access logs, which the implicit default stage cannot.
      createDefaultStage: false,
    });
    this.accessLogGroup = new LogGroup(this, 'AccessLogs', {
      logGroupName: `${logGroupPrefix(props.stage)}/api/access`,
      retention: props.accessLogRetention,
      encryptionKey: props.key,
      // Who called the API is an audit record in production.
      removalPolicy: props.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogGroup),
        format: AccessLogFormat.custom(ACCESS_LOG_FORMAT),
      },
    });
  }

  /** Routes `method path` to a function (payload format 2.0: an `APIGatewayProxyEventV2`). */
  route(method: HttpMethod, path: string, target: DaylightFunction): void {
    this.api.addRoutes({
      path,
      methods: [method],
      integration: new HttpLambdaIntegration(`${target.node.id}Integration`, target.function),
    });
  }

  get url(): string {
    return this.stage.url;
  }
}
