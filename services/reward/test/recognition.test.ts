/**
 * The rules of the new sources of recognition and of what holds a proposal back, each granted and refused with its
 * source named: long service, registrations, pending cases, emulation blocs, colleagues' proposals.
 */
import { BLOC_RULES, blocProblems, covenantProblems, rankBloc, scoreProblems } from '../src/domain/blocs';
import { COLLEAGUE_RULES, declineProblems, handledProblem, proposalProblems } from '../src/domain/colleague-proposals';
import type { RewardForm } from '../src/domain/forms';
import { countedToDay, latestJoiningDay, thresholdReachedOn, yearsRuleOf } from '../src/domain/long-service';
import { REGISTRATION_RULE, covers, registrationFailure, registrationProblems, registrationWindow, reviewRefusal, type RegistrableForm } from '../src/domain/registration';
import { fullYearsBetween, ruleProblems, unmetRules, type EligibilityFacts } from '../src/domain/rules';
import { SUSPENSION_RULE, suspensionFailure } from '../src/domain/suspension';
import { SEED_FORMS } from '../src/migrations/seed-catalogue';
import { LONG_SERVICE_MEDAL } from '../src/migrations/seed-recognition';

const form = (code: string): RewardForm & { active: boolean } => ({ ...[...SEED_FORMS, LONG_SERVICE_MEDAL].find((f) => f.code === code)!, active: true });
const facts = (overrides: Partial<EligibilityFacts> = {}): EligibilityFacts => ({
  year: 2026, subjectName: 'Trần Thị Thu Hà', taskRating: null, isDirectProductionWorker: true, holdsLeadershipPost: false,
  meritFormsByYear: new Map(), everGranted: new Set(), initiatives: [], members: null, ...overrides,
});
const medal = (overrides: Partial<EligibilityFacts>) => unmetRules('KNC_CONG_DOAN', LONG_SERVICE_MEDAL.eligibility, facts(overrides), (code) => form(code).name);

describe('long service: Kỷ niệm chương “Vì sự nghiệp xây dựng tổ chức Công đoàn”', () => {
  const rule = yearsRuleOf(LONG_SERVICE_MEDAL.eligibility)!;

  it('is data of the catalogue, with its source, marked unverified', () => {
    expect(rule).toMatchObject({ kind: 'YEARS_IN_UNION', years: 20, countedTo: '07-28' });
    expect(rule.source).toMatch(/Hướng dẫn 149\/HD-TLĐ/);
    expect(LONG_SERVICE_MEDAL.verified).toBe(false);
    expect(ruleProblems(LONG_SERVICE_MEDAL.eligibility, 'eligibility')).toEqual([]);
  });

  it('is granted at 20 full years by 28 July of the year, once in a lifetime', () => {
    expect(medal({ membership: { joinedOn: '2006-07-28', leftOn: null } })).toEqual([]);
    const again = medal({ membership: { joinedOn: '2006-07-28', leftOn: null }, everGranted: new Set(['KNC_CONG_DOAN']) });
    expect(again.map((f) => f.rule)).toEqual(['ONCE_IN_LIFETIME']);
  });

  it('is refused a day short, without a joining day, and after leaving the union, naming the source', () => {
    const short = medal({ membership: { joinedOn: '2006-07-29', leftOn: null } });
    expect(short).toEqual([{ rule: 'YEARS_IN_UNION', source: rule.source, message: expect.stringContaining('Trần Thị Thu Hà có 19 năm (từ 29/07/2006)') }]);
    expect(short[0]!.message).toContain('Hướng dẫn 149/HD-TLĐ');
    expect(medal({ membership: { joinedOn: null, leftOn: null } })[0]!.message).toContain('chưa ghi ngày vào Công đoàn');
    expect(medal({})[0]!.rule).toBe('YEARS_IN_UNION');
    expect(medal({ membership: { joinedOn: '1990-01-01', leftOn: '2025-12-31' } })[0]!.message).toContain('đã ra khỏi tổ chức Công đoàn ngày 31/12/2025');
  });

  it('counts whole years and finds who joined early enough', () => {
    expect(fullYearsBetween('2006-07-28', '2026-07-28')).toBe(20);
    expect(fullYearsBetween('2006-07-29', '2026-07-28')).toBe(19);
    expect(fullYearsBetween('2030-01-01', '2026-07-28')).toBe(-4);
    expect(countedToDay(rule, 2026)).toBe('2026-07-28');
    expect(latestJoiningDay(rule, 2026)).toBe('2006-07-28');
    expect(thresholdReachedOn(rule, '2004-02-29')).toBe('2024-02-29');
    expect(thresholdReachedOn(rule, '2008-02-29')).toBe('2028-02-29');
    expect(thresholdReachedOn({ ...rule, years: 21 }, '2004-02-29')).toBe('2025-02-28');
  });

  it('refuses a malformed threshold when the form is saved', () => {
    expect(ruleProblems([{ kind: 'YEARS_IN_UNION', years: 20, countedTo: '13-01' }], 'eligibility')).toEqual([{ field: 'eligibility.0', message: expect.stringContaining('quy tắc thứ 1 (số năm tham gia Công đoàn): cần "years"') }]);
    expect(ruleProblems([{ kind: 'YEARS_IN_UNION', years: 0, countedTo: '07-28' }], 'eligibility')).toHaveLength(1);
  });
});

