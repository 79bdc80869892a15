import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import type { Fetcher } from '@apollo/utils.fetcher';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, getVariableValues, type ValidationContext } from 'graphql';
import { LRUCache } from 'lru-cache';
import { CORRELATION_ID_HEADER, INTERNAL_TOKEN_HEADER, createErrorFormatter, graphqlOverHttpStatuses, isAnonymous, type GatewayConfig, type Identity, type ServiceName } from '@thidua/common';
import { isAllowed, loadPublicOperations } from './allowlist';
import { withExecutor } from './executor';
import { idempotencyPlugin, type IdempotencyOptions } from './idempotency';
import { sharingInflight } from './inflight';
import { declaredLengths, inputLengthProblems, type DeclaredLengths } from './input-limits';
import { operationCost } from './query-cost';
import type { ScopeCache } from './scope-cache';

export const SUPERGRAPH_PATH = path.resolve(__dirname, '../../schemas/supergraph.graphql');

export interface GatewayContext {
  identity: Identity;
  correlationId: string;
  /** Stands for the verified caller (their token, their API key, or anonymous): what in-flight sharing keys on. */
  callerKey: string;
  /** The caller's authorization scope for the per-scope cache (scope-cache.ts); absent for anonymous callers and API keys. */
  cacheScope?: string;
  /** The mutation's Idempotency-Key header, checked (idempotency.ts). */
  idempotencyKey?: string;
  /** The internal token for one subgraph, addressed to it alone. */
  internalToken(service: ServiceName): Promise<string>;
}

/** Whether a subgraph call's error is a balancer's answer that no replica of the subgraph answered (decision 0027). */
function fromBalancer(error: GraphQLError): boolean {
  const status = (error.extensions?.response as { status?: unknown } | undefined)?.status;
  return status === 502 || status === 504;
}

/** Forwards the verified identity (as an internal token for that subgraph) and the correlation id to every subgraph call. */
class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly serviceName: ServiceName,
    options: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
  ) {
    super(options);
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (!('internalToken' in context)) return;
    request.http?.headers.set(INTERNAL_TOKEN_HEADER, await context.internalToken(this.serviceName));
    request.http?.headers.set(CORRELATION_ID_HEADER, context.correlationId);
  }

  /**
   * A subgraph that cannot be reached: say which, so the caller knows what is missing and that a retry may work. A
   * balancer's 502 or 504 in front of the subgraph's replicas (the replica died under the request, none answered) is
   * the same: unreachable, never an answer of the subgraph's own.
   */
  override didEncounterError(error: Error): void {
    if (error instanceof GraphQLError && !fromBalancer(error)) throw error;
    throw new GraphQLError(`The ${this.serviceName} service is unavailable; its fields are missing from this answer`, {
      extensions: { code: 'UNAVAILABLE', serviceName: this.serviceName, retryable: true },
    });
  }
}

/**
 * Limits sized from our largest legitimate query (the provincial dashboard, depth 7, about 150 fields) with
 * room to spare; anything beyond is refused before planning. The token limit is graphql-js's own parser limit
 * (graphql-armor's token plugin throws from a hook, which Apollo answers with a 500). The cost is ours
 * (query-cost.ts), because it needs the variables to count the page sizes asked for.
 */
export const QUERY_LIMITS = {
  maxDepth: { n: 10 },
  maxAliases: { n: 15 },
  maxDirectives: { n: 20 },
  maxTokens: { n: 2000 },
  costLimit: { maxCost: 20000, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5 },
};

