import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Kafka, IHeaders } from 'kafkajs';
import { createKafka, createLogger, kafkaBrokers, kafkaCredentials, type KafkaPrincipal } from '@thidua/common';

const KAFKA_SCRIPT = path.resolve(__dirname, '../../infra/kafka/kafka.sh');

/** A client of the broker, as the admin principal unless told otherwise (a test acting as one service). */
export function testKafka(name: string, principal: KafkaPrincipal = 'admin'): Kafka {
  return createKafka(`thidua-test-${name}`, kafkaBrokers(), kafkaCredentials(principal), createLogger(`test-${name}`, process.env.LOG_LEVEL ?? 'fatal'));
}

/** True when this project runs the broker (so a test may stop and restart it). */
export const brokerIsOurs = !process.env.KAFKA_BROKERS;

export function stopBroker(): void {
  execFileSync('bash', [KAFKA_SCRIPT, 'stop'], { stdio: 'ignore' });
}

export function startBroker(): void {
  execFileSync('bash', [KAFKA_SCRIPT, 'start'], { stdio: 'ignore' });
}

export interface ReadMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, v === undefined ? '' : String(v)]));
}

/** Reads a topic from the beginning with a fresh group until `enough` says so (or the timeout passes). */
export async function readTopic(kafka: Kafka, topic: string, enough: (messages: ReadMessage[]) => boolean, timeoutMs = 30000): Promise<ReadMessage[]> {
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Timed out reading ${topic}: got ${messages.length} message(s)`)), timeoutMs);
      consumer
        .run({
          eachMessage: async ({ message }) => {
            messages.push({ key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers: headersToStrings(message.headers) });
            if (enough(messages)) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}
