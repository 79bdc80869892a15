/**
 * The processes a benchmark measures, each started alone so the load generator never shares their event loop:
 *   serve.ts subgraphs          the subgraphs on the _bench databases (BENCH_DATABASE_SUFFIX; ports 4101–4105)
 *   serve.ts gateway ours       our gateway as shipped (port 4100, or BENCH_BASE_PORT; the subgraphs on the next ones)
 *   serve.ts gateway stock      the same supergraph behind @apollo/gateway with default settings (port 4100)
 *   serve.ts gateway hive       the same supergraph behind @graphql-hive/gateway-runtime, defaults (port 4100;
 *                               installed on demand in bench/hive, see installHive in support.ts)
 * Each prints "ready <url>" once it listens.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import { createRequire } from 'node:module';
import pg from 'pg';
import path from 'node:path';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { INTERNAL_TOKEN_HEADER, SERVICE_NAMES, loadGatewayConfig, startSubgraph, type ServiceName } from '@thidua/common';
import { startGateway } from '../gateway/src/gateway';
import { IdentityVerifier } from '../gateway/src/identity';
import { InternalTokenSigner } from '../gateway/src/internal-tokens';
import { subgraphs } from '../infra/subgraphs';
import { testTokenIssuer } from '../test/support/tokens';

/** From BENCH_BASE_PORT (4100): the gateway on it, the subgraphs on the next ones, so benchmarks can run side by side. */
const BASE = Number(process.env.BENCH_BASE_PORT ?? 4100);
export const BENCH_PORTS: Record<ServiceName | 'gateway', number> = { gateway: BASE, campaign: BASE + 1, evaluation: BASE + 2, reward: BASE + 3, media: BASE + 4, notification: BASE + 5 };
export const subgraphUrls = Object.fromEntries(SERVICE_NAMES.map((name) => [name, `http://127.0.0.1:${BENCH_PORTS[name]}/graphql`])) as Record<ServiceName, string>;

/** SQL statements sent by request handling (the outbox relay's and consumers' polling left out), for benchmark 3. */
let statements = 0;
/** The statements themselves since the last report, with their database and parameters, for benchmark 5's plans. */
let captured: { database: string; text: string; values: unknown[] }[] = [];

function countStatements(): void {
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; values?: unknown[] } | undefined;
    const text = typeof first === 'string' ? first : first?.text;
    if (text && !/outbox|processed_events/i.test(text)) {
      statements++;
      const values = (Array.isArray(args[1]) ? args[1] : typeof first === 'object' ? first?.values : undefined) ?? [];
      if (process.env.BENCH_SQL_FILE && captured.length < 100) captured.push({ database: this.database ?? '', text, values });
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
}

/** Writes the captured statements for the benchmark to read, and starts capturing afresh. */
function dumpStatements(): void {
  if (!process.env.BENCH_SQL_FILE) return;
  writeFileSync(process.env.BENCH_SQL_FILE, JSON.stringify(captured));
  captured = [];
}

async function serveSubgraphs(): Promise<void> {
  countStatements();
  for (const name of SERVICE_NAMES) await startSubgraph(subgraphs[name], { port: BENCH_PORTS[name], metricsPort: 0, runMigrationsOnStart: false, logLevel: 'warn' });
  console.log(`ready ${subgraphUrls.campaign}`);
}

async function serveOurs(): Promise<void> {
  const gateway = await startGateway({
    port: BENCH_PORTS.gateway,
    metricsPort: 0,
    subgraphUrls,
    logLevel: 'warn',
    // a load generator is one client sending thousands of requests a second: rate limits would measure themselves
    anonymousRequestsPerMinute: 100_000_000,
    userRequestsPerMinute: 100_000_000,
    testTokenIssuer: await testTokenIssuer(),
  });
  console.log(`ready ${gateway.url}`);
}

/**
 * What the other gateways need to reach our subgraphs at all: the caller's token verified and the internal identity
 * token signed, once per caller (as our gateway does), remembered for the run.
 */
