/**
 * A consumer process for the "killed mid-batch" test: it applies each CampaignLaunched event by adding 1 to a
 * row of its own (a non-idempotent effect), slowly, so the test can kill it with SIGKILL halfway through.
 * Env: GROUP_ID, TOPIC.
 */
import { IdempotentConsumer, Outbox, createDataSource, createLogger, createProducer, databaseUrl } from '@thidua/common';
import { testKafka } from './kafka';

async function main(): Promise<void> {
  const db = createDataSource({ url: databaseUrl('evaluation'), entities: [], migrations: [] });
  await db.initialize();
  const kafka = testKafka('counting-consumer');
  const producer = createProducer(kafka);
  await producer.connect();
  const consumer = new IdempotentConsumer(kafka, db, producer, createLogger('counting-consumer', 'fatal'), {
    groupId: process.env.GROUP_ID!,
    topics: { [process.env.TOPIC!]: 'campaign' },
    outbox: new Outbox('evaluation', process.env.KAFKA_TOPIC_PREFIX ?? ''),
    handlers: {
      CampaignLaunched: async (event, { manager }) => {
        await manager.query(
          `INSERT INTO consumer_kill_effects (event_id, applied) VALUES ($1, 1) ON CONFLICT (event_id) DO UPDATE SET applied = consumer_kill_effects.applied + 1`,
          [event.id],
        );
        await new Promise((resolve) => setTimeout(resolve, 15));
      },
    },
  });
  await consumer.start();
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