describe('pending discipline, inspection or complaint suspends a proposal', () => {
  it('names the cases and the source, and lets the proposal go on when none is open', () => {
    expect(suspensionFailure(null, 'Nguyễn Thị Hoa')).toBeNull();
    expect(suspensionFailure({ kinds: [], since: '2026-11-02' }, 'Nguyễn Thị Hoa')).toBeNull();
    const refused = suspensionFailure({ kinds: ['INSPECTION', 'COMPLAINT', 'COMPLAINT'], since: '2026-11-02' }, 'Nguyễn Thị Hoa')!;
    expect(refused.rule).toBe('PENDING_PROCEEDINGS');
    expect(refused.source).toBe(SUSPENSION_RULE.source);
    expect(refused.source).toMatch(/Nghị định 98\/2023\/NĐ-CP, Điều 4/);
    expect(refused.message).toMatch(/^Tạm dừng xét khen thưởng: Nguyễn Thị Hoa đang bị thanh tra, kiểm tra, điều tra, có đơn thư khiếu nại, tố cáo đang được xác minh \(từ 02\/11\/2026\)/);
  });
});

describe('registration (đăng ký thi đua)', () => {
  const registrable = (code: string): RegistrableForm => form(code);
  const base = { year: 2026, forms: [registrable('LDTT'), registrable('CSTDCS')], formCodes: ['LDTT', 'CSTDCS'] };

  it('takes registrations from 1 December of the year before to 31 March, not in the future, with its source', () => {
    expect(registrationWindow(2026)).toEqual({ opensOn: '2025-12-01', closesOn: '2026-03-31' });
    expect(registrationProblems({ ...base, registeredOn: '2026-03-31' }, false, '2026-11-25')).toEqual([]);
    expect(registrationProblems({ ...base, registeredOn: '2025-12-01' }, false, '2026-11-25')).toEqual([]);
    const late = registrationProblems({ ...base, registeredOn: '2026-04-01' }, false, '2026-11-25');
    expect(late).toEqual([{ field: 'registeredOn', message: expect.stringContaining('từ 01/12/2025 đến 31/03/2026') }]);
    expect(registrationProblems({ ...base, registeredOn: '2025-11-30' }, false, '2026-11-25').map((p) => p.field)).toEqual(['registeredOn']);
    expect(registrationProblems({ ...base, registeredOn: '2026-01-10' }, false, '2026-01-09')[0]!.message).toBe('ngày đăng ký không thể ở tương lai');
  });

  it('registers emulation titles only, for the kind of subject, each once, a few at a time', () => {
    const at = (codes: string[], collective: boolean) =>
      registrationProblems({ year: 2026, registeredOn: '2026-01-10', formCodes: codes, forms: codes.map((c) => (SEED_FORMS.some((f) => f.code === c) ? registrable(c) : null)) }, collective, '2026-11-25');
    expect(at(['TTLDXS'], true)).toEqual([]);
    expect(at(['BK_TINH'], false)).toEqual([{ field: 'formCodes.0', message: expect.stringContaining('chỉ đăng ký danh hiệu thi đua') }]);
    expect(at(['TTLDTT'], false)).toEqual([{ field: 'formCodes.0', message: 'Tập thể lao động tiên tiến không dành cho cá nhân' }]);
    expect(at(['NOPE'], false).map((p) => p.field)).toEqual(['formCodes.0']);
    expect(at(['LDTT', 'LDTT'], false).map((p) => p.field)).toEqual(['formCodes']);
    expect(at([], false).map((p) => p.field)).toEqual(['formCodes']);
    expect(at(['LDTT', 'CSTDCS', 'CSTD_TINH', 'CSTD_TQ', 'LDTT'], false).map((p) => p.field)).toContain('formCodes');
  });

  it('covers the title registered and the lower ones, not a higher one', () => {
    expect(covers([registrable('CSTDCS')], registrable('LDTT'))).toBe(true);
    expect(covers([registrable('CSTDCS')], registrable('CSTDCS'))).toBe(true);
    expect(covers([registrable('CSTDCS')], registrable('CSTD_TINH'))).toBe(false);
    expect(covers([registrable('TTLDXS')], registrable('TTLDTT'))).toBe(true);
    expect(covers([registrable('CSTD_TQ')], registrable('TTLDTT'))).toBe(false);
  });

  it('grants a yearly title only with an approved registration covering it, and asks none for commendations', () => {
    const approved = { status: 'APPROVED' as const, forms: [registrable('CSTDCS')], covenantFormCode: null };
    expect(registrationFailure(approved, registrable('LDTT'), 2026, 'Nguyễn Thị Hoa')).toBeNull();
    expect(registrationFailure({ status: null, forms: [], covenantFormCode: null }, registrable('BK_TINH'), 2026, 'Nguyễn Thị Hoa')).toBeNull();
    const refusals = [
      [{ status: null, forms: [], covenantFormCode: null }, 'chưa đăng ký thi đua'],
      [{ ...approved, status: 'SUBMITTED' as const }, 'đang chờ cấp trên duyệt'],
      [{ ...approved, status: 'RETURNED' as const }, 'bị cấp trên trả lại'],
      [approved, 'đăng ký Chiến sĩ thi đua cơ sở, không gồm Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh'],
    ] as const;
    for (const [state, words] of refusals) {
      const failure = registrationFailure(state, registrable(state === approved ? 'CSTD_TINH' : 'LDTT'), 2026, 'Nguyễn Thị Hoa')!;
      expect(failure).toMatchObject({ rule: 'REGISTRATION', source: REGISTRATION_RULE.source });
      expect(failure.message).toContain(words);
    }
  });

  it('lets a signed bloc covenant register its units for the bloc’s flag only', () => {
    const covenant = { status: null, forms: [], covenantFormCode: BLOC_RULES.flag.formCode };
    expect(registrationFailure(covenant, registrable('CO_TINH'), 2026, 'Công đoàn Điện lực')).toBeNull();
    expect(registrationFailure(covenant, registrable('TTLDXS'), 2026, 'Công đoàn Điện lực')?.rule).toBe('REGISTRATION');
  });

  it('is approved by officers over the subject, above a collective, never by the registrant', () => {
    const member = { memberId: 'hoa', unitPath: '/vn/hn/may/', name: 'Nguyễn Thị Hoa' };
    const unit = { memberId: null, unitPath: '/vn/hn/may/', name: 'Công đoàn May Thăng Long' };
    expect(reviewRefusal({ scope: '/vn/hn/may/', memberId: null }, member)).toBeNull();
    expect(reviewRefusal({ scope: '/vn/hn/', memberId: null }, unit)).toBeNull();
    expect(reviewRefusal({ scope: '/vn/hn/may/', memberId: null }, unit)).toMatch(/do công đoàn cấp trên duyệt/);
    expect(reviewRefusal({ scope: '/vn/hn/may/', memberId: 'hoa' }, member)).toBe('Không tự duyệt đăng ký thi đua của chính mình');
    expect(reviewRefusal({ scope: '/vn/kh/', memberId: null }, member)).toMatch(/Chỉ cán bộ công đoàn cấp trên/);
    expect(reviewRefusal({ scope: null, memberId: null }, member)).toMatch(/Chỉ cán bộ công đoàn cấp trên/);
  });
});

