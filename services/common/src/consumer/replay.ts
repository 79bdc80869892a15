import type { Kafka } from 'kafkajs';
import { deadLetterTopic } from '../events/topics';
import type { Logger } from '../logger';
import { createProducer } from '../kafka';

/**
 * Replays a consumer group's dead letters after the cause is fixed: each goes back, unchanged, to the topic it
 * came from. Every consumer group sees it again, and the idempotent consumers of the groups that had already
 * handled it skip it. A replay group remembers what was replayed, so running the command twice replays nothing
 * twice. Stops when it has caught up with the dead-letter topic.
 */
export async function replayDeadLetters(kafka: Kafka, groupId: string, logger: Logger): Promise<number> {
  const topic = deadLetterTopic(groupId);
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  const committed = await admin.fetchOffsets({ groupId: `${groupId}.replay`, topics: [topic] }).catch(() => []);
  await admin.disconnect();
  const start = new Map(committed.flatMap((t) => t.partitions).map((p) => [p.partition, Number(p.offset)]));
  const pending = ends.filter((p) => Number(p.high) > Math.max(0, start.get(p.partition) ?? 0));
  if (pending.length === 0) return 0;

  const producer = createProducer(kafka);
  const consumer = kafka.consumer({ groupId: `${groupId}.replay` });
  await Promise.all([producer.connect(), consumer.connect()]);
  let replayed = 0;
  const remaining = new Map(pending.map((p) => [p.partition, Number(p.high)]));
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            const original = message.headers?.['x-original-topic']?.toString();
            if (!original) throw new Error(`Dead letter at offset ${message.offset} has no x-original-topic header`);
            await producer.send({ topic: original, acks: -1, messages: [{ key: message.key, value: message.value, headers: { 'replayed-from': topic } }] });
            replayed++;
            logger.info({ original, offset: message.offset, error: message.headers?.['x-error']?.toString() }, 'dead letter replayed');
            if (Number(message.offset) + 1 >= (remaining.get(partition) ?? 0)) remaining.delete(partition);
            if (remaining.size === 0) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
  return replayed;
}
