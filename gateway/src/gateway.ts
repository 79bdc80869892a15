import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError } from 'graphql';
import {
  CORRELATION_ID_HEADER,
  INTERNAL_TOKEN_HEADER,
  ANONYMOUS,
  SERVICE_NAMES,
  isAnonymous,
  closeServer,
  createErrorFormatter,
  createHttpServer,
  createLogger,
  listen,
  loadGatewayConfig,
  metricsRoute,
  sendJson,
  type GatewayConfig,
  type Identity,
  type RouteHandler,
  type ServiceName,
} from '@thidua/common';
import { isAllowed, loadPublicOperations } from './allowlist';
import { withInflightSharing } from './inflight';
import { subgraphFetcher } from './subgraph-fetcher';
import { ApiKeyVerifier, RateLimiter } from './api-keys';
import { IdentityVerifier, InvalidTokenError } from './identity';
import { PublicResponseCache, watchEvents } from './response-cache';
import { portalConfigRoute, webRoute } from './web';

export const SUPERGRAPH_PATH = path.resolve(__dirname, '../../schemas/supergraph.graphql');

export interface GatewayContext {
  identity: Identity;
  correlationId: string;
  internalToken: string;
}

/** Forwards the verified identity (as the internal token) and the correlation id to every subgraph call. */
class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly serviceName: ServiceName,
    options: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
  ) {
    super(options);
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!('internalToken' in context)) return;
    request.http?.headers.set(INTERNAL_TOKEN_HEADER, context.internalToken);
    request.http?.headers.set(CORRELATION_ID_HEADER, context.correlationId);
  }

  /** A subgraph that cannot be reached: say which, so the caller knows what is missing and that a retry may work. */
  override didEncounterError(error: Error): void {
    if (error instanceof GraphQLError) throw error;
    throw new GraphQLError(`The ${this.serviceName} service is unavailable; its fields are missing from this answer`, {
      extensions: { code: 'UNAVAILABLE', serviceName: this.serviceName, retryable: true },
    });
  }
}

/**
 * Limits sized from our largest legitimate query (the provincial dashboard, depth 7, about 150 fields) with
 * room to spare; anything beyond is refused before planning.
 */
export const QUERY_LIMITS = {
  maxDepth: { n: 10 },
  maxAliases: { n: 15 },
  maxDirectives: { n: 20 },
  maxTokens: { n: 2000 },
  costLimit: { maxCost: 20000, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5 },
};

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function subgraphHealthRoute(urls: Record<ServiceName, string>): RouteHandler {
  return async (_req, res) => {
    const checks = await Promise.all(
      SERVICE_NAMES.map(async (name) => {
        const started = performance.now();
        try {
          const response = await fetch(urls[name].replace(/\/graphql$/, '/health'), { signal: AbortSignal.timeout(2000) });
          return [name, { ok: response.ok, ms: Math.round(performance.now() - started), ...(response.ok ? {} : { error: `status ${response.status}` }) }] as const;
        } catch (error) {
          return [name, { ok: false, ms: Math.round(performance.now() - started), error: (error as Error).message }] as const;
        }
      }),
    );
    const ok = checks.every(([, check]) => check.ok);
    sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'degraded', checks: Object.fromEntries(checks) });
  };
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

const PROXIED_HEADERS = ['content-type', 'cache-control', 'content-disposition', 'x-content-type-options', 'content-length'];

/** Forwards a GET to a subgraph's public route with an anonymous internal token, and streams the answer back. */
function publicProxyRoute(baseUrl: string, token: () => Promise<string>): RouteHandler {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'GET only' });
    const upstream = await fetch(`${baseUrl}${req.url ?? '/'}`, { headers: { [INTERNAL_TOKEN_HEADER]: await token() }, signal: AbortSignal.timeout(10_000) });
    const headers: Record<string, string> = {};
    for (const name of PROXIED_HEADERS) {
      const value = upstream.headers.get(name);
      if (value) headers[name] = value;
    }
    res.writeHead(upstream.status, headers);
    res.end(Buffer.from(await upstream.arrayBuffer()));
  };
}

