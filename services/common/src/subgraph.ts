import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';

export type { GraphQLResolverMap };
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, parse, type DocumentNode } from 'graphql';
import type { Admin, Kafka, Producer } from 'kafkajs';
import type { DataSource, EntityManager, EntitySchema, MixedList } from 'typeorm';
import type { CryptoKey } from 'jose';
import { CORRELATION_ID_HEADER, INTERNAL_TOKEN_HEADER, verifyInternalToken, type Identity } from './auth';
import { databaseOwnerUrl, loadServiceConfig, type ServiceConfig, type ServiceName } from './config';
import { IdempotentConsumer, type EventHandlers } from './consumer/consumer';
import type { BackgroundWorker } from './jobs';
import { correlationIdFrom } from './correlation';
import { createDataSource } from './db/data-source';
import { migrateDatabase, roleOf } from './db/roles';
import { closePdfRenderer } from './documents/renderer';
import type { EventEnvelope, EventType } from './events/contracts';
import { consumerGroupId, eventsTopic } from './events/topics';
import { auditInTransaction, auditPlugin, newAuditTrail, type AuditTrail } from './graphql/audit';
import { createErrorFormatter } from './graphql/format-error';
import { graphqlOverHttpStatuses } from './graphql/http-status';
import { liveRoute, readinessRoute, startMetricsServer } from './http/health';
import { watchConsumerLag, watchOutbox } from './metrics';
import { closeServer, createHttpServer, listen, type RouteHandler } from './http/server';
import { importVerifyingKey } from './internal-keys';
import { runUntilSignal } from './process';
import { createKafka, createProducer } from './kafka';
import { createLogger, type Logger } from './logger';
import { Outbox, type NewEvent } from './outbox/outbox';
import { OutboxRelay } from './outbox/relay';
import { requireSubgraphSecrets } from './secrets';

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
  /** This request's audit record (a mutation's is written in its first transaction). */
  audit: AuditTrail;
  /** Runs `work` in one database transaction, with the mutation's audit record; events emitted inside go out after the commit. */
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
  /** HTTP routes besides /graphql and /health/*; a key ending in `/` matches every path below it. */
  routes?: (deps: RouteDependencies) => Record<string, RouteHandler>;
  /**
   * Background loops of each replica (polling claimed jobs, sending mail), started once the subgraph serves and
   * stopped first; work that must happen once goes through `runDueJob`, never through a timer of its own.
   */
  workers?: (deps: WorkerDependencies) => Promise<BackgroundWorker[]>;
}

/** What a subgraph's background workers get: its database, logger and configuration. */
export interface WorkerDependencies {
  dataSource: DataSource;
  logger: Logger;
  config: ServiceConfig;
}

/** Subgraphs are only reached through the gateway, which bounds what clients send (MAX_BODY_BYTES). */
const SUBGRAPH_MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface RunningSubgraph {
  url: string;
  port: number;
  metricsPort: number;
  dataSource: DataSource;
  relay: OutboxRelay;
  stop(): Promise<void>;
}

export function loadTypeDefs(schemaPath: string): DocumentNode {
  return parse(readFileSync(schemaPath, 'utf8'));
}

/** The broker side of a subgraph: the outbox relay publishing its events, and the consumer of the events it reads. */
interface EventsSide {
  kafka: Kafka;
  producer: Producer;
  relay: OutboxRelay;
  outbox: Outbox;
  consumer: IdempotentConsumer | undefined;
}

