/**
 * Operations on the event backbone:
 *   tsx scripts/ops.ts lag                 consumer lag per group and topic, and dead letters waiting
 *   tsx scripts/ops.ts replay <group>      replay a group's dead letters to their original topics (after a fix)
 * Uses KAFKA_BROKERS and KAFKA_TOPIC_PREFIX like the services, as the admin principal (KAFKA_PASSWORD_ADMIN).
 */
import { SERVICE_NAMES, consumerGroupId, createKafka, createLogger, deadLetterTopic, eventsTopic, kafkaBrokers, kafkaCredentials, replayDeadLetters } from '@thidua/common';
import { subgraphs } from '../infra/subgraphs';

const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
const logger = createLogger('ops', process.env.LOG_LEVEL ?? 'warn');
const kafka = createKafka('thidua-ops', kafkaBrokers(), kafkaCredentials('admin'), logger);

async function lag(): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const rows: string[] = [];
    for (const service of SERVICE_NAMES) {
      const groupId = consumerGroupId(service, prefix);
      const topics = (subgraphs[service].consumer?.from ?? []).map((producer) => eventsTopic(producer, prefix));
      for (const topic of topics) {
        const [ends, committed] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
        const done = new Map(committed[0]!.partitions.map((p) => [p.partition, Math.max(0, Number(p.offset))]));
        const behind = ends.reduce((sum, p) => sum + Number(p.high) - (done.get(p.partition) ?? 0), 0);
        rows.push(`${groupId.padEnd(28)} ${topic.padEnd(32)} lag ${behind}`);
      }
      const dlq = await admin.fetchTopicOffsets(deadLetterTopic(groupId)).catch(() => []);
      rows.push(`${groupId.padEnd(28)} ${deadLetterTopic(groupId).padEnd(32)} dead letters ${dlq.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0)}`);
    }
    console.log(rows.join('\n'));
  } finally {
    await admin.disconnect();
  }
}

async function main(): Promise<void> {
  const [command, group] = process.argv.slice(2);
  if (command === 'lag') return lag();
  if (command === 'replay' && group) {
    console.log(`replayed ${await replayDeadLetters(kafka, `${prefix}${group}`, logger)} dead letter(s) of ${prefix}${group}`);
    return;
  }
  console.error('usage: tsx scripts/ops.ts lag | replay <group: campaign|evaluation|reward|media>');
  process.exit(2);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
