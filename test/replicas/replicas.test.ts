/**
 * Two replicas of every process behind our nginx (infra/replicas.ts), on the test databases, the run's topics, Redis
 * and the real broker (decision 0027). A flow of movements, enrolments, progress reports (scores), ad-hoc rewards and
 * the stories they make runs from three clients at once; mid-flow one replica of each subgraph and of the gateway is
 * killed with SIGKILL, each subgraph's one being its relay's leader. Then: every effect happened exactly once, the
 * surviving relays took over within seconds, no request failed beyond the documented retry, each gateway replica
 * dropped its cached public answers on the events of the other's mutations, and rate limits were shared.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { LEADER_NAME, SERVICE_NAMES, daysAgoInVietnam, databaseUrl, yearInVietnam, type Role, type ServiceName } from '@thidua/common';
import { replicaLayout, startReplica, startReplicas, stopReplicas, waitReady, type Replica, type ReplicaLayout } from '../../infra/replicas';
import { Api } from '../support/api';
import { eventually, graphql, type GraphQLResponse } from '../support/graphql';
import { eventuallyCounted } from '../support/read-models';
import { issueTestToken, testTokenIssuer } from '../support/tokens';
import { TWO_PROVINCES, buildUnionTree, type UnionTree } from '../support/union-tree';

const layout: ReplicaLayout = replicaLayout(2, Number(process.env.REPLICAS_BASE_PORT ?? 28300), path.resolve(__dirname, '../../.data/replicas-test'));
const front = `http://127.0.0.1:${layout.frontPort}/graphql`;
const gatewayUrl = (index: number) => `http://127.0.0.1:${layout.replicaPorts.gateway[index]}/graphql`;
const run = randomUUID().slice(0, 8);
const year = yearInVietnam();
const ANONYMOUS_PER_MINUTE = 200;
const ITERATIONS = 15;
const CLIENTS = 3;

const databases = {} as Record<ServiceName, Client>;
let tree: UnionTree;
let admin: string;
let council: string;
const replicas: Replica[] = [];
/** What every replica runs with besides the test's own environment. */
const env: NodeJS.ProcessEnv = {};

/** What the flow's clients saw: requests answered after a retry (and why), requests failed for good. */
const retried: string[] = [];

/**
 * The answers a request gets when a replica dies under it, and only those: from the front, no answer or nginx's 502
 * (a gateway replica died); from a gateway, UNAVAILABLE naming the service (a subgraph replica died). A client sends
 * such a request again; a mutation only once it has checked that the first attempt took no effect (the documented
 * retry, README "Replicas"). Anything else fails the test.
 */
function cutOff(result: GraphQLResponse<unknown> | Error): boolean {
  if (result instanceof Error) return true;
  if (result.status === 502 || result.status === 504) return true;
  return (result.errors ?? []).length > 0 && result.errors!.every((e) => e.extensions?.code === 'UNAVAILABLE' && e.extensions.retryable === true);
}

/** A line of the run's account, without the source location jest adds to console.log (it reads as a stack trace). */
const report = (line: string): void => void process.stdout.write(`${line}\n`);

