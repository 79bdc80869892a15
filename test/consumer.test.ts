/**
 * The idempotent consumer on the real evaluation database and the real broker, with evaluation's real
 * handler for CampaignLaunched: duplicates change state once, poison messages go to the dead-letter topic
 * with the error attached and consumption goes on, transient failures are retried.
 */
import { randomUUID } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import {
  IdempotentConsumer,
  Outbox,
  createDataSource,
  createLogger,
  createProducer,
  databaseUrl,
  deadLetterTopic,
  eventsTopic,
  batchableHandler,
  readModelHandlers,
  type EventEnvelope,
  type EventHandler,
} from '@thidua/common';
import { entities } from '../services/evaluation/src/entities';
import { handlers } from '../services/evaluation/src/events/handlers';
import { eventually } from './support/graphql';
import { campaignLaunchedEvent } from './support/events';
import { readTopic, testKafka } from './support/kafka';

const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
const topic = eventsTopic('campaign', prefix);
const groupId = `${prefix}consumer-test-${randomUUID().slice(0, 8)}`;
/** All test messages share one key, so they sit on one partition and are consumed in the order sent. */
const KEY = randomUUID();

let db: DataSource;
let kafka: Kafka;
let producer: Producer;
let consumer: IdempotentConsumer;
const calls = new Map<string, number>();

const launched = (title: string) => campaignLaunchedEvent(title);

function memberUpserted(memberId: string, fullName: string): EventEnvelope<'MemberUpserted'> {
  const unitPath = '/vn/bg/';
  return {
    id: randomUUID(), type: 'MemberUpserted', version: 1, occurredAt: new Date().toISOString(), producer: 'campaign', aggregateId: memberId, unitPath,
    correlationId: `test-${randomUUID()}`, causationId: null,
    payload: { memberId, fullName, unitId: randomUUID(), unitPath, occupationCode: 'CN_DET_MAY', isDirectProductionWorker: true, holdsLeadershipPost: false, leftUnionOn: null },
  };
}

/** The event ids of each run of MemberUpserted the consumer applied in one go (earlier suites' events among them). */
const memberRuns: string[][] = [];
const realMemberHandler = readModelHandlers.MemberUpserted as EventHandler<'MemberUpserted'>;
const memberHandler = batchableHandler<'MemberUpserted'>(realMemberHandler, async (events, manager) => {
  memberRuns.push(events.map((event) => event.id));
  await realMemberHandler.many!(events, manager);
});

async function send(...values: (string | object)[]): Promise<void> {
  await producer.send({ topic, messages: values.map((value) => ({ key: KEY, value: typeof value === 'string' ? value : JSON.stringify(value) })) });
}

async function roundsFor(campaignId: string): Promise<number> {
  const [row] = await db.query(`SELECT count(*)::int AS n FROM evaluation_rounds WHERE campaign_id = $1`, [campaignId]);
  return row.n;
}

function waitForRound(campaignId: string): Promise<true> {
  return eventually(async () => ((await roundsFor(campaignId)) > 0 ? true : null), 30000, `round of ${campaignId}`);
}

/** The real handler, made to fail on purpose for campaigns titled "flaky" (twice) or "broken" (always). */
const realHandler = handlers.CampaignLaunched as EventHandler<'CampaignLaunched'>;
const testHandler: EventHandler<'CampaignLaunched'> = async (event, scope) => {
  const n = (calls.get(event.id) ?? 0) + 1;
  calls.set(event.id, n);
  if (event.payload.title === 'broken') throw new Error('the handler cannot process this campaign');
  if (event.payload.title === 'flaky' && n <= 2) throw new Error('temporary failure');
  await realHandler(event, scope);
};

beforeAll(async () => {
  db = createDataSource({ url: databaseUrl('evaluation'), entities, migrations: [] });
  await db.initialize();
  kafka = testKafka('consumer');
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic: deadLetterTopic(groupId), numPartitions: 1 }] });
  await admin.disconnect();
  producer = createProducer(kafka);
  await producer.connect();
  consumer = new IdempotentConsumer(kafka, db, producer, createLogger('test-consumer', 'fatal'), {
    groupId,
    topics: { [topic]: 'campaign' },
    handlers: { CampaignLaunched: testHandler, MemberUpserted: memberHandler },
    outbox: new Outbox('evaluation', prefix),
    maxAttempts: 3,
    initialBackoffMs: 50,
  });
  await consumer.start();
});

afterAll(async () => {
  await consumer?.stop();
  await producer?.disconnect();
  await db?.destroy();
});