async function startEvents(definition: SubgraphDefinition<unknown>, config: ServiceConfig, dataSource: DataSource, logger: Logger): Promise<EventsSide> {
  const kafka = createKafka(`thidua-${definition.name}`, config.kafkaBrokers, config.kafkaCredentials, logger);
  const producer = createProducer(kafka);
  const relay = new OutboxRelay(dataSource, producer, logger);
  const outbox = new Outbox(definition.name, config.topicPrefix);
  await relay.start();
  if (!definition.consumer) return { kafka, producer, relay, outbox, consumer: undefined };
  await producer.connect();
  const consumer = new IdempotentConsumer(kafka, dataSource, producer, logger, {
    groupId: consumerGroupId(definition.name, config.topicPrefix),
    // each topic with the service that owns it: the consumer accepts an event only from its owner's topic
    topics: Object.fromEntries(definition.consumer.from.map((producerName) => [eventsTopic(producerName, config.topicPrefix), producerName])),
    handlers: definition.consumer.handlers,
    outbox,
    onCommitted: () => relay.nudge(),
  });
  await consumer.start();
  return { kafka, producer, relay, outbox, consumer };
}

async function startApollo<TLoaders>(definition: SubgraphDefinition<TLoaders>, config: ServiceConfig, dataSource: DataSource, events: EventsSide, logger: Logger) {
  const apollo = new ApolloServer<SubgraphContext<TLoaders>>({
    schema: buildSubgraphSchema({ typeDefs: loadTypeDefs(definition.schemaPath), resolvers: definition.resolvers as GraphQLResolverMap<unknown> }),
    formatError: createErrorFormatter(config.isProduction),
    includeStacktraceInErrorResponses: false,
    introspection: !config.isProduction,
    // nobody reads Apollo's inline traces here; they cost CPU on every request
    plugins: [ApolloServerPluginInlineTraceDisabled(), graphqlOverHttpStatuses(), auditPlugin<SubgraphContext<TLoaders>>(definition.name, dataSource, events.outbox, () => events.relay.nudge(), logger)],
  });
  await apollo.start();
  return apollo;
}

/** The identity the gateway forwarded in its token for this subgraph; anything else is refused (401). */
function identifier(config: ServiceConfig, gatewayKey: CryptoKey): (req: IncomingMessage) => Promise<Identity> {
  return (req) => verifyInternalToken(req.headers[INTERNAL_TOKEN_HEADER] as string | undefined, gatewayKey, config.serviceName);
}

function requestContext<TLoaders>(
  definition: SubgraphDefinition<TLoaders>,
  identify: (req: IncomingMessage) => Promise<Identity>,
  dataSource: DataSource,
  events: EventsSide,
  logger: Logger,
): (req: IncomingMessage) => Promise<SubgraphContext<TLoaders>> {
  return async (req) => {
    const identity = await identify(req).catch((error: Error) => {
      throw new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    });
    const correlationId = correlationIdFrom(req.headers[CORRELATION_ID_HEADER]);
    const audit = newAuditTrail();
    return {
      identity,
      correlationId,
      logger: logger.child({ correlationId }),
      db: dataSource,
      loaders: definition.createLoaders(dataSource, identity),
      audit,
      transaction: async (work) => {
        let audited = false;
        const result = await dataSource.transaction(async (manager) => {
          const value = await work({ manager, emit: (event) => events.outbox.append(manager, correlationId, event) });
          audited = await auditInTransaction(audit, events.outbox, manager, correlationId);
          return value;
        });
        if (audited) audit.writtenInTransaction = true;
        events.relay.nudge();
        return result;
      },
    };
  };
}

/** The outbox's backlog and the consumer group's lag, read at each scrape of /metrics; returns what stops it. */
function watchBacklogs(definition: SubgraphDefinition<unknown>, config: ServiceConfig, events: EventsSide, admin: Admin): () => void {
  const stops = [watchOutbox(definition.name, () => events.relay.backlog())];
  if (definition.consumer) {
    const topics = definition.consumer.from.map((producerName) => eventsTopic(producerName, config.topicPrefix));
    stops.push(watchConsumerLag(admin, consumerGroupId(definition.name, config.topicPrefix), topics));
  }
  return () => stops.forEach((stop) => stop());
}

