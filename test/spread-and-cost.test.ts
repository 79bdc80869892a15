/**
 * Expensive anonymous fields (issue 13, item 13), on the real gateway and PostgreSQL: the query cost counts the page
 * sizes asked for, variables included (graphql-armor's rule took `campaigns(first: $first)` for one campaign), while
 * every public page's operation still fits at the largest page; and Campaign.spread is read from counts the campaign
 * database keeps as enrollments, launches and members change, which always equal the figures as defined (the former
 * query, kept here as the reference), also for random histories of derivations, nested enrollments and imports.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { Client } from 'pg';
import { MAX_PAGE_SIZE, databaseOwnerUrl, databaseUrl } from '@thidua/common';
import { PUBLIC_OPERATIONS_DIR } from '../gateway/src/allowlist';
import { QUERY_LIMITS } from '../gateway/src/gateway';
import { graphql } from './support/graphql';
import { usePlatform } from './support/platform';
import { TWO_PROVINCES, buildUnionTree, type UnionTree } from './support/union-tree';

const env = usePlatform();
let admin: string;
let tree: UnionTree;
let db: Client;
const year = new Date().getUTCFullYear();

/** Campaign.spread as it is defined: the query the field ran before its counts were kept. */
const REFERENCE_SPREAD = `
  WITH RECURSIVE lineage AS (
    SELECT id FROM campaigns WHERE id = $1
    UNION
    SELECT c.id FROM campaigns c JOIN lineage l ON c.derived_from_id = l.id WHERE c.status <> 'DRAFT'
  ),
  reached_units AS (SELECT DISTINCT e.unit_id, e.unit_path FROM enrollments e JOIN lineage l ON e.campaign_id = l.id WHERE e.member_id IS NULL),
  reached_members AS (
    SELECT e.member_id AS id FROM enrollments e JOIN lineage l ON e.campaign_id = l.id WHERE e.member_id IS NOT NULL
    UNION
    SELECT m.id FROM members m JOIN reached_units u ON m.unit_path LIKE u.unit_path || '%'
  )
  SELECT (SELECT count(*) FROM lineage)::int AS campaigns,
         (SELECT count(DISTINCT unit_id) FROM (SELECT unit_id FROM reached_units UNION SELECT e.unit_id FROM enrollments e JOIN lineage l ON e.campaign_id = l.id) u)::int AS units,
         (SELECT count(*) FROM reached_members)::int AS members`;

const kept = async (campaignId: string) =>
  (await db.query(`SELECT campaigns, units, (covered_members + other_members)::int AS members FROM campaign_spreads WHERE campaign_id = $1`, [campaignId])).rows[0];
const reference = async (campaignId: string) => (await db.query(REFERENCE_SPREAD, [campaignId])).rows[0];

beforeAll(async () => {
  admin = await env.platform.token(['NATIONAL_ADMIN'], '/');
  tree = await buildUnionTree(env.api, admin, {
    units: {
      ...TWO_PROVINCES,
      kcn: { parent: 'bn', name: 'Công đoàn Khu công nghiệp Quế Võ', level: 'UPPER_GRASSROOTS' },
      may: { parent: 'kcn', name: 'Công đoàn Công ty May Quế Võ', level: 'GRASSROOTS', organisationType: 'PRIVATE_ENTERPRISE' },
      cang: { parent: 'kh', name: 'Công đoàn Cảng Nha Trang', level: 'GRASSROOTS', organisationType: 'STATE_OWNED_ENTERPRISE' },
    },
    members: {
      lan: { unit: 'may', fullName: 'Nguyễn Thị Lan', occupationCode: 'CN_DET_MAY', direct: true },
      bien: { unit: 'cang', fullName: 'Trần Văn Biển', occupationCode: 'CN_DET_MAY', direct: true },
    },
  });
  db = new Client({ connectionString: databaseUrl('campaign') });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
});

