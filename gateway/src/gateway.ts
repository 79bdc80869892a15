import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';
import {
  ANONYMOUS,
  CORRELATION_ID_HEADER,
  closeServer,
  correlationIdFrom,
  createHttpServer,
  createLogger,
  isAnonymous,
  listen,
  loadGatewayConfig,
  requireGatewaySecrets,
  startMetricsServer,
  type GatewayConfig,
  type Identity,
  type Logger,
  type RouteHandler,
} from '@thidua/common';
import { ApiKeyVerifier } from './api-keys';
import { downloadRoutes, type InternalTokenFor } from './downloads';
import { startGatewayApollo, type GatewayContext } from './graphql-server';
import { IDEMPOTENCY_HEADER, MemoryIdempotencyStore, RedisIdempotencyStore, idempotencyKeyOf, type IdempotencyOptions } from './idempotency';
import { IdentityVerifier, InvalidTokenError } from './identity';
import { InternalTokenSigner } from './internal-tokens';
import { RateLimits, clientAddressOf, type LimitKind } from './rate-limits';
import { connectRedis } from './redis';
import { PublicResponseCache, changesPublicData, watchEvents } from './response-cache';
import { ScopeCache, scopeOf } from './scope-cache';
import { gatewayHealthRoutes, publicFileRoute } from './routes';
import { ASSET_HEADERS, FEED_HEADERS } from './security-headers';
import { subgraphFetcher } from './subgraph-fetcher';
import { portalConfigRoute, webRoute } from './web';

export { QUERY_LIMITS, SUPERGRAPH_PATH, type GatewayContext } from './graphql-server';

export interface RunningGateway {
  url: string;
  port: number;
  metricsPort: number;
  stop(): Promise<void>;
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

function rateLimited(perMinute: number, wait: number): GraphQLError {
  return new GraphQLError(`Đã vượt giới hạn ${perMinute} yêu cầu mỗi phút; hãy thử lại sau ${wait} giây`, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds: wait, http: { status: 429, headers: new HeaderMap([['retry-after', String(wait)]]) } },
  });
}

interface Caller {
  identity: Identity;
  callerKey: string;
  /** The scope the per-scope cache keys on: signed-in users only (news channels' answers depend on the channel). */
  cacheScope?: string;
}

/** Who calls: a news channel's API key, a user's JWT, or nobody; each counted against its rate limit. */
function callerIdentification(verifier: IdentityVerifier, limits: RateLimits, apiKeys: ApiKeyVerifier, clientAddress: (req: IncomingMessage) => string) {
  const limit = async (kind: LimitKind, key: string): Promise<void> => {
    const wait = await limits.take(kind, key);
    if (wait > 0) throw rateLimited(limits.perMinute[kind], wait);
  };
  const byApiKey = async (req: IncomingMessage, apiKey: string): Promise<Caller> => {
    if (req.headers.authorization) throw unauthenticated('Send either an API key or a bearer token, not both');
    // guessing keys costs a failed attempt each, counted per client address; once over the limit, keys are not even checked
    const address = clientAddress(req);
    const wait = await limits.blocked('invalidApiKey', address);
    if (wait > 0) throw rateLimited(limits.perMinute.invalidApiKey, wait);
    const identity = await apiKeys.identify(apiKey);
    if (!identity) {
      await limits.take('invalidApiKey', address);
      throw unauthenticated('Invalid or revoked API key');
    }
    await limit('apiKey', identity.subject);
    return { identity, callerKey: `key:${apiKey}` };
  };
  return async (req: IncomingMessage): Promise<Caller> => {
    const apiKey = req.headers['x-api-key'];
    if (typeof apiKey === 'string') return byApiKey(req, apiKey);
    let identity: Identity;
    try {
      identity = await verifier.identify(req.headers.authorization);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw unauthenticated(error.message);
      throw error;
    }
    if (isAnonymous(identity)) {
      await limit('anonymous', clientAddress(req));
      return { identity, callerKey: 'anonymous' };
    }
    await limit('user', identity.subject);
    return { identity, callerKey: req.headers.authorization ?? 'anonymous', cacheScope: scopeOf(identity) };
  };
}

/** The context of one GraphQL request: the caller, a correlation id of the gateway's making, and their internal tokens. */
function requestContext(identify: ReturnType<typeof callerIdentification>, tokens: InternalTokenSigner): (req: IncomingMessage) => Promise<GatewayContext> {
  return async (req) => {
    const correlationId = correlationIdFrom(req.headers[CORRELATION_ID_HEADER]);
    const { identity, callerKey, cacheScope } = await identify(req);
    const idempotencyKey = idempotencyKeyOf(req.headers[IDEMPOTENCY_HEADER], identity);
    return {
      identity,
      correlationId,
      callerKey,
      ...(cacheScope ? { cacheScope } : {}),
      ...(idempotencyKey ? { idempotencyKey } : {}),
      internalToken: (service) => tokens.tokenFor(callerKey, identity, service),
    };
  };
}

/**
 * The public answers' cache (RESPONSE_CACHE_SECONDS > 0) and the per-scope cache of authenticated answers
 * (SCOPE_CACHE_SECONDS > 0), with their invalidation by every service's events: the public one on events that
 * change public data, the per-scope one on every event (an audit line or a review step changes signed-in answers).
 */
