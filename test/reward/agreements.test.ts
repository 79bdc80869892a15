/**
 * Collective labour agreements (thoả ước lao động tập thể) and the employer rewards they set, through the real
 * gateway: registered by the enterprise's employer or officers over it, applied clause by clause (amount, period
 * boundaries, the enterprise's members, the limit per period).
 */
import { AGREEMENT, RewardScenario, daysAgo, today } from '../support/reward';
import { usePlatform } from '../support/platform';

const env = usePlatform();

describe('collective agreements and employer rewards', () => {
  let s: RewardScenario;
  let agreementId: string;

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
  });

  const RECORD = `mutation($input: EmployerRewardInput!) { recordEmployerRewards(input: $input) { subjectName amountVnd periodStart periodEnd member { id } } }`;
  const monthStart = `${today.slice(0, 7)}-01`;

  it('are registered by the enterprise’s employer or officers over it, with their reward clauses', async () => {
    expect((await s.api.refused(AGREEMENT, { input: s.agreementInput() }, s.tokens.officerKh)).code).toBe('FORBIDDEN');
    const invalid = await s.api.refused(AGREEMENT, { input: { ...s.agreementInput(), initiativeRate: 7, clauses: [{ ...s.agreementInput().clauses[0], amountVnd: 0 }] } }, s.tokens.employer);
    expect(invalid.problems.map((p) => p.field)).toEqual(['initiativeRate', 'clauses.0.amountVnd']);
    const agreement = (await s.api.ok(AGREEMENT, { input: s.agreementInput() }, s.tokens.employer)).registerCollectiveAgreement;
    expect(agreement).toMatchObject({ initiativeRate: 0.1, clauses: [{ code: 'D5.1', period: 'MONTHLY', amountVnd: 500_000, maxRecipientsPerPeriod: 2 }] });
    agreementId = agreement.id;
  });

  it('apply a clause: its amount, its period boundaries, its members and its limit per period', async () => {
    const input = { agreementId, clauseCode: 'D5.1', periodStart: monthStart, memberIds: [s.members.hoa, s.members.lan], reason: 'Năng suất tháng vượt 125%' };
    const misaligned = await s.api.refused(RECORD, { input: { ...input, periodStart: daysAgo(0) === monthStart ? daysAgo(1) : today } }, s.tokens.employer);
    expect(misaligned).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('thưởng hằng tháng') });
    expect((await s.api.refused(RECORD, { input: { ...input, memberIds: [s.members.binh] } }, s.tokens.employer)).code).toBe('BAD_USER_INPUT');
    expect((await s.api.refused(RECORD, { input: { ...input, clauseCode: 'X9' } }, s.tokens.employer)).message).toContain('các điều khoản là D5.1');
    const recorded = (await s.api.ok(RECORD, { input }, s.tokens.employer)).recordEmployerRewards;
    expect(recorded).toHaveLength(2);
    expect(recorded[0]).toMatchObject({ subjectName: 'Nguyễn Thị Hoa', amountVnd: 500_000, periodStart: monthStart });
    expect(recorded[0].periodEnd.slice(0, 7)).toBe(monthStart.slice(0, 7));
    expect(await s.api.refused(RECORD, { input: { ...input, memberIds: [s.members.tuan] } }, s.tokens.employer)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('tối đa 2 người mỗi kỳ') });
    const listed = (await s.api.ok(`query($id: ID!) { employerRewards(agreementId: $id) { edges { node { subjectName } } } }`, { id: agreementId }, s.tokens.officerHn)).employerRewards;
    expect(listed.edges).toHaveLength(2);
    expect((await s.api.refused(`query($id: ID!) { employerRewards(agreementId: $id) { edges { node { subjectName } } } }`, { id: agreementId }, s.tokens.officerKh)).code).toBe('NOT_FOUND');
  });
});
