/**
 * Fairness and timeliness figures of a subtree and period through the real gateway, on a year of rewards in Hà
 * Nội whose answers are worked out by hand (see rewardYearInHanoi); the membership shares follow members'
 * changes through the read model; only officers over the unit see them.
 */
import { RewardScenario, daysAgo, rewardYearInHanoi, today, year } from '../support/reward';
import { eventually } from '../support/graphql';
import { usePlatform } from '../support/platform';

const env = usePlatform();

describe('fairness and timeliness figures', () => {
  let s: RewardScenario;

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
    await rewardYearInHanoi(s);
    // a year of nominations, each passed by a seated council in its meeting (decision 0036)
  }, 180_000);

  const FAIRNESS = `query($u: ID!, $from: Date!, $to: Date!) { rewardFairness(unitId: $u, from: $from, to: $to) {
    decisions individualDecisions directWorkerShareOfRewards directWorkerShareOfMembers nonLeaderShareOfRewards nonLeaderShareOfMembers
    medianDaysToDecision p90DaysToDecision adHocDecisions spentVnd plannedVnd employerRewards employerRewardsVnd } }`;

  it('answers for a subtree and period with figures worked out by hand', async () => {
    const BUDGET = `mutation($u: ID!, $y: Int!, $a: SafeInt!) { setRewardBudget(unitId: $u, year: $y, amountVnd: $a) }`;
    expect((await s.api.refused(BUDGET, { u: s.units.hn!.id, y: year, a: 50_000_000 }, s.tokens.officerKh)).code).toBe('FORBIDDEN');
    await s.api.ok(BUDGET, { u: s.units.hn!.id, y: year, a: 50_000_000 }, s.tokens.officerHn);
    await s.api.ok(BUDGET, { u: s.units.may!.id, y: year, a: 5_000_000 }, s.tokens.officerHn);
    const figures = (await s.api.ok(FAIRNESS, { u: s.units.hn!.id, from: daysAgo(100), to: today }, s.tokens.officerHn)).rewardFairness;
    // Decisions in the last 100 days about Hà Nội: LĐTT Hoa (10 days), Lan (15), Tuấn (20); CSTDCS Hoa (30); TTLĐTT Công ty May (40);
    // Bằng khen Minh (11) and Hoa (0); ad-hoc Giấy khen Tuấn (2). Sorted days 0 2 10 11 15 20 30 40: median (4th) 11, p90 (8th) 40.
    // Seven individual decisions, six to direct workers and non-leaders (all but Minh); members: 3 of 5 direct, 4 of 5 non-leaders.
    // Spent: 3 × 710,000 + 2,340,000 + 1,880,000 + 2 × 3,510,000 + 710,000 = 14,080,000.
    expect(figures).toEqual({
      decisions: 8,
      individualDecisions: 7,
      directWorkerShareOfRewards: 0.8571,
      directWorkerShareOfMembers: 0.6,
      nonLeaderShareOfRewards: 0.8571,
      nonLeaderShareOfMembers: 0.8,
      medianDaysToDecision: 11,
      p90DaysToDecision: 40,
      adHocDecisions: 1,
      spentVnd: 14_080_000,
      plannedVnd: 55_000_000,
      employerRewards: 2,
      employerRewardsVnd: 1_000_000,
    });
  });

  it('shows how many ad-hoc rewards were decided within the days the regulation allows, and their median days', async () => {
    // besides the year's ad-hoc Giấy khen to Tuấn (2 days), Hoa's fire (8 days) and Lan's floods (2 days): one decided late, 30 days on
    await s.grant(await s.nominate({ memberKey: 'minh', granting: 'may', formCode: 'GIAY_KHEN', source: 'AD_HOC', achievedOn: '2025-03-01', reason: 'Chỉ huy chữa cháy kho vải kịp thời' }), '2025-03-31', {}, s.tokens.councilMay);
    const AD_HOC = `query($u: ID!, $from: Date!, $to: Date!) { rewardFairness(unitId: $u, from: $from, to: $to) {
      adHocDecisions adHocWithinLimit adHocWithinLimitShare adHocMedianDays adHocTimeLimit { days source verified } } }`;
    const figures = (await s.api.ok(AD_HOC, { u: s.units.hn!.id, from: '2024-01-01', to: today }, s.tokens.officerHn)).rewardFairness;
    // days 2, 2, 8, 30: three within 10, the median (nearest rank, the 2nd) 2
    expect(figures).toEqual({ adHocDecisions: 4, adHocWithinLimit: 3, adHocWithinLimitShare: 0.75, adHocMedianDays: 2, adHocTimeLimit: { days: 10, source: expect.stringContaining('Nghị định 152/2025/NĐ-CP'), verified: false } });
    const none = (await s.api.ok(AD_HOC, { u: s.units.so!.id, from: '2024-01-01', to: today }, s.tokens.officerHn)).rewardFairness;
    expect(none).toMatchObject({ adHocDecisions: 0, adHocWithinLimit: 0, adHocWithinLimitShare: null, adHocMedianDays: null });
  });

  it('follows members’ changes: the membership shares come from counts kept as the read model changes', async () => {
    const UPDATE = `mutation($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { id } }`;
    const shares = async () => {
      const { rewardFairness } = await s.api.ok(FAIRNESS, { u: s.units.hn!.id, from: daysAgo(100), to: today }, s.tokens.officerHn);
      return [rewardFairness.directWorkerShareOfMembers, rewardFairness.nonLeaderShareOfMembers];
    };
    // Bình becomes a direct production worker holding a leadership post: 4 of 5 direct, 3 of 5 non-leaders
    await s.api.ok(UPDATE, { id: s.members.binh, input: { isDirectProductionWorker: true, holdsLeadershipPost: true } }, s.tokens.admin);
    await eventually(async () => ((await shares()).join() === '0.8,0.6' ? true : null), 30000, 'shares after Bình’s change');
    await s.api.ok(UPDATE, { id: s.members.binh, input: { isDirectProductionWorker: false, holdsLeadershipPost: false } }, s.tokens.admin);
    await eventually(async () => ((await shares()).join() === '0.6,0.8' ? true : null), 30000, 'shares after Bình’s change is undone');
  });

  it('is for officers over the unit only', async () => {
    expect((await s.api.refused(FAIRNESS, { u: s.units.hn!.id, from: daysAgo(100), to: today }, s.tokens.officerKh)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(FAIRNESS, { u: s.units.hn!.id, from: daysAgo(100), to: today })).code).toBe('UNAUTHENTICATED');
    expect((await s.api.refused(FAIRNESS, { u: s.units.hn!.id, from: today, to: daysAgo(1) }, s.tokens.officerHn)).problems.map((p) => p.field)).toEqual(['to']);
  });
});