async function startCaches(config: GatewayConfig, limits: RateLimits, clientAddress: (req: IncomingMessage) => string, logger: Logger) {
  const publicCache =
    config.responseCacheSeconds > 0
      ? new PublicResponseCache(config.responseCacheSeconds * 1000, config.responseCacheMaxBytes, async (req) => (await limits.take('anonymous', clientAddress(req))) === 0)
      : undefined;
  const scopeCache = config.scopeCacheSeconds > 0 ? new ScopeCache(config.scopeCacheSeconds * 1000, config.scopeCacheMaxBytes, config.scopeCacheSettleMs) : undefined;
  const onEvent = (eventType: string): void => {
    if (changesPublicData(eventType)) publicCache?.flush();
    scopeCache?.flush();
  };
  const invalidation = publicCache || scopeCache ? await watchEvents(onEvent, config, logger) : undefined;
  return {
    publicCache,
    scopeCache,
    flush(): void {
      publicCache?.flush();
      scopeCache?.flush();
    },
    async stop(): Promise<void> {
      await invalidation?.stop();
      scopeCache?.stop();
    },
  };
}

/** Idempotency keys in Redis when the gateway has it (every replica sees every key), in this process otherwise. */
function idempotency(config: GatewayConfig, redis: Redis | undefined): IdempotencyOptions {
  return {
    store: redis ? new RedisIdempotencyStore(redis, config.idempotencyKeyPrefix) : new MemoryIdempotencyStore(),
    ttlMs: config.idempotencyKeySeconds * 1000,
    waitMs: 10_000,
  };
}

function routes(config: GatewayConfig, tokens: InternalTokenSigner, mediaBaseUrl: string, callerToken: InternalTokenFor): Record<string, RouteHandler> {
  const anonymousMediaToken = () => tokens.tokenFor('anonymous', ANONYMOUS, 'media');
  return {
    ...gatewayHealthRoutes(config.subgraphUrls),
    // public files served by media (feeds, story assets), reached only through the gateway
    '/feeds/': publicFileRoute(mediaBaseUrl, anonymousMediaToken, FEED_HEADERS),
    '/assets/': publicFileRoute(mediaBaseUrl, anonymousMediaToken, ASSET_HEADERS),
    // documents and spreadsheets, from the subgraph owning their data, with the caller's identity
    ...downloadRoutes(config.subgraphUrls, callerToken),
    '/portal-config.json': portalConfigRoute(config),
    // every other path: the web portal (a single-page app that talks to /graphql)
    '/': webRoute(config.oidcIssuer),
  };
}

/**
 * Starts the gateway: configuration (refused in production without its own secrets), internal token signer, rate
 * limits, Apollo over the supergraph, the public cache, the HTTP server, and metrics on their own port.
 */
export async function startGateway(overrides: Partial<GatewayConfig> = {}): Promise<RunningGateway> {
  const config: GatewayConfig = { ...loadGatewayConfig(), ...overrides };
  requireGatewaySecrets(config);
  // every refusal of the configuration comes before anything starts (a consumer, a Redis connection), so none is left behind
  const verifier = new IdentityVerifier(config);
  const logger = createLogger('gateway', config.logLevel);
  const tokens = await InternalTokenSigner.fromPem(config.internalTokenPrivateKey);
  const redis = await connectRedis(config, logger);
  const limits = new RateLimits(config, redis.client);
  const clientAddress = clientAddressOf(config.trustProxy);
  const mediaBaseUrl = config.subgraphUrls.media.replace(/\/graphql$/, '');
  const apiKeys = new ApiKeyVerifier(mediaBaseUrl, () => tokens.tokenFor('anonymous', ANONYMOUS, 'media'), config.apiKeyCacheSeconds);
  const caches = await startCaches(config, limits, clientAddress, logger);
  const apollo = await startGatewayApollo(config, {
    fetcher: subgraphFetcher(),
    onMutation: () => caches.flush(),
    idempotency: idempotency(config, redis.client),
    ...(caches.scopeCache ? { scopeCache: caches.scopeCache } : {}),
  });
  const identify = callerIdentification(verifier, limits, apiKeys, clientAddress);
  const callerToken: InternalTokenFor = async (req, service) => {
    const { identity, callerKey } = await identify(req);
    return tokens.tokenFor(callerKey, identity, service);
  };
  const server = createHttpServer({
    apollo,
    context: requestContext(identify, tokens),
    maxBodyBytes: config.maxBodyBytes,
    logger,
    ...(caches.publicCache ? { responseCache: caches.publicCache } : {}),
    routes: routes(config, tokens, mediaBaseUrl, callerToken),
  });
  const port = await listen(server, config.port, config.host);
  const metrics = await startMetricsServer(config.metricsHost, config.metricsPort);
  const url = `http://${config.host}:${port}/graphql`;
  logger.info({ url, metricsPort: metrics.port }, 'gateway ready');
  return {
    url,
    port,
    metricsPort: metrics.port,
    async stop() {
      await closeServer(server);
      await closeServer(metrics.server);
      await caches.stop();
      await apollo.stop();
      await redis.stop();
    },
  };
}
