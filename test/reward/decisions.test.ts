/**
 * Reward decisions through the real gateway: ad-hoc rewards on the short path, the council's vote, eligibility
 * rules enforced at decision time (refused naming the rule and its source, granted once the dossier meets it),
 * councils kept to their level and officers to their subtree, refusals with their RewardRefused event, and the
 * union's national awards. Each scenario builds its own union tree.
 */
import { GRANT, NOMINATE, REVIEW, RewardScenario, daysAgo, payloadsOf, year } from '../support/reward';
import { graphql } from '../support/graphql';
import { usePlatform } from '../support/platform';

const env = usePlatform();

describe('ad-hoc rewards (khen thưởng đột xuất)', () => {
  let s: RewardScenario;

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
  });

  it('take the short path, at the subject’s own unit, and pay by the base salary on the decision date', async () => {
    const fire = await s.nominate({ memberKey: 'hoa', granting: 'may', formCode: 'GIAY_KHEN', source: 'AD_HOC', achievedOn: '2024-06-20', reason: 'Dũng cảm cứu đồng nghiệp khỏi đám cháy tại xưởng may' });
    const decided = await s.grant(fire, '2024-06-28', {}, s.tokens.councilMay);
    expect(decided).toMatchObject({ formCode: 'GIAY_KHEN', adHoc: true, subjectName: 'Nguyễn Thị Hoa', unitName: 'Công đoàn Công ty May Thăng Long', amountVnd: 540_000, baseSalaryVnd: 1_800_000, daysToDecision: 8, awardYear: 2024 });
    // numbered in the grassroots union's register, its level's abbreviation, from 1 each year (the year is in the date)
    expect(decided.number).toBe('1/QĐ-CĐCS');
    const flood = await s.nominate({ memberKey: 'lan', granting: 'may', formCode: 'GIAY_KHEN', source: 'AD_HOC', achievedOn: '2025-09-08', reason: 'Giúp đồng nghiệp vùng lũ khắc phục hậu quả bão Yagi' });
    expect(await s.grant(flood, '2025-09-10', {}, s.tokens.councilMay)).toMatchObject({ amountVnd: 710_000, baseSalaryVnd: 2_340_000, number: '1/QĐ-CĐCS' });
  });

  it('cannot be an emulation title, and the nomination must go to a unit above the subject', async () => {
    const title = await s.api.refused(NOMINATE, { input: { source: 'AD_HOC', memberId: s.members.hoa, grantingUnitId: s.units.may!.id, formCode: 'LDTT', achievedOn: daysAgo(3), reason: 'Thành tích đột xuất trong tháng' } }, s.tokens.officerHn);
    expect(title).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('là danh hiệu thi đua, xét hằng năm') });
    const sideways = await s.api.refused(NOMINATE, { input: { source: 'AD_HOC', memberId: s.members.hoa, grantingUnitId: s.units.so!.id, achievedOn: daysAgo(3), reason: 'Thành tích đột xuất trong tháng' } }, s.tokens.officerHn);
    expect(sideways.problems.map((p) => p.field)).toEqual(['grantingUnitId']);
  });
});

