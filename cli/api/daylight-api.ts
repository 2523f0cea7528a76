/**
 * How `daylight send` and `daylight show` reach the pipeline's HTTP API: the local stack of `npm start` as it is
 * (it checks no signature), or a stack on AWS, where every route has the IAM authoriser, so every request is
 * signed with SigV4 for `execute-api` with the SDK's default credentials chain. Retries what the API asks to be
 * retried (503, and 429 when the stage throttles) and what never reached it.
 */
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { localConfigPath, readLocalConfig } from '../../local/local-config.js';

/** Where the commands send their requests. */
/** The flags of every command that calls the API: which stack, and its region. */
export const API_FLAGS = {
  'api-url': {
    type: 'string',
    value: '<url>',
    description: 'the API of a stack on AWS (the ApiUrl output); credentials from the default chain',
  },
  region: {
    type: 'string',
    value: '<r>',
    description: "the API's region (default: the one in the URL, else AWS_REGION)",
  },
} as const;

export type ApiTarget = { kind: 'local' } | { kind: 'aws'; url: URL; region: string };

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The route's path with its parameters percent-encoded once: `/v1/contractors/a%40b/report`. */
  path: string;
  query?: Readonly<Record<string, string>>;
  /** JSON text, sent as `application/json`. */
  body?: string;
}

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** A request that ended without a 2xx answer: `status` null when the API could not be reached at all. */
export class ApiCallError extends Error {
  override name = 'ApiCallError';
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super(message);
  }
}

/** API Gateway gives up on an integration after 30 s; waiting longer would only hide a dead connection. */
const REQUEST_TIMEOUT_MS = 30_000;
/** Pauses before each retry: the API's 503 means "a queue or table refused, try again". */
const RETRY_DELAYS_MS = [500, 1_000, 2_000, 4_000];
/** A Retry-After longer than this is not waited for in a terminal. */
const MAX_RETRY_AFTER_MS = 10_000;

/**
 * The target `--api-url` and `--region` name, or why they cannot: the region is `--region`, else the one in an
 * `<id>.execute-api.<region>.amazonaws.com` host, else AWS_REGION.
 */
export function apiTargetOf(
  apiUrl: string | undefined,
  region: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ApiTarget | string {
  if (apiUrl === undefined)
    return region === undefined ? { kind: 'local' } : '--region applies only with --api-url';
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    return `--api-url must be a URL such as https://abc123.execute-api.eu-west-1.amazonaws.com/, not '${apiUrl}'`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return '--api-url must be an http(s) URL';
  const named = region ?? regionOfHost(url.hostname) ?? env.AWS_REGION;
  if (named === undefined || named === '')
    return 'the API URL does not name a region: give --region (or set AWS_REGION)';
  return { kind: 'aws', url, region: named };
}

function regionOfHost(hostname: string): string | undefined {
  return /^[a-z0-9]+\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/.exec(hostname)?.[1];
}

/** A signer for API Gateway's `execute-api` in one region; credentials default to the SDK's chain. */
export function apiSigner(region: string, credentials?: AwsCredentials): SignatureV4 {
  return new SignatureV4({
    service: 'execute-api',
    region,
    credentials: credentials ?? defaultProvider(),
    sha256: Sha256,
    // No x-amz-content-sha256 header: API Gateway hashes the body itself; the signature covers it either way.
    applyChecksum: false,
  });
}

/**
 * The headers of `request` to `baseUrl` once signed: `host`, `x-amz-date`, a session token if any, and
 * `authorization`. The path is handed over encoded once; the signer encodes it again, as
 * SigV4 asks of every service but S3.
 */
export async function signedHeaders(
  signer: SignatureV4,
  baseUrl: URL,
  request: ApiRequest,
  signingDate?: Date,
): Promise<Record<string, string>> {
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: baseUrl.protocol,
      hostname: baseUrl.hostname,
      ...(baseUrl.port === '' ? {} : { port: Number(baseUrl.port) }),
      path: pathOf(baseUrl, request),
      query: { ...request.query },
      headers: { host: baseUrl.host, ...contentHeaders(request) },
      ...(request.body === undefined ? {} : { body: request.body }),
    },
    signingDate === undefined ? {} : { signingDate },
  );
  return signed.headers;
}

/** The API of the local stack (`.daylight/local.json`) or of a stack on AWS, ready to call. */
export async function openApi(target: ApiTarget): Promise<DaylightApi> {
  if (target.kind === 'aws') {
    // As the other commands that reach AWS: the SDK's notice about future Node versions is not this command's output.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    return new DaylightApi(target.url, apiSigner(target.region));
  }
  const path = localConfigPath();
  if (!existsSync(path))
    throw new Error(`no local stack described in ${path}: run 'npm start' first, or pass --api-url`);
  const config = await readLocalConfig(path);
  return new DaylightApi(new URL(config.apiUrl), null);
}

