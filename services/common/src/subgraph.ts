import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';

export type { GraphQLResolverMap };
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, parse, type DocumentNode } from 'graphql';
import type { DataSource, EntityManager, EntitySchema, MixedList } from 'typeorm';
import { CORRELATION_ID_HEADER, INTERNAL_TOKEN_HEADER, verifyInternalToken, type Identity } from './auth';
import { databaseOwnerUrl, loadServiceConfig, type ServiceConfig, type ServiceName } from './config';
import { IdempotentConsumer, type EventHandlers } from './consumer/consumer';
import { createDataSource } from './db/data-source';
import { migrateDatabase, roleOf } from './db/roles';
import type { EventEnvelope, EventType } from './events/contracts';
import { consumerGroupId, eventsTopic } from './events/topics';
import { auditPlugin } from './graphql/audit';
import { createErrorFormatter } from './graphql/format-error';
import { closePdfRenderer } from './documents/renderer';
import { healthRoute, metricsRoute } from './http/health';
import { closeServer, createHttpServer, listen, type RouteHandler } from './http/server';
import { runUntilSignal } from './process';
import { createKafka, createProducer } from './kafka';
import { createLogger, type Logger } from './logger';
import { Outbox, type NewEvent } from './outbox/outbox';
import { OutboxRelay } from './outbox/relay';

/** What a resolver can do inside a mutation's transaction. */
export interface TransactionScope {
  manager: EntityManager;
  /** Records an event in the outbox; it is published only if the transaction commits. */
  emit<T extends EventType>(event: NewEvent<T>): Promise<EventEnvelope<T>>;
}

export interface SubgraphContext<TLoaders = unknown> {
  identity: Identity;
  correlationId: string;
  logger: Logger;
  db: DataSource;
  loaders: TLoaders;
  /** Runs `work` in one database transaction; events emitted inside go out after the commit. */
  transaction<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T>;
}

export interface ConsumerDefinition {
  /** Producing services whose topics this consumer reads. */
  from: ServiceName[];
  handlers: EventHandlers;
}

/** What a subgraph's own HTTP routes (feeds, files, internal calls) get to work with. */
export interface RouteDependencies {
  dataSource: DataSource;
  logger: Logger;
  config: ServiceConfig;
  /** The identity the gateway forwarded; throws UnauthenticatedError without a valid internal token. */
  identify(req: IncomingMessage): Promise<Identity>;
}

export interface SubgraphDefinition<TLoaders> {
  name: ServiceName;
  /** Path of the subgraph's schema.graphql (schema-first). */
  schemaPath: string;
  resolvers: GraphQLResolverMap<SubgraphContext<TLoaders>>;
  entities: EntitySchema[];
  migrations: MixedList<Function>;
  consumer?: ConsumerDefinition;
  /** Per-request DataLoaders, so entity references resolve in one query per batch. */
  createLoaders: (db: DataSource, identity: Identity) => TLoaders;
  /** HTTP routes besides /graphql, /health and /metrics; a key ending in `/` matches every path below it. */
  routes?: (deps: RouteDependencies) => Record<string, RouteHandler>;
}

/** Subgraphs are only reached through the gateway, which bounds what clients send (MAX_BODY_BYTES). */
const SUBGRAPH_MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface RunningSubgraph {
  url: string;
  port: number;
  dataSource: DataSource;
  relay: OutboxRelay;
  stop(): Promise<void>;
}

export function loadTypeDefs(schemaPath: string): DocumentNode {
  return parse(readFileSync(schemaPath, 'utf8'));
}

/**
 * Starts one subgraph: database and migrations (as the database's owner; the service itself then works as its
 * runtime role), outbox relay, event consumer, Apollo subgraph on plain HTTP with /health and /metrics. `stop()`
 * drains requests, then the outbox, then closes connections.
 */
