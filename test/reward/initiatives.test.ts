/**
 * Initiatives (sáng kiến) through the real gateway: registered by their author, their reach recognised by the council
 * of its level (never by the author, nor by an officer above), assessed with the benefit value (giá trị làm lợi) worked out, paid at the collective agreement's rate or the legal 7%,
 * and qualifying their author for Chiến sĩ thi đua cơ sở.
 */
import { ASSESS_INITIATIVE, HOAS_ASSESSMENT, REGISTER_INITIATIVE, RewardScenario, daysAgo, year } from '../support/reward';
import { usePlatform } from '../support/platform';

const env = usePlatform();

describe('initiatives (sáng kiến)', () => {
  let s: RewardScenario;

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
    // the enterprise's agreement pays initiatives 10%; Hoa holds LĐTT for the year
    await s.registerAgreement();
    await s.decide({ memberKey: 'hoa', granting: 'may', formCode: 'LDTT', taskRating: 'GOOD', achievedOn: daysAgo(60), awardYear: year }, daysAgo(50));
  });

  let initiativeId: string;

  it('are registered by their author and assessed by officers over them, with the benefit value worked out', async () => {
    initiativeId = (await s.api.ok(REGISTER_INITIATIVE, { input: { title: 'Cữ gá may túi tự động', description: 'Cữ gá giúp may túi áo nhanh gấp đôi, giảm lỗi đường may' } }, s.tokens.hoa)).registerInitiative.id;
    expect((await s.api.refused(REGISTER_INITIATIVE, { input: { title: 'Sáng kiến hộ', description: 'Đăng ký thay cho người khác ở đơn vị khác', memberId: s.members.binh } }, s.tokens.hoa)).code).toBe('FORBIDDEN');
    const input = HOAS_ASSESSMENT;
    expect((await s.api.refused(ASSESS_INITIATIVE, { id: initiativeId, input }, s.tokens.officerKh)).code).toBe('NOT_FOUND');
    expect((await s.api.refused(ASSESS_INITIATIVE, { id: initiativeId, input }, s.tokens.hoa)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(ASSESS_INITIATIVE, { id: initiativeId, input: { ...input, calculation: null, applicationCostVnd: -5 } }, s.tokens.officerHn)).problems.map((p) => p.field)).toEqual([
      'applicationCostVnd',
      'calculation',
    ]);
    // the unit's reach is the unit's council's to recognise, not Hà Nội's; and nobody assesses their own initiative
    expect(await s.api.refused(ASSESS_INITIATIVE, { id: initiativeId, input }, s.tokens.officerHn)).toMatchObject({
      code: 'FORBIDDEN', message: expect.stringContaining('Phạm vi ảnh hưởng cấp cơ sở do Hội đồng của Công đoàn Công ty May Thăng Long công nhận'),
    });
    const hoaAsOfficer = await s.token(['UNIT_OFFICER'], 'may', 'officer-hoa', s.members.hoa!);
    expect(await s.api.refused(ASSESS_INITIATIVE, { id: initiativeId, input }, hoaAsOfficer)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('Không ai tự đánh giá sáng kiến của mình') });
    expect((await s.api.refused(ASSESS_INITIATIVE, { id: initiativeId, input: { ...input, reach: 'PROVINCE' } }, s.tokens.officerMay)).message).toContain('do Hội đồng của Liên đoàn Lao động thành phố Hà Nội công nhận');
    // 150,000,000 − 30,000,000 = 120,000,000 benefit; the agreement's 10% beats the legal 7%
    const assessed = (await s.api.ok(ASSESS_INITIATIVE, { id: initiativeId, input }, s.tokens.councilMay)).assessInitiative;
    expect(assessed).toMatchObject({ status: 'RECOGNISED', benefitValueVnd: 120_000_000, rate: 0.1, rewardVnd: 12_000_000, recognisedYear: year, reach: 'UNIT' });
    expect(assessed.rateSource).toContain('Công ty TNHH May Thăng Long');
    expect((await s.api.refused(ASSESS_INITIATIVE, { id: initiativeId, input }, s.tokens.officerMay)).code).toBe('CONFLICT');
  });

  it('pay by the legal 7% where no agreement sets a rate', async () => {
    const binh = await s.token(['MEMBER'], 'so', 'member-binh', s.members.binh!);
    const id = (await s.api.ok(REGISTER_INITIATIVE, { input: { title: 'Số hoá hồ sơ một cửa', description: 'Quy trình số hoá hồ sơ giúp rút ngắn thời gian xử lý' } }, binh)).registerInitiative.id;
    const assessed = (await s.api.ok(ASSESS_INITIATIVE, { id, input: { recognised: true, reach: 'PROVINCE', firstYearSavingsVnd: 50_000_000, firstYearEarningsVnd: 10_000_000, applicationCostVnd: 20_000_000, calculation: 'Tiết kiệm giấy tờ và công: 50 triệu + phí dịch vụ 10 triệu − 20 triệu phần mềm' } }, s.tokens.officerHn)).assessInitiative;
    expect(assessed).toMatchObject({ benefitValueVnd: 40_000_000, rate: 0.07, rewardVnd: 2_800_000 });
    expect((await s.api.ok(`{ initiatives(first: 10) { edges { node { title } } } }`, {}, binh)).initiatives.edges.map((e: any) => e.node.title)).toEqual(['Số hoá hồ sơ một cửa']);
  });

  it('qualify their author for Chiến sĩ thi đua cơ sở', async () => {
    const cstdcs = await s.nominate({ memberKey: 'hoa', granting: 'may', formCode: 'CSTDCS', taskRating: 'GOOD', achievedOn: daysAgo(60), awardYear: year });
    await s.approve(cstdcs);
    expect(await s.decideByEmployer(cstdcs, daysAgo(30))).toMatchObject({ formCode: 'CSTDCS', amountVnd: 2_340_000, daysToDecision: 30 });
  });
});
