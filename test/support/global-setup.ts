import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureTestCa } from '@thidua/common';
import { ensureTopics } from '../../infra/topics';
import { prepareDatabases } from '../../infra/databases';

/**
 * Runs once before the suite: fresh test databases (`*_test`, migrated from scratch by their owner roles, each
 * service's runtime role created beside it) and event topics with their ACLs under a prefix of this run's own, so
 * runs never see each other's events on a shared broker. The in-process services find their credentials as a
 * running service would: `KAFKA_PASSWORD_*` and `DATABASE_*PASSWORD_*` when set, else this checkout's generated
 * development passwords (`.data/secrets/`, written by the broker script and by `prepareDatabases`).
 */
export default async function globalSetup(): Promise<void> {
  process.env.DATABASE_SUFFIX ??= '_test';
  process.env.KAFKA_TOPIC_PREFIX ??= `test-${randomBytes(4).toString('hex')}.`;
  process.env.LOG_LEVEL ??= 'fatal';
  // the units of a run get their development signing keys here, issued by the checkout's test CA
  process.env.SIGNING_KEYS_DIR ??= mkdtempSync(path.join(tmpdir(), 'thidua-signing-'));
  await ensureTestCa();
  // every process a test starts serves its metrics on a free port, never on another checkout's
  process.env.METRICS_PORT ??= '0';
  await prepareDatabases({ test: true });
  await ensureTopics(process.env.KAFKA_TOPIC_PREFIX);
}