describe('idempotent consumer', () => {
  it('changes state once when the same event arrives twice', async () => {
    const event = launched('Lao động giỏi');
    const marker = launched('Sự kiện đánh dấu');
    await send(event, event, marker);
    await waitForRound(marker.payload.campaignId);

    expect(await roundsFor(event.payload.campaignId)).toBe(1);
    expect(calls.get(event.id)).toBe(1);
    const processed = await db.query(`SELECT count(*)::int AS n FROM processed_events WHERE consumer = $1 AND event_id = $2`, [groupId, event.id]);
    expect(processed[0].n).toBe(1);
    // the handler's follow-up event is in the outbox, caused by the handled event
    const followUps = await db.query(`SELECT envelope FROM outbox WHERE envelope ->> 'causationId' = $1`, [event.id]);
    expect(followUps).toHaveLength(1);
    expect(followUps[0].envelope).toMatchObject({ type: 'EvaluationRoundOpened', correlationId: event.correlationId });
  });

  it('applies a run of read-model events in one statement: each event once, the latest change of a member last', async () => {
    const [lan, hoa] = [randomUUID(), randomUUID()];
    const hoaJoined = memberUpserted(hoa, 'Trần Thị Hoa');
    const marker = launched('Sau các thay đổi đoàn viên');
    const lanJoined = memberUpserted(lan, 'Nguyễn Thị Lan');
    const lanRenamed = memberUpserted(lan, 'Nguyễn Thị Lan Anh');
    await send(lanJoined, hoaJoined, lanRenamed, hoaJoined, marker);
    await waitForRound(marker.payload.campaignId);

    const names = await db.query(`SELECT id, full_name FROM member_refs WHERE id = ANY($1::uuid[]) ORDER BY full_name`, [[lan, hoa]]);
    expect(names.map((r: { full_name: string }) => r.full_name)).toEqual(['Nguyễn Thị Lan Anh', 'Trần Thị Hoa']);
    const processed = await db.query(`SELECT count(*)::int AS n FROM processed_events WHERE consumer = $1 AND event_id = $2`, [groupId, hoaJoined.id]);
    expect(processed[0].n).toBe(1);
    // the three distinct events went in as one run (the repeated delivery of Hoa's was recognised and skipped),
    // applied once: no failed run was tried again or fell back to one event at a time
    expect(memberRuns.filter((run) => run.includes(lanJoined.id))).toEqual([[lanJoined.id, hoaJoined.id, lanRenamed.id]]);
  });

  it('sends poison messages to the dead-letter topic with the error, and goes on consuming', async () => {
    const invalidPayload = launched('Chỉ tiêu rỗng');
    (invalidPayload.payload as { targets: unknown[] }).targets = [];
    const unknownType = { ...launched('Loại lạ'), type: 'SomethingElse' };
    const after = launched('Sau các thông điệp hỏng');
    await send('this is not JSON {', invalidPayload, unknownType, after);
    await waitForRound(after.payload.campaignId);

    const dead = await readTopic(kafka, deadLetterTopic(groupId), (all) => all.length >= 3);
    expect(dead.map((m) => m.headers['x-error-class'])).toEqual(['InvalidEvent', 'InvalidEvent', 'InvalidEvent']);
    expect(dead[0]!.headers['x-error']).toMatch(/not JSON/);
    expect(dead[1]!.headers['x-error']).toMatch(/targets/);
    expect(dead[2]!.headers['x-error']).toMatch(/No schema for event SomethingElse/);
    expect(dead[1]!.value).toBe(JSON.stringify(invalidPayload));
    expect(dead.every((m) => m.headers['x-original-topic'] === topic && m.headers['x-consumer-group'] === groupId)).toBe(true);
    expect(await roundsFor(invalidPayload.payload.campaignId)).toBe(0);
  });

  it('retries a failing handler with backoff and applies the event once it succeeds', async () => {
    const flaky = launched('flaky');
    await send(flaky);
    await waitForRound(flaky.payload.campaignId);
    expect(calls.get(flaky.id)).toBe(3);
    expect(await roundsFor(flaky.payload.campaignId)).toBe(1);
  });

  it('dead-letters an event whose handler keeps failing, with nothing half-written', async () => {
    const broken = launched('broken');
    const after = launched('Sau sự kiện lỗi');
    await send(broken, after);
    await waitForRound(after.payload.campaignId);
    expect(calls.get(broken.id)).toBe(3);
    expect(await roundsFor(broken.payload.campaignId)).toBe(0);
    const dead = await readTopic(kafka, deadLetterTopic(groupId), (all) => all.some((m) => m.value?.includes(broken.id)));
    const letter = dead.find((m) => m.value?.includes(broken.id))!;
    expect(letter.headers['x-error']).toBe('the handler cannot process this campaign');
    const processed = await db.query(`SELECT count(*)::int AS n FROM processed_events WHERE event_id = $1`, [broken.id]);
    expect(processed[0].n).toBe(0);
  });
});