export async function startSubgraph<TLoaders>(
  definition: SubgraphDefinition<TLoaders>,
  overrides: Partial<ServiceConfig> = {},
): Promise<RunningSubgraph> {
  const config: ServiceConfig = { ...loadServiceConfig(definition.name), ...overrides };
  const logger = createLogger(definition.name, config.logLevel);
  if (config.runMigrationsOnStart) {
    const ownerUrl = config.migrationDatabaseUrl ?? databaseOwnerUrl(definition.name);
    await migrateDatabase({ ownerUrl, runtimeRole: roleOf(config.databaseUrl), entities: definition.entities, migrations: definition.migrations });
  }
  const dataSource = createDataSource({ url: config.databaseUrl, entities: definition.entities, migrations: [] });
  await dataSource.initialize();

  const kafka = createKafka(`thidua-${definition.name}`, config.kafkaBrokers, config.kafkaCredentials, logger);
  const producer = createProducer(kafka);
  const relay = new OutboxRelay(dataSource, producer, logger);
  const outbox = new Outbox(definition.name, config.topicPrefix);
  await relay.start();

  let consumer: IdempotentConsumer | undefined;
  if (definition.consumer) {
    await producer.connect();
    consumer = new IdempotentConsumer(kafka, dataSource, producer, logger, {
      groupId: consumerGroupId(definition.name, config.topicPrefix),
      topics: Object.fromEntries(definition.consumer.from.map((producerName) => [eventsTopic(producerName, config.topicPrefix), producerName])),
      handlers: definition.consumer.handlers,
      outbox,
      onCommitted: () => relay.nudge(),
    });
    await consumer.start();
  }

  const apollo = new ApolloServer<SubgraphContext<TLoaders>>({
    schema: buildSubgraphSchema({ typeDefs: loadTypeDefs(definition.schemaPath), resolvers: definition.resolvers as GraphQLResolverMap<unknown> }),
    formatError: createErrorFormatter(config.isProduction),
    includeStacktraceInErrorResponses: false,
    introspection: !config.isProduction,
    // nobody reads Apollo's inline traces here; they cost CPU on every request
    plugins: [ApolloServerPluginInlineTraceDisabled(), auditPlugin<SubgraphContext<TLoaders>>(definition.name, dataSource, outbox, () => relay.nudge(), logger)],
  });
  await apollo.start();

  const admin = kafka.admin();
  const context = async (req: IncomingMessage): Promise<SubgraphContext<TLoaders>> => {
    const identity = await verifyInternalToken(req.headers[INTERNAL_TOKEN_HEADER] as string | undefined, config.internalTokenSecret).catch(
      (error: Error) => {
        throw new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      },
    );
    const correlationId = (req.headers[CORRELATION_ID_HEADER] as string | undefined) ?? randomUUID();
    return {
      identity,
      correlationId,
      logger: logger.child({ correlationId }),
      db: dataSource,
      loaders: definition.createLoaders(dataSource, identity),
      transaction: async (work) => {
        const result = await dataSource.transaction((manager) =>
          work({ manager, emit: (event) => outbox.append(manager, correlationId, event) }),
        );
        relay.nudge();
        return result;
      },
    };
  };

  const server = createHttpServer({
    apollo,
    context,
    // above the gateway's own limit (2 MB by default): a request it accepted must reach the subgraph whole
    maxBodyBytes: SUBGRAPH_MAX_BODY_BYTES,
    logger,
    routes: {
      '/health': healthRoute({
        database: async () => void (await dataSource.query('SELECT 1')),
        kafka: async () => {
          await admin.connect();
          await admin.describeCluster();
        },
      }),
      '/metrics': metricsRoute,
      ...(definition.routes?.({
        dataSource,
        logger,
        config,
        identify: (req) => verifyInternalToken(req.headers[INTERNAL_TOKEN_HEADER] as string | undefined, config.internalTokenSecret),
      }) ?? {}),
    },
  });
  const port = await listen(server, config.port, config.host);
  const url = `http://${config.host}:${port}/graphql`;
  logger.info({ url }, `${definition.name} subgraph ready`);

  let stopped: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    await closeServer(server);
    await apollo.stop();
    await consumer?.stop();
    await closePdfRenderer();
    await relay.stop();
    await producer.disconnect();
    await admin.disconnect();
    await dataSource.destroy();
  };
  return {
    url,
    port,
    dataSource,
    relay,
    /** Idempotent: a second call waits for the first. */
    stop: () => (stopped ??= stop()),
  };
}

/** Entry point helper: start, and stop cleanly on SIGTERM / SIGINT. */
export function runSubgraph<TLoaders>(definition: SubgraphDefinition<TLoaders>): void {
  runUntilSignal(definition.name, () => startSubgraph(definition));
}
