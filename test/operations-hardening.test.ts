/**
 * Auditing that no caller can switch off, rate limits that hold behind a proxy and against key guessing, the smaller
 * leaks (metrics, the public file proxy, a refusal naming someone), and health that a broker outage only degrades.
 * Real gateway, subgraphs, PostgreSQL, broker and Redis.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { SERVICE_NAMES, databaseOwnerUrl, startSubgraph, type GatewayConfig, type ServiceName } from '@thidua/common';
import { startGateway, type RunningGateway } from '../gateway/src/gateway';
import { subgraphs } from '../infra/subgraphs';
import { Api } from './support/api';
import { eventually, graphql } from './support/graphql';
import { startTestPlatform, type TestPlatform } from './support/platform';

const run = Date.now().toString(36);
let platform: TestPlatform;
let api: Api;
let admin: string;
const units: Record<string, { id: string; path: string }> = {};

beforeAll(async () => {
  platform = await startTestPlatform();
  api = new Api(platform.gatewayUrl);
  admin = await platform.token(['NATIONAL_ADMIN'], null);
  units.vn = await api.createUnit({ code: `OH${run}`, name: 'Tổng Liên đoàn (thử vận hành)', level: 'NATIONAL' }, admin);
  units.bn = await api.createUnit({ code: `OHBN${run}`, parentId: units.vn.id, name: 'LĐLĐ Bắc Ninh', level: 'PROVINCIAL', provinceCode: 'BN' }, admin);
  units.kh = await api.createUnit({ code: `OHKH${run}`, parentId: units.vn.id, name: 'LĐLĐ Khánh Hòa', level: 'PROVINCIAL', provinceCode: 'KH' }, admin);
});

afterAll(async () => {
  await platform?.stop();
});

async function withGateway<T>(overrides: Partial<GatewayConfig>, work: (gateway: RunningGateway) => Promise<T>): Promise<T> {
  const gateway = await startGateway({ port: 0, responseCacheSeconds: 0, scopeCacheSeconds: 0, subgraphUrls: Object.fromEntries(SERVICE_NAMES.map((n) => [n, platform.subgraphs[n].url])) as Record<ServiceName, string>, ...overrides });
  try {
    return await work(gateway);
  } finally {
    await gateway.stop();
  }
}

const AUDIT = `query($s: String) { auditLog(subject: $s, first: 10) { edges { node { fields variables outcome correlationId } } } }`;
const auditOf = (subject: string, count = 1) =>
  eventually(async () => {
    const edges = (await api.ok(AUDIT, { s: subject }, admin)).auditLog.edges as { node: { fields: string[]; variables: string; outcome: string; correlationId: string } }[];
    return edges.length >= count ? edges.map((e) => e.node) : null;
  }, 30000, `the audit of ${subject}`);

describe('the audit log', () => {
  it('records a mutation whatever correlation id the caller sends, keeping only a well-formed one', async () => {
    const subject = `audit-cid-${run}`;
    const officer = await platform.token(['UNIT_OFFICER'], units.bn!.path, subject);
    const sent = ['', 'x'.repeat(200), '<script>', 'client-request-0001'];
    for (const correlationId of sent) {
      const result = await graphql(platform.gatewayUrl, `mutation($id: ID!, $n: String!) { updateUnionUnit(id: $id, input: { name: $n }) { id } }`, { id: units.bn!.id, n: `Bắc Ninh ${correlationId.length}` }, officer, { 'x-correlation-id': correlationId });
      expect(result.errors).toBeUndefined();
    }
    const entries = await auditOf(subject, sent.length);
    expect(entries.map((e) => e.outcome)).toEqual(['OK', 'OK', 'OK', 'OK']);
    const ids = entries.map((e) => e.correlationId);
    expect(ids).toContain('client-request-0001');
    expect(ids.filter((id) => /^[0-9a-f-]{36}$/.test(id))).toHaveLength(3);
  });

  it('records a refused attempt with the id of its target, also when written inline', async () => {
    const subject = `audit-target-${run}`;
    const target = randomUUID();
    const outsider = await platform.token(['UNIT_OFFICER'], units.kh!.path, subject);
    await graphql(platform.gatewayUrl, `mutation { updateCampaign(id: "${target}", input: { title: "Chiếm quyền" }) { id } }`, {}, outsider);
    const [entry] = await auditOf(subject);
    expect(entry!.fields).toEqual(['updateCampaign']);
    expect(entry!.outcome).not.toBe('OK');
    expect(JSON.parse(entry!.variables)).toMatchObject({ updateCampaign: { id: target, input: { title: 'Chiếm quyền' } } });
  });

  it('is written in the mutation’s transaction: when the audit record cannot be written, the change does not happen', async () => {
    // the owner's login: a trigger is a schema change the service's own role may not make
    const campaign = new Client({ connectionString: databaseOwnerUrl('campaign') });
    await campaign.connect();
    const code = `NOAUDIT-${run}`;
    try {
      await campaign.query(`CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused for this test'; END $$`);
      await campaign.query(`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON outbox FOR EACH ROW WHEN (NEW.event_type = 'MutationAudited') EXECUTE FUNCTION test_refuse_audit()`);
      const result = await graphql(platform.gatewayUrl, `mutation($i: CreateUnionUnitInput!) { createUnionUnit(input: $i) { id } }`, { i: { code, name: 'Đơn vị không được kiểm toán', level: 'NATIONAL' } }, admin);
      expect(result.errors?.length).toBe(1);
      expect((await campaign.query(`SELECT count(*)::int AS n FROM union_units WHERE code = $1`, [code])).rows[0].n).toBe(0);
    } finally {
      await campaign.query(`DROP TRIGGER IF EXISTS test_refuse_audit ON outbox`);
      await campaign.query(`DROP FUNCTION IF EXISTS test_refuse_audit()`);
      await campaign.end();
    }
  });
});

describe('rate limits', () => {
  const anonymous = (url: string, forwardedFor?: string) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) }, body: '{"query":"{ __typename }"}' }).then((r) => r.status);

  it('behind a trusted proxy count each client address, and without one ignore X-Forwarded-For', async () => {
    await withGateway({ anonymousRequestsPerMinute: 2, trustProxy: 'loopback' }, async (gateway) => {
      expect([await anonymous(gateway.url, '203.0.113.1'), await anonymous(gateway.url, '203.0.113.1'), await anonymous(gateway.url, '203.0.113.1')]).toEqual([200, 200, 429]);
      expect(await anonymous(gateway.url, '203.0.113.2')).toBe(200);
    });
    await withGateway({ anonymousRequestsPerMinute: 2 }, async (gateway) => {
      expect([await anonymous(gateway.url, '198.51.100.1'), await anonymous(gateway.url, '198.51.100.2'), await anonymous(gateway.url, '198.51.100.3')]).toEqual([200, 200, 429]);
    });
  });

  it('limit invalid API keys per client address', async () => {
    await withGateway({ invalidApiKeyAttemptsPerMinute: 3 }, async (gateway) => {
      const statuses = [];
      for (let i = 0; i < 5; i++) {
        statuses.push((await graphql(gateway.url, `{ __typename }`, {}, undefined, { 'x-api-key': `thd_000000000000_${'a'.repeat(40)}${i}` })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    });
  });

  it('are shared by gateway replicas through Redis', async () => {
    const shared = { anonymousRequestsPerMinute: 3, redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', rateLimitKeyPrefix: `test:${process.env.DATABASE_SUFFIX ?? ''}:${run}:` };
    await withGateway(shared, (first) =>
      withGateway(shared, async (second) => {
        expect([await anonymous(first.url), await anonymous(second.url), await anonymous(first.url), await anonymous(second.url)]).toEqual([200, 200, 200, 429]);
      }),
    );
  });
});

describe('smaller leaks', () => {
  it('serve metrics on their own port only: not on the public one, not through the file proxy', async () => {
    const base = platform.gatewayUrl.replace(/\/graphql$/, '');
    for (const url of [`${base}/metrics`, `${base}/assets/%2e%2e/metrics`, `${base}/feeds/..%2fmetrics`, platform.subgraphs.media.url.replace('/graphql', '/metrics')]) {
      const response = await fetch(url);
      expect([url, (await response.text()).includes('thidua_graphql_request_seconds')]).toEqual([url, false]);
    }
    const metrics = await (await fetch(`http://127.0.0.1:${platform.subgraphs.media.metricsPort}/metrics`)).text();
    expect(metrics).toContain('thidua_graphql_request_seconds');
  });

  it('a refused nomination does not name the member of another unit', async () => {
    const name = `Nguyễn Thị Kín ${run}`;
    const grassroots = await api.createUnit({ code: `OHKHG${run}`, parentId: units.kh!.id, name: 'Công đoàn Công ty Yến sào', level: 'GRASSROOTS', organisationType: 'STATE_OWNED_ENTERPRISE' }, admin);
    const member = (await api.ok(`mutation($i: CreateMemberInput!) { createMember(input: $i) { id } }`, { i: { unitId: grassroots.id, fullName: name, occupationCode: 'CONG_CHUC', isDirectProductionWorker: false, holdsLeadershipPost: false } }, admin)).createMember.id;
    const officer = await platform.token(['UNIT_OFFICER'], units.bn!.path, `nominator-${run}`);
    const NOMINATE = `mutation($i: NominateInput!) { nominate(input: $i) { id } }`;
    const input = { i: { source: 'OFFICER', memberId: member, grantingUnitId: units.bn!.id, achievedOn: '2026-01-15', reason: 'Có thành tích xuất sắc trong phong trào' } };
    const refusal = await eventually(async () => {
      const result = await graphql(platform.gatewayUrl, NOMINATE, input, officer);
      return result.errors?.[0]?.extensions?.code === 'FORBIDDEN' ? result.errors[0] : null;
    }, 30000, 'the member in reward’s read model');
    expect(JSON.stringify(refusal)).not.toContain(name);
    expect(JSON.stringify(refusal)).not.toContain(grassroots.path);
  });
});

describe('health', () => {
  it('is live while the process runs, and ready but degraded while the broker is away', async () => {
    // the campaign subgraph with a broker that is not there (no consumer: it could not join its group)
    const away = await startSubgraph({ ...subgraphs.campaign, consumer: undefined }, { port: 0, runMigrationsOnStart: false, kafkaBrokers: ['127.0.0.1:1'] });
    try {
      const ready = await fetch(away.url.replace('/graphql', '/health/ready'));
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'degraded', degraded: true, failing: ['kafka'], checks: { database: { ok: true }, kafka: { ok: false } } });
      expect((await fetch(away.url.replace('/graphql', '/health/live'))).status).toBe(200);
    } finally {
      await away.stop();
    }
  }, 60000);
});