export async function startGateway(overrides: Partial<GatewayConfig> = {}): Promise<RunningGateway> {
  const config: GatewayConfig = { ...loadGatewayConfig(), ...overrides };
  const logger = createLogger('gateway', config.logLevel);
  const verifier = new IdentityVerifier(config);

  const fetcher = subgraphFetcher();
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name }) => new IdentityForwardingDataSource(name as ServiceName, { url: config.subgraphUrls[name as ServiceName], fetcher }),
  });
  const armor = new ApolloArmor({
    ...QUERY_LIMITS,
    blockFieldSuggestion: { enabled: config.isProduction },
  });
  const protection = armor.protect();
  const publicOperations = config.publicQueryAllowlist ? loadPublicOperations() : null;
  const allowlistPlugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ source, contextValue }) {
          if (publicOperations && isAnonymous(contextValue.identity) && !isAllowed(publicOperations, source)) {
            throw new GraphQLError('Anonymous callers may run only the public portal’s operations; sign in for others', {
              extensions: { code: 'OPERATION_NOT_ALLOWED', http: { status: 403 } },
            });
          }
        },
      };
    },
  };
  const apollo = new ApolloServer<GatewayContext>({
    gateway: withInflightSharing(gateway),
    ...protection,
    plugins: [...protection.plugins, allowlistPlugin],
    validationRules: [...protection.validationRules],
    formatError: createErrorFormatter(config.isProduction),
    includeStacktraceInErrorResponses: false,
    introspection: !config.isProduction,
    csrfPrevention: true,
  });
  await apollo.start();

  const mediaBaseUrl = config.subgraphUrls.media.replace(/\/graphql$/, '');
  const apiKeys = new ApiKeyVerifier(mediaBaseUrl, config.internalTokenSecret, config.apiKeyCacheSeconds);
  const limiters = {
    apiKey: new RateLimiter(config.apiKeyRequestsPerMinute),
    user: new RateLimiter(config.userRequestsPerMinute),
    anonymous: new RateLimiter(config.anonymousRequestsPerMinute),
  };
  const limit = (limiter: keyof typeof limiters, key: string): void => {
    const wait = limiters[limiter].take(key);
    if (wait > 0) {
      throw new GraphQLError(`Rate limit of ${limiters[limiter].perMinute} requests a minute reached; retry in ${wait} s`, {
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: wait, http: { status: 429, headers: new HeaderMap([['retry-after', String(wait)]]) } },
      });
    }
  };

  /** A user's JWT, or a news channel's API key (rate limited per key), or nobody. */
  const identify = async (req: IncomingMessage): Promise<{ identity: Identity; cacheKey: string }> => {
    const apiKey = req.headers['x-api-key'];
    if (typeof apiKey === 'string') {
      if (req.headers.authorization) throw unauthenticated('Send either an API key or a bearer token, not both');
      const identity = await apiKeys.identify(apiKey);
      if (!identity) throw unauthenticated('Invalid or revoked API key');
      limit('apiKey', identity.subject);
      return { identity, cacheKey: `key:${apiKey}` };
    }
    let identity: Identity;
    try {
      identity = await verifier.identify(req.headers.authorization);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw unauthenticated(error.message);
      throw error;
    }
    if (isAnonymous(identity)) limit('anonymous', req.socket.remoteAddress ?? 'unknown');
    else limit('user', identity.subject);
    return { identity, cacheKey: req.headers.authorization ?? 'anonymous' };
  };

  const context = async (req: IncomingMessage): Promise<GatewayContext> => {
    const correlationId = (req.headers[CORRELATION_ID_HEADER] as string | undefined) ?? randomUUID();
    const { identity, cacheKey } = await identify(req);
    return { identity, correlationId, internalToken: await verifier.internalToken(cacheKey, identity) };
  };

  const responseCache =
    config.responseCacheSeconds > 0
      ? new PublicResponseCache(config.responseCacheSeconds * 1000, config.responseCacheMaxEntries, (req) => limiters.anonymous.take(req.socket.remoteAddress ?? 'unknown') === 0)
      : undefined;
  const invalidation = responseCache ? await watchEvents(responseCache, config, logger) : undefined;

  const server = createHttpServer({
    apollo,
    context,
    maxBodyBytes: config.maxBodyBytes,
    logger,
    ...(responseCache ? { responseCache } : {}),
    routes: {
      '/health': subgraphHealthRoute(config.subgraphUrls),
      '/metrics': metricsRoute,
      // public files served by media (feeds, story assets), reached only through the gateway
      '/feeds/': publicProxyRoute(mediaBaseUrl, () => verifier.internalToken('anonymous', ANONYMOUS)),
      '/assets/': publicProxyRoute(mediaBaseUrl, () => verifier.internalToken('anonymous', ANONYMOUS)),
      '/portal-config.json': portalConfigRoute(config),
      // every other path: the web portal (a single-page app that talks to /graphql)
      '/': webRoute(config.oidcIssuer),
    },
  });
  const port = await listen(server, config.port, config.host);
  const url = `http://${config.host}:${port}/graphql`;
  logger.info({ url }, 'gateway ready');
  return {
    url,
    port,
    async stop() {
      await closeServer(server);
      await invalidation?.stop();
      await apollo.stop();
    },
  };
}
