/**
 * The transactional outbox on the real campaign database and the real broker: state and event commit
 * together or not at all; with the broker stopped the change is kept and its event goes out once it is back.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { LISTENER_NAME, Outbox, OutboxRelay, createDataSource, createLogger, createProducer, databaseUrl, eventsTopic, slugify, type NewEvent } from '@thidua/common';
import { entities } from '../services/campaign/src/entities';
import { eventually } from './support/graphql';
import { brokerIsOurs, readTopic, startBroker, stopBroker, testKafka } from './support/kafka';

const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
let db: DataSource;
const outbox = new Outbox('campaign', prefix);

function unitCreated(code: string): NewEvent<'UnitUpserted'> {
  const unitId = randomUUID();
  const path = `/${slugify(code)}/`;
  return {
    type: 'UnitUpserted',
    aggregateId: unitId,
    unitPath: path,
    payload: { unitId, code, name: `Đơn vị ${code}`, level: 'NATIONAL', organisationType: null, provinceCode: null, path, parentId: null },
  };
}

/** The state change of these tests: an occupation row, written in the same transaction as the event. */
async function addOccupationWithEvent(code: string, fail: boolean): Promise<void> {
  await db.transaction(async (manager) => {
    await manager.query(`INSERT INTO occupations (code, name) VALUES ($1, $2)`, [code, 'Nghề thử nghiệm']);
    await outbox.append(manager, 'test-correlation', unitCreated(code));
    if (fail) throw new Error('the business rule failed after the event was written');
  });
}

async function stateAndEvents(code: string): Promise<{ occupations: number; events: { published_at: Date | null; event_id: string }[] }> {
  const [occupations] = await db.query(`SELECT count(*)::int AS n FROM occupations WHERE code = $1`, [code]);
  const events = await db.query(`SELECT event_id, published_at FROM outbox WHERE envelope -> 'payload' ->> 'code' = $1`, [code]);
  return { occupations: occupations.n, events };
}

beforeAll(async () => {
  db = createDataSource({ url: databaseUrl('campaign'), entities, migrations: [] });
  await db.initialize();
});

afterAll(async () => {
  await db?.destroy();
});

describe('transactional outbox', () => {
  it('writes nothing, neither the change nor its event, when the transaction fails', async () => {
    const code = `T_${randomUUID().slice(0, 8)}`;
    await expect(addOccupationWithEvent(code, true)).rejects.toThrow('business rule failed');
    expect(await stateAndEvents(code)).toEqual({ occupations: 0, events: [] });
  });

  it('commits the change and its event together', async () => {
    const code = `T_${randomUUID().slice(0, 8)}`;
    await addOccupationWithEvent(code, false);
    const { occupations, events } = await stateAndEvents(code);
    expect(occupations).toBe(1);
    expect(events).toHaveLength(1);
    expect(events[0]!.published_at).toBeNull();
  });

  it('refuses to record an event that breaks its schema', async () => {
    const code = `T_${randomUUID().slice(0, 8)}`;
    const bad = unitCreated(code);
    (bad.payload as { level: string }).level = 'VILLAGE';
    await expect(db.transaction((manager) => outbox.append(manager, 'test', bad))).rejects.toThrow(/level/);
    expect((await stateAndEvents(code)).events).toEqual([]);
  });

  it('publishes a row committed by another process at once, without waiting for its poll', async () => {
    const producer = createProducer(testKafka('outbox-notify'));
    // polls only every ten minutes: only the commit's notification can wake it within the test
    const relay = new OutboxRelay(db, producer, createLogger('test-relay', 'fatal'), { idleMs: 600_000 });
    const writer = createDataSource({ url: databaseUrl('campaign'), entities, migrations: [] });
    await writer.initialize();
    try {
      await relay.start();
      await eventually(async () => ((await relay.pendingCount()) === 0 ? true : null), 30000, 'earlier rows published');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const code = `T_${randomUUID().slice(0, 8)}`;
      await writer.transaction((manager) => outbox.append(manager, 'other-process', unitCreated(code)));
      await eventually(async () => ((await stateAndEvents(code)).events[0]?.published_at ? true : null), 10000, 'the notified relay to publish');
    } finally {
      await relay.stop();
      await producer.disconnect();
      await writer.destroy();
    }
  });

  it('listens again after losing its connection, and stops trying once stopped', async () => {
    const producer = createProducer(testKafka('outbox-relisten'));
    const relay = new OutboxRelay(db, producer, createLogger('test-relay', 'fatal'), { idleMs: 600_000, maxBackoffMs: 200 });
    const listeners = async () =>
      (await db.query(`SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [LISTENER_NAME])) as { pid: number }[];
    try {
      await relay.start();
      const [lost] = await listeners();
      await db.query(`SELECT pg_terminate_backend($1)`, [lost!.pid]);
      await eventually(async () => ((await listeners()).some((l) => l.pid !== lost!.pid) ? true : null), 10000, 'a new listening connection');
      const code = `T_${randomUUID().slice(0, 8)}`;
      await addOccupationWithEvent(code, false);
      await eventually(async () => ((await stateAndEvents(code)).events[0]?.published_at ? true : null), 10000, 'the relay woken again');
      await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [LISTENER_NAME]);
    } finally {
      await relay.stop();
      await producer.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await listeners()).toEqual([]);
  });

  (brokerIsOurs ? it : it.skip)(
    'keeps the change while the broker is down and publishes its event once the broker is back',
    async () => {
      const kafka = testKafka('outbox');
      const producer = createProducer(kafka);
      const relay = new OutboxRelay(db, producer, createLogger('test-relay', 'fatal'), { idleMs: 100, maxBackoffMs: 1000 });
      await relay.start();
      const code = `T_${randomUUID().slice(0, 8)}`;
      try {
        stopBroker();
        await addOccupationWithEvent(code, false);
        await new Promise((resolve) => setTimeout(resolve, 3000));
        const during = await stateAndEvents(code);
        expect(during.occupations).toBe(1);
        expect(during.events).toHaveLength(1);
        expect(during.events[0]!.published_at).toBeNull();

        startBroker();
        await eventually(async () => ((await stateAndEvents(code)).events[0]?.published_at ? true : null), 60000, 'the outbox to drain');
        const eventId = during.events[0]!.event_id;
        const messages = await readTopic(kafka, eventsTopic('campaign', prefix), (all) => all.some((m) => m.value?.includes(eventId)));
        const published = messages.filter((m) => m.value?.includes(eventId));
        expect(published.length).toBeGreaterThanOrEqual(1);
        expect(JSON.parse(published[0]!.value!)).toMatchObject({ id: eventId, type: 'UnitUpserted', producer: 'campaign', payload: { code } });
      } finally {
        startBroker();
        await relay.stop();
        await producer.disconnect();
      }
    },
    120000,
  );
});
