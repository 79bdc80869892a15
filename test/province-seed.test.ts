/**
 * The demo province (infra/seed-province.ts) at a small size on the test databases, read back through the gateway
 * as its provincial officer reads it: the dashboard's movements with their participation, progress by kind of unit
 * and published rankings of grassroots unions named in Vietnamese; the province's reward decisions and
 * stories; members found by name without diacritics. A second run writes nothing; another province's officer may
 * not read the province's dashboard; a unit that is no provincial federation is refused.
 */
import { Client } from 'pg';
import { databaseUrl } from '@thidua/common';
import { seedProvince, type ProvinceSize } from '../infra/seed-province';
import { usePlatform } from './support/platform';
import { TWO_PROVINCES, buildUnionTree, type UnionTree } from './support/union-tree';

const env = usePlatform();
let tree: UnionTree;
let size: ProvinceSize;
const year = new Date().getUTCFullYear();

const DASHBOARD = `query($unitId: ID!) { campaigns(unitId: $unitId, first: 10) { edges { node {
  title status participation { units members }
  inspection { enrolled byOrganisationType { key completionRate enrollments } }
  rankings(first: 5) { edges { node { rank name unitName score } } }
} } } }`;

interface DashboardCampaign {
  title: string;
  status: string;
  participation: { units: number; members: number };
  inspection: { enrolled: number; byOrganisationType: { key: string; completionRate: number; enrollments: number }[] } | null;
  rankings: { edges: { node: { rank: number; name: string; unitName: string; score: number } }[] } | null;
}

async function unitsUnder(path: string): Promise<number> {
  const db = new Client({ connectionString: databaseUrl('campaign') });
  await db.connect();
  try {
    return (await db.query(`SELECT count(*)::int AS n FROM union_units WHERE path LIKE $1 || '%'`, [path])).rows[0].n;
  } finally {
    await db.end();
  }
}

beforeAll(async () => {
  tree = await buildUnionTree(env.api, await env.platform.token(['NATIONAL_ADMIN'], '/'), { units: TWO_PROVINCES });
  size = { province: `bn-${tree.run}`, grassroots: 24, membersPerGrassroots: 12, seed: 7 };
}, 60_000);

describe('the demo province at a small size', () => {
  it('seeds the province once: a second run writes nothing', async () => {
    const first = await seedProvince(size);
    expect(first.seeded).toBe(true);
    expect(first.units).toBe(24 + 8);
    expect(first.members).toBeGreaterThanOrEqual(24 * 5);
    const units = await unitsUnder(tree.units.bn!.path);
    expect(units).toBe(1 + first.units);
    const second = await seedProvince(size);
    expect(second).toMatchObject({ seeded: false, rows: 0 });
    expect(await unitsUnder(tree.units.bn!.path)).toBe(units);
  }, 120_000);

  it('shows the province officer its movements, progress and rankings in Vietnamese', async () => {
    const officer = await env.platform.token(['UNIT_OFFICER'], tree.units.bn!.path, 'officer-bn-province');
    const { campaigns } = await env.api.ok<{ campaigns: { edges: { node: DashboardCampaign }[] } }>(DASHBOARD, { unitId: tree.units.bn!.id }, officer);
    const byTitle = new Map(campaigns.edges.map((e) => [e.node.title, e.node]));
    expect([...byTitle.keys()].sort()).toEqual([
      `Chuyển đổi số trong hoạt động công đoàn năm ${year}`,
      `Lao động giỏi, Lao động sáng tạo năm ${year}`,
      `Xanh – sạch – đẹp, bảo đảm an toàn, vệ sinh lao động năm ${year}`,
    ]);
    const flagship = byTitle.get(`Lao động giỏi, Lao động sáng tạo năm ${year}`)!;
    expect(flagship.status).toBe('IN_PROGRESS');
    expect(flagship.participation.units).toBeGreaterThan(0);
    expect(flagship.inspection!.enrolled).toBe(flagship.participation.units);
    const groups = flagship.inspection!.byOrganisationType;
    expect(groups.reduce((sum, g) => sum + g.enrollments, 0)).toBe(flagship.participation.units);
    // each unit at its own pace: something done in every kind of unit, and the kinds not all alike
    for (const g of groups) expect(g.completionRate).toBeGreaterThan(0);
    expect(new Set(groups.map((g) => Math.round(g.completionRate * 100))).size).toBeGreaterThan(1);
    const units = flagship.rankings!.edges.map((e) => e.node);
    expect(units).toHaveLength(5);
    expect(units[0]!.rank).toBe(1);
    for (const u of units) expect(u.name).toMatch(/^Công đoàn (Công ty|cơ quan Ủy ban nhân dân|Trường|Trạm Y tế)/);
    expect(units.map((u) => u.score)).toEqual([...units.map((u) => u.score)].sort((a, b) => b - a));
  }, 60_000);

  it('finds the province’s members by name without diacritics, and lists its decisions and stories', async () => {
    const officer = await env.platform.token(['UNIT_OFFICER'], tree.units.bn!.path, 'officer-bn-province');
    const { members } = await env.api.ok(`query($u: ID!) { members(unitId: $u, search: "nguyen", first: 5) { edges { node { fullName } } } }`, { u: tree.units.bn!.id }, officer);
    expect(members.edges).toHaveLength(5);
    for (const { node } of members.edges) expect(node.fullName).toMatch(/^Nguyễn /);
    const { rewardDecisions } = await env.api.ok(`query($f: RewardDecisionFilter) { rewardDecisions(filter: $f, first: 3) { edges { node { number amountVnd formName } } } }`,
      { f: { unitId: tree.units.bn!.id } }, officer);
    expect(rewardDecisions.edges.length).toBeGreaterThan(0);
    for (const { node } of rewardDecisions.edges) {
      expect(node.formName).toBe('Giấy khen');
      expect(node.number).toMatch(/^\d+\/QĐ-CĐCS$/);
      expect(node.amountVnd).toBe(702_000);
    }
    // found as media finds them: by words of the title without diacritics
    const { searchStories } = await env.api.ok(`{ searchStories(text: "bac ninh", first: 50) { edges { node { title provinceCode } } } }`);
    const seeded = searchStories.edges.map((e: { node: { title: string; provinceCode: string } }) => e.node).filter((n: { title: string }) => /^[^:]+: .+ ở Bắc Ninh$/.test(n.title));
    expect(seeded.length).toBeGreaterThanOrEqual(5);
    for (const story of seeded) expect(story.provinceCode).toBe('BN');
  }, 60_000);

  it('refuses the province’s members and inspection to another province’s officer, and a unit that is no province to the seed', async () => {
    const outsider = await env.platform.token(['UNIT_OFFICER'], tree.units.kh!.path, 'officer-kh-province');
    const refused = await env.api.refused(`query($u: ID!) { members(unitId: $u, search: "nguyen") { edges { node { id } } } }`, { u: tree.units.bn!.id }, outsider);
    expect(refused.code).toBe('FORBIDDEN');
    // the movements are public; their inspection counts only the outsider's own subtree: nothing of Bắc Ninh
    const { campaigns } = await env.api.ok<{ campaigns: { edges: { node: DashboardCampaign }[] } }>(DASHBOARD, { unitId: tree.units.bn!.id }, outsider);
    expect(campaigns.edges.length).toBe(3);
    for (const { node } of campaigns.edges) expect(node.inspection).toEqual({ enrolled: 0, byOrganisationType: [] });
    await expect(seedProvince({ ...size, province: `vn-${tree.run}` })).rejects.toThrow(/no provincial federation/);
  }, 60_000);
});
