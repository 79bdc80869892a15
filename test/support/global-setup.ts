import { randomBytes } from 'node:crypto';
import { ensureTopics } from '../../infra/topics';
import { prepareDatabases } from '../../infra/databases';

/**
 * Runs once before the suite: fresh test databases (`*_test`, migrated from scratch) and event topics under a
 * prefix of this run's own, so runs never see each other's events on a shared broker.
 */
export default async function globalSetup(): Promise<void> {
  process.env.DATABASE_SUFFIX ??= '_test';
  process.env.KAFKA_TOPIC_PREFIX ??= `test-${randomBytes(4).toString('hex')}.`;
  process.env.LOG_LEVEL ??= 'fatal';
  // every process a test starts serves its metrics on a free port, never on another checkout's
  process.env.METRICS_PORT ??= '0';
  await prepareDatabases({ test: true });
  await ensureTopics(process.env.KAFKA_TOPIC_PREFIX);
}
