/**
 * The vertical slice through the real gateway, real subgraphs, real PostgreSQL and the real Kafka broker:
 * units, a member and a campaign are created and launched in the campaign subgraph; CampaignLaunched travels
 * through the outbox and Kafka to evaluation, reward and media; one gateway query returns fields of all four.
 */
import { Client } from 'pg';
import { databaseUrl } from '@thidua/common';
import { eventually, graphql } from './support/graphql';
import { startTestPlatform, type TestPlatform } from './support/platform';

const CREATE_UNIT = `mutation($input: CreateUnionUnitInput!) { createUnionUnit(input: $input) { id path name level } }`;
const CREATE_MEMBER = `mutation($input: CreateMemberInput!) { createMember(input: $input) { id fullName unit { name } occupation { name } } }`;
const CREATE_CAMPAIGN = `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id status } }`;
const LAUNCH = `mutation($id: ID!) { launchCampaign(id: $id) { id status launchedAt } }`;
const CAMPAIGN_EVERYWHERE = `query($id: ID!) {
  campaign(id: $id) {
    title status targets { name unitOfMeasure }
    evaluationRound { status targets { name weight } }
    nominationsOpen
    stories(first: 5) { edges { node { kind status title } } }
  }
}`;

let platform: TestPlatform;
let admin: string;
let db: Client;
const suffix = Date.now().toString(36);

async function count(table: string): Promise<number> {
  const result = await db.query(`SELECT count(*)::int AS n FROM ${table}`);
  return result.rows[0].n as number;
}

beforeAll(async () => {
  platform = await startTestPlatform();
  admin = await platform.token(['NATIONAL_ADMIN'], null);
  db = new Client({ connectionString: databaseUrl('campaign') });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await platform?.stop();
});

async function createUnit(input: Record<string, unknown>, token = admin) {
  const result = await graphql<{ createUnionUnit: { id: string; path: string } }>(platform.gatewayUrl, CREATE_UNIT, { input }, token);
  expect(result.errors).toBeUndefined();
  return result.data!.createUnionUnit;
}