describe('emulation blocs (khối, cụm thi đua)', () => {
  it('are organised by the council of a level that gives a flag, with two or more distinct units, citing the law', () => {
    expect(BLOC_RULES.organisedBy.source).toMatch(/Điều 16 khoản 2 điểm c/);
    expect(blocProblems({ name: 'Cụm thi đua các khu công nghiệp', year: 2026, unitIds: ['a', 'b'] }, 'PROVINCIAL', 2026)).toEqual([]);
    expect(blocProblems({ name: 'Cụm', year: 2026, unitIds: ['a', 'b'] }, 'UPPER_GRASSROOTS', 2026)).toEqual([{ field: 'organiserUnitId', message: expect.stringContaining(BLOC_RULES.flag.source) }]);
    expect(blocProblems({ name: 'Cụm A', year: 2026, unitIds: ['a'] }, 'PROVINCIAL', 2026).map((p) => p.field)).toEqual(['memberUnitIds']);
    expect(blocProblems({ name: 'Cụm A', year: 2026, unitIds: ['a', 'a'] }, 'PROVINCIAL', 2026).map((p) => p.field)).toEqual(['memberUnitIds']);
    expect(blocProblems({ name: 'Cụm A', year: 2029, unitIds: ['a', 'b'] }, 'PROVINCIAL', 2026).map((p) => p.field)).toEqual(['year']);
  });

  it('sign a covenant in its year with commitments worth reading', () => {
    const commitments = ['100% doanh nghiệp ký thỏa ước lao động tập thể'];
    expect(covenantProblems({ signedOn: '2026-02-10', commitments }, 2026, '2026-11-25')).toEqual([]);
    expect(covenantProblems({ signedOn: '2025-12-15', commitments }, 2026, '2026-11-25')).toEqual([]);
    expect(covenantProblems({ signedOn: '2025-11-30', commitments }, 2026, '2026-11-25').map((p) => p.field)).toEqual(['signedOn']);
    expect(covenantProblems({ signedOn: '2026-12-01', commitments }, 2026, '2026-11-25').map((p) => p.field)).toEqual(['signedOn']);
    expect(covenantProblems({ signedOn: '2026-02-10', commitments: ['ngắn'] }, 2026, '2026-11-25').map((p) => p.field)).toEqual(['commitments.0']);
    expect(covenantProblems({ signedOn: '2026-02-10', commitments: [] }, 2026, '2026-11-25').map((p) => p.field)).toEqual(['commitments']);
  });

  it('are scored unit by unit and ranked, equal scores sharing a rank, a tie at the top left to the council', () => {
    expect(scoreProblems([{ unitId: 'a', score: 95 }, { unitId: 'b', score: 0 }], ['a', 'b'])).toEqual([]);
    expect(scoreProblems([{ unitId: 'a', score: 95 }], ['a', 'b']).map((p) => p.field)).toEqual(['scores']);
    expect(scoreProblems([{ unitId: 'a', score: 95 }, { unitId: 'a', score: 90 }], ['a', 'b']).map((p) => p.field)).toEqual(['scores', 'scores']);
    expect(scoreProblems([{ unitId: 'a', score: -1 }, { unitId: 'b', score: Number.NaN }], ['a', 'b']).map((p) => p.field)).toEqual(['scores.0.score', 'scores.1.score']);
    const { ranked, tiedAtTop } = rankBloc([
      { unitId: 'd', unitName: 'Điện lực', score: 80 },
      { unitId: 'a', unitName: 'May', score: 97 },
      { unitId: 'b', unitName: 'Điện tử', score: 90 },
      { unitId: 'c', unitName: 'Cơ khí', score: 90 },
    ]);
    expect(ranked.map((r) => [r.unitName, r.rank])).toEqual([['May', 1], ['Cơ khí', 2], ['Điện tử', 2], ['Điện lực', 4]]);
    expect(tiedAtTop).toEqual([]);
    expect(rankBloc([{ unitId: 'a', unitName: 'A', score: 90 }, { unitId: 'b', unitName: 'B', score: 90 }]).tiedAtTop.map((t) => t.unitId)).toEqual(['a', 'b']);

    // a tie at the top goes to the one collective of at least 70% women; two such, or none, stay for the council
    const tied = [{ unitId: 'a', unitName: 'A', score: 90 }, { unitId: 'b', unitName: 'B', score: 90 }, { unitId: 'c', unitName: 'C', score: 70 }];
    const womenLed = rankBloc(tied, (unitId) => unitId === 'b');
    expect([womenLed.ranked.map((r) => [r.unitId, r.rank]), womenLed.tiedAtTop]).toEqual([[['b', 1], ['a', 2], ['c', 3]], []]);
    expect(rankBloc(tied, (unitId) => unitId !== 'c').tiedAtTop.map((t) => t.unitId)).toEqual(['a', 'b']);
    // a preferred unit below the top does not lead
    expect(rankBloc(tied, (unitId) => unitId === 'c').tiedAtTop.map((t) => t.unitId)).toEqual(['a', 'b']);
  });
});