function allowlistPlugin(config: GatewayConfig): ApolloServerPlugin<GatewayContext> {
  const publicOperations = config.publicQueryAllowlist ? loadPublicOperations() : null;
  return {
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
}

/**
 * The limits that need the variables, checked once the operation is known and before anything is planned or sent:
 * its cost with the page sizes it asks for, then the length of every string it carries (BAD_USER_INPUT naming
 * each field that is too long, so nothing of it reaches a subgraph).
 */
function operationLimitsPlugin(lengths: DeclaredLengths, markLimitError: (error: GraphQLError) => GraphQLError): ApolloServerPlugin<GatewayContext> {
  const { maxCost, ...weights } = QUERY_LIMITS.costLimit;
  // operations with variables already found within the limits: 500 officers asking one dashboard are checked once
  const passed = new LRUCache<string, true>({ max: 5000 });
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema, queryHash }) {
          if (!operation) return;
          // queries only (a mutation's variables can be a whole member list), each remembered by a hash
          const checked = operation.operation === 'query' ? createHash('sha256').update(`${queryHash}\n${request.operationName ?? ''}\n${JSON.stringify(request.variables ?? {})}`).digest('base64url') : undefined;
          if (checked && passed.has(checked)) return;
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          // variables that do not coerce are refused next, by the gateway's own validation, with its message
          if (coerced.errors) return;
          const cost = operationCost(schema, document, operation, coerced.coerced, weights);
          if (cost > maxCost) {
            const message = `Truy vấn quá nặng: chi phí ước tính ${Math.ceil(cost)} vượt giới hạn ${maxCost} (cost limit); hãy xin trang nhỏ hơn (first) hoặc ít trường hơn`;
            throw markLimitError(new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost: Math.ceil(cost), maxCost, http: { status: 400 } } }));
          }
          const problems = inputLengthProblems(schema, document, coerced.coerced, lengths);
          if (problems.length > 0) {
            throw new GraphQLError(problems.map((p) => `${p.field}: ${p.message}`).join('; '), { extensions: { code: 'BAD_USER_INPUT', problems, http: { status: 400 } } });
          }
          if (checked) passed.set(checked, true);
        },
      };
    },
  };
}

/** Every mutation through this gateway may change what is cached: its cached answers go at once (other replicas follow events). */
function flushOnMutationPlugin(flush: () => void): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation }) {
          if (operation?.operation === 'mutation') flush();
        },
      };
    },
  };
}

export interface GatewayApolloOptions {
  fetcher: Fetcher;
  /** Called after each mutation (the caches' flush). */
  onMutation: () => void;
  /** Authenticated answers per scope, when on. */
  scopeCache?: ScopeCache;
  idempotency: IdempotencyOptions;
}

/** Apollo Server over Apollo Gateway on the committed supergraph, with the limits, allowlist and statuses above. */
export async function startGatewayApollo(config: GatewayConfig, options: GatewayApolloOptions): Promise<ApolloServer<GatewayContext>> {
  const supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => new IdentityForwardingDataSource(name as ServiceName, { url: config.subgraphUrls[name as ServiceName], fetcher: options.fetcher }),
  });
  // limit errors are reported to the validation context by us (not by armor, which makes new ones), so they are known later
  const limitErrors = new WeakSet<Error>();
  const report = (context: ValidationContext | null, error: GraphQLError): void => {
    limitErrors.add(error);
    context?.reportError(error);
  };
  const { maxTokens, costLimit: _ours, ...armored } = QUERY_LIMITS;
  const armor = new ApolloArmor({
    ...Object.fromEntries(Object.entries(armored).map(([name, limit]) => [name, { ...limit, propagateOnRejection: false, onReject: [report] }])),
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: config.isProduction },
  });
  const protection = armor.protect();
  const markLimitError = (error: GraphQLError): GraphQLError => {
    limitErrors.add(error);
    return error;
  };
  const isLimitError = (error: GraphQLError): boolean =>
    limitErrors.has(error) || (error.originalError !== undefined && limitErrors.has(error.originalError)) || /^Syntax Error: Document contains more that \d+ tokens/.test(error.message);
  const apollo = new ApolloServer<GatewayContext>({
    // the per-scope cache answers first; what it does not keep is still shared with the same caller's identical query in flight
    gateway: withExecutor(gateway, (executor) => (options.scopeCache ? options.scopeCache.wrap(sharingInflight(executor)) : sharingInflight(executor))),
    ...protection,
    parseOptions: { maxTokens: maxTokens.n },
    plugins: [
      ...protection.plugins,
      allowlistPlugin(config),
      operationLimitsPlugin(declaredLengths(supergraphSdl), markLimitError),
      graphqlOverHttpStatuses<GatewayContext>(isLimitError),
      flushOnMutationPlugin(options.onMutation),
      idempotencyPlugin(options.idempotency),
    ],
    validationRules: [...protection.validationRules],
    formatError: createErrorFormatter(config.isProduction),
    includeStacktraceInErrorResponses: false,
    introspection: !config.isProduction,
    csrfPrevention: true,
  });
  await apollo.start();
  return apollo;
}
