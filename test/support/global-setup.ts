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
  await prepareDatabases({ test: true });
  await ensureTopics(process.env.KAFKA_TOPIC_PREFIX);
}
