import { randomBytes } from 'node:crypto';
import { ensureTopics } from '../../infra/topics';
import { prepareDatabases } from '../../infra/databases';
import { TEST_REALM_PREFIX, createRunRealm, deleteRunRealms } from './keycloak';

/**
 * Runs once before the suite: fresh test databases (`*_test`, migrated from scratch), event topics under a prefix of
 * this run's own, so runs never see each other's events on a shared broker, and this run's own Keycloak realm
 * (unless KEYCLOAK_REALM names one prepared already).
 */
export default async function globalSetup(): Promise<void> {
  process.env.DATABASE_SUFFIX ??= '_test';
  process.env.KAFKA_TOPIC_PREFIX ??= `test-${randomBytes(4).toString('hex')}.`;
  process.env.LOG_LEVEL ??= 'fatal';
  const realm = async () => {
    if (process.env.KEYCLOAK_REALM) return;
    const name = `${TEST_REALM_PREFIX}${randomBytes(4).toString('hex')}`;
    await deleteRunRealms();
    process.env.KEYCLOAK_ADMIN_CLIENT_SECRET = await createRunRealm(name);
    process.env.KEYCLOAK_REALM = name;
    process.env.THIDUA_TEST_REALM = name;
  };
  await Promise.all([prepareDatabases({ test: true }), ensureTopics(process.env.KAFKA_TOPIC_PREFIX), realm()]);
}
