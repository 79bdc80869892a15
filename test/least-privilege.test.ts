/**
 * Least privilege on the real broker and the real PostgreSQL server:
 * - Kafka: each service logs in as its own SCRAM principal; the broker lets it write only its own topic and
 *   dead-letter topic and read only what it consumes, in its own group; with the platform running, consumers
 *   refuse an event that is not on its owner's topic or names another producer (forgeries are dead-lettered).
 * - PostgreSQL (with the platform running): each service works as its own runtime role on its own database,
 *   which the owner role (that ran the migrations) owns; the audit log can be read and appended to, never
 *   changed or emptied.
 * - Production refuses to start without these passwords, naming the variable.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, ResourcePatternTypes, logLevel } from 'kafkajs';
import { Client } from 'pg';
import {
  SERVICE_NAMES,
  consumerGroupId,
  createKafka,
  createLogger,
  createProducer,
  databaseName,
  databaseRoles,
  databaseUrl,
  deadLetterTopic,
  eventsTopic,
  kafkaBrokers,
  kafkaCredentials,
  type EventEnvelope,
  type KafkaPrincipal,
  type ServiceName,
} from '@thidua/common';
import { platformTopics } from '../infra/topics';
import { eventually } from './support/graphql';
import { campaignLaunchedEvent } from './support/events';
import { readTopic, testKafka, type ReadMessage } from './support/kafka';
import { startTestPlatform, type TestPlatform } from './support/platform';

const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
const ROOT = path.resolve(__dirname, '..');
let platform: TestPlatform;

/** The broker's error code behind a kafkajs error (which wraps it in causes and aggregates). */
function refusal(error: unknown): string {
  const { type, cause, errors, message } = error as { type?: string; cause?: unknown; errors?: unknown[]; message?: string };
  if (type) return type;
  if (cause) return refusal(cause);
  if (errors?.[0]) return refusal(errors[0]);
  return message ?? String(error);
}

/** The broker's refusal (its error code), or 'allowed'. */
async function tryWrite(kafka: Kafka, topic: string, value: string): Promise<string> {
  const producer = createProducer(kafka);
  await producer.connect();
  try {
    await producer.send({ topic, messages: [{ value }] });
    return 'allowed';
  } catch (error) {
    return refusal(error);
  } finally {
    await producer.disconnect();
  }
}

/**
 * Consumes `topic` in `groupId` as `principal` until a message arrives ('received') or the broker refuses (its error
 * code). kafkajs reports a refused group only as "Failed to find group coordinator", so its debug log is read.
 */
/** A coordinator that is moving or loading answers for a moment with a retriable error that decides nothing. */
const TRANSIENT_REFUSALS = new Set(['NOT_COORDINATOR', 'COORDINATOR_NOT_AVAILABLE', 'COORDINATOR_LOAD_IN_PROGRESS', 'REBALANCE_IN_PROGRESS']);

/** 'received', or the broker's refusal: asked again while the broker only says its group coordinator is not ready. */
async function tryRead(principal: KafkaPrincipal, groupId: string, topic: string): Promise<string> {
  let outcome = await tryReadOnce(principal, groupId, topic);
  for (let attempt = 1; attempt < 5 && (TRANSIENT_REFUSALS.has(outcome) || /coordinator/i.test(outcome)); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    outcome = await tryReadOnce(principal, groupId, topic);
  }
  return outcome;
}

async function tryReadOnce(principal: KafkaPrincipal, groupId: string, topic: string): Promise<string> {
  const codes: string[] = [];
  const kafka = new Kafka({
    clientId: `thidua-test-reader-${principal}`,
    brokers: kafkaBrokers(),
    sasl: { mechanism: 'scram-sha-512', ...kafkaCredentials(principal) },
    logLevel: logLevel.DEBUG,
    logCreator: () => ({ log }) => {
      const code = (log as { error?: { type?: string } }).error?.type;
      if (code) codes.push(code);
    },
  });
  const consumer = kafka.consumer({ groupId, retry: { retries: 0, restartOnFailure: async () => false } });
  await consumer.connect();
  try {
    return await new Promise<string>((resolve) => {
      const refused = (error: unknown) => resolve(codes.find((code) => code.endsWith('AUTHORIZATION_FAILED')) ?? refusal(error));
      consumer.on(consumer.events.CRASH, ({ payload }) => refused(payload.error));
      consumer
        .subscribe({ topics: [topic], fromBeginning: true })
        .then(() => consumer.run({ eachMessage: async () => resolve('received') }))
        .catch(refused);
    });
  } finally {
    await consumer.disconnect();
  }
}

