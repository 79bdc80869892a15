/**
 * Configuration comes only from environment variables; every default works on a developer machine
 * (PostgreSQL on 127.0.0.1:5432, Kafka on 127.0.0.1:9092, development secrets).
 */
export const SERVICE_NAMES = ['campaign', 'evaluation', 'reward', 'media'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const DEFAULT_PORTS: Record<ServiceName | 'gateway', number> = {
  gateway: 4000,
  campaign: 4001,
  evaluation: 4002,
  reward: 4003,
  media: 4004,
};

/** Development-only secrets: production must set its own (see README, "Security"). */
const DEV_INTERNAL_TOKEN_SECRET = 'thidua-dev-internal-secret-change-me-0123456789';

export interface ServiceConfig {
  serviceName: ServiceName;
  host: string;
  port: number;
  databaseUrl: string;
  kafkaBrokers: string[];
  /** Prepended to every topic name; tests use it to isolate their runs on a shared broker. */
  topicPrefix: string;
  internalTokenSecret: string;
  runMigrationsOnStart: boolean;
  isProduction: boolean;
  logLevel: string;
}

export interface GatewayConfig {
  host: string;
  port: number;
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
  internalTokenSecret: string;
  isProduction: boolean;
  logLevel: string;
  maxBodyBytes: number;
  /** How long the gateway trusts a news channel's API key check (a revoked key stops working after this). */
  apiKeyCacheSeconds: number;
  apiKeyRequestsPerMinute: number;
  /** Per signed-in user, and per client address for anonymous callers. */
  userRequestsPerMinute: number;
  anonymousRequestsPerMinute: number;
  /** Anonymous callers may only run the operations in gateway/public-operations (persisted-query allowlist). */
  publicQueryAllowlist: boolean;
  /** How long a public (anonymous) answer may be served from the gateway's cache; 0 turns the cache off. */
  responseCacheSeconds: number;
  responseCacheMaxEntries: number;
  /** The broker and topics whose events invalidate the cache. */
  kafkaBrokers: string[];
  topicPrefix: string;
}

export interface TestTokenIssuer {
  issuer: string;
  jwks: { keys: Record<string, unknown>[] };
}

type Env = Record<string, string | undefined>;

function envInt(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new Error(`${name} must be an integer, got "${raw}"`);
  return value;
}

/** The PostgreSQL server (no database name): POSTGRES_URL, else the local trust-auth server. */
export function postgresServerUrl(env: Env = process.env): string {
  return (env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
}

/** Database name of a service; DATABASE_SUFFIX (for example `_test`) separates test databases. */
export function databaseName(service: ServiceName, env: Env = process.env): string {
  return `${service}${env.DATABASE_SUFFIX ?? ''}`;
}

export function databaseUrl(service: ServiceName, env: Env = process.env): string {
  return env[`DATABASE_URL_${service.toUpperCase()}`] ?? `${postgresServerUrl(env)}/${databaseName(service, env)}`;
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
  return {
    serviceName,
    host: env.HOST ?? '127.0.0.1',
    port: envInt(env, `PORT_${serviceName.toUpperCase()}`, envInt(env, 'PORT', DEFAULT_PORTS[serviceName])),
    databaseUrl: databaseUrl(serviceName, env),
    kafkaBrokers: kafkaBrokers(env),
    topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '',
    internalTokenSecret: env.INTERNAL_TOKEN_SECRET ?? DEV_INTERNAL_TOKEN_SECRET,
    runMigrationsOnStart: (env.RUN_MIGRATIONS ?? 'true') === 'true',
    isProduction: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}

export function loadGatewayConfig(env: Env = process.env): GatewayConfig {
  const subgraphUrl = (name: ServiceName): string =>
    env[`SUBGRAPH_URL_${name.toUpperCase()}`] ?? `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`;
  return {
    host: env.HOST ?? '127.0.0.1',
    port: envInt(env, 'PORT_GATEWAY', envInt(env, 'PORT', DEFAULT_PORTS.gateway)),
    subgraphUrls: {
      campaign: subgraphUrl('campaign'),
      evaluation: subgraphUrl('evaluation'),
      reward: subgraphUrl('reward'),
      media: subgraphUrl('media'),
    },
    oidcIssuer: oidcIssuer(env),
    oidcAudience: env.OIDC_AUDIENCE ?? 'thidua',
    oidcJwksUrl: env.OIDC_JWKS_URL || undefined,
    oidcClientId: env.OIDC_CLIENT_ID ?? 'thidua-portal',
    internalTokenSecret: env.INTERNAL_TOKEN_SECRET ?? DEV_INTERNAL_TOKEN_SECRET,
    isProduction: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL ?? 'info',
    // a grassroots union's member CSV (up to 20,000 rows) fits; everything else is far smaller
    maxBodyBytes: envInt(env, 'MAX_BODY_BYTES', 2 * 1024 * 1024),
    apiKeyCacheSeconds: envInt(env, 'API_KEY_CACHE_SECONDS', 30),
    apiKeyRequestsPerMinute: envInt(env, 'API_KEY_REQUESTS_PER_MINUTE', 600),
    userRequestsPerMinute: envInt(env, 'USER_REQUESTS_PER_MINUTE', 1200),
    anonymousRequestsPerMinute: envInt(env, 'ANONYMOUS_REQUESTS_PER_MINUTE', 1200),
    publicQueryAllowlist: env.PUBLIC_QUERY_ALLOWLIST === 'true',
    responseCacheSeconds: envInt(env, 'RESPONSE_CACHE_SECONDS', 300),
    responseCacheMaxEntries: envInt(env, 'RESPONSE_CACHE_MAX_ENTRIES', 10_000),
    kafkaBrokers: kafkaBrokers(env),
    topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '',
  };
}
