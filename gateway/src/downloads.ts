import { request as httpRequest, Agent, type IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { CORRELATION_ID_HEADER, INTERNAL_TOKEN_HEADER, sendJson, type RouteHandler, type ServiceName } from '@thidua/common';

/**
 * Documents (PDF) and spreadsheets (.xlsx) are served by the subgraph that owns their data, from its own routes; the
 * gateway forwards them with the caller's identity (a bearer token, an API key or nobody, exactly as for /graphql,
 * rate limits included), and streams the answer back without holding it: a 20,000-row sheet passes through in chunks.
 */
export const DOWNLOAD_PREFIXES: Record<string, ServiceName> = {
  '/documents/rewards/': 'reward',
  '/exports/rewards/': 'reward',
  '/documents/campaigns/': 'campaign',
  '/documents/units/': 'campaign',
  '/exports/campaigns/': 'campaign',
  '/exports/units/': 'campaign',
  '/exports/accounts/': 'campaign',
  '/exports/rankings/': 'evaluation',
  '/exports/reviews/': 'evaluation',
  '/exports/stories/': 'media',
};

const FORWARDED_HEADERS = ['content-type', 'content-disposition', 'content-length', 'etag', 'cache-control', 'x-content-type-options', 'x-document-sha256'];
/** A large export may take a while to produce, but it never stays silent this long. */
const IDLE_TIMEOUT_MS = 60_000;
const agent = new Agent({ keepAlive: true });

/** The caller's internal token for that subgraph, or a GraphQLError (UNAUTHENTICATED, RATE_LIMITED) saying why not. */
export type InternalTokenFor = (req: IncomingMessage, service: ServiceName) => Promise<string>;

function refuse(res: Parameters<RouteHandler>[1], error: unknown): void {
  if (error instanceof GraphQLError) {
    const http = error.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
    for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
    sendJson(res, http?.status ?? 401, { error: { code: error.extensions.code, message: error.message } });
    return;
  }
  throw error;
}

function proxy(baseUrl: string, service: ServiceName, internalToken: InternalTokenFor): RouteHandler {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'Chỉ tải về bằng GET' } });
    let token: string;
    try {
      token = await internalToken(req, service);
    } catch (error) {
      return refuse(res, error);
    }
    const headers: Record<string, string> = { [INTERNAL_TOKEN_HEADER]: token };
    const correlationId = req.headers[CORRELATION_ID_HEADER];
    if (typeof correlationId === 'string') headers[CORRELATION_ID_HEADER] = correlationId;
    if (typeof req.headers['if-none-match'] === 'string') headers['if-none-match'] = req.headers['if-none-match'];
    await new Promise<void>((resolve) => {
      const upstream = httpRequest(`${baseUrl}${req.url ?? '/'}`, { method: req.method, headers, agent, timeout: IDLE_TIMEOUT_MS }, (answer) => {
        const forwarded: Record<string, string> = {};
        for (const name of FORWARDED_HEADERS) {
          const value = answer.headers[name];
          if (typeof value === 'string') forwarded[name] = value;
        }
        res.writeHead(answer.statusCode ?? 502, forwarded);
        answer.pipe(res);
        answer.on('end', resolve);
        answer.on('error', () => {
          res.destroy();
          resolve();
        });
      });
      upstream.on('timeout', () => upstream.destroy(new Error('timeout')));
      upstream.on('error', () => {
        if (!res.headersSent) sendJson(res, 503, { error: { code: 'UNAVAILABLE', message: `Dịch vụ ${service} đang không trả lời; thử lại sau ít phút`, retryable: true } });
        else res.destroy();
        resolve();
      });
      // a client that goes away stops the export upstream too
      res.on('close', () => upstream.destroy());
      upstream.end();
    });
  };
}

/** The download routes, keyed by prefix, to add to the gateway's routes. */
export function downloadRoutes(subgraphUrls: Record<ServiceName, string>, internalToken: InternalTokenFor): Record<string, RouteHandler> {
  return Object.fromEntries(
    Object.entries(DOWNLOAD_PREFIXES).map(([prefix, service]) => [prefix, proxy(subgraphUrls[service].replace(/\/graphql$/, ''), service, internalToken)]),
  );
}