describe('proposals from colleagues', () => {
  const good = { occurredOn: '2026-11-20', description: 'Anh Tuấn đã nhặt được ví có 20 triệu đồng và trả lại người đánh rơi', evidence: [{ description: 'Chị Lan, tổ 3, chứng kiến' }] };

  it('need what happened, when, and evidence to check it by', () => {
    expect(COLLEAGUE_RULES.source).toMatch(/Điều 8/);
    expect(proposalProblems(good, '2026-11-25')).toEqual([]);
    expect(proposalProblems({ ...good, evidence: [{ description: 'Biên bản', url: 'https://congdoan.vn/bb/1' }] }, '2026-11-25')).toEqual([]);
    expect(proposalProblems({ ...good, evidence: [] }, '2026-11-25').map((p) => p.field)).toEqual(['evidence']);
    expect(proposalProblems({ ...good, evidence: Array(6).fill({ description: 'Ảnh chụp' }) }, '2026-11-25').map((p) => p.field)).toEqual(['evidence']);
    expect(proposalProblems({ ...good, evidence: [{ description: 'Ảnh chụp', url: 'javascript:alert(1)' }] }, '2026-11-25').map((p) => p.field)).toEqual(['evidence.0.url']);
    expect(proposalProblems({ ...good, occurredOn: '2026-11-26' }, '2026-11-25').map((p) => p.field)).toEqual(['occurredOn']);
    expect(proposalProblems({ ...good, description: 'tốt' }, '2026-11-25').map((p) => p.field)).toEqual(['description']);
    expect(proposalProblems({ ...good, description: 'x'.repeat(4001) }, '2026-11-25').map((p) => p.field)).toEqual(['description']);
  });

  it('are handled once, a decline with a reason', () => {
    expect(handledProblem('SUBMITTED')).toBeNull();
    expect(handledProblem('NOMINATED')).toMatch(/đã được chuyển thành đề nghị khen thưởng/);
    expect(handledProblem('DECLINED')).toMatch(/chỉ xử lý một lần/);
    expect(declineProblems('Không rõ')).toHaveLength(1);
    expect(declineProblems('Việc này đã được khen thưởng tháng trước')).toEqual([]);
  });
});
