import { createKafka, createLogger, kafkaBrokers } from '@thidua/common';
import { deleteRunRealms } from './keycloak';

/** Deletes this run's topics and Keycloak realm, so test runs leave no clutter on the broker or the provider. */
export default async function globalTeardown(): Promise<void> {
  if (process.env.THIDUA_TEST_REALM) await deleteRunRealms();
  const prefix = process.env.KAFKA_TOPIC_PREFIX;
  if (!prefix?.startsWith('test-')) return;
  const admin = createKafka('thidua-test-teardown', kafkaBrokers(), createLogger('test', 'fatal')).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 10000 });
  } finally {
    await admin.disconnect();
  }
}
