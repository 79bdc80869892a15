/**
 * How a council decides and the corrected rules (decision 0036), each granted and refused with the source it names:
 * quorum and majority from the seeded council rules (a single vote never decides), conflicts of interest, movement
 * rewards that are commendations, merit bases that leave out ad-hoc and movement rewards, and initiative reach
 * recognised by the council of its level.
 */
import {
  CONFLICT_RULE, MERIT_BASIS_RULE, MOVEMENT_REWARD_RULE, REACH_RULE, conflictOf, councilOutcome, councilRuleFor, countsAsMeritBasis, majorityNeeded,
  councilRuleProblems, movementRewardProblem, quorumNeeded, reachRecognitionProblem, refusalProblem, timeLimitProblems, type MeetingTally,
} from '../src/domain/council';
import { COUNCIL_POSITION_NAMES } from '../src/domain/reward-names';
import { SEED_AD_HOC_TIME_LIMIT, SEED_COUNCIL_RULES } from '../src/migrations/seed-council';

const byDefault = councilRuleFor(SEED_COUNCIL_RULES, 'BK_TINH');
const forCstdTinh = councilRuleFor(SEED_COUNCIL_RULES, 'CSTD_TINH');
const tally = (over: Partial<MeetingTally>): MeetingTally => ({ heldOn: '2026-11-20', members: 9, present: 9, conflicted: 0, votesFor: 9, votesAgainst: 0, abstentions: 0, ...over });

describe('the council rules seeded from the regulation', () => {
  it('name their source and are marked unverified where the union’s text was not read', () => {
    expect(byDefault).toMatchObject({ code: 'DEFAULT', minMembers: 3, majorityShare: 0.5, majorityStrict: true, verified: false, source: expect.stringContaining('2/3') });
    expect(forCstdTinh).toMatchObject({ code: 'CSTD_HIGHER', majorityShare: 0.9, majorityStrict: false, source: expect.stringContaining('Nghị định 91/2017/NĐ-CP, Điều 45 khoản 8') });
    expect(councilRuleFor(SEED_COUNCIL_RULES, 'CSTD_TQ').code).toBe('CSTD_HIGHER');
    expect(SEED_AD_HOC_TIME_LIMIT).toMatchObject({ code: 'AD_HOC', days: 10, verified: false });
    expect(COUNCIL_POSITION_NAMES.CHAIR).toBe('Chủ tịch Hội đồng');
  });

  it('count 2/3 present and more than half for', () => {
    expect([3, 5, 9, 10].map((n) => quorumNeeded(byDefault, n))).toEqual([2, 4, 6, 7]);
    expect([3, 4, 9, 10].map((n) => majorityNeeded(byDefault, n))).toEqual([2, 3, 5, 6]);
    expect([3, 9, 10].map((n) => majorityNeeded(forCstdTinh, n))).toEqual([3, 9, 9]);
  });
});

