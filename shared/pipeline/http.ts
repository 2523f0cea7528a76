import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { BadRequestError, PayloadTooLargeError, RequestError } from './errors.js';

/** The contract's limit on one request body. */
export const MAX_BODY_BYTES = 1024 * 1024;

export function json(status: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  };
}

/** The request body parsed as JSON, refusing bodies over 1 MB and text that is not JSON, with the reason. */
export function jsonBody(event: APIGatewayProxyEventV2): unknown {
  if (event.body === undefined || event.body.length === 0)
    throw new BadRequestError('the request has no body');
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES)
    throw new PayloadTooLargeError(`the body is larger than ${MAX_BODY_BYTES} bytes`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadRequestError(`the body is not valid JSON: ${(error as Error).message}`);
  }
}

export function pathParameter(event: APIGatewayProxyEventV2, name: string): string {
  const value = event.pathParameters?.[name];
  if (value === undefined || value.length === 0) throw new BadRequestError(`the path has no ${name}`);
  return decodeURIComponent(value);
}

/**
 * The one place errors become HTTP answers: a refused request says why (status, message, field problems); anything
 * else is a 500 that names the request id and never leaks internals.
 */
export function errorResponse(
  error: unknown,
  requestId: string,
  logError: (message: string, error: unknown) => void,
): APIGatewayProxyStructuredResultV2 {
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