describe('council review, eligibility and quotas at decision time', () => {
  let s: RewardScenario;

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
  });

  const achieved = daysAgo(60);
  let hoaTitle: string;

  it('needs the council’s approval in a meeting with its quorum and majority, counting each member’s latest vote', async () => {
    // a yearly title: Công ty May's council proposes it to the company's director (Law art. 80 cl. 4)
    hoaTitle = await s.nominate({ memberKey: 'hoa', granting: 'may', formCode: 'LDTT', achievedOn: achieved, awardYear: year });
    expect(await s.refusedProposal(hoaTitle, daysAgo(50))).toMatchObject({ code: 'CONFLICT', rule: 'NO_MEETING', message: expect.stringContaining('chưa biểu quyết đề nghị này trong một phiên họp') });
    // one vote of three members never decides
    await s.seatCouncil('may');
    await s.api.ok(REVIEW, { id: hoaTitle, vote: 'FOR' }, s.tokens.councilMay);
    const single = await s.refusedProposal(hoaTitle, daysAgo(50));
    expect(single).toMatchObject({ code: 'CONFLICT', rule: 'MAJORITY', source: expect.stringContaining('2/3'), message: expect.stringContaining('1 tán thành, 0 không tán thành, 0 không biểu quyết; cần 2 phiếu') });
    expect((await s.api.ok(REVIEW, { id: hoaTitle, vote: 'AGAINST', comment: 'Chưa đủ minh chứng' }, s.tokens.councilMay2)).reviewNomination).toMatchObject({ status: 'IN_COUNCIL', votesFor: 1, votesAgainst: 1 });
    expect(await s.refusedProposal(hoaTitle, daysAgo(50))).toMatchObject({ code: 'CONFLICT', rule: 'MAJORITY', message: expect.stringContaining('1 tán thành, 1 không tán thành') });
    expect((await s.api.ok(REVIEW, { id: hoaTitle, vote: 'FOR', comment: 'Đã bổ sung minh chứng' }, s.tokens.councilMay2)).reviewNomination.votesFor).toBe(2);
  });

  it('refuses a title whose rule is unmet, naming the rule and its source, then grants once the dossier meets it', async () => {
    const unrated = await s.refusedProposal(hoaTitle, daysAgo(50));
    expect(unrated).toMatchObject({ code: 'CONFLICT', rule: 'TASK_RATING', source: expect.stringContaining('Điều 24') });
    expect(unrated.message).toContain('Chưa đủ điều kiện tặng Lao động tiên tiến cho Nguyễn Thị Hoa');
    const decided = await s.decideByEmployer(hoaTitle, daysAgo(50), { taskRating: 'GOOD' });
    expect(decided).toMatchObject({ formName: 'Lao động tiên tiến', amountVnd: 710_000, daysToDecision: 10, awardYear: year, adHoc: false });
    // the number is the director's, as written on the company's decision
    expect(decided.number).toMatch(/^\d+\/QĐ-CTMTL$/);
    expect(await s.refusedProposal(hoaTitle, daysAgo(50))).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('đã được khen thưởng') });
  });

  it('keeps councils to their own level and officers to their subtree', async () => {
    const nomination = await s.nominate({ memberKey: 'lan', granting: 'hn', formCode: 'BK_TINH', achievedOn: achieved, awardYear: year });
    expect((await s.api.refused(REVIEW, { id: nomination, vote: 'FOR' }, s.tokens.councilMay)).code).toBe('NOT_FOUND');
    expect((await s.api.refused(REVIEW, { id: nomination, vote: 'FOR' }, s.tokens.officerHn)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(NOMINATE, { input: { source: 'OFFICER', memberId: s.members.lan, grantingUnitId: s.units.hn!.id, achievedOn: achieved, reason: 'Đề nghị từ tỉnh khác' } }, s.tokens.officerKh)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(`{ nominations { edges { node { id } } } }`, {}, s.tokens.hoa)).code).toBe('FORBIDDEN');
    const visibleToKh = (await s.api.ok(`{ nominations(first: 100) { edges { node { id } } } }`, {}, s.tokens.officerKh)).nominations.edges;
    expect(visibleToKh).toEqual([]);
    await s.approve(nomination);
    expect(await s.grant(nomination, daysAgo(45))).toMatchObject({ daysToDecision: 15 });
  });

  it('grants Chiến sĩ thi đua cơ sở only on LĐTT of the year and excellence or a recognised initiative', async () => {
    expect(await s.decide({ memberKey: 'tuan', granting: 'may', formCode: 'LDTT', taskRating: 'GOOD', achievedOn: achieved, awardYear: year }, daysAgo(40))).toMatchObject({ daysToDecision: 20 });

    // Lan's Bằng khen is no LĐTT
    const lanCstdcs = await s.nominate({ memberKey: 'lan', granting: 'may', formCode: 'CSTDCS', taskRating: 'EXCELLENT', achievedOn: achieved, awardYear: year });
    await s.approve(lanCstdcs);
    expect(await s.refusedProposal(lanCstdcs, daysAgo(30))).toMatchObject({ rule: 'TITLE_IN_YEAR', message: expect.stringContaining(`cần có Lao động tiên tiến năm ${year} trước`) });

    const hoaCstdcs = await s.nominate({ memberKey: 'hoa', granting: 'may', formCode: 'CSTDCS', taskRating: 'GOOD', achievedOn: achieved, awardYear: year });
    await s.approve(hoaCstdcs);
    expect(await s.refusedProposal(hoaCstdcs, daysAgo(30))).toMatchObject({ rule: 'ANY_OF', message: expect.stringContaining('sáng kiến được công nhận') });
  });
});

