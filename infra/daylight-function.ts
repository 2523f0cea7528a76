import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import {
  type IGrantable,
  type IPrincipal,
  PolicyStatement,
  Role,
  ServicePrincipal,
} from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { z } from 'zod';
import { FUNCTIONS, type FunctionName } from '../functions/catalog.js';
import { logGroupPrefix, resourceName } from './names.js';

/** The newest Node.js Lambda runtime this CDK knows; cdk-nag (AwsSolutions-L1) insists on the newest. */
export const FUNCTION_RUNTIME = Runtime.NODEJS_24_X;

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/*
 * Some bundled CommonJS dependencies `require` Node built-ins, which an ESM bundle cannot do unless `require`
 * exists. Aliased, because the bundle itself imports `createRequire` (the GeoIP locator does).
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __daylightCreateRequire } from 'node:module'; " +
  'const require = __daylightCreateRequire(import.meta.url);';

export interface DaylightFunctionProps {
  readonly stage: string;
  /** Encrypts the function's log group. */
  readonly key: IKey;
  /** The function's entry in functions/catalog.ts: handler, description, memory, timeout, environment contract. */
  readonly name: FunctionName;
  /** The function's variables (catalog `environmentFor`), checked against its contract at synth. */
  readonly environment: Record<string, string>;
  readonly logRetention: RetentionDays;
}

/**
 * One Lambda the way every Daylight function is built: ESM bundle of functions/<name>.ts by the local esbuild
 * (no Docker), Node.js 24 on arm64, source maps, JSON logs into its own encrypted log group with retention, and
 * a role of its own that starts with nothing but writing to that log group. Access to data is added with the
 * helpers in grants.ts, each granting exact actions on one resource.
 */
export class DaylightFunction extends Construct implements IGrantable {
  readonly name: FunctionName;
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly grantPrincipal: IPrincipal;

  constructor(scope: Construct, id: string, props: DaylightFunctionProps) {
    super(scope, id);
    const { name } = props;
    const entry = FUNCTIONS[name];
    checkLiteralValues(entry.environment, props.environment, name);
    this.name = name;
    const production = props.stage === 'prod';

    // No AWSLambdaBasicExecutionRole: it allows writing to every log group in the account.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Daylight ${props.stage} ${name}`,
    });
    this.grantPrincipal = this.role;
    this.logGroup = new LogGroup(this, 'LogGroup', {
      logGroupName: `${logGroupPrefix(props.stage)}/functions/${name}`,
      retention: props.logRetention,
      encryptionKey: props.key,
      // Production logs are evidence of what the pipeline did; elsewhere they go with the stack.
      removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.function = new NodejsFunction(this, 'Function', {
      functionName: resourceName(props.stage, name),
      description: entry.description,
      entry: `${PROJECT_ROOT}functions/${name}.ts`,
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}package-lock.json`,
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: entry.memorySize,
      timeout: Duration.seconds(entry.timeoutSeconds),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      // No X-Ray: the handlers carry no tracer (its SDK would not fit the 1 MB bundles); see acknowledgeTracing.
      tracing: Tracing.DISABLED,
      environment: {
        ...props.environment,
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'daylight',
        POWERTOOLS_METRICS_NAMESPACE: 'Daylight',
      },
      bundling: {
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        // Error subclasses and stack frames keep their names in the logs.
        keepNames: true,
        sourceMap: true,
        sourcesContent: false,
        // The SDK is bundled, not taken from the runtime: the code runs with the version it was tested with.
        externalModules: [],
        logLevel: LogLevel.WARNING,
      },
    });
  }

  /** Lets this function's role do exactly `actions` on `resources`. */
  allow(actions: readonly string[], resources: readonly string[]): void {
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: [...actions], resources: [...resources] }));
  }

  addEnvironment(key: string, value: string): void {
    this.function.addEnvironment(key, value);
  }
}

/**
 * `tsc` already checks that every variable is set; values known at synth (retention days, a policy) are also
 * checked against the handler's schema here, so a bad value fails `cdk synth` rather than the first invocation.
 * Tokens (table names, queue URLs) resolve at deploy time and are left to the handler.
 */
function checkLiteralValues(contract: z.ZodObject, environment: Record<string, string>, handler: string) {
  const shape = contract.shape as Record<string, z.ZodType>;
  for (const [name, value] of Object.entries(environment)) {
    const schema = shape[name];
    if (schema === undefined)
      throw new Error(`${handler}: ${name} is not in the function's environment contract`);
    if (Token.isUnresolved(value)) continue;
    const parsed = schema.safeParse(value);
    if (!parsed.success)
      throw new Error(`${handler}: ${name}=${JSON.stringify(value)} is invalid for its schema`);
  }
}
