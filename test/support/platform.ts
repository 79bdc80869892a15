import { SERVICE_NAMES, startSubgraph, type GatewayConfig, type Role, type ServiceName, type RunningSubgraph } from '@thidua/common';
import { startGateway, type RunningGateway } from '../../gateway/src/gateway';
import { subgraphs } from '../../infra/subgraphs';
import { Api } from './api';
import { issueTestToken, testTokenIssuer } from './tokens';

export interface TestPlatform {
  gatewayUrl: string;
  subgraphs: Record<ServiceName, RunningSubgraph>;
  gateway: RunningGateway;
  token(roles: Role[], unitPath: string | null, sub?: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The real platform in this process: four subgraphs on the test databases and the run's Kafka topics, and the
 * gateway in front of them, each on a free port. The gateway trusts the run's Keycloak realm and this process's test
 * token issuer (`token()`).
 */
export async function startTestPlatform(gatewayOverrides: Partial<GatewayConfig> = {}): Promise<TestPlatform> {
  const running = {} as Record<ServiceName, RunningSubgraph>;
  await Promise.all(
    SERVICE_NAMES.map(async (name) => {
      running[name] = await startSubgraph(subgraphs[name], { port: 0, runMigrationsOnStart: false });
    }),
  );
  const gateway = await startGateway({
    port: 0,
    // revocation visible at once; the production default is 30 s
    apiKeyCacheSeconds: 0,
    // most tests read right after they write; the cache has its own test
    responseCacheSeconds: 0,
    scopeCacheSeconds: 0,
    subgraphUrls: Object.fromEntries(SERVICE_NAMES.map((name) => [name, running[name].url])) as Record<ServiceName, string>,
    // tokens of tests that are not about signing in (the provider's own are trusted as well)
    testTokenIssuer: await testTokenIssuer(),
    ...gatewayOverrides,
  });
  return {
    gatewayUrl: gateway.url,
    subgraphs: running,
    gateway,
    token: (roles, unitPath, sub = `test-${roles.join('-').toLowerCase()}`) =>
      issueTestToken({ sub, name: 'Người kiểm thử', roles, unitPath }),
    async stop() {
      await gateway.stop();
      await Promise.all(SERVICE_NAMES.map((name) => running[name].stop()));
    },
  };
}

/** The platform for one test file: started before its tests, stopped after them; the fields are set once beforeAll has run. */
export function usePlatform(gatewayOverrides: Partial<GatewayConfig> = {}): { platform: TestPlatform; api: Api } {
  const env = {} as { platform: TestPlatform; api: Api };
  beforeAll(async () => {
    env.platform = await startTestPlatform(gatewayOverrides);
    env.api = new Api(env.platform.gatewayUrl);
  });
  // stopping waits for each consumer to leave its group: on a busy broker that took longer than a test's minute once
  afterAll(async () => {
    await env.platform?.stop();
  }, 180_000);
  return env;
}