async function send<T>(query: string, variables: Record<string, unknown>, token: string, tookEffect?: () => Promise<T | null>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const result = await graphql<T>(front, query, variables, token).catch((error: Error) => error);
    if (!cutOff(result)) {
      const answer = result as GraphQLResponse<T>;
      if (answer.errors?.length || !answer.data) throw new Error(`Refused: ${JSON.stringify(answer)}`);
      if (attempt > 1) report(`[replicas] attempt ${attempt} answered ${JSON.stringify(answer.data)}`);
      return answer.data;
    }
    const why = result instanceof Error ? result.message : `${result.status} ${JSON.stringify(result.errors?.[0]?.extensions?.code ?? '')}`;
    if (attempt >= 3) throw new Error(`Failed ${attempt} times: ${why}`);
    retried.push(`${query.slice(0, 40)}… (${why})`);
    const done = tookEffect ? await tookEffect() : null;
    report(`[replicas] cut off: ${query.slice(0, 40)} ${JSON.stringify(variables).slice(0, 200)} (${why}); took effect: ${JSON.stringify(done)}`);
    if (done) return done;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function one<T>(service: ServiceName, sql: string, params: unknown[]): Promise<T | null> {
  const { rows } = await databases[service].query(sql, params);
  return (rows[0] as T | undefined) ?? null;
}

const CREATE = `mutation($input: CreateCampaignInput!, $launch: Boolean) { createCampaign(input: $input, launch: $launch) { id targets { id } } }`;
const ENROL = `mutation($input: EnrollUnitInput!) { enrollUnit(input: $input) { id } }`;
const REPORT = `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`;
const NOMINATE = `mutation($input: NominateInput!) { nominate(input: $input) { id } }`;
const GRANT = `mutation($id: ID!, $input: GrantRewardInput!) { grantReward(nominationId: $id, input: $input) { id number } }`;
const REGISTER = `query($search: String) { rewardDecisions(filter: { search: $search }) { edges { node { number } } } }`;

interface Outcome {
  k: number;
  campaignId: string;
  enrollmentId: string;
  decisionNumber: string;
}

/** One movement's life: launched, a unit enrolled, its progress reported (scored in evaluation), a member rewarded. */
async function movement(k: number): Promise<Outcome> {
  const title = `Thi đua ca kíp ${run} số ${k}`;
  const created = await send<{ createCampaign: { id: string; targets: { id: string }[] } }>(
    CREATE,
    {
      launch: true,
      input: {
        launchingUnitId: tree.units.bn!.id,
        title,
        goal: 'Tăng năng suất ca kíp',
        category: 'FOR_WORKERS',
        startsOn: `${year}-01-01`,
        endsOn: `${year + 1}-12-31`,
        targets: [{ name: 'Sản phẩm vượt định mức', unitOfMeasure: 'sản phẩm', targetValue: 100, direction: 'HIGHER_IS_BETTER', aggregation: 'SUM', weight: 100 }],
      },
    },
    admin,
    async () => {
      const row = await one<{ id: string }>('campaign', `SELECT id FROM campaigns WHERE title = $1`, [title]);
      if (!row) return null;
      const target = await one<{ id: string }>('campaign', `SELECT id FROM campaign_targets WHERE campaign_id = $1`, [row.id]);
      return { createCampaign: { id: row.id, targets: [{ id: target!.id }] } };
    },
  );
  const campaignId = created.createCampaign.id;
  const targetId = created.createCampaign.targets[0]!.id;
  const enrolled = await send<{ enrollUnit: { id: string } }>(ENROL, { input: { campaignId, unitId: tree.units.may!.id } }, admin, async () => {
    const row = await one<{ id: string }>('campaign', `SELECT id FROM enrollments WHERE campaign_id = $1`, [campaignId]);
    return row ? { enrollUnit: row } : null;
  });
  const enrollmentId = enrolled.enrollUnit.id;
  // what a client waits for before reporting: the round its report is scored in
  await eventually(() => one('evaluation', `SELECT 1 FROM evaluation_rounds WHERE campaign_id = $1`, [campaignId]), 60000, 'the evaluation round');
  await eventually(() => one('evaluation', `SELECT 1 FROM participants WHERE enrollment_id = $1`, [enrollmentId]), 60000, 'the participant');
  await send(REPORT, { input: { enrollmentId, targetId, periodStart: `${year}-01-01`, value: k + 1 } }, admin, () =>
    one('campaign', `SELECT id FROM progress_reports WHERE enrollment_id = $1`, [enrollmentId]),
  );
  const reason = `Vượt định mức ca kíp ${run}-${k}`;
  const memberKeys = Object.keys(tree.members);
  const nominated = await send<{ nominate: { id: string } }>(
    NOMINATE,
    {
      input: {
        source: 'AD_HOC',
        memberId: tree.members[memberKeys[k % memberKeys.length]!],
        grantingUnitId: tree.units.may!.id,
        formCode: 'GIAY_KHEN',
        achievedOn: daysAgoInVietnam(1 + (k % 5)),
        reason,
      },
    },
    admin,
    async () => {
      const row = await one<{ id: string }>('reward', `SELECT id FROM nominations WHERE reason = $1`, [reason]);
      return row ? { nominate: row } : null;
    },
  );
  const granted = await send<{ grantReward: { id: string; number: string } }>(
    GRANT,
    { id: nominated.nominate.id, input: { signerRole: 'Chủ tịch Công đoàn cơ sở', decidedOn: daysAgoInVietnam(0) } },
    council,
    async () => {
      const row = await one<{ id: string; number: string }>('reward', `SELECT id, number FROM reward_decisions WHERE nomination_id = $1`, [nominated.nominate.id]);
      return row ? { grantReward: row } : null;
    },
  );
  return { k, campaignId, enrollmentId, decisionNumber: granted.grantReward.number };
}

/** The backend of the relay leading on a service's database (null while none leads). */
async function leaderOf(service: ServiceName): Promise<number | null> {
  const row = await one<{ pid: number }>(service, `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [LEADER_NAME]);
  return row?.pid ?? null;
}

const count = async (service: ServiceName, sql: string, params: unknown[]) => (await one<{ n: number }>(service, `SELECT count(*)::int AS n FROM ${sql}`, params))!.n;

beforeAll(async () => {
  await stopReplicas(layout);
  // the gateway replicas trust the caller tokens this process signs
  mkdirSync(layout.dir, { recursive: true });
  process.env.TEST_TOKEN_KEY_FILE = path.join(layout.dir, 'test-token-key.json');
  rmSync(process.env.TEST_TOKEN_KEY_FILE, { force: true });
  await testTokenIssuer();
  for (const service of SERVICE_NAMES) {
    databases[service] = new Client({ connectionString: databaseUrl(service) });
    await databases[service].connect();
  }
  Object.assign(env, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    RATE_LIMIT_KEY_PREFIX: `thidua:rate:replicas-${run}:`,
    ANONYMOUS_REQUESTS_PER_MINUTE: String(ANONYMOUS_PER_MINUTE),
    USER_REQUESTS_PER_MINUTE: '100000',
  });
  // replica 0 of each subgraph first: its relay leads, so killing it makes replica 1's relay take over
  const first = SERVICE_NAMES.map((name) => startReplica(layout, name, 0, env));
  await Promise.all(first.map((replica) => waitReady(replica)));
  await eventually(async () => ((await Promise.all(SERVICE_NAMES.map(leaderOf))).every(Boolean) ? true : null), 30000, 'a leader on every database');
  replicas.push(...(await startReplicas(layout, env, 'test/replicas/gateway.ts')));

  admin = await issueTestToken({ sub: `admin-${run}`, name: 'Quản trị', roles: ['NATIONAL_ADMIN'], unitPath: '/' });
  tree = await buildUnionTree(new Api(front), admin, {
    units: { ...TWO_PROVINCES, may: { parent: 'bn', name: 'Công đoàn Công ty May Bắc Ninh', level: 'GRASSROOTS', organisationType: 'PRIVATE_ENTERPRISE' } },
    members: {
      hoa: { unit: 'may', fullName: 'Nguyễn Thị Hoa', occupationCode: 'CN_DET_MAY', direct: true },
      lan: { unit: 'may', fullName: 'Trần Thị Lan', occupationCode: 'CN_DET_MAY', direct: true },
      tuan: { unit: 'may', fullName: 'Lê Văn Tuấn', occupationCode: 'CN_DET_MAY', direct: true },
    },
  });
  council = await issueTestToken({ sub: `council-${run}`, name: 'Hội đồng', roles: ['COUNCIL_MEMBER' as Role], unitPath: tree.units.may!.path });
  await eventuallyCounted('reward', 'member_refs WHERE id = ANY($1::uuid[])', [Object.values(tree.members)], 3, 'members in reward’s read model');
}, 400_000);

afterAll(async () => {
  await stopReplicas(layout);
  for (const db of Object.values(databases)) await db.end();
}, 60_000);

describe('two replicas of every process behind nginx', () => {
  it('runs the flow exactly once while one replica of each process is killed, the surviving relays taking over', async () => {
    const leadersBefore = Object.fromEntries(await Promise.all(SERVICE_NAMES.map(async (s) => [s, await leaderOf(s)] as const)));
    let next = 0;
    const outcomes: Outcome[] = [];
    const clients = Array.from({ length: CLIENTS }, async () => {
      while (next < ITERATIONS) outcomes.push(await movement(next++));
    });

    // mid-flow: one replica of each subgraph (the relay leader) and one gateway, SIGKILL, a second apart
    const killed: Record<string, number> = {};
    const kills = (async () => {
      await eventually(async () => (outcomes.length >= 2 ? true : null), 240_000, 'the flow under way');
      for (const replica of replicas.filter((r) => r.index === 0)) {
        process.kill(replica.pid, 'SIGKILL');
        killed[replica.name] = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    })();
    await Promise.all([...clients, kills]);
    expect(outcomes).toHaveLength(ITERATIONS);

    // the surviving relays lead: a new backend on every database, within seconds of the kill
    for (const service of SERVICE_NAMES) {
      const leader = await eventually(async () => {
        const pid = await leaderOf(service);
        return pid && pid !== leadersBefore[service] ? pid : null;
      }, 10000, `a new relay leader for ${service}`);
      expect(leader).not.toBe(leadersBefore[service]);
    }

    // every effect exactly once: each movement, its round, its news story, its score, its decision and the story it made
    await eventually(async () => ((await count('media', `stories WHERE reward_decision ->> 'decisionNumber' = ANY($1)`, [outcomes.map((o) => o.decisionNumber)])) >= ITERATIONS ? true : null), 120_000, 'every decision’s story');
    for (const { k, campaignId, enrollmentId, decisionNumber } of outcomes) {
      expect(await count('campaign', `campaigns WHERE title = $1`, [`Thi đua ca kíp ${run} số ${k}`])).toBe(1);
      expect(await count('campaign', `enrollments WHERE campaign_id = $1`, [campaignId])).toBe(1);
      expect(await count('evaluation', `evaluation_rounds WHERE campaign_id = $1`, [campaignId])).toBe(1);
      await eventually(async () => ((await count('media', `stories WHERE campaign_id = $1 AND kind = 'CAMPAIGN_NEWS'`, [campaignId])) > 0 ? true : null), 60000, 'the news');
      expect(await count('media', `stories WHERE campaign_id = $1 AND kind = 'CAMPAIGN_NEWS'`, [campaignId])).toBe(1);
      await eventually(() => one('evaluation', `SELECT 1 FROM measured_values WHERE enrollment_id = $1`, [enrollmentId]), 60000, 'the score');
      expect(await one('evaluation', `SELECT count(*)::int AS n, sum(value)::int AS total FROM measured_values WHERE enrollment_id = $1`, [enrollmentId])).toEqual({ n: 1, total: k + 1 });
      expect(await count('reward', `reward_decisions WHERE reason = $1`, [`Vượt định mức ca kíp ${run}-${k}`])).toBe(1);
      expect(await count('media', `stories WHERE reward_decision ->> 'decisionNumber' = $1`, [decisionNumber])).toBe(1);
    }
    // the retry is the documented one: only requests cut off by a kill, a handful at most
    expect(retried.length).toBeLessThanOrEqual(3 * Object.keys(killed).length);
    report(`[replicas] ${ITERATIONS} movements by ${CLIENTS} clients; ${retried.length} request(s) retried after a kill${retried.length ? `: ${retried.join('; ')}` : ''}`);
  }, 480_000);

  it('lets every gateway replica drop its cached public answers on the events of the other one’s mutations', async () => {
    const search = `Khen thưởng bộ nhớ đệm ${run}`;
    const register = async (index: number) => (await graphql<{ rewardDecisions: { edges: unknown[] } }>(gatewayUrl(index), REGISTER, { search }, undefined, { 'x-forwarded-for': '192.0.2.10' })).data!.rewardDecisions.edges.length;
    // the survivors are replica 1 of each: restart gateway 0 so there are two gateways again
    const gateway0 = startReplica(layout, 'gateway', 0, env, 'test/replicas/gateway.ts');
    await waitReady(gateway0);
    expect(await register(1)).toBe(0);
    expect(await register(0)).toBe(0);
    const nomination = (await graphql<{ nominate: { id: string } }>(gatewayUrl(0), NOMINATE, {
      input: { source: 'AD_HOC', memberId: tree.members.hoa, grantingUnitId: tree.units.may!.id, formCode: 'GIAY_KHEN', achievedOn: daysAgoInVietnam(2), reason: search },
    }, admin)).data!.nominate.id;
    await graphql(gatewayUrl(0), GRANT, { id: nomination, input: { signerRole: 'Chủ tịch Công đoàn cơ sở', decidedOn: daysAgoInVietnam(0) } }, council);
    // replica 1 cached "none" for five minutes: only RewardGranted, through Kafka, can empty its cache in time
    await eventually(async () => ((await register(1)) === 1 ? true : null), 15000, 'gateway 1 to drop its cached answer');
    expect(await register(0)).toBe(1);
  }, 120_000);

  it('shares the rate limits of every gateway replica through Redis', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < ANONYMOUS_PER_MINUTE + 20; i++) {
      const response = await fetch(gatewayUrl(i % 2), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.77' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      statuses.push(response.status);
    }
    // in memory each replica would have let its half (110) through: together they let the minute's quota through
    expect(statuses.filter((s) => s === 200)).toHaveLength(ANONYMOUS_PER_MINUTE);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
  }, 120_000);
});
