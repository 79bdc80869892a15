import { createKafka, createLogger, kafkaBrokers } from '@thidua/common';

/** Deletes this run's topics, so test runs leave no clutter on the broker. */
export default async function globalTeardown(): Promise<void> {
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