describe('the query cost', () => {
  const nested = `query($n: Int) { campaigns(first: $n) { edges { node { title derivatives(first: $n) { edges { node { title spread { units members } } } } } } } }`;

  it('counts the page sizes sent as variables: a hundred pages of a hundred pages is refused, a small one is not', async () => {
    const refused = await graphql(env.platform.gatewayUrl, nested, { n: MAX_PAGE_SIZE });
    expect([refused.status, refused.errors?.[0]?.extensions?.code]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
    expect(refused.errors?.[0]?.message).toMatch(/^Truy vấn quá nặng: chi phí ước tính \d+ vượt giới hạn 20000/);
    expect(refused.errors?.[0]?.extensions?.cost).toBeGreaterThan(QUERY_LIMITS.costLimit.maxCost);
    const small = await graphql(env.platform.gatewayUrl, nested, { n: 3 });
    expect([small.status, small.errors]).toEqual([200, undefined]);
    // a page size the schema defaults counts as that default, a larger one than served as the largest page
    const defaulted = await graphql(env.platform.gatewayUrl, nested.replaceAll('(first: $n)', '').replace('($n: Int)', ''), {});
    expect(defaulted.errors?.[0]?.extensions?.cost).toBeGreaterThan(QUERY_LIMITS.costLimit.maxCost);
    const huge = await graphql(env.platform.gatewayUrl, nested, { n: 1_000_000 });
    expect(huge.errors?.[0]?.extensions?.cost).toBe(refused.errors?.[0]?.extensions?.cost);
  });

  it('lets every public page’s operation through at the largest page it may ask for', async () => {
    const campaignId = (await env.api.ok(`{ campaigns(first: 1) { edges { node { id } } } }`)).campaigns.edges[0]?.node.id ?? '00000000-0000-4000-8000-000000000000';
    const variables = { first: MAX_PAGE_SIZE, id: campaignId, text: 'thi đua', filter: { search: 'sáng kiến' } };
    const files = readdirSync(PUBLIC_OPERATIONS_DIR).filter((f) => f.endsWith('.graphql'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const result = await graphql(env.platform.gatewayUrl, readFileSync(path.join(PUBLIC_OPERATIONS_DIR, file), 'utf8'), variables);
      const limits = (result.errors ?? []).filter((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' || /limit/i.test(e.message));
      expect([file, limits]).toEqual([file, []]);
    }
  });
});

describe('Campaign.spread', () => {
  const ENROL = `mutation($i: EnrollUnitInput!) { enrollUnit(input: $i) { id } }`;
  const SPREAD = `query($id: ID!) { campaign(id: $id) { spread { campaigns units members } } }`;

  async function launched(unit: string, title: string, derivedFrom?: string): Promise<string> {
    const id = derivedFrom
      ? (await env.api.ok(`mutation($i: ReplicateCampaignInput!) { replicateCampaign(input: $i) { id } }`, {
          i: { sourceCampaignId: derivedFrom, launchingUnitId: tree.units[unit]!.id, title: `${title} ${tree.run}`, scope: { occupationCodes: ['CN_DET_MAY'] },
            adaptationNote: 'Điều chỉnh cho công nhân dệt may', startsOn: `${year}-01-01`, endsOn: `${year + 1}-12-31` },
        }, admin)).replicateCampaign.id
      : (await env.api.ok(`mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`, {
          i: { launchingUnitId: tree.units[unit]!.id, title: `${title} ${tree.run}`, goal: 'Năng suất', category: 'FOR_WORKERS', startsOn: `${year}-01-01`, endsOn: `${year + 1}-12-31`,
            targets: [{ name: 'Sáng kiến', unitOfMeasure: 'sáng kiến', targetValue: 5, direction: 'HIGHER_IS_BETTER', weight: 100 }] },
        }, admin)).createCampaign.id;
    await env.api.ok(`mutation($id: ID!) { launchCampaign(id: $id) { id } }`, { id }, admin);
    return id;
  }

  it('follows enrollments, derivations and imports through the gateway, as defined, counting nobody twice', async () => {
    const model = await launched('bn', 'Mô hình Quế Võ');
    const derived = await launched('kh', 'Nhân rộng Nha Trang', model);
    await env.api.ok(ENROL, { i: { campaignId: model, unitId: tree.units.may!.id } }, admin);
    await env.api.ok(`mutation($i: EnrollMemberInput!) { enrollMember(input: $i) { id } }`, { i: { campaignId: model, memberId: tree.members.lan } }, admin);
    await env.api.ok(ENROL, { i: { campaignId: derived, unitId: tree.units.cang!.id } }, admin);
    const first = (await env.api.ok(SPREAD, { id: model })).campaign.spread;
    expect(first).toEqual({ campaigns: 2, units: 2, members: 2 });
    // an enclosing unit enrolled later, then members imported below it: counted once each
    await env.api.ok(ENROL, { i: { campaignId: model, unitId: tree.units.kcn!.id } }, admin);
    const csv = ['ho_ten,ma_nghe,truc_tiep_san_xuat,giu_chuc_vu', 'Lê Văn Hùng,CN_DET_MAY,có,không', 'Phạm Thị Mai,CN_DET_MAY,có,không', 'Đỗ Văn Nam,CN_DET_MAY,không,có'].join('\n');
    expect((await env.api.ok(`mutation($u: ID!, $csv: String!) { importMembers(unitId: $u, csv: $csv) { imported } }`, { u: tree.units.may!.id, csv }, admin)).importMembers.imported).toBe(3);
    for (const id of [model, derived]) expect((await env.api.ok(SPREAD, { id })).campaign.spread).toEqual(await reference(id));
    expect((await env.api.ok(SPREAD, { id: model })).campaign.spread).toEqual({ campaigns: 2, units: 3, members: 5 });
  });

  it('is read from the kept row, not counted from the members', async () => {
    const id = await launched('bn', 'Phong trào đếm sẵn');
    const owner = new Client({ connectionString: databaseOwnerUrl('campaign') });
    await owner.connect();
    try {
      await owner.query(`UPDATE campaign_spreads SET units = 7, covered_members = 40, other_members = 2 WHERE campaign_id = $1`, [id]);
      expect((await env.api.ok(SPREAD, { id })).campaign.spread).toEqual({ campaigns: 1, units: 7, members: 42 });
    } finally {
      await owner.query(`UPDATE campaign_spreads SET units = 0, covered_members = 0, other_members = 0 WHERE campaign_id = $1`, [id]);
      await owner.end();
    }
  });

  it('equals the figures as defined after any history of units, members, derivations, launches and enrollments', async () => {
    type Command =
      | { kind: 'unit'; parent: number }
      | { kind: 'members'; unit: number; n: number }
      | { kind: 'campaign'; unit: number; from: number | null; launched: boolean }
      | { kind: 'launch'; campaign: number }
      | { kind: 'enrolUnit'; campaign: number; unit: number }
      | { kind: 'enrolMember'; campaign: number; member: number };
    const command: fc.Arbitrary<Command> = fc.oneof(
      fc.record({ kind: fc.constant('unit' as const), parent: fc.nat() }),
      fc.record({ kind: fc.constant('members' as const), unit: fc.nat(), n: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ kind: fc.constant('campaign' as const), unit: fc.nat(), from: fc.option(fc.nat()), launched: fc.boolean() }),
      fc.record({ kind: fc.constant('launch' as const), campaign: fc.nat() }),
      fc.record({ kind: fc.constant('enrolUnit' as const), campaign: fc.nat(), unit: fc.nat() }),
      fc.record({ kind: fc.constant('enrolMember' as const), campaign: fc.nat(), member: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 4, maxLength: 30 }), async (commands) => {
        const run = randomBytes(4).toString('hex');
        const units: { id: string; path: string }[] = [];
        const members: { id: string; unitId: string; path: string }[] = [];
        const campaigns: string[] = [];
        const addUnit = async (parent: { id: string; path: string } | null) => {
          const path = `${parent?.path ?? '/'}s${run}-${units.length}/`;
          const { rows } = await db.query(`INSERT INTO union_units (code, name, name_folded, level, path, parent_id) VALUES ($1, $1, $1, 'UPPER_GRASSROOTS', $2, $3) RETURNING id`,
            [`spread-${run}-${units.length}`, path, parent?.id ?? null]);
          units.push({ id: rows[0].id, path });
        };
        await addUnit(null);
        for (const c of commands) {
          if (c.kind === 'unit') await addUnit(units[c.parent % units.length]!);
          else if (c.kind === 'members') {
            const unit = units[c.unit % units.length]!;
            const { rows } = await db.query(
              `INSERT INTO members (full_name, full_name_folded, unit_id, unit_path, occupation_code, is_direct_production_worker, holds_leadership_post)
               SELECT 'Đoàn viên', 'doan vien', $1, $2, 'CN_DET_MAY', true, false FROM generate_series(1, $3) RETURNING id`, [unit.id, unit.path, c.n]);
            for (const row of rows) members.push({ id: row.id, unitId: unit.id, path: unit.path });
          } else if (c.kind === 'campaign') {
            const unit = units[c.unit % units.length]!;
            const from = c.from !== null && campaigns.length > 0 ? campaigns[c.from % campaigns.length]! : null;
            const { rows } = await db.query(
              `INSERT INTO campaigns (title, category, status, launching_unit_id, launching_unit_path, scope_unit_id, reporting_cadence, created_by, derived_from_id)
               VALUES ('Phong trào thử', 'UNION_WORK', $1, $2, $3, $2, 'MONTHLY', 'spread-test', $4) RETURNING id`, [c.launched ? 'LAUNCHED' : 'DRAFT', unit.id, unit.path, from]);
            campaigns.push(rows[0].id);
          } else if (campaigns.length === 0) continue;
          else if (c.kind === 'launch') await db.query(`UPDATE campaigns SET status = 'LAUNCHED' WHERE id = $1 AND status = 'DRAFT'`, [campaigns[c.campaign % campaigns.length]]);
          else if (c.kind === 'enrolUnit') {
            const unit = units[c.unit % units.length]!;
            await db.query(`INSERT INTO enrollments (campaign_id, unit_id, unit_path, enrolled_by) VALUES ($1, $2, $3, 'spread-test') ON CONFLICT DO NOTHING`,
              [campaigns[c.campaign % campaigns.length], unit.id, unit.path]);
          } else if (members.length > 0) {
            const member = members[c.member % members.length]!;
            await db.query(`INSERT INTO enrollments (campaign_id, unit_id, unit_path, member_id, enrolled_by) VALUES ($1, $2, $3, $4, 'spread-test') ON CONFLICT DO NOTHING`,
              [campaigns[c.campaign % campaigns.length], member.unitId, member.path, member.id]);
          }
        }
        for (const id of campaigns) expect([id, await kept(id)]).toEqual([id, await reference(id)]);
      }),
      { numRuns: 50 },
    );
  }, 120_000);

  it('stays right when an import and an enrollment above it run at the same time', async () => {
    const other = new Client({ connectionString: databaseUrl('campaign') });
    await other.connect();
    try {
      for (let round = 0; round < 8; round++) {
        const run = randomBytes(4).toString('hex');
        const root = (await db.query(`INSERT INTO union_units (code, name, name_folded, level, path) VALUES ($1, $1, $1, 'UPPER_GRASSROOTS', $2) RETURNING id, path`, [`race-${run}`, `/race${run}/`])).rows[0];
        const leaf = (await db.query(`INSERT INTO union_units (code, name, name_folded, level, path, parent_id) VALUES ($1, $1, $1, 'GRASSROOTS', $2, $3) RETURNING id, path`, [`race-${run}-a`, `${root.path}a/`, root.id])).rows[0];
        const campaign = (await db.query(`INSERT INTO campaigns (title, category, status, launching_unit_id, launching_unit_path, scope_unit_id, reporting_cadence, created_by)
          VALUES ('Đua', 'UNION_WORK', 'LAUNCHED', $1, $2, $1, 'MONTHLY', 'spread-test') RETURNING id`, [root.id, root.path])).rows[0].id;
        await Promise.all([
          db.query(`INSERT INTO enrollments (campaign_id, unit_id, unit_path, enrolled_by) VALUES ($1, $2, $3, 'spread-test')`, [campaign, root.id, root.path]),
          other.query(`INSERT INTO members (full_name, full_name_folded, unit_id, unit_path, occupation_code, is_direct_production_worker, holds_leadership_post)
            SELECT 'Đoàn viên', 'doan vien', $1, $2, 'CN_DET_MAY', true, false FROM generate_series(1, 50)`, [leaf.id, leaf.path]),
        ]);
        expect(await kept(campaign)).toEqual({ campaigns: 1, units: 1, members: 50 });
      }
    } finally {
      await other.end();
    }
  });
});
