import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { BadRequestError, PayloadTooLargeError, RequestError } from '../../shared/pipeline/errors.js';
import { MAX_BODY_BYTES, UnreadableRecord } from '../../shared/pipeline/ingest.js';
import { ContractorId } from '../../shared/schema/events.js';
import { logger } from './observability.js';

/** Bytes that are not UTF-8 are refused, never replaced by U+FFFD and accepted as something else. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export type ApiResult = APIGatewayProxyStructuredResultV2;

export function json(status: number, body: unknown): ApiResult {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  };
}

/**
 * An HTTP API handler: the request context goes on every log line of the invocation (the Lambda request id and
 * cold start, the route and API Gateway's request id; never the path, which holds a contractor id), and whatever
 * `answer` throws becomes an HTTP answer in one place (`errorResponse`).
 */
export function apiHandler(
  answer: (event: APIGatewayProxyEventV2) => Promise<ApiResult>,
): (event: APIGatewayProxyEventV2, context: Context) => Promise<ApiResult> {
  return async (event, context) => {
    logger.addContext(context);
    logger.resetKeys();
    logger.appendKeys({ route: event.routeKey, apiRequestId: event.requestContext.requestId });
    try {
      return await answer(event);
    } catch (error) {
      return errorResponse(error, event.requestContext.requestId, (m, e) => logger.error(m, e as Error));
    }
  };
}

/** The request body as text: decoded strictly, at most 1 MB, without a byte-order mark. */
function bodyText(event: APIGatewayProxyEventV2): string {
  if (event.body === undefined || event.body.length === 0)
    throw new BadRequestError('the request has no body');
  let text = event.body;
  if (event.isBase64Encoded) {
    try {
      text = STRICT_UTF8.decode(Buffer.from(event.body, 'base64'));
    } catch {
      throw new BadRequestError('the body is not valid UTF-8 text');
    }
  }
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES)
    throw new PayloadTooLargeError(`the body is larger than ${MAX_BODY_BYTES} bytes`);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The request body parsed as JSON, refusing bodies over 1 MB and text that is not JSON, with the reason. */
export function jsonBody(event: APIGatewayProxyEventV2): unknown {
  const text = bodyText(event);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadRequestError(`the body is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * A batch of events: a JSON array, or JSON Lines (`application/x-ndjson`, or any body whose first record is not
 * an array) as the CLI reads them. A line that is not JSON is refused alone, as `(line)`, by its index among the
 * records; blank lines are not records.
 */
export function eventsBody(event: APIGatewayProxyEventV2): unknown {
  const text = bodyText(event);
  if (!/ndjson|jsonl/i.test(event.headers?.['content-type'] ?? '')) {
    try {
      return JSON.parse(text);
    } catch (error) {
      // Not one JSON value: JSON Lines sent without saying so, or a body that is no JSON at all.
      if (!firstLineIsObject(text))
        throw new BadRequestError(`the body is not valid JSON: ${(error as Error).message}`);
    }
  }
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      try {
        return JSON.parse(line);
      } catch (error) {
        return new UnreadableRecord(`is not valid JSON: ${(error as Error).message}`);
      }
    });
}

/** Several lines, the first of them a JSON object: how JSON Lines look. */
function firstLineIsObject(text: string): boolean {
  const first = text.trimStart();
  const end = first.indexOf('\n');
  if (first.startsWith('[') || end < 0) return false;
  try {
    const line: unknown = JSON.parse(first.slice(0, end));
    return typeof line === 'object' && line !== null && !Array.isArray(line);
  } catch {
    return false;
  }
}

/**
 * The contractor id of the path (`{id}`), decoded and held to the one id rule of the contract (`ContractorId`):
 * an id that is not valid percent-encoding, or that no event could carry, is a 400 naming the parameter, never a
 * key handed to the store.
 */
export function contractorIdParameter(event: APIGatewayProxyEventV2): string {
  const value = event.pathParameters?.id;
  if (value === undefined || value.length === 0) throw new BadRequestError('the path has no id');
  let id: string;
  try {
    id = decodeURIComponent(value);
  } catch {
    throw new BadRequestError('invalid path', [{ field: 'id', reason: 'is not valid percent-encoding' }]);
  }
  const parsed = ContractorId.safeParse(id);
  if (!parsed.success)
    throw new BadRequestError('invalid path', [
      { field: 'id', reason: parsed.error.issues[0]?.message ?? 'is invalid' },
    ]);
  return parsed.data;
}

/**
 * The one place errors become HTTP answers: a refused request says why (status, message, field problems); anything
 * else is a 500 that names the request id and never leaks internals.
 */
export function errorResponse(
  error: unknown,
  requestId: string,
  logError: (message: string, error: unknown) => void,
): ApiResult {
  if (error instanceof RequestError) {
    if (error.status >= 500) logError('dependency unavailable', error);
    return json(error.status, {
      error: error.message,
      ...(error.problems.length > 0 ? { problems: error.problems } : {}),
    });
  }
  logError('unexpected error', error);
  return json(500, { error: 'internal error', requestId });
}
