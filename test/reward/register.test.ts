/**
 * The public register of reward decisions through the real gateway, over a year of rewards in Hà Nội (see
 * rewardYearInHanoi): searchable by anyone with or without diacritics, people shown by name only, paged with
 * cursors, bad filters refused clearly, and each member's and unit's rewards on their federated records.
 */
import { RewardScenario, rewardYearInHanoi } from '../support/reward';
import { usePlatform } from '../support/platform';

const env = usePlatform();

describe('the public register', () => {
  let s: RewardScenario;

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
    await rewardYearInHanoi(s);
  });

  const REGISTER = `query($filter: RewardDecisionFilter, $first: Int, $after: String) {
    rewardDecisions(filter: $filter, first: $first, after: $after) { edges { node { number subjectName formName unitName reason amountVnd adHoc member { id } } } pageInfo { hasNextPage endCursor } }
  }`;
  const inHanoi = (filter: Record<string, unknown> = {}) => ({ filter: { unitId: s.units.hn!.id, ...filter }, first: 50 });

  it('is searchable by anyone with or without diacritics, and shows people by name only', async () => {
    for (const search of ['cứu đồng nghiệp', 'cuu dong nghiep', 'CUU DONG']) {
      const found = (await s.api.ok(REGISTER, inHanoi({ search }))).rewardDecisions.edges.map((e: any) => e.node);
      expect(found).toEqual([expect.objectContaining({ subjectName: 'Nguyễn Thị Hoa', formName: 'Giấy khen', adHoc: true, amountVnd: 540_000, member: null })]);
    }
    const asOfficer = (await s.api.ok(REGISTER, inHanoi({ search: 'cuu dong nghiep' }), s.tokens.officerHn)).rewardDecisions.edges[0].node;
    expect(asOfficer.member).toEqual({ id: s.members.hoa });
    const adHoc = (await s.api.ok(REGISTER, inHanoi({ adHoc: true }))).rewardDecisions.edges.map((e: any) => e.node.subjectName).sort();
    expect(adHoc).toEqual(['Lê Văn Tuấn', 'Nguyễn Thị Hoa', 'Trần Thị Lan']);
    expect((await s.api.ok(REGISTER, inHanoi({ formCode: 'LDTT' }))).rewardDecisions.edges).toHaveLength(3);
    expect((await s.api.ok(REGISTER, { filter: { unitId: s.units.kh!.id } })).rewardDecisions.edges).toEqual([]);
  });

  it('pages with cursors and refuses bad filters clearly', async () => {
    const first = (await s.api.ok(REGISTER, { ...inHanoi(), first: 4 })).rewardDecisions;
    expect(first.edges).toHaveLength(4);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (await s.api.ok(REGISTER, { ...inHanoi(), first: 50, after: first.pageInfo.endCursor })).rewardDecisions;
    const all = (await s.api.ok(REGISTER, inHanoi())).rewardDecisions.edges.map((e: any) => e.node.number);
    expect([...first.edges, ...rest.edges].map((e: any) => e.node.number)).toEqual(all);
    expect(all).toHaveLength(10);
    expect((await s.api.refused(REGISTER, { filter: { unitId: 'not-an-id' } })).problems.map((p) => p.field)).toEqual(['filter.unitId']);
    expect((await s.api.refused(REGISTER, { first: 500 })).code).toBe('BAD_USER_INPUT');
  });

  it('shows each member’s and unit’s rewards on their federated records', async () => {
    const record = (await s.api.ok(`query($m: ID!, $u: ID!) {
      member(id: $m) { fullName rewards(first: 10) { edges { node { formCode } } } }
      unionUnit(id: $u) { name rewards { edges { node { formCode subjectName } } } }
    }`, { m: s.members.hoa, u: s.units.may!.id }, s.tokens.officerHn));
    expect(record.member.rewards.edges.map((e: any) => e.node.formCode).sort()).toEqual(['BK_TINH', 'CSTDCS', 'GIAY_KHEN', 'LDTT']);
    expect(record.unionUnit.rewards.edges.map((e: any) => e.node)).toEqual([{ formCode: 'TTLDTT', subjectName: 'Công đoàn Công ty May Thăng Long' }]);
  });
});
