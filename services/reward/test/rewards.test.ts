/** Pure reward rules: amounts from the base salary, initiative pay, periods, fairness figures, eligibility and quotas. */
import { baseSalaryOn, benefitValue, initiativeReward, rewardAmount } from '../src/domain/amounts';
import { todayInVietnam } from '@thidua/common';
import { decisionNumber } from '../src/domain/decisions';
import { share } from '../src/domain/fairness';
import { periodEndOf, periodStartOf } from '../src/domain/periods';
import { quotaFailure, quotaProblems, ruleProblems, unmetRules, type EligibilityFacts, type EligibilityRule } from '../src/domain/rules';
import { SEED_FORMS } from '../src/migrations/seed-catalogue';

const SALARIES = [
  { effectiveFrom: '2023-07-01', amountVnd: 1_800_000, roundingStepVnd: 10_000 },
  { effectiveFrom: '2024-07-01', amountVnd: 2_340_000, roundingStepVnd: 10_000 },
];

describe('amounts', () => {
  it('takes the base salary in force on the decision date', () => {
    expect(baseSalaryOn(SALARIES, '2024-06-30')?.amountVnd).toBe(1_800_000);
    expect(baseSalaryOn(SALARIES, '2024-07-01')?.amountVnd).toBe(2_340_000);
    expect(baseSalaryOn(SALARIES, '2023-06-30')).toBeNull();
  });

  it('multiplies and rounds up to the next 10,000 VND without floating-point drift', () => {
    const base = SALARIES[1]!;
    expect(rewardAmount(1.0, base)).toBe(2_340_000); // Chiến sĩ thi đua cơ sở
    expect(rewardAmount(1.5, base)).toBe(3_510_000);
    expect(rewardAmount(4.5, base)).toBe(10_530_000);
    expect(rewardAmount(0.3, base)).toBe(710_000); // 702,000 rounded up
    expect(rewardAmount(0.3, SALARIES[0]!)).toBe(540_000); // exact: no rounding
    expect(rewardAmount(0.3, { amountVnd: 2_340_000, roundingStepVnd: 1_000 })).toBe(702_000);
  });

  it('works out benefit value and pays the author by the higher of the default and the agreement', () => {
    expect(benefitValue({ firstYearSavingsVnd: 150_000_000, firstYearEarningsVnd: 20_000_000, applicationCostVnd: 30_000_000 })).toBe(140_000_000);
    expect(benefitValue({ firstYearSavingsVnd: 1_000, firstYearEarningsVnd: 0, applicationCostVnd: 5_000 })).toBe(0);
    expect(initiativeReward(140_000_000, null)).toMatchObject({ rateBasisPoints: 700, rewardVnd: 9_800_000 });
    expect(initiativeReward(140_000_000, { rateBasisPoints: 1_000, source: 'TƯLĐTT' })).toEqual({ rateBasisPoints: 1_000, rateSource: 'TƯLĐTT', rewardVnd: 14_000_000 });
    expect(initiativeReward(140_000_000, { rateBasisPoints: 500, source: 'TƯLĐTT' }).rateBasisPoints).toBe(700);
    expect(initiativeReward(33_333, null).rewardVnd).toBe(2_334); // 2,333.31 rounded up
  });
});

describe('periods, numbers and figures', () => {
  it('aligns weekly, monthly and quarterly periods', () => {
    expect(periodStartOf('WEEKLY', '2026-11-25')).toBe('2026-11-23'); // a Wednesday → Monday
    expect(periodEndOf('WEEKLY', '2026-11-23')).toBe('2026-11-29');
    expect(periodStartOf('MONTHLY', '2026-02-17')).toBe('2026-02-01');
    expect(periodEndOf('MONTHLY', '2028-02-01')).toBe('2028-02-29');
    expect(periodStartOf('QUARTERLY', '2026-08-31')).toBe('2026-07-01');
    expect(periodEndOf('QUARTERLY', '2026-10-01')).toBe('2026-12-31');
  });

  it('numbers decisions per granting unit and year, dated in Vietnam time', () => {
    expect(decisionNumber(7, 'LĐLĐ')).toBe('7/QĐ-LĐLĐ');
    expect(todayInVietnam(new Date('2026-12-31T18:00:00Z'))).toBe('2027-01-01');
  });

  it('computes shares to four decimals, none without a whole', () => {
    expect(share(2, 3)).toBe(0.6667);
    expect(share(1, 0)).toBeNull();
  });
});

