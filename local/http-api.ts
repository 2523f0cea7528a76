import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import type { FunctionName } from '../functions/catalog.js';
import { type ApiHandler, lambdaContext } from './functions.js';

export interface Route {
  method: string;
  /** As in the HTTP API: `/v1/contractors/{id}/report`; a `{name}` matches one path segment. */
  path: string;
  /** Names the function in logs and in its Lambda context. */
  name: FunctionName;
  handler: ApiHandler;
}

/** Twice the ingest contract's 1 MB, so the handler (not the local server) answers a body over its limit. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

type Match = { route: Route; pathParameters: Record<string, string> } | { allowed: string[] } | undefined;

/** The route for a method and path, the methods the path allows (405), or nothing (404). */
export function matchRoute(routes: readonly Route[], method: string, path: string): Match {
  const allowed: string[] = [];
  for (const route of routes) {
    const pathParameters = matchPath(route.path, path);
    if (pathParameters === undefined) continue;
    if (route.method === method) return { route, pathParameters };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { allowed } : undefined;
}

function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const parameters: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const segment = got[i] ?? '';
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name === undefined) {
      if (segment !== part) return undefined;
      continue;
    }
    if (segment === '') return undefined;
    // As API Gateway's HTTP API: the parameter still percent-encoded, as it came; the handler decodes it.
    parameters[name] = segment;
  }
  return parameters;
}

/** The HTTP API payload format 2.0 event API Gateway gives a Lambda for this request. */
export function toApiEvent(
  request: IncomingMessage,
  body: Buffer,
  route: Route,
  pathParameters: Record<string, string>,
): APIGatewayProxyEventV2 {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  // Node lower-cases names; API Gateway joins repeated headers with commas and moves cookies out.
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const cookies = request.headers.cookie?.split(/;\s*/).filter((c) => c !== '');
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  const now = new Date();
  const routeKey = `${route.method} ${route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies && cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(url.search.length > 1 ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length > 0 ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
      http: {
        method: route.method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...bodyOf(body),
  };
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * As API Gateway hands a body over: text when it is UTF-8, base64 otherwise (`isBase64Encoded`), so the handler,
 * not the server, decides what bytes that are not text mean; nothing is silently replaced by U+FFFD.
 */
function bodyOf(body: Buffer): { body?: string; isBase64Encoded: boolean } {
  if (body.length === 0) return { isBase64Encoded: false };
  try {
    return { body: STRICT_UTF8.decode(body), isBase64Encoded: false };
  } catch {
    return { body: body.toString('base64'), isBase64Encoded: true };
  }
}

/** A handler's result as API Gateway sends it; a bare value (not `{statusCode…}`) is 200 JSON, as on AWS. */
export function sendResult(response: ServerResponse, result: APIGatewayProxyResultV2): void {
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result);
    send(response, 200, { 'content-type': 'application/json' }, body);
    return;
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  if (result.cookies && result.cookies.length > 0) headers['set-cookie'] = result.cookies;
  const body = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? '');
  send(response, result.statusCode ?? 200, headers, body);
}

function send(
  response: ServerResponse,
  status: number,
  headers: Record<string, string | string[]>,
  body: string | Buffer,
): void {
  response.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/** API Gateway's own answers, which never reach a Lambda. */
function sendMessage(
  response: ServerResponse,
  status: number,
  message: string,
  extra: Record<string, string> = {},
) {
  send(response, status, { 'content-type': 'application/json', ...extra }, JSON.stringify({ message }));
}

/**
 * The body's bytes, or undefined once they pass `MAX_BODY_BYTES`. The rest is still read, and discarded, so the
 * client gets the 413 rather than a reset connection.
 */
function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else chunks.length = 0;
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export interface HttpApi {
  url: string;
  close(): Promise<void>;
}

/** Serves the routes on the loopback address; `port` 0 picks a free one. No AWS signature is checked. */
export async function startHttpApi(
  routes: readonly Route[],
  port: number,
  log: (line: string) => void,
): Promise<HttpApi> {
  // Once closing, every answer closes its connection, or a client reusing keep-alive sockets would hold it open.
  let closing = false;
  const active = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    if (closing) {
      request.resume();
      sendMessage(response, 503, 'Service Unavailable', { connection: 'close' });
      return;
    }
    active.add(response);
    response.on('close', () => active.delete(response));
    handle(routes, request, response, log).catch((error: unknown) => {
      log(`request failed: ${(error as Error).message}`);
      if (!response.headersSent) sendMessage(response, 500, 'Internal Server Error');
      else response.destroy();
    });
  });
  // A request the HTTP parser refuses gets an answer that says why, and a closed socket; the server carries on.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const [status, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? ['431 Request Header Fields Too Large', 'the request line and headers are larger than 16 KB']
        : ['400 Bad Request', 'the request is not valid HTTP'];
    const body = JSON.stringify({ message });
    socket.end(
      `HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-type: application/json\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
  await listen(server, port);
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    // Requests in flight finish first (their handlers still need the servers); idle keep-alive sockets go now.
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const response of active) if (!response.headersSent) response.setHeader('connection', 'close');
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

async function handle(
  routes: readonly Route[],
  request: IncomingMessage,
  response: ServerResponse,
  log: (line: string) => void,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const match = matchRoute(routes, request.method ?? 'GET', path);
  if (match === undefined || !('route' in match)) {
    request.resume();
    if (match === undefined) sendMessage(response, 404, 'Not Found');
    else sendMessage(response, 405, 'Method Not Allowed', { allow: match.allowed.join(', ') });
    return;
  }
  const body = await readBody(request);
  if (body === undefined) {
    sendMessage(response, 413, 'Request Entity Too Large');
    return;
  }
  const { route, pathParameters } = match;
  let result: APIGatewayProxyResultV2;
  try {
    result = await route.handler(toApiEvent(request, body, route, pathParameters), lambdaContext(route.name));
  } catch (error) {
    // As API Gateway does when a Lambda throws: a bare 500, the details in the function's log only.
    log(`${route.name} failed: ${(error as Error).name}: ${(error as Error).message}`);
    sendMessage(response, 500, 'Internal Server Error');
    return;
  }
  sendResult(response, result);
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${port} on 127.0.0.1 is in use; pass --port <n> (or --port 0 for any free port)`)
          : error,
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
}