/** What one try came to: an answer, or (status null) why there was none, in `text`. */
interface Outcome {
  status: number | null;
  text: string;
  retryable: boolean;
  retryAfterMs: number;
}

export class DaylightApi {
  constructor(
    readonly baseUrl: URL,
    private readonly signer: SignatureV4 | null,
  ) {}

  /**
   * The answer's text once the API answers 2xx. A 503, a 429 or a request that got no answer is tried again
   * (`onRetry` says why): sending events twice is harmless, since an event id counts once. Anything else, or the
   * last failure, is an ApiCallError naming the request, the status and the API's reason.
   */
  async call(request: ApiRequest, onRetry?: (reason: string, delayMs: number) => void): Promise<string> {
    const name = `${request.method} ${this.urlOf(request).href}`;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(request);
      if (outcome.status !== null && outcome.status >= 200 && outcome.status < 300) return outcome.text;
      const reason =
        outcome.status === null
          ? `could not reach the API: ${outcome.text}`
          : `answered ${outcome.status}: ${apiReason(outcome.text)}${this.hint(outcome.status)}`;
      const delay = RETRY_DELAYS_MS[attempt];
      if (!outcome.retryable || delay === undefined) {
        const tries = attempt > 0 ? ` (after ${attempt + 1} tries)` : '';
        throw new ApiCallError(outcome.status, `${name} ${reason}${tries}`);
      }
      const wait = Math.max(delay, outcome.retryAfterMs);
      onRetry?.(reason, wait);
      await sleep(wait);
    }
  }

  /** One try, signed anew each time so a retry carries a fresh date. */
  private async attempt(request: ApiRequest): Promise<Outcome> {
    const headers =
      this.signer === null
        ? contentHeaders(request)
        : await signedHeaders(this.signer, this.baseUrl, request).catch((error: unknown) => {
            throw new Error(
              `no AWS credentials to sign the request with (the default chain: environment, AWS_PROFILE, SSO, ` +
                `instance role): ${(error as Error).message}`,
            );
          });
    // fetch sets Host itself, from the same URL the signature was computed for.
    const sent = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'host'));
    try {
      const response = await fetch(this.urlOf(request), {
        method: request.method,
        headers: sent,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      return {
        status: response.status,
        text: await response.text(),
        retryable: response.status === 503 || response.status === 429,
        retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
      };
    } catch (error) {
      return unreachable(error);
    }
  }

  private urlOf(request: ApiRequest): URL {
    const url = new URL(this.baseUrl);
    url.pathname = pathOf(this.baseUrl, request);
    url.search = Object.entries(request.query ?? {})
      .map(([name, value]) => `${strictEncode(name)}=${strictEncode(value)}`)
      .join('&');
    return url;
  }

  private hint(status: number): string {
    if (status !== 403 || this.signer === null) return '';
    return ' (the caller needs execute-api:Invoke on this route, and credentials of this account: docs/deploy.md)';
  }
}

/** The API URL's own path (a stage other than `$default` adds one) followed by the route's. */
function pathOf(baseUrl: URL, request: ApiRequest): string {
  return `${baseUrl.pathname.replace(/\/+$/, '')}${request.path}`;
}

function contentHeaders(request: ApiRequest): Record<string, string> {
  return request.body === undefined ? {} : { 'content-type': 'application/json' };
}

/** RFC 3986 encoding, as the signer encodes query parameters: what is sent is what was signed. */
function strictEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Daylight's `{error, problems}`, API Gateway's `{message}`, or the start of whatever else came back. */
function apiReason(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown; problems?: unknown };
    const message = typeof body.error === 'string' ? body.error : body.message;
    const problems = Array.isArray(body.problems)
      ? (body.problems as { field?: unknown; reason?: unknown }[]).map((p) => `${p.field}: ${p.reason}`)
      : [];
    if (typeof message === 'string') return [message, ...problems].join('; ');
  } catch {
    // Not JSON: a proxy's page, say.
  }
  return text.trim().slice(0, 300) || '(no body)';
}

function retryAfterMs(header: string | null): number {
  const seconds = header === null ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS) : 0;
}

/**
 * fetch's "fetch failed" says nothing; its cause says what went wrong. Worth another try unless the host does not
 * exist, which time will not fix.
 */
function unreachable(error: unknown): Outcome {
  const failed = (text: string, retryable = true): Outcome => ({
    status: null,
    text,
    retryable,
    retryAfterMs: 0,
  });
  if ((error as Error | undefined)?.name === 'TimeoutError')
    return failed(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`);
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  if (cause?.code === 'ENOTFOUND') return failed('no such host', false);
  if (cause?.code === 'ECONNREFUSED') return failed('connection refused (is the stack running?)');
  if (cause?.code === 'ECONNRESET') return failed('the connection was reset');
  return failed(cause?.message ?? (error instanceof Error ? error.message : String(error)));
}