const form = (code: string) => SEED_FORMS.find((f) => f.code === code)!;
const names = (code: string) => SEED_FORMS.find((f) => f.code === code)?.name ?? code;

function facts(overrides: Partial<EligibilityFacts> = {}): EligibilityFacts {
  return {
    year: 2026,
    subjectName: 'Nguyễn Thị Hoa',
    taskRating: 'GOOD',
    isDirectProductionWorker: true,
    holdsLeadershipPost: false,
    meritFormsByYear: new Map(),
    everGranted: new Set(),
    initiatives: [],
    members: null,
    ...overrides,
  };
}

const unmet = (code: string, f: EligibilityFacts, collective = false) => {
  const seeded = form(code);
  return unmetRules(code, collective ? seeded.collectiveEligibility : seeded.eligibility, f, names);
};

describe('eligibility rules of the seeded catalogue', () => {
  it('Lao động tiên tiến needs tasks completed well', () => {
    expect(unmet('LDTT', facts())).toEqual([]);
    const [failure] = unmet('LDTT', facts({ taskRating: 'COMPLETED' }));
    expect(failure).toMatchObject({ rule: 'TASK_RATING', source: expect.stringContaining('Điều 24') });
    expect(unmet('LDTT', facts({ taskRating: null }))[0]!.message).toContain('chưa có xếp loại');
  });

  it('Chiến sĩ thi đua cơ sở needs LĐTT of the year and either excellence or an initiative', () => {
    const withLdtt = new Map([[2026, new Set(['LDTT'])]]);
    expect(unmet('CSTDCS', facts({ meritFormsByYear: withLdtt, taskRating: 'EXCELLENT' }))).toEqual([]);
    expect(unmet('CSTDCS', facts({ meritFormsByYear: withLdtt, initiatives: [{ year: 2026, reach: 'UNIT', benefitVnd: 0 }] }))).toEqual([]);
    expect(unmet('CSTDCS', facts({ meritFormsByYear: withLdtt })).map((f) => f.rule)).toEqual(['ANY_OF']);
    const noTitle = unmet('CSTDCS', facts({ taskRating: 'EXCELLENT', meritFormsByYear: new Map([[2025, new Set(['LDTT'])]]) }));
    expect(noTitle.map((f) => f.rule)).toEqual(['TITLE_IN_YEAR']);
    expect(noTitle[0]!.message).toContain('Lao động tiên tiến năm 2026');
  });

  it('provincial Chiến sĩ thi đua needs three consecutive years of CSTDCS and a provincial initiative', () => {
    const years = (list: number[]) => new Map(list.map((y) => [y, new Set(['CSTDCS'])]));
    const provincial = [{ year: 2025, reach: 'PROVINCE' as const, benefitVnd: 1 }];
    expect(unmet('CSTD_TINH', facts({ meritFormsByYear: years([2024, 2025, 2026]), initiatives: provincial }))).toEqual([]);
    const gap = unmet('CSTD_TINH', facts({ meritFormsByYear: years([2023, 2025, 2026]), initiatives: provincial }));
    expect(gap.map((f) => f.rule)).toEqual(['CONSECUTIVE_YEARS']);
    expect(gap[0]!.message).toContain('còn thiếu năm 2024');
    const unitOnly = unmet('CSTD_TINH', facts({ meritFormsByYear: years([2024, 2025, 2026]), initiatives: [{ year: 2026, reach: 'UNIT', benefitVnd: 1 }] }));
    expect(unitOnly.map((f) => f.rule)).toEqual(['INITIATIVE']);
  });

  it('collective titles count the members holding titles', () => {
    const excellent = { taskRating: 'EXCELLENT' as const };
    expect(unmet('TTLDXS', facts({ ...excellent, members: { total: 10, withForm: { LDTT: 7, CSTDCS: 1 } } }), true)).toEqual([]);
    const short = unmet('TTLDXS', facts({ ...excellent, members: { total: 10, withForm: { LDTT: 6 } } }), true);
    expect(short).toHaveLength(2);
    expect(short[0]!.message).toContain('từ 70% thành viên đạt Lao động tiên tiến (có 6/10)');
    expect(unmet('TTLDTT', facts({ members: { total: 10, withForm: { LDTT: 5 } } }), true)[0]!.message).toContain('trên 50%');
    expect(unmet('TTLDTT', facts({ members: { total: 10, withForm: { LDTT: 6 } } }), true)).toEqual([]);
  });

  it('Bằng Lao động sáng tạo: direct non-leader workers with 80 million in one year or 120 million over three', () => {
    const initiative = (year: number, benefitVnd: number) => ({ year, reach: 'UNIT' as const, benefitVnd });
    expect(unmet('LAO_DONG_SANG_TAO', facts({ initiatives: [initiative(2026, 80_000_000)] }))).toEqual([]);
    expect(unmet('LAO_DONG_SANG_TAO', facts({ initiatives: [initiative(2024, 40_000_000), initiative(2025, 40_000_000), initiative(2026, 40_000_000)] }))).toEqual([]);
    expect(unmet('LAO_DONG_SANG_TAO', facts({ initiatives: [initiative(2025, 70_000_000), initiative(2026, 60_000_000)] })).map((f) => f.rule)).toEqual(['INITIATIVE_BENEFIT']);
    const leader = unmet('LAO_DONG_SANG_TAO', facts({ holdsLeadershipPost: true, isDirectProductionWorker: false, initiatives: [initiative(2026, 90_000_000)] }));
    expect(leader.map((f) => f.rule)).toEqual(['DIRECT_WORKER', 'NON_LEADER']);
  });

  it('the Nguyễn Đức Cảnh award is once in a lifetime, ad-hoc rewards count for that but not as merit', () => {
    expect(unmet('GIAI_NGUYEN_DUC_CANH', facts())).toEqual([]);
    expect(unmet('GIAI_NGUYEN_DUC_CANH', facts({ everGranted: new Set(['GIAI_NGUYEN_DUC_CANH']) })).map((f) => f.rule)).toEqual(['ONCE_IN_LIFETIME']);
  });
});