describe('a council’s outcome', () => {
  it('passes a nomination voted in a meeting with its quorum, by the majority', () => {
    expect(councilOutcome(byDefault, tally({ present: 6, votesFor: 5, votesAgainst: 1 }))).toMatchObject({ passed: true, rule: null, quorumNeeded: 6, majorityNeeded: 5 });
  });

  it('refuses without a meeting', () => {
    expect(councilOutcome(byDefault, null)).toMatchObject({ passed: false, rule: 'NO_MEETING', message: expect.stringContaining('chưa biểu quyết đề nghị này trong một phiên họp') });
  });

  it('never lets a single vote decide: a council below its minimum size decides nothing', () => {
    const alone = councilOutcome(byDefault, tally({ members: 1, present: 1, votesFor: 1 }));
    expect(alone).toMatchObject({ passed: false, rule: 'COUNCIL_SIZE', source: byDefault.source, message: expect.stringContaining('một phiếu không quyết định thay Hội đồng') });
    expect(councilOutcome(byDefault, tally({ members: 2, present: 2, votesFor: 2 })).rule).toBe('COUNCIL_SIZE');
  });

  it('refuses a meeting without its quorum, naming the rule', () => {
    const thin = councilOutcome(byDefault, tally({ present: 5, votesFor: 5 }));
    expect(thin).toMatchObject({ passed: false, rule: 'QUORUM', quorumNeeded: 6, message: expect.stringContaining('không đủ số thành viên dự họp: 5/9, cần ít nhất 6') });
    expect(thin.message).toContain(byDefault.source);
  });

  it('refuses without the majority of the members, absent ones included', () => {
    const half = councilOutcome(byDefault, tally({ members: 10, present: 7, votesFor: 5, votesAgainst: 2 }));
    expect(half).toMatchObject({ passed: false, rule: 'MAJORITY', majorityNeeded: 6, message: expect.stringContaining('cần 6 phiếu (quá 50% của 10 thành viên được biểu quyết)') });
    expect(councilOutcome(byDefault, tally({ members: 10, present: 7, votesFor: 6, votesAgainst: 1 })).passed).toBe(true);
  });

  it('asks 90% of the whole council for Chiến sĩ thi đua cấp tỉnh and toàn quốc', () => {
    expect(councilOutcome(forCstdTinh, tally({ members: 10, votesFor: 8, votesAgainst: 2 }))).toMatchObject({ passed: false, rule: 'MAJORITY', majorityNeeded: 9 });
    expect(councilOutcome(forCstdTinh, tally({ members: 10, votesFor: 9, votesAgainst: 1 })).passed).toBe(true);
  });

  it('records a refusal only where a vote with the quorum did not pass: not without a meeting, not against a passed vote', () => {
    expect(refusalProblem(councilOutcome(byDefault, tally({ present: 6, votesFor: 2, votesAgainst: 4 })))).toBeNull();
    expect(refusalProblem(councilOutcome(byDefault, null))).toMatch(/^Hội đồng chưa kết luận không khen thưởng: Hội đồng chưa biểu quyết/);
    expect(refusalProblem(councilOutcome(byDefault, tally({ present: 5, votesFor: 0, votesAgainst: 5 })))).toContain('không đủ số thành viên dự họp');
    expect(refusalProblem(councilOutcome(byDefault, tally({ members: 1, present: 1, votesFor: 0, votesAgainst: 1 })))).toContain('một phiếu không quyết định thay Hội đồng');
    expect(refusalProblem(councilOutcome(byDefault, tally({ present: 6, votesFor: 5, votesAgainst: 1 })))).toMatch(/^Hội đồng đã thông qua đề nghị này/);
  });

  it('leaves conflicted members out of those who vote', () => {
    // 3 members, one conflicted: 2 may vote, both must vote for (more than half of 2)
    expect(councilOutcome(byDefault, tally({ members: 3, present: 3, conflicted: 1, votesFor: 2 }))).toMatchObject({ passed: true, majorityNeeded: 2 });
    expect(councilOutcome(byDefault, tally({ members: 3, present: 3, conflicted: 1, votesFor: 1, abstentions: 1 })).passed).toBe(false);
  });
});

describe('conflicts of interest', () => {
  const seat = { memberId: 'm-hoa', homeUnitPath: '/vn/hn/may/', relatives: [{ memberId: 'm-lan', relation: 'em gái' }] };

  it('refuse a member’s vote on themselves, their own unit’s collective and a declared relative', () => {
    expect(conflictOf(seat, { memberId: 'm-hoa', unitPath: '/vn/hn/may/' })).toBe('bạn là người được đề nghị');
    expect(conflictOf(seat, { memberId: null, unitPath: '/vn/hn/may/' })).toBe('tập thể được đề nghị là đơn vị của bạn');
    expect(conflictOf(seat, { memberId: null, unitPath: '/vn/hn/' })).toBe('tập thể được đề nghị là đơn vị của bạn');
    expect(conflictOf(seat, { memberId: 'm-lan', unitPath: '/vn/hn/may/' })).toBe('người được đề nghị là em gái của bạn (đã khai báo)');
    expect(CONFLICT_RULE.source).toContain('Luật Phòng, chống tham nhũng 2018, Điều 23');
  });

  it('let them vote on anyone else, and on other collectives', () => {
    expect(conflictOf(seat, { memberId: 'm-tuan', unitPath: '/vn/hn/may/' })).toBeNull();
    expect(conflictOf(seat, { memberId: null, unitPath: '/vn/hn/so/' })).toBeNull();
    expect(conflictOf({ memberId: null, homeUnitPath: null, relatives: [] }, { memberId: null, unitPath: '/vn/hn/' })).toBeNull();
  });
});

