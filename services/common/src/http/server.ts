import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Logger } from '../logger';
import { metrics } from '../metrics';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface CachedResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

/** A whole-response cache in front of GraphQL (the gateway's, for public reads); `raw` is the request body. */
export interface ResponseCache {
  lookup(req: IncomingMessage, raw: string): Promise<CachedResponse | undefined>;
  /** Offered every complete answer to a request `lookup` saw. */
  offer(req: IncomingMessage, response: CachedResponse): void;
}

export interface HttpServerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  context: (req: IncomingMessage) => Promise<TContext>;
  routes: Record<string, RouteHandler>;
  maxBodyBytes: number;
  logger: Logger;
  responseCache?: ResponseCache;
}

function writeResponse(res: ServerResponse, response: CachedResponse): void {
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status;
  res.end(response.body);
}

export class PayloadTooLargeError extends Error {}

/** The request body as text, refused with PayloadTooLargeError beyond `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      // answer at once; the connection closes after the 413, so the body need not be read
      reject(new PayloadTooLargeError());
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // keep draining (the client gets its 413), but stop holding the bytes; cut off a sender that won't stop
        if (size > 4 * limit) req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => (size > limit ? reject(new PayloadTooLargeError()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

/**
 * The path of a request target, or null when the target is malformed: not an origin-form path, percent-encoding
 * that does not decode, control characters, or dot segments (`/assets/%2e%2e/metrics`), which a proxy or a URL
 * parser further on would resolve to another route. Every route sees only paths that passed here.
 */
export function requestPath(url: string | undefined): string | null {
  if (!url || !url.startsWith('/') || url.startsWith('//')) return null;
  const path = url.split('?', 1)[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (/[\u0000-\u001f\u007f\\]/.test(decoded)) return null;
  if (decoded.split('/').some((segment) => segment === '.' || segment === '..')) return null;
  return path;
}

/** An exact route, or the longest route ending in `/` that the path starts with (e.g. `/feeds/`). */
function findRoute(routes: Record<string, RouteHandler>, path: string): RouteHandler | undefined {
  if (routes[path]) return routes[path];
  const prefix = Object.keys(routes)
    .filter((key) => key.endsWith('/') && path.startsWith(key))
    .sort((a, b) => b.length - a.length)[0];
  return prefix ? routes[prefix] : undefined;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/**
 * A plain node:http server: /graphql goes to Apollo Server (its own HTTP semantics: CSRF prevention,
 * GET only for queries, status codes), the other routes are ours. No framework sits in the hot path.
 */
export function createHttpServer<TContext extends BaseContext>(options: HttpServerOptions<TContext>): Server {
  const server = createServer((req, res) => {
    respond(options, req, res).catch((error: unknown) => {
      options.logger.error({ err: error }, 'unhandled HTTP error');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    });
  });
  // a request the HTTP parser refuses (bad header, bad framing) gets a 400 and its connection closed, never a crash
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (socket.writable && error.code !== 'ECONNRESET') socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

async function respond<TContext extends BaseContext>(options: HttpServerOptions<TContext>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = requestPath(req.url);
  if (path === null) return sendJson(res, 400, { error: 'Đường dẫn yêu cầu không hợp lệ (mã hoá phần trăm sai, ký tự điều khiển hoặc đoạn "..")' });
  if (path === '/graphql') return handleGraphQL(options, req, res);
  const route = findRoute(options.routes, path);
  return route ? route(req, res) : sendJson(res, 404, { error: 'not found' });
}

async function handleGraphQL<TContext extends BaseContext>(
  options: HttpServerOptions<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const timer = metrics.graphqlRequests.startTimer();
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let raw: string;
  try {
    raw = await readBody(req, options.maxBodyBytes);
  } catch (error) {
    if (error instanceof PayloadTooLargeError) {
      timer({ status: '413' });
      res.setHeader('connection', 'close');
      sendJson(res, 413, { errors: [{ message: `Request body is larger than ${options.maxBodyBytes} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
      return;
    }
    throw error;
  }
  const cached = await options.responseCache?.lookup(req, raw);
  if (cached) {
    writeResponse(res, cached);
    timer({ status: String(cached.status) });
    return;
  }
  let body: unknown = raw;
  if (raw && (headers.get('content-type') ?? '').includes('json')) {
    try {
      body = JSON.parse(raw);
    } catch {
      timer({ status: '400' });
      sendJson(res, 400, { errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
  }
  const query = (req.url ?? '').indexOf('?');
  const result = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: query < 0 ? '' : req.url!.slice(query), body },
    context: () => options.context(req),
  });
  const status = result.status ?? 200;
  if (result.body.kind === 'complete') {
    const response = { status, headers: [...result.headers], body: result.body.string };
    writeResponse(res, response);
    options.responseCache?.offer(req, response);
  } else {
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = status;
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }
  timer({ status: String(status) });
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/**
 * Stops accepting connections and waits for in-flight requests to finish. Keep-alive connections are closed as
 * soon as they fall idle (a request in flight keeps its connection until its response is sent).
 */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const sweeper = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearInterval(sweeper);
      resolve();
    });
    server.closeIdleConnections();
  });
}