/** Ready when the database answers; the broker's absence only degrades (the outbox keeps the events meanwhile). */
function healthRoutes(dataSource: DataSource, admin: Admin): Record<string, RouteHandler> {
  return {
    '/health/live': liveRoute,
    '/health/ready': readinessRoute({
      required: { database: async () => void (await dataSource.query('SELECT 1')) },
      degradable: {
        kafka: async () => {
          await admin.connect();
          await admin.describeCluster();
        },
      },
    }),
  };
}

/** Pending migrations run as the database's owner; the service itself then works as its runtime role (data only). */
async function openDatabase(definition: SubgraphDefinition<unknown>, config: ServiceConfig): Promise<DataSource> {
  if (config.runMigrationsOnStart) {
    const ownerUrl = config.migrationDatabaseUrl ?? databaseOwnerUrl(definition.name);
    await migrateDatabase({ ownerUrl, runtimeRole: roleOf(config.databaseUrl), entities: definition.entities, migrations: definition.migrations });
  }
  const dataSource = createDataSource({ url: config.databaseUrl, entities: definition.entities, migrations: [] });
  await dataSource.initialize();
  return dataSource;
}

/**
 * Starts one subgraph: database and migrations, outbox relay, event consumer, Apollo subgraph on plain HTTP
 * with /health/live and /health/ready, and /metrics on a port of its own. `stop()` drains requests, then the
 * outbox, then closes connections.
 */
export async function startSubgraph<TLoaders>(
  definition: SubgraphDefinition<TLoaders>,
  overrides: Partial<ServiceConfig> = {},
): Promise<RunningSubgraph> {
  const config: ServiceConfig = { ...loadServiceConfig(definition.name), ...overrides };
  requireSubgraphSecrets(config);
  const logger = createLogger(definition.name, config.logLevel);
  const gatewayKey = await importVerifyingKey(config.internalTokenPublicKey);
  const dataSource = await openDatabase(definition as SubgraphDefinition<unknown>, config);
  const events = await startEvents(definition as SubgraphDefinition<unknown>, config, dataSource, logger);
  const apollo = await startApollo(definition, config, dataSource, events, logger);
  const identify = identifier(config, gatewayKey);
  const admin = events.kafka.admin();
  const unwatch = watchBacklogs(definition as SubgraphDefinition<unknown>, config, events, admin);
  const server = createHttpServer({
    apollo,
    context: requestContext(definition, identify, dataSource, events, logger),
    // above the gateway's own limit (2 MB by default): a request it accepted must reach the subgraph whole
    maxBodyBytes: SUBGRAPH_MAX_BODY_BYTES,
    logger,
    routes: { ...healthRoutes(dataSource, admin), ...(definition.routes?.({ dataSource, logger, config, identify }) ?? {}) },
  });
  const port = await listen(server, config.port, config.host);
  const metrics = await startMetricsServer(config.metricsHost, config.metricsPort);
  const workers = (await definition.workers?.({ dataSource, logger, config })) ?? [];
  const url = `http://${config.host}:${port}/graphql`;
  logger.info({ url, metricsPort: metrics.port }, `${definition.name} subgraph ready`);

  let stopped: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await closeServer(server);
    await closeServer(metrics.server);
    unwatch();
    await apollo.stop();
    await events.consumer?.stop();
    await closePdfRenderer();
    await events.relay.stop();
    await events.producer.disconnect();
    await admin.disconnect();
    await dataSource.destroy();
  };
  return {
    url,
    port,
    metricsPort: metrics.port,
    dataSource,
    relay: events.relay,
    /** Idempotent: a second call waits for the first. */
    stop: () => (stopped ??= stop()),
  };
}

/** Entry point helper: start, and stop cleanly on SIGTERM / SIGINT. */
export function runSubgraph<TLoaders>(definition: SubgraphDefinition<TLoaders>): void {
  runUntilSignal(definition.name, () => startSubgraph(definition));
}
