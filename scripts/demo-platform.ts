/**
 * The platform with the demo data, in this process on free ports, for the scripts that picture it
 * (scripts/document-samples.ts, scripts/screenshots.ts): the checkout's own test databases, made anew, and broker (set
 * DATABASE_SUFFIX, KAFKA_PORT as for the tests, after `npm run infra:up -- --test`), the demo data of `npm start`
 * (infra/seed-demo.ts through the gateway, then the province at size, infra/seed-province.ts), and the demo accounts
 * signed in at the checkout's Keycloak, in a realm of this run's own (`eval "$(bash infra/keycloak/keycloak.sh env)"`
 * first).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { prepareDatabases } from '../infra/databases';
import { ensureTopics } from '../infra/topics';
import { demoAccounts, type DemoAccount } from '../test/support/demo';
import { createRunRealm, deleteRealm, TEST_REALM_PREFIX } from '../test/support/keycloak';
import { startTestPlatform, type TestPlatform } from '../test/support/platform';

const run = promisify(execFile);

export interface DemoPlatform {
  platform: TestPlatform;
  /** The portal's address. */
  base: string;
  accounts: Map<string, DemoAccount>;
  stop(): Promise<void>;
}

/** `name` names the run's topics and realm (`samples`, `screenshots`); `province` seeds Bắc Ninh at size as well. */
export async function startDemoPlatform(name: string, options: { province: boolean }): Promise<DemoPlatform> {
  const stamp = `${name}-${Date.now().toString(36)}`;
  process.env.KAFKA_TOPIC_PREFIX ??= `${stamp}.`;
  process.env.LOG_LEVEL ??= 'fatal';
  // the platform as the tests run it: their token issuer for the in-process gateway, a realm of its own
  process.env.NODE_ENV ??= 'test';
  const realm = `${TEST_REALM_PREFIX}${stamp}`;
  process.env.KEYCLOAK_ADMIN_CLIENT_SECRET = await createRunRealm(realm);
  process.env.KEYCLOAK_REALM = realm;
  // fresh test databases, as a test run makes them: the pictures show the demo data and nothing a test left
  await Promise.all([prepareDatabases({ test: true }), ensureTopics(process.env.KAFKA_TOPIC_PREFIX)]);
  const platform = await startTestPlatform({ publicQueryAllowlist: true });
  const stop = async () => {
    await platform.stop();
    await deleteRealm(realm);
  };
  try {
    const demo = mkdtempSync(path.join(tmpdir(), `thidua-${name}-`));
    const env = { ...process.env, GATEWAY_URL: platform.gatewayUrl, DEMO_OUTPUT_DIR: demo };
    const seed = (script: string) => run(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '..', 'infra', script)], { env, timeout: 300_000 });
    await seed('seed-demo.ts');
    if (options.province) await seed('seed-province.ts');
    return { platform, base: platform.gatewayUrl.replace(/\/graphql$/, ''), accounts: demoAccounts(demo), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