describe('quotas', () => {
  it('limits absolute numbers and shares of another title, rounding shares down', () => {
    expect(quotaFailure({ kind: 'ABSOLUTE', max: 2 }, { granted: 1, pending: 0, baseGranted: 0 }, 'Giấy khen', names, 2026)).toBeNull();
    expect(quotaFailure({ kind: 'ABSOLUTE', max: 2, source: 'Quy chế' }, { granted: 2, pending: 0, baseGranted: 0 }, 'Giấy khen', names, 2026)).toMatchObject({
      rule: 'ABSOLUTE',
      message: expect.stringContaining('đã tặng 2/2 (2 mỗi đơn vị mỗi năm) (Quy chế)'),
    });
    const share = { kind: 'SHARE_OF_FORM' as const, formCode: 'LDTT', share: 0.15 };
    expect(quotaFailure(share, { granted: 1, pending: 0, baseGranted: 13 }, 'Chiến sĩ thi đua cơ sở', names, 2026)).not.toBeNull(); // floor(1.95) = 1
    expect(quotaFailure(share, { granted: 1, pending: 0, baseGranted: 14 }, 'Chiến sĩ thi đua cơ sở', names, 2026)).toBeNull(); // floor(2.1) = 2
    expect(quotaFailure(null, { granted: 99, pending: 0, baseGranted: 0 }, 'Giấy khen', names, 2026)).toBeNull();
  });

  it('counts the proposals still on their way to the authority as places taken', () => {
    expect(quotaFailure({ kind: 'ABSOLUTE', max: 2 }, { granted: 1, pending: 0, baseGranted: 0 }, 'Huân chương Lao động hạng Nhì', names, 2026)).toBeNull();
    expect(quotaFailure({ kind: 'ABSOLUTE', max: 2 }, { granted: 1, pending: 1, baseGranted: 0 }, 'Huân chương Lao động hạng Nhì', names, 2026)).toMatchObject({
      rule: 'ABSOLUTE', message: expect.stringContaining('đã dùng 2/2 chỉ tiêu (đã tặng 1, 1 đề nghị đang trình chưa có quyết định)'),
    });
    // a share is a share of what was granted: the base's proposals on their way do not widen it
    const share = { kind: 'SHARE_OF_FORM' as const, formCode: 'LDTT', share: 0.5 };
    expect(quotaFailure(share, { granted: 0, pending: 1, baseGranted: 2 }, 'Chiến sĩ thi đua cơ sở', names, 2026)).not.toBeNull();
    expect(quotaFailure(share, { granted: 0, pending: 0, baseGranted: 2 }, 'Chiến sĩ thi đua cơ sở', names, 2026)).toBeNull();
  });
});