async function sendAs(principal: KafkaPrincipal, topic: string, events: object[]): Promise<void> {
  const producer = createProducer(testKafka(`as-${principal}`, principal));
  await producer.connect();
  await producer.send({ topic, messages: events.map((event) => ({ key: randomUUID(), value: JSON.stringify(event) })) });
  await producer.disconnect();
}

function deadLetterOf(group: ServiceName, eventId: string): Promise<ReadMessage> {
  return readTopic(testKafka('dead-letters'), deadLetterTopic(consumerGroupId(group, prefix)), (all) => all.some((m) => m.value?.includes(eventId))).then(
    (all) => all.find((m) => m.value?.includes(eventId))!,
  );
}

describe('the broker: one principal per service, ACLs', () => {
  const writers: (ServiceName | 'gateway')[] = [...SERVICE_NAMES, 'gateway'];

  it('lets a service write only its own topic and dead-letter topic, and the gateway none', async () => {
    const refusals: string[] = [];
    for (const principal of writers) {
      const kafka = testKafka(`writer-${principal}`, principal);
      for (const topic of platformTopics(prefix)) {
        const own = principal !== 'gateway' && topic === deadLetterTopic(consumerGroupId(principal, prefix));
        // a service's own events topic is written by its relay in every other test; here nothing lands on it
        if (principal !== 'gateway' && topic === eventsTopic(principal, prefix)) continue;
        const outcome = await tryWrite(kafka, topic, 'kiểm tra quyền ghi');
        if (outcome !== (own ? 'allowed' : 'TOPIC_AUTHORIZATION_FAILED')) refusals.push(`${principal} → ${topic}: ${outcome}`);
      }
    }
    expect(refusals).toEqual([]);
  }, 60000);

  it('refuses a service a topic it does not consume, another service’s group, and its own topic to read', async () => {
    expect(await tryRead('evaluation', consumerGroupId('evaluation', prefix), eventsTopic('reward', prefix))).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await tryRead('evaluation', consumerGroupId('reward', prefix), eventsTopic('campaign', prefix))).toBe('GROUP_AUTHORIZATION_FAILED');
    expect(await tryRead('evaluation', `${prefix}evaluation-elsewhere`, eventsTopic('campaign', prefix))).toBe('GROUP_AUTHORIZATION_FAILED');
    // media writes its topic but consumes only campaign's and reward's
    expect(await tryRead('media', consumerGroupId('media', prefix), eventsTopic('media', prefix))).toBe('TOPIC_AUTHORIZATION_FAILED');
    // and what is allowed works: the gateway reads a service's events in a group of its own
    await sendAs('campaign', eventsTopic('campaign', prefix), [campaignLaunchedEvent('Phong trào kiểm tra quyền đọc')]);
    expect(await tryRead('gateway', `${prefix}gateway-cache-test-${randomUUID()}`, eventsTopic('campaign', prefix))).toBe('received');
  }, 60000);

  it('lets no service create topics, grant itself rights, or log in with a wrong or empty password', async () => {
    const admin = testKafka('rogue-admin', 'media').admin();
    await admin.connect();
    try {
      expect(await admin.createTopics({ topics: [{ topic: `${prefix}media-shadow.events` }] }).then(() => 'created', refusal)).toBe('TOPIC_AUTHORIZATION_FAILED');
      expect(
        await admin.createAcls({
          acl: [
            {
              principal: 'User:media',
              host: '*',
              resourceType: AclResourceTypes.TOPIC,
              resourceName: eventsTopic('campaign', prefix),
              resourcePatternType: ResourcePatternTypes.LITERAL,
              operation: AclOperationTypes.WRITE,
              permissionType: AclPermissionTypes.ALLOW,
            },
          ],
        }).then(() => 'granted', refusal),
      ).toBe('CLUSTER_AUTHORIZATION_FAILED');
    } finally {
      await admin.disconnect();
    }
    expect(await tryWrite(testKafka('media-after', 'media'), eventsTopic('campaign', prefix), 'x')).toBe('TOPIC_AUTHORIZATION_FAILED');

    for (const password of [`${kafkaCredentials('media').password}x`, '']) {
      const impostor = createKafka('impostor', kafkaBrokers(), { username: 'media', password }, createLogger('impostor', 'fatal')).producer();
      await expect(impostor.connect()).rejects.toThrow(/SASL|authentication/i);
    }
  }, 60000);
});