describe('correct rules', () => {
  it('a movement rewards with commendations, never with a yearly emulation title', () => {
    expect(movementRewardProblem({ name: 'Lao động tiên tiến', kind: 'EMULATION_TITLE' })).toBe(`Lao động tiên tiến là danh hiệu thi đua, xét tặng hằng năm; phong trào thi đua khen thưởng bằng giấy khen, bằng khen (${MOVEMENT_REWARD_RULE.source})`);
    expect(movementRewardProblem({ name: 'Giấy khen', kind: 'COMMENDATION' })).toBeNull();
    expect(movementRewardProblem({ name: 'Bằng Lao động sáng tạo', kind: 'UNION_AWARD' })).toBeNull();
  });

  it('only merit rewards outside movements and ad hoc are the basis of higher merit titles', () => {
    expect(countsAsMeritBasis({ adHoc: false, campaignId: null })).toBe(true);
    expect(countsAsMeritBasis({ adHoc: true, campaignId: null })).toBe(false);
    expect(countsAsMeritBasis({ adHoc: false, campaignId: 'c-1' })).toBe(false);
    expect(MERIT_BASIS_RULE.source).toContain('Điều 8');
  });

  it('an initiative’s reach is recognised by the council of its level, not by an officer above', () => {
    const hanoi = { path: '/vn/hn/', name: 'Liên đoàn Lao động thành phố Hà Nội' };
    const may = { path: '/vn/hn/may/', name: 'Công đoàn Công ty May' };
    expect(reachRecognitionProblem('PROVINCE', hanoi, { unitPath: '/vn/hn/', nationalAdmin: false })).toBeNull();
    expect(reachRecognitionProblem('UNIT', may, { unitPath: '/vn/hn/may/', nationalAdmin: false })).toBeNull();
    expect(reachRecognitionProblem('NATIONAL', { path: '/vn/', name: 'Tổng Liên đoàn' }, { unitPath: null, nationalAdmin: true })).toBeNull();
    expect(reachRecognitionProblem('UNIT', may, { unitPath: '/vn/hn/', nationalAdmin: false })).toBe(`Phạm vi ảnh hưởng cấp cơ sở do Hội đồng của Công đoàn Công ty May công nhận, không do cán bộ cấp khác công bố (${REACH_RULE.source})`);
    expect(reachRecognitionProblem('PROVINCE', hanoi, { unitPath: '/vn/hn/may/', nationalAdmin: false })).toContain('do Hội đồng của Liên đoàn Lao động thành phố Hà Nội công nhận');
    expect(reachRecognitionProblem('PROVINCE', hanoi, { unitPath: null, nationalAdmin: true })).not.toBeNull();
    expect(reachRecognitionProblem('NATIONAL', null, { unitPath: '/vn/', nationalAdmin: false })).toContain('Tác giả không thuộc đơn vị cấp nào');
  });
});

describe('a council rule as a national admin saves it', () => {
  it('takes the seeded rules as they are, and refuses a single-member council, shares outside (0, 1], a default for some forms, a rule for none', () => {
    for (const rule of SEED_COUNCIL_RULES) expect([rule.code, councilRuleProblems(rule)]).toEqual([rule.code, []]);
    const fields = (over: Partial<typeof byDefault>) => councilRuleProblems({ ...byDefault, ...over }).map((p) => p.field);
    expect(fields({ minMembers: 1 })).toEqual(['minMembers']);
    expect(fields({ quorumShare: 0, majorityShare: 1.01 })).toEqual(['quorumShare', 'majorityShare']);
    expect(fields({ majorityShare: Number.NaN })).toEqual(['majorityShare']);
    expect(fields({ formCodes: ['BK_TINH'] })).toEqual(['formCodes']);
    expect(fields({ code: 'CSTD_HIGHER', formCodes: [] })).toEqual(['formCodes']);
    expect(fields({ code: 'bad code', source: 'ngắn' })).toEqual(['code', 'formCodes', 'source']);
    expect(timeLimitProblems({ days: 0, source: 'Quy chế khen thưởng của Tổng Liên đoàn' }).map((p) => p.field)).toEqual(['days']);
    expect(timeLimitProblems({ days: 10, source: 'Quy chế khen thưởng của Tổng Liên đoàn' })).toEqual([]);
  });
});
