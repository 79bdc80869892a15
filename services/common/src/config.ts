import { developmentPrivateKeyPem, publicKeyPemOf } from './internal-keys';
import { readSecret } from './secret-sources';

/**
 * Configuration comes only from environment variables; every default works on a developer machine
 * (PostgreSQL on 127.0.0.1:5432, Kafka on 127.0.0.1:9092, development secrets).
 */
export const SERVICE_NAMES = ['campaign', 'evaluation', 'reward', 'media', 'notification'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const DEFAULT_PORTS: Record<ServiceName | 'gateway', number> = {
  gateway: 4000,
  campaign: 4001,
  evaluation: 4002,
  reward: 4003,
  media: 4004,
  notification: 4005,
};

/** A Kafka principal (SCRAM user): each service, the gateway (its cache-invalidation consumer), and admin (infra, ops, tests). */
export type KafkaPrincipal = ServiceName | 'gateway' | 'admin';

export interface KafkaCredentials {
  username: KafkaPrincipal;
  password: string;
}

export interface ServiceConfig {
  serviceName: ServiceName;
  host: string;
  port: number;
  /** Where /metrics is served: a private address and port, never the public one. */
  metricsHost: string;
  metricsPort: number;
  /** The service's runtime role on its own database (data only, no schema changes). */
  databaseUrl: string;
  /** The database owner's login, for migrations at start; null unless `runMigrationsOnStart`. */
  migrationDatabaseUrl: string | null;
  kafkaBrokers: string[];
  kafkaCredentials: KafkaCredentials;
  /** Prepended to every topic name; tests use it to isolate their runs on a shared broker. */
  topicPrefix: string;
  /** The gateway's public key (SPKI PEM) that internal tokens are verified with; '' when not set in production. */
  internalTokenPublicKey: string;
  runMigrationsOnStart: boolean;
  isProduction: boolean;
  logLevel: string;
}

export interface GatewayConfig {
  host: string;
  port: number;
  metricsHost: string;
  metricsPort: number;
  subgraphUrls: Record<ServiceName, string>;
  /** The OpenID provider whose access tokens the gateway accepts (its JWKS, RS256/ES256), and the audience they name. */
  oidcIssuer: string;
  oidcAudience: string;
  /** The issuer's JWKS when it is not the one its discovery document names (a provider reached by another address). */
  oidcJwksUrl: string | undefined;
  /** The portal's client at the provider (public, Authorization Code + PKCE). */
  oidcClientId: string;
  /** Tests only, set in code (never from the environment): a key set of their own; refused unless NODE_ENV=test. */
  testTokenIssuer?: TestTokenIssuer;
  /** The key internal tokens are signed with (PKCS8 PEM, Ed25519); '' when not set in production. */
  internalTokenPrivateKey: string;
  isProduction: boolean;
  logLevel: string;
  maxBodyBytes: number;
  /** How long the gateway trusts a news channel's API key check (a revoked key stops working after this). */
  apiKeyCacheSeconds: number;
  apiKeyRequestsPerMinute: number;
  /** Per signed-in user, and per client address for anonymous callers. */
  userRequestsPerMinute: number;
  anonymousRequestsPerMinute: number;
  /** Failed API key checks per client address: guessing keys is limited too. */
  invalidApiKeyAttemptsPerMinute: number;
  /** Proxies trusted for X-Forwarded-For: '' (none, the socket's address counts), a number of hops, or addresses/subnets. */
  trustProxy: string;
  /** Redis shared by every gateway replica for rate limits; in-process counters without it. */
  redisUrl: string | undefined;
  /** Prefix of the rate-limit keys in Redis (tests isolate their runs with it). */
  rateLimitKeyPrefix: string;
  /** Anonymous callers may only run the operations in gateway/public-operations (persisted-query allowlist). */
  publicQueryAllowlist: boolean;
  /** How long a public (anonymous) answer may be served from the gateway's cache; 0 turns the cache off. */
  responseCacheSeconds: number;
  /** Bound of the public cache in bytes (least recently used answers go first). */
  responseCacheMaxBytes: number;
  /** How long authenticated answers are kept per authorization scope (decision 0034); 0 turns that cache off. */
  scopeCacheSeconds: number;
  scopeCacheMaxBytes: number;
  /** After the last invalidating event, the scope cache is emptied once more this much later (consumers still applying it). */
  scopeCacheSettleMs: number;
  /** How long a mutation's answer is given back to a retry with the same Idempotency-Key. */
  idempotencyKeySeconds: number;
  /** Prefix of the idempotency keys in Redis (tests isolate their runs with it). */
  idempotencyKeyPrefix: string;
  /** The broker and topics whose events invalidate the cache. */
  kafkaBrokers: string[];
  kafkaCredentials: KafkaCredentials;
  topicPrefix: string;
}

export interface TestTokenIssuer {
  issuer: string;
  jwks: { keys: Record<string, unknown>[] };
}

/** Metrics are served on ports of their own (see README, "Operations"), bound to METRICS_HOST. */
export const DEFAULT_METRICS_PORTS: Record<ServiceName | 'gateway', number> = {
  gateway: 9400,
  campaign: 9401,
  evaluation: 9402,
  reward: 9403,
  media: 9404,
  notification: 9405,
};

type Env = Record<string, string | undefined>;

function isProduction(env: Env): boolean {
  return env.NODE_ENV === 'production';
}

function envInt(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new Error(`${name} must be an integer, got "${raw}"`);
  return value;
}

/**
 * The PostgreSQL server (no database name): POSTGRES_URL, else the local trust-auth server. Its login (a superuser)
 * is for the infra scripts that create databases and roles; services take only its address.
 */
export function postgresServerUrl(env: Env = process.env): string {
  return (env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
}

/** Database name of a service; DATABASE_SUFFIX (for example `_test`) separates test databases. */
export function databaseName(service: ServiceName, env: Env = process.env): string {
  return `${service}${env.DATABASE_SUFFIX ?? ''}`;
}

/**
 * A service's two login roles, named after its database (so each checkout's test databases have their own):
 * the owner (`campaign_owner`) owns the database and runs migrations; the runtime role (`campaign_runtime`) is
 * what the service works with: data of its own database only, and the audit log only to read and append.
 */
export function databaseRoles(service: ServiceName, env: Env = process.env): { owner: string; runtime: string } {
  const name = databaseName(service, env);
  return { owner: `${name}_owner`, runtime: `${name}_runtime` };
}

/** The password of a service's database role: from the environment (required in production), else generated for development. */
export function databaseRolePassword(service: ServiceName, kind: 'owner' | 'runtime', env: Env = process.env): string {
  const variable = `DATABASE_${kind === 'owner' ? 'OWNER_' : ''}PASSWORD_${service.toUpperCase()}`;
  const role = databaseRoles(service, env)[kind];
  return readSecret(env, variable, `postgres-${role}.password`, `mật khẩu PostgreSQL của vai trò ${role}`);
}

function roleUrl(service: ServiceName, kind: 'owner' | 'runtime', env: Env): string {
  const url = new URL(postgresServerUrl(env));
  url.username = databaseRoles(service, env)[kind];
  url.password = databaseRolePassword(service, kind, env);
  url.pathname = `/${databaseName(service, env)}`;
  return url.toString();
}

/** The service's own connection: its runtime role on its database (DATABASE_URL_<SERVICE> overrides it). */
export function databaseUrl(service: ServiceName, env: Env = process.env): string {
  return env[`DATABASE_URL_${service.toUpperCase()}`] ?? roleUrl(service, 'runtime', env);
}

/** The owner's connection, for migrations and the infra scripts (DATABASE_OWNER_URL_<SERVICE> overrides it). */
export function databaseOwnerUrl(service: ServiceName, env: Env = process.env): string {
  return env[`DATABASE_OWNER_URL_${service.toUpperCase()}`] ?? roleUrl(service, 'owner', env);
}

/** A principal's Kafka login: KAFKA_PASSWORD_<PRINCIPAL> (required in production), else the development password. */
export function kafkaCredentials(principal: KafkaPrincipal, env: Env = process.env): KafkaCredentials {
  const password = readSecret(env, `KAFKA_PASSWORD_${principal.toUpperCase()}`, `kafka-${principal}.password`, `mật khẩu Kafka của ${principal}`);
  return { username: principal, password };
}

/** KAFKA_BROKERS, else our own broker on 127.0.0.1 at KAFKA_PORT (9092), the port `infra/kafka/kafka.sh` starts it on. */
export function kafkaBrokers(env: Env = process.env): string[] {
  return (env.KAFKA_BROKERS ?? `127.0.0.1:${env.KAFKA_PORT ?? 9092}`).split(',').map((b) => b.trim()).filter(Boolean);
}

/**
 * The Keycloak server the platform uses: KEYCLOAK_URL, else our own on 127.0.0.1:KEYCLOAK_PORT (8080, started by
 * infra/keycloak/keycloak.sh); none when only OIDC_ISSUER names another OpenID provider.
 */
export function keycloakUrl(env: Env = process.env): string | undefined {
  if (env.KEYCLOAK_URL) return env.KEYCLOAK_URL.replace(/\/+$/, '');
  return env.OIDC_ISSUER ? undefined : `http://127.0.0.1:${env.KEYCLOAK_PORT ?? 8080}`;
}

export function keycloakRealm(env: Env = process.env): string {
  return env.KEYCLOAK_REALM ?? 'thidua';
}

/** Issuer of the caller tokens: OIDC_ISSUER, else the Keycloak realm's. */
export function oidcIssuer(env: Env = process.env): string {
  return (env.OIDC_ISSUER ?? `${keycloakUrl(env)}/realms/${keycloakRealm(env)}`).replace(/\/+$/, '');
}

export function loadServiceConfig(serviceName: ServiceName, env: Env = process.env): ServiceConfig {
  const production = isProduction(env);
  // in production migrations are the setup job's (infra/databases.ts), so a service never holds the owner's password
  const runMigrationsOnStart = (env.RUN_MIGRATIONS ?? (production ? 'false' : 'true')) === 'true';
  return {
    serviceName,
    host: env.HOST ?? '127.0.0.1',
    port: envInt(env, `PORT_${serviceName.toUpperCase()}`, envInt(env, 'PORT', DEFAULT_PORTS[serviceName])),
    metricsHost: env.METRICS_HOST ?? '127.0.0.1',
    metricsPort: envInt(env, `METRICS_PORT_${serviceName.toUpperCase()}`, envInt(env, 'METRICS_PORT', DEFAULT_METRICS_PORTS[serviceName])),
    databaseUrl: databaseUrl(serviceName, env),
    migrationDatabaseUrl: runMigrationsOnStart ? databaseOwnerUrl(serviceName, env) : null,
    kafkaBrokers: kafkaBrokers(env),
    kafkaCredentials: kafkaCredentials(serviceName, env),
    topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '',
    internalTokenPublicKey: env.INTERNAL_TOKEN_PUBLIC_KEY ?? (production ? '' : publicKeyPemOf(developmentPrivateKeyPem())),
    runMigrationsOnStart,
    isProduction: production,
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}

export function loadGatewayConfig(env: Env = process.env): GatewayConfig {
  const subgraphUrl = (name: ServiceName): string =>
    env[`SUBGRAPH_URL_${name.toUpperCase()}`] ?? `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`;
  return {
    host: env.HOST ?? '127.0.0.1',
    port: envInt(env, 'PORT_GATEWAY', envInt(env, 'PORT', DEFAULT_PORTS.gateway)),
    metricsHost: env.METRICS_HOST ?? '127.0.0.1',
    metricsPort: envInt(env, 'METRICS_PORT_GATEWAY', envInt(env, 'METRICS_PORT', DEFAULT_METRICS_PORTS.gateway)),
    subgraphUrls: {
      campaign: subgraphUrl('campaign'),
      evaluation: subgraphUrl('evaluation'),
      reward: subgraphUrl('reward'),
      media: subgraphUrl('media'),
      notification: subgraphUrl('notification'),
    },
    oidcIssuer: oidcIssuer(env),
    oidcAudience: env.OIDC_AUDIENCE ?? 'thidua',
    oidcJwksUrl: env.OIDC_JWKS_URL || undefined,
    oidcClientId: env.OIDC_CLIENT_ID ?? 'thidua-portal',
    internalTokenPrivateKey: env.INTERNAL_TOKEN_PRIVATE_KEY ?? (isProduction(env) ? '' : developmentPrivateKeyPem()),
    isProduction: isProduction(env),
    logLevel: env.LOG_LEVEL ?? 'info',
    // a grassroots union's member CSV (up to 20,000 rows) fits; everything else is far smaller
    maxBodyBytes: envInt(env, 'MAX_BODY_BYTES', 2 * 1024 * 1024),
    apiKeyCacheSeconds: envInt(env, 'API_KEY_CACHE_SECONDS', 30),
    apiKeyRequestsPerMinute: envInt(env, 'API_KEY_REQUESTS_PER_MINUTE', 600),
    userRequestsPerMinute: envInt(env, 'USER_REQUESTS_PER_MINUTE', 1200),
    anonymousRequestsPerMinute: envInt(env, 'ANONYMOUS_REQUESTS_PER_MINUTE', 1200),
    invalidApiKeyAttemptsPerMinute: envInt(env, 'INVALID_API_KEY_ATTEMPTS_PER_MINUTE', 20),
    trustProxy: env.TRUST_PROXY ?? '',
    redisUrl: env.REDIS_URL || undefined,
    rateLimitKeyPrefix: env.RATE_LIMIT_KEY_PREFIX ?? 'thidua:rate:',
    publicQueryAllowlist: env.PUBLIC_QUERY_ALLOWLIST === 'true',
    responseCacheSeconds: envInt(env, 'RESPONSE_CACHE_SECONDS', 300),
    responseCacheMaxBytes: envInt(env, 'RESPONSE_CACHE_MAX_BYTES', 64 * 1024 * 1024),
    scopeCacheSeconds: envInt(env, 'SCOPE_CACHE_SECONDS', 60),
    scopeCacheMaxBytes: envInt(env, 'SCOPE_CACHE_MAX_BYTES', 128 * 1024 * 1024),
    scopeCacheSettleMs: envInt(env, 'SCOPE_CACHE_SETTLE_MS', 400),
    idempotencyKeySeconds: envInt(env, 'IDEMPOTENCY_KEY_SECONDS', 24 * 60 * 60),
    idempotencyKeyPrefix: env.IDEMPOTENCY_KEY_PREFIX ?? 'thidua:idempotency:',
    kafkaBrokers: kafkaBrokers(env),
    kafkaCredentials: kafkaCredentials('gateway', env),
    topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '',
  };
}