/** The platform runs for these; the ACL tests above run without it, so no probe joins a running service's group. */
describe('with the platform running', () => {
  beforeAll(async () => {
    platform = await startTestPlatform();
  });

  afterAll(async () => {
    await platform?.stop();
  });

  describe('consumers take an event type only from its owner’s topic and producer', () => {
    it('dead-letters forged events written with a real service’s credentials, and applies none of them', async () => {
      const claimsCampaign = campaignLaunchedEvent('Phong trào giả danh dịch vụ campaign');
      const mediaLaunches: EventEnvelope<'CampaignLaunched'> = { ...campaignLaunchedEvent('Phong trào do media phát'), producer: 'media' };
      const genuine = campaignLaunchedEvent('Phong trào thật');
      // media's principal may write media's topic: the broker takes them, the consumers must not
      await sendAs('media', eventsTopic('media', prefix), [claimsCampaign, mediaLaunches]);
      await sendAs('campaign', eventsTopic('campaign', prefix), [genuine]);

      const reward = new Client({ connectionString: databaseUrl('reward') });
      await reward.connect();
      try {
        const refs = (ids: string[]) => reward.query(`SELECT campaign_id FROM campaign_refs WHERE campaign_id = ANY($1::uuid[])`, [ids]).then((r) => r.rows.length);
        await eventually(async () => ((await refs([genuine.payload.campaignId])) === 1 ? true : null), 30000, 'the genuine launch in reward');

        const forgedClaim = await deadLetterOf('reward', claimsCampaign.id);
        expect(forgedClaim.headers).toMatchObject({ 'x-error-class': 'UnexpectedOrigin', 'x-original-topic': eventsTopic('media', prefix), 'x-consumer-group': consumerGroupId('reward', prefix) });
        expect(forgedClaim.headers['x-error']).toBe('Sự kiện CampaignLaunched chỉ được nhận từ topic của dịch vụ campaign, nhưng đến từ topic của dịch vụ media');
        const wrongType = await deadLetterOf('reward', mediaLaunches.id);
        expect(wrongType.headers['x-error-class']).toBe('UnexpectedOrigin');
        // campaign reads media's topic too (for audit lines): it refuses them as well, though it has no handler for the type
        expect((await deadLetterOf('campaign', claimsCampaign.id)).headers['x-error-class']).toBe('UnexpectedOrigin');
        expect(await refs([claimsCampaign.payload.campaignId, mediaLaunches.payload.campaignId])).toBe(0);
      } finally {
        await reward.end();
      }
    }, 60000);

    it('refuses an audit line on a service’s topic that names another service, in the envelope or the payload', async () => {
      const auditLine = (producer: ServiceName, service: ServiceName): EventEnvelope<'MutationAudited'> => ({
        id: randomUUID(), type: 'MutationAudited', version: 1, occurredAt: new Date().toISOString(), producer, aggregateId: randomUUID(), unitPath: null,
        correlationId: `test-${randomUUID()}`, causationId: null,
        payload: { service, operationName: 'XoaDauVet', fields: ['grantReward'], variables: '{}', subject: 'ke-mao-danh', roles: ['NATIONAL_ADMIN'], unitPath: '/', outcome: 'OK', at: new Date().toISOString() },
      });
      const envelopeLies = auditLine('reward', 'reward');
      const payloadLies = auditLine('media', 'reward');
      const genuine = auditLine('media', 'media');
      await sendAs('media', eventsTopic('media', prefix), [envelopeLies, payloadLies, genuine]);

      const campaign = new Client({ connectionString: databaseUrl('campaign') });
      await campaign.connect();
      try {
        const lines = (ids: string[]) => campaign.query(`SELECT event_id FROM audit_log WHERE event_id = ANY($1::uuid[])`, [ids]).then((r) => r.rows.length);
        await eventually(async () => ((await lines([genuine.id])) === 1 ? true : null), 30000, 'the genuine audit line');
        expect((await deadLetterOf('campaign', envelopeLies.id)).headers['x-error']).toBe('Sự kiện MutationAudited trên topic của dịch vụ media lại ghi nơi phát là reward');
        expect((await deadLetterOf('campaign', payloadLies.id)).headers['x-error']).toBe('Dòng kiểm toán ghi dịch vụ reward nhưng do media phát');
        expect(await lines([envelopeLies.id, payloadLies.id])).toBe(0);
      } finally {
        await campaign.end();
      }
    }, 60000);
  });

  describe('PostgreSQL: one role per service, owning nothing but its own database', () => {
    const query = (service: ServiceName, sql: string, params: unknown[] = []) => platform.subgraphs[service].dataSource.query(sql, params) as Promise<any[]>;

    it('runs every service as its runtime role, not a superuser, on a database its owner role migrated', async () => {
      for (const service of SERVICE_NAMES) {
        const roles = databaseRoles(service);
        const [me] = await query(service, `SELECT current_user AS role, current_database() AS db, r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls FROM pg_roles r WHERE r.rolname = current_user`);
        expect(me).toEqual({ role: roles.runtime, db: databaseName(service), rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false });
        const owners = await query(service, `SELECT DISTINCT pg_get_userbyid(d.datdba) AS db, t.tableowner AS tables FROM pg_database d, pg_tables t WHERE d.datname = current_database() AND t.schemaname = 'public'`);
        expect(owners).toEqual([{ db: roles.owner, tables: roles.owner }]);
      }
    });

    it('lets a service change no schema and reach no other service’s database', async () => {
      const refused = (sql: string) => expect(query('reward', sql)).rejects.toMatchObject({ code: '42501' });
      await refused(`CREATE TABLE stolen (id int)`);
      await refused(`ALTER TABLE campaign_refs ADD COLUMN hidden text`);
      await refused(`DROP TABLE outbox`);
      await refused(`SELECT * FROM migrations`);

      const elsewhere = new URL(databaseUrl('reward'));
      elsewhere.pathname = `/${databaseName('campaign')}`;
      const intruder = new Client({ connectionString: elsewhere.toString() });
      await expect(intruder.connect()).rejects.toMatchObject({ code: '42501' });
      await intruder.end().catch(() => undefined);
    });

    it('keeps the audit log append-only for the campaign service: no UPDATE, DELETE or TRUNCATE, nor a grant to itself', async () => {
      const id = randomUUID();
      await query('campaign', `INSERT INTO audit_log (event_id, service, operation_name, fields, variables, subject, roles, unit_path, outcome, correlation_id, at)
                               VALUES ($1, 'campaign', 'Thu', '{createCampaign}', '{}', 'kiem-thu', '{NATIONAL_ADMIN}', '/', 'OK', 'test', now())`, [id]);
      const refused = (sql: string) => expect(query('campaign', sql, sql.includes('$1') ? [id] : [])).rejects.toMatchObject({ code: '42501' });
      await refused(`UPDATE audit_log SET outcome = 'FORBIDDEN' WHERE event_id = $1`);
      await refused(`DELETE FROM audit_log WHERE event_id = $1`);
      await refused(`TRUNCATE audit_log`);
      await refused(`ALTER TABLE audit_log DISABLE TRIGGER ALL`);
      // not the owner: the grant gives nothing (PostgreSQL only warns), and the update is still refused
      await query('campaign', `GRANT UPDATE, DELETE ON audit_log TO CURRENT_USER`);
      await refused(`UPDATE audit_log SET outcome = 'FORBIDDEN' WHERE event_id = $1`);
      expect(await query('campaign', `SELECT outcome FROM audit_log WHERE event_id = $1`, [id])).toEqual([{ outcome: 'OK' }]);
      // the rest of its data it changes as it must (the outbox relay marks and deletes rows)
      await expect(query('campaign', `UPDATE outbox SET published_at = published_at WHERE false`)).resolves.toBeDefined();
    });
  });

});