describe('vertical slice through the gateway', () => {
  let province: { id: string; path: string };
  let grassroots: { id: string; path: string };

  beforeAll(async () => {
    const national = await createUnit({ code: `VN-${suffix}`, name: 'Tổng Liên đoàn Lao động Việt Nam', level: 'NATIONAL' });
    province = await createUnit({ parentId: national.id, code: `BG-${suffix}`, name: 'Liên đoàn Lao động tỉnh Bắc Giang', level: 'PROVINCIAL', provinceCode: 'BG' });
    grassroots = await createUnit({
      parentId: province.id,
      code: `BG-MAY-${suffix}`,
      name: 'Công đoàn cơ sở Công ty May Bắc Giang',
      level: 'GRASSROOTS',
      organisationType: 'PRIVATE_ENTERPRISE',
    });
  });

  it('creates a member with Vietnamese text kept exactly', async () => {
    const result = await graphql<{ createMember: { fullName: string; unit: { name: string }; occupation: { name: string } } }>(
      platform.gatewayUrl,
      CREATE_MEMBER,
      { input: { unitId: grassroots.id, fullName: 'Nguyễn Thị Hồng Nhung', occupationCode: 'CN_DET_MAY', isDirectProductionWorker: true, holdsLeadershipPost: false } },
      admin,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.createMember).toEqual({
      id: expect.any(String),
      fullName: 'Nguyễn Thị Hồng Nhung',
      unit: { name: 'Công đoàn cơ sở Công ty May Bắc Giang' },
      occupation: { name: 'Công nhân dệt may' },
    });
  });

  it('launches a campaign whose event reaches evaluation, reward and media through Kafka', async () => {
    const created = await graphql<{ createCampaign: { id: string; status: string } }>(
      platform.gatewayUrl,
      CREATE_CAMPAIGN,
      {
        input: {
          launchingUnitId: province.id,
          title: 'Lao động giỏi – Lao động sáng tạo',
          goal: 'Nâng cao năng suất lao động và thu nhập của người lao động',
          category: 'FOR_WORKERS',
          startsOn: '2026-01-01',
          endsOn: '2028-12-31',
          targets: [
            { name: 'Sáng kiến được công nhận', unitOfMeasure: 'sáng kiến', targetValue: 500, direction: 'HIGHER_IS_BETTER', weight: 60 },
            { name: 'Tỷ lệ tai nạn lao động', unitOfMeasure: '%', targetValue: 0.5, direction: 'LOWER_IS_BETTER', weight: 40 },
          ],
        },
      },
      admin,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createCampaign.status).toBe('DRAFT');
    const id = created.data!.createCampaign.id;

    const launched = await graphql<{ launchCampaign: { status: string } }>(platform.gatewayUrl, LAUNCH, { id }, admin);
    expect(launched.errors).toBeUndefined();
    expect(launched.data!.launchCampaign.status).toBe('LAUNCHED');

    const campaign = await eventually(async () => {
      const result = await graphql<{ campaign: Record<string, unknown> & { evaluationRound: unknown; nominationsOpen: boolean; stories: { edges: unknown[] } } }>(
        platform.gatewayUrl,
        CAMPAIGN_EVERYWHERE,
        { id },
        admin,
      );
      expect(result.errors).toBeUndefined();
      const c = result.data!.campaign;
      return c.evaluationRound && c.nominationsOpen && c.stories.edges.length > 0 ? c : null;
    }, 30000, 'CampaignLaunched to reach evaluation, reward and media');

    expect(campaign).toEqual({
      title: 'Lao động giỏi – Lao động sáng tạo',
      status: 'LAUNCHED',
      targets: [
        { name: 'Sáng kiến được công nhận', unitOfMeasure: 'sáng kiến' },
        { name: 'Tỷ lệ tai nạn lao động', unitOfMeasure: '%' },
      ],
      evaluationRound: {
        status: 'OPEN',
        targets: [
          { name: 'Sáng kiến được công nhận', weight: 60 },
          { name: 'Tỷ lệ tai nạn lao động', weight: 40 },
        ],
      },
      nominationsOpen: true,
      stories: { edges: [{ node: { kind: 'CAMPAIGN_NEWS', status: 'CANDIDATE', title: 'Phát động phong trào thi đua “Lao động giỏi – Lao động sáng tạo”' } }] },
    });

    // the public sees the launched campaign but not the unpublished story candidate
    const anonymous = await graphql<{ campaign: { status: string; stories: { edges: unknown[] } } }>(platform.gatewayUrl, CAMPAIGN_EVERYWHERE, { id });
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data!.campaign.status).toBe('LAUNCHED');
    expect(anonymous.data!.campaign.stories.edges).toEqual([]);
  });

  it('finds units by name with and without diacritics', async () => {
    const query = `query($text: String!) { searchUnionUnits(text: $text) { edges { node { name } } } }`;
    for (const text of ['Bắc Giang', 'bac giang', 'BAC GIANG']) {
      const result = await graphql<{ searchUnionUnits: { edges: { node: { name: string } }[] } }>(platform.gatewayUrl, query, { text });
      expect(result.data!.searchUnionUnits.edges.map((e) => e.node.name)).toEqual(
        expect.arrayContaining(['Liên đoàn Lao động tỉnh Bắc Giang', 'Công đoàn cơ sở Công ty May Bắc Giang']),
      );
    }
    // an officer's picker searches within their subtree, at a level: namesakes of other runs and provinces stay out
    const within = `query($text: String!, $within: ID, $level: UnitLevel) { searchUnionUnits(text: $text, within: $within, level: $level) { edges { node { id } } } }`;
    const found = async (variables: Record<string, unknown>) =>
      (await graphql<{ searchUnionUnits: { edges: { node: { id: string } }[] } }>(platform.gatewayUrl, within, variables)).data!.searchUnionUnits.edges.map((e) => e.node.id);
    expect(await found({ text: 'bac giang', within: province.id })).toEqual(expect.arrayContaining([province.id, grassroots.id]));
    expect((await found({ text: 'bac giang', within: province.id })).length).toBe(2);
    expect(await found({ text: 'BẮC GIANG', within: province.id, level: 'GRASSROOTS' })).toEqual([grassroots.id]);
    expect(await found({ text: 'bac giang', within: grassroots.id, level: 'PROVINCIAL' })).toEqual([]);
    const unknown = await graphql(platform.gatewayUrl, within, { text: 'bac giang', within: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'within' }] });
  });

  it('refuses an unauthenticated mutation and writes nothing', async () => {
    const before = await count('union_units');
    const result = await graphql(platform.gatewayUrl, CREATE_UNIT, { input: { parentId: province.id, code: `X-${suffix}`, name: 'Không được tạo', level: 'UPPER_GRASSROOTS' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await count('union_units')).toBe(before);
  });

  it('refuses a token that does not verify, with 401', async () => {
    const forged = `${admin.slice(0, -4)}AAAA`;
    const result = await graphql(platform.gatewayUrl, `{ occupations { code } }`, {}, forged);
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an officer acting outside their subtree and writes nothing', async () => {
    const otherProvinceOfficer = await platform.token(['UNIT_OFFICER'], '/khanh-hoa/');
    const before = await count('union_units');
    const result = await graphql(
      platform.gatewayUrl,
      CREATE_UNIT,
      { input: { parentId: province.id, code: `Y-${suffix}`, name: 'Ngoài phạm vi', level: 'UPPER_GRASSROOTS' } },
      otherProvinceOfficer,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await count('union_units')).toBe(before);
  });

  it('answers malformed input with BAD_USER_INPUT naming the fields, and writes nothing', async () => {
    const campaignsBefore = await count('campaigns');
    const targetsBefore = await count('campaign_targets');
    const result = await graphql(
      platform.gatewayUrl,
      CREATE_CAMPAIGN,
      {
        input: {
          launchingUnitId: province.id,
          title: 'Phong trào mơ hồ',
          category: 'FOR_WORKERS',
          startsOn: '2027-06-01',
          endsOn: '2027-01-01',
          targets: [{ name: 'Làm tốt hơn', unitOfMeasure: '  ', targetValue: 1, direction: 'HIGHER_IS_BETTER', weight: 100 }],
        },
      },
      admin,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (result.errors?.[0]?.extensions?.problems as { field: string }[]).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['targets.0.unitOfMeasure', 'endsOn']));
    expect(await count('campaigns')).toBe(campaignsBefore);
    expect(await count('campaign_targets')).toBe(targetsBefore);
  });

  it('refuses to launch an incomplete draft, keeps it a draft and emits no event', async () => {
    const created = await graphql<{ createCampaign: { id: string } }>(
      platform.gatewayUrl,
      CREATE_CAMPAIGN,
      { input: { launchingUnitId: province.id, title: 'Bản nháp chưa đủ', category: 'UNION_WORK' } },
      admin,
    );
    const id = created.data!.createCampaign.id;
    // the audit line of the refused mutation is expected; no domain event is
    const domainEvents = `outbox WHERE event_type <> 'MutationAudited'`;
    const outboxBefore = await count(domainEvents);
    const result = await graphql(platform.gatewayUrl, LAUNCH, { id }, admin);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (result.errors?.[0]?.extensions?.problems as { field: string }[]).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['goal', 'targets']));
    // the message is for a person: Vietnamese, without the input's field codes
    expect(result.errors?.[0]?.message).not.toMatch(/\b(goal|targets):/);
    const status = await db.query(`SELECT status FROM campaigns WHERE id = $1`, [id]);
    expect(status.rows[0].status).toBe('DRAFT');
    expect(await count(domainEvents)).toBe(outboxBefore);
  });

  it('rejects an id that is not a UUID with BAD_USER_INPUT', async () => {
    const result = await graphql(platform.gatewayUrl, LAUNCH, { id: 'not-an-id' }, admin);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('subgraphs behind the gateway', () => {
  it('refuse a call that bypasses the gateway', async () => {
    const result = await graphql(platform.subgraphs.campaign.url, `{ occupations { code } }`);
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data ?? null).toBeNull();
  });

  it('report health of the database and the broker', async () => {
    const response = await fetch(platform.subgraphs.evaluation.url.replace('/graphql', '/health/ready'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', degraded: false, checks: { database: { ok: true }, kafka: { ok: true } } });
    const gatewayHealth = await fetch(platform.gatewayUrl.replace('/graphql', '/health/ready'));
    expect([gatewayHealth.status, ((await gatewayHealth.json()) as { status: string }).status]).toEqual([200, 'ok']);
  });

  it('expose Prometheus metrics on their own port', async () => {
    const text = await (await fetch(`http://127.0.0.1:${platform.gateway.metricsPort}/metrics`)).text();
    expect(text).toContain('thidua_graphql_request_seconds');
  });
});
