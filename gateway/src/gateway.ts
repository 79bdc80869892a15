import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { Fetcher } from '@apollo/utils.fetcher';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError } from 'graphql';
import {
  CORRELATION_ID_HEADER,
  INTERNAL_TOKEN_HEADER,
  SERVICE_NAMES,
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
import { IdentityVerifier, InvalidTokenError } from './identity';

export const SUPERGRAPH_PATH = path.resolve(__dirname, '../../schemas/supergraph.graphql');

export interface GatewayContext {
  identity: Identity;
  correlationId: string;
  internalToken: string;
}

/** Forwards the verified identity (as the internal token) and the correlation id to every subgraph call. */
class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!('internalToken' in context)) return;
    request.http?.headers.set(INTERNAL_TOKEN_HEADER, context.internalToken);
    request.http?.headers.set(CORRELATION_ID_HEADER, context.correlationId);
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

export async function startGateway(overrides: Partial<GatewayConfig> = {}): Promise<RunningGateway> {
  const config: GatewayConfig = { ...loadGatewayConfig(), ...overrides };
  const logger = createLogger('gateway', config.logLevel);
  const verifier = new IdentityVerifier(config);

  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    // Node's own fetch (undici) keeps connections to subgraphs alive and costs less CPU than the default fetcher
    buildService: ({ name }) => new IdentityForwardingDataSource({ url: config.subgraphUrls[name as ServiceName], fetcher: fetch as unknown as Fetcher }),
  });
  const armor = new ApolloArmor({
    ...QUERY_LIMITS,
    blockFieldSuggestion: { enabled: config.isProduction },
  });
  const protection = armor.protect();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...protection,
    plugins: [...protection.plugins],
    validationRules: [...protection.validationRules],
    formatError: createErrorFormatter(config.isProduction),
    includeStacktraceInErrorResponses: false,
    introspection: !config.isProduction,
    csrfPrevention: true,
  });
  await apollo.start();

  const context = async (req: IncomingMessage): Promise<GatewayContext> => {
    const correlationId = (req.headers[CORRELATION_ID_HEADER] as string | undefined) ?? randomUUID();
    const authorization = req.headers.authorization;
    let identity: Identity;
    try {
      identity = await verifier.identify(authorization);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      throw new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    }
    const internalToken = await verifier.internalToken(authorization ?? 'anonymous', identity);
    return { identity, correlationId, internalToken };
  };

  const server = createHttpServer({
    apollo,
    context,
    maxBodyBytes: config.maxBodyBytes,
    logger,
    routes: { '/health': subgraphHealthRoute(config.subgraphUrls), '/metrics': metricsRoute },
  });
  const port = await listen(server, config.port, config.host);
  const url = `http://${config.host}:${port}/graphql`;
  logger.info({ url }, 'gateway ready');
  return {
    url,
    port,
    async stop() {
      await closeServer(server);
      await apollo.stop();
    },
  };
}