async function internalTokens(): Promise<(authorization: string | undefined, service: ServiceName) => Promise<string>> {
  const config = { ...loadGatewayConfig(), testTokenIssuer: await testTokenIssuer() };
  const verifier = new IdentityVerifier(config);
  const signer = InternalTokenSigner.fromPem(config.internalTokenPrivateKey);
  const tokens = new Map<string, Promise<string>>();
  return (authorization, service) => {
    const key = `${service}\n${authorization ?? 'anonymous'}`;
    if (!tokens.has(key)) tokens.set(key, Promise.all([verifier.identify(authorization), signer]).then(([identity, s]) => s.tokenFor(authorization ?? 'anonymous', identity, service)));
    return tokens.get(key)!;
  };
}

/**
 * Stock @apollo/gateway: default settings, the committed supergraph, and only what our subgraphs require to answer
 * at all (the internal identity token, signed once per caller as our gateway does).
 */
async function serveStock(): Promise<void> {
  const tokenFor = await internalTokens();
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(path.resolve(__dirname, '..', 'schemas', 'supergraph.graphql'), 'utf8'),
    buildService: ({ name }) =>
      new (class extends RemoteGraphQLDataSource<{ authorization: string | undefined }> {
        override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<{ authorization: string | undefined }>) {
          if ('authorization' in context) request.http?.headers.set(INTERNAL_TOKEN_HEADER, await tokenFor(context.authorization, name as ServiceName));
        }
      })({ url: subgraphUrls[name as ServiceName] }),
  });
  const server = new ApolloServer<{ authorization: string | undefined }>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: BENCH_PORTS.gateway, host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  console.log(`ready ${url.replace(/\/$/, '')}/graphql`);
}

/**
 * @graphql-hive/gateway-runtime with its defaults, on the committed supergraph (subgraph URLs pointed at the
 * benchmark's ports), adding only the internal identity token our subgraphs require, signed once per caller.
 */
async function serveHive(): Promise<void> {
  const hive = createRequire(path.resolve(__dirname, 'hive', 'package.json'))('@graphql-hive/gateway-runtime') as {
    createGatewayRuntime(options: {
      supergraph: string;
      propagateHeaders: { fromClientToSubgraphs(payload: { request: Request; subgraphName: string }): Promise<Record<string, string>> };
      logging: boolean | string;
    }): RequestListener;
  };
  const tokenFor = await internalTokens();
  let supergraph = readFileSync(path.resolve(__dirname, '..', 'schemas', 'supergraph.graphql'), 'utf8');
  for (const name of SERVICE_NAMES) supergraph = supergraph.replace(new RegExp(`(name: "${name}", url: )"[^"]+"`), `$1"${subgraphUrls[name]}"`);
  const gateway = hive.createGatewayRuntime({
    supergraph,
    propagateHeaders: {
      fromClientToSubgraphs: async ({ request, subgraphName }) => ({ [INTERNAL_TOKEN_HEADER]: await tokenFor(request.headers.get('authorization') ?? undefined, subgraphName as ServiceName) }),
    },
    logging: 'error',
  });
  const server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(BENCH_PORTS.gateway, '127.0.0.1', resolve));
  console.log(`ready http://127.0.0.1:${BENCH_PORTS.gateway}/graphql`);
}

if (require.main === module) {
  process.env.DATABASE_SUFFIX ??= '_bench';
  process.env.KAFKA_TOPIC_PREFIX ??= 'bench-';
  const [what, kind] = process.argv.slice(2);
  const start = what === 'subgraphs' ? serveSubgraphs : kind === 'stock' ? serveStock : kind === 'hive' ? serveHive : serveOurs;
  // exit on SIGTERM through process.exit, so --cpu-prof (NODE_OPTIONS) writes its profile
  process.once('SIGTERM', () => {
    const { user, system } = process.cpuUsage();
    console.log(`cpu ${Math.round((user + system) / 1000)}`);
    process.exit(0);
  });
  process.on('SIGUSR2', () => {
    dumpStatements();
    const { user, system } = process.cpuUsage();
    console.log(`cpu ${Math.round((user + system) / 1000)} statements ${statements}`);
  });
  start().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
