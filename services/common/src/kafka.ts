import { Kafka, logLevel as KafkaLogLevel, Partitioners, type Producer, type LogEntry } from 'kafkajs';
import type { KafkaCredentials } from './config';
import type { Logger } from './logger';

/**
 * A kafkajs client logged in as one principal (SASL/SCRAM-SHA-512: the broker accepts nothing else, and its ACLs
 * decide what the principal may read and write), whose own logs go through our structured logger.
 */
export function createKafka(clientId: string, brokers: string[], credentials: KafkaCredentials, logger: Logger): Kafka {
  const toPino = (level: KafkaLogLevel): 'error' | 'warn' | 'info' | 'debug' =>
    level === KafkaLogLevel.ERROR ? 'error' : level === KafkaLogLevel.WARN ? 'warn' : level === KafkaLogLevel.INFO ? 'info' : 'debug';
  return new Kafka({
    clientId,
    brokers,
    sasl: { mechanism: 'scram-sha-512', username: credentials.username, password: credentials.password },
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { initialRetryTime: 200, retries: 5, maxRetryTime: 3000 },
    logLevel: KafkaLogLevel.WARN,
    logCreator: () => ({ namespace, level, log }: LogEntry) => {
      const { message, ...extra } = log;
      logger[toPino(level)]({ kafka: namespace, ...extra }, message);
    },
  });
}

/** Acks from all in-sync replicas; bounded retries so an outage surfaces to the caller (the outbox relay). */
export function createProducer(kafka: Kafka): Producer {
  return kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
    retry: { initialRetryTime: 200, retries: 3, maxRetryTime: 2000 },
  });
}
