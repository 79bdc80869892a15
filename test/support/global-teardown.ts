import { removeTopics } from '../../infra/topics';

/** Deletes this run's topics and ACLs, so test runs leave no clutter on the broker. */
export default async function globalTeardown(): Promise<void> {
  const prefix = process.env.KAFKA_TOPIC_PREFIX;
  if (!prefix?.startsWith('test-')) return;
  await removeTopics(prefix);
}
