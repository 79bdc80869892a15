/**
 * Creates the event topics (one per producing service) and the dead-letter topics (one per consumer group).
 * Idempotent. KAFKA_TOPIC_PREFIX isolates a set of topics (tests use it).
 */
import { SERVICE_NAMES, createKafka, createLogger, deadLetterTopic, eventsTopic, kafkaBrokers } from '@thidua/common';

export function platformTopics(prefix: string): string[] {
  return SERVICE_NAMES.flatMap((service) => [eventsTopic(service, prefix), deadLetterTopic(`${prefix}${service}`)]);
}

export async function ensureTopics(prefix = process.env.KAFKA_TOPIC_PREFIX ?? '', brokers = kafkaBrokers()): Promise<string[]> {
  const admin = createKafka('thidua-infra', brokers, createLogger('infra', 'warn')).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = platformTopics(prefix).filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: topic.endsWith('.dlq') ? 1 : 3, replicationFactor: 1 })),
      });
    }
    return missing;
  } finally {
    await admin.disconnect();
  }
}

if (require.main === module) {
  ensureTopics().then(
    (created) => console.log(`[kafka] topics ready${created.length ? ` (created ${created.join(', ')})` : ''}`),
    (error: unknown) => {
      console.error('[kafka] cannot create topics:', error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