describe('rule validation', () => {
  it('accepts the seeded rules and names what is wrong with a bad one', () => {
    for (const seeded of SEED_FORMS) expect([...ruleProblems(seeded.eligibility, 'e'), ...ruleProblems(seeded.collectiveEligibility, 'c')]).toEqual([]);
    const bad = [{ kind: 'TITLE_IN_YEAR' }, { kind: 'ANY_OF', rules: [] }, { kind: 'SOMETHING' }] as unknown as EligibilityRule[];
    expect(ruleProblems(bad, 'eligibility')).toEqual([
      { field: 'eligibility.0.formCode', message: 'Điều kiện xét tặng cá nhân, quy tắc thứ 1 (có danh hiệu trong năm): "formCode" phải là mã một hình thức của danh mục, ví dụ LDTT' },
      { field: 'eligibility.1.rules', message: 'Điều kiện xét tặng cá nhân, quy tắc thứ 2 (một trong các điều kiện): "rules" phải liệt kê ít nhất một quy tắc' },
      { field: 'eligibility.2.kind', message: expect.stringMatching(/^Điều kiện xét tặng cá nhân, quy tắc thứ 3: "kind" "SOMETHING" không phải quy tắc nào; dùng một trong TASK_RATING, .*ANY_OF$/) },
    ]);
    const nested = [{ kind: 'ANY_OF', rules: [{ kind: 'DIRECT_WORKER' }, { kind: 'TASK_RATING', atLeast: 'BEST' }] }] as unknown as EligibilityRule[];
    expect(ruleProblems(nested, 'collectiveEligibility')).toEqual([{
      field: 'collectiveEligibility.0.rules.1.atLeast',
      message: expect.stringContaining('Điều kiện xét tặng tập thể, quy tắc thứ 1 (một trong các điều kiện), điều kiện thứ 2 (xếp loại hoàn thành nhiệm vụ): "atLeast" là một trong COMPLETED'),
    }]);
    expect(quotaProblems({ kind: 'PER_UNIT', max: 3 }, 'quota')).toEqual([{ field: 'quota.kind', message: expect.stringContaining('Chỉ tiêu: "kind" là ABSOLUTE') }]);
    expect(ruleProblems({ kind: 'DIRECT_WORKER' }, 'eligibility')[0]!.message).toContain('hãy ghi một danh sách quy tắc JSON');
  });
});
