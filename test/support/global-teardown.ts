import { removeTopics } from '../../infra/topics';
import { deleteRunRealms } from './keycloak';

/** Deletes this run's topics, ACLs and Keycloak realm, so test runs leave no clutter on the broker or the provider. */
export default async function globalTeardown(): Promise<void> {
  if (process.env.THIDUA_TEST_REALM) await deleteRunRealms();
  const prefix = process.env.KAFKA_TOPIC_PREFIX;
  if (!prefix?.startsWith('test-')) return;
  await removeTopics(prefix);
}