describe('production without the passwords', () => {
  const production = { NODE_ENV: 'production' };

  it('refuses to start a service, naming the variable', async () => {
    const env = { PATH: process.env.PATH!, NODE_ENV: 'production', DEV_SECRETS_DIR: path.join(ROOT, '.data/secrets') };
    const outcome = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'services/media/src/main.ts'], { cwd: ROOT, env, timeout: 30000 }).then(
      () => 'started',
      (error: { code: number; stderr: string }) => `${error.code} ${error.stderr}`,
    );
    expect(outcome).toMatch(/^1 media failed to start: Error: Thiếu biến môi trường DATABASE_PASSWORD_MEDIA: ở production/);
  }, 40000);

  it('takes the passwords from the environment only, each at least 32 characters', () => {
    expect(() => databaseUrl('media', production)).toThrow(/^Thiếu biến môi trường DATABASE_PASSWORD_MEDIA: /);
    expect(() => kafkaCredentials('media', production)).toThrow(/^Thiếu biến môi trường KAFKA_PASSWORD_MEDIA: /);
    // the development password files are not a fallback in production
    expect(() => kafkaCredentials('admin', production)).toThrow(/^Thiếu biến môi trường KAFKA_PASSWORD_ADMIN: /);
    expect(() => kafkaCredentials('media', { ...production, KAFKA_PASSWORD_MEDIA: 'p'.repeat(31) })).toThrow(/^KAFKA_PASSWORD_MEDIA quá ngắn/);
    expect(kafkaCredentials('gateway', { ...production, KAFKA_PASSWORD_GATEWAY: 'k'.repeat(32) })).toEqual({ username: 'gateway', password: 'k'.repeat(32) });
    expect(new URL(databaseUrl('media', { ...production, DATABASE_PASSWORD_MEDIA: 'p/@:'.repeat(10) }))).toMatchObject({
      username: 'media_runtime',
      password: encodeURIComponent('p/@:'.repeat(10)),
      pathname: '/media',
    });
  });

  it('refuses to start the broker, naming the variable', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'thidua-kafka-'));
    const run = (env: Record<string, string>) =>
      promisify(execFile)('bash', [path.join(ROOT, 'infra/kafka/kafka.sh'), 'start'], {
        env: { PATH: process.env.PATH!, NODE_ENV: 'production', KAFKA_DATA_DIR: dataDir, KAFKA_PORT: '1', ...env },
      }).then(() => 'started', (error: { stderr: string }) => error.stderr.trim());
    try {
      expect(await run({})).toBe('[kafka] thiếu KAFKA_PASSWORD_BROKER: ở production, mật khẩu của mọi principal Kafka phải lấy từ biến môi trường');
      expect(await run({ KAFKA_PASSWORD_BROKER: 'b'.repeat(40), KAFKA_PASSWORD_ADMIN: 'a"; user_admin="x' + 'a'.repeat(32) })).toBe(
        '[kafka] KAFKA_PASSWORD_ADMIN phải dài ít nhất 32 ký tự, chỉ gồm A-Z a-z 0-9 . _ ~ -',
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