describe('refusals', () => {
  let s: RewardScenario;

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
  });

  it('need a reason and the council’s vote against in a meeting, and tell the others through RewardRefused', async () => {
    const nomination = await s.nominate({ memberKey: 'binh', granting: 'hn', formCode: 'BK_TINH', achievedOn: daysAgo(10), awardYear: year });
    const REFUSE = `mutation($id: ID!, $reason: String!) { refuseNomination(nominationId: $id, reason: $reason) { status refusalReason } }`;
    expect((await s.api.refused(REFUSE, { id: nomination, reason: 'Không' }, s.tokens.councilHn)).problems.map((p) => p.field)).toEqual(['reason']);
    expect((await s.api.refused(REFUSE, { id: nomination, reason: 'Thành tích chưa tiêu biểu' }, s.tokens.officerHn)).code).toBe('FORBIDDEN');
    // a refusal is the council's conclusion, as a grant is: not one member's, before any vote
    const unvoted = await s.api.refused(REFUSE, { id: nomination, reason: 'Thành tích chưa nổi bật so với khối thi đua' }, s.tokens.councilHn);
    expect([unvoted.code, unvoted.message]).toEqual(['CONFLICT', expect.stringContaining('Hội đồng chưa kết luận không khen thưởng')]);
    await s.vote(nomination, 'AGAINST');
    const refused = (await s.api.ok(REFUSE, { id: nomination, reason: 'Thành tích chưa nổi bật so với khối thi đua' }, s.tokens.councilHn)).refuseNomination;
    expect(refused).toEqual({ status: 'REFUSED', refusalReason: 'Thành tích chưa nổi bật so với khối thi đua' });
    const messages = await s.rewardEvents((all) => payloadsOf(all, 'RewardRefused').some((p) => p.nominationId === nomination));
    expect(payloadsOf(messages, 'RewardRefused').find((p) => p.nominationId === nomination)).toMatchObject({ formCode: 'BK_TINH', grantingUnitPath: s.units.hn!.path, subject: { name: 'Đỗ Thanh Bình' } });
  });
});

describe('union awards at national level', () => {
  let s: RewardScenario;

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
    // Hoa: a direct worker, no leadership post, one initiative worth 120,000,000 VND this year
    await s.recogniseHoasInitiative();
  });

  it('Bằng Lao động sáng tạo goes to direct, non-leading workers whose initiatives bring enough benefit', async () => {
    const council = await s.token(['COUNCIL_MEMBER'], 'vn', 'council-vn');
    const nominateNational = (memberKey: string, formCode: string) =>
      s.nominate({ memberKey, granting: 'vn', formCode, achievedOn: daysAgo(5), awardYear: year, reason: 'Tác giả sáng kiến làm lợi lớn cho doanh nghiệp' }, s.tokens.admin);
    const decide = async (id: string) => {
      await s.approve(id, council);
      return s.api.ok(GRANT, { id, input: { signerRole: 'Chủ tịch Tổng Liên đoàn Lao động Việt Nam' } }, council).then(
        (r) => r.grantReward,
        (error: Error) => ({ error: error.message }),
      );
    };
    // Hoa: a direct worker, no leadership post, one initiative worth 120,000,000 VND this year
    expect(await decide(await nominateNational('hoa', 'LAO_DONG_SANG_TAO'))).toMatchObject({ formCode: 'LAO_DONG_SANG_TAO', amountVnd: 3_510_000 });
    const minh = await decide(await nominateNational('minh', 'LAO_DONG_SANG_TAO'));
    expect(minh.error).toContain('dành cho người lao động trực tiếp sản xuất');
    expect(minh.error).toContain('dành cho người không giữ chức vụ lãnh đạo, quản lý');
    expect(minh.error).toContain('cần một sáng kiến làm lợi từ 80.000.000 đồng');
  });

  it('the Nguyễn Đức Cảnh award is granted once in a lifetime', async () => {
    const council = await s.token(['COUNCIL_MEMBER'], 'vn', 'council-vn');
    const once = async () => {
      const id = await s.nominate({ memberKey: 'tuan', granting: 'vn', formCode: 'GIAI_NGUYEN_DUC_CANH', achievedOn: daysAgo(5), awardYear: year, reason: 'Công nhân trực tiếp sản xuất tiêu biểu' }, s.tokens.admin);
      await s.approve(id, council);
      return graphql(s.platform.gatewayUrl, GRANT, { id, input: { signerRole: 'Chủ tịch Tổng Liên đoàn Lao động Việt Nam' } }, council);
    };
    expect((await once()).data?.grantReward).toMatchObject({ formCode: 'GIAI_NGUYEN_DUC_CANH' });
    expect((await once()).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', rule: 'ONCE_IN_LIFETIME' });
  });
});
