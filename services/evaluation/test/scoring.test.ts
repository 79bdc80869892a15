import { consolidateReviews, pointsForRubric, pointsForValue, totalScore } from '../src/domain/scoring';
import { criteriaSetProblems, type CriterionDraft } from '../src/domain/criteria';
import { chooseVariant } from '../src/domain/variants';
import { groupPlaces, rank } from '../src/domain/ranking';
import { conflictOfInterest } from '../src/domain/conflicts';

const linear = { method: 'LINEAR' as const, direction: 'HIGHER_IS_BETTER' as const, targetValue: 12, thresholds: [] };

describe('scoring methods (numbers worked out by hand)', () => {
  it('LINEAR, higher is better: 100 × value / target, capped at 100', () => {
    expect(pointsForValue(linear, 9)).toBe(75); // 100 × 9 / 12
    expect(pointsForValue(linear, 7)).toBe(58.33); // 700 / 12 = 58.333…
    expect(pointsForValue(linear, 15)).toBe(100);
    expect(pointsForValue(linear, -3)).toBe(0);
  });

  it('LINEAR, lower is better: 100 at or under the target, else 100 × target / value', () => {
    const accidents = { ...linear, direction: 'LOWER_IS_BETTER' as const, targetValue: 2 };
    expect(pointsForValue(accidents, 1)).toBe(100);
    expect(pointsForValue(accidents, 5)).toBe(40); // 100 × 2 / 5
    expect(pointsForValue({ ...accidents, targetValue: 0 }, 0)).toBe(100);
    expect(pointsForValue({ ...accidents, targetValue: 0 }, 1)).toBe(0);
  });

  it('THRESHOLDS: the points of the hardest threshold reached', () => {
    const steps = { ...linear, method: 'THRESHOLDS' as const, thresholds: [{ value: 5, points: 50 }, { value: 8, points: 80 }, { value: 10, points: 100 }] };
    expect(pointsForValue(steps, 4)).toBe(0);
    expect(pointsForValue(steps, 5)).toBe(50);
    expect(pointsForValue(steps, 9.9)).toBe(80);
    expect(pointsForValue(steps, 10)).toBe(100);
    const lower = { ...steps, direction: 'LOWER_IS_BETTER' as const, thresholds: [{ value: 3, points: 60 }, { value: 1, points: 100 }] };
    expect(pointsForValue(lower, 2)).toBe(60);
    expect(pointsForValue(lower, 0)).toBe(100);
  });

  it('PASS_FAIL: 100 or 0', () => {
    expect(pointsForValue({ ...linear, method: 'PASS_FAIL' }, 12)).toBe(100);
    expect(pointsForValue({ ...linear, method: 'PASS_FAIL' }, 11.99)).toBe(0);
  });

  it('RUBRIC: the level on its scale', () => {
    expect(pointsForRubric(7, 10)).toBe(70);
    expect(pointsForRubric(2, 3)).toBe(66.67);
  });

  it('totals by weight: 0.6 × 75 + 0.4 × 40 = 61', () => {
    const points = new Map([['a', 75], ['b', 40]]);
    expect(totalScore([{ criterionId: 'a', weight: 60 }, { criterionId: 'b', weight: 40 }], points)).toBe(61);
    expect(totalScore([{ criterionId: 'a', weight: 60 }, { criterionId: 'c', weight: 40 }], points)).toBe(45);
  });
});

describe('reviews', () => {
  it('waits for two reviews, averages agreeing ones, asks a third when they disagree, then takes the median', () => {
    expect(consolidateReviews([7], 2)).toEqual({ status: 'WAITING', needed: 1 });
    expect(consolidateReviews([7, 8], 2)).toEqual({ status: 'SCORED', score: 7.5 });
    expect(consolidateReviews([3, 8], 2)).toEqual({ status: 'NEEDS_THIRD_REVIEW' });
    expect(consolidateReviews([3, 8, 7], 2)).toEqual({ status: 'SCORED', score: 7 });
  });

  it('refuses conflicted reviewers', () => {
    const entry = { enrollmentId: 'e1', memberId: 'm1', unitPath: '/vn/bn/may/' };
    expect(conflictOfInterest({ subject: 'r', memberId: 'm1', unitPath: '/vn/kh/snv/' }, entry, new Set())).toMatch(/của chính mình/);
    expect(conflictOfInterest({ subject: 'r', memberId: 'm2', unitPath: '/vn/bn/may/' }, entry, new Set())).toMatch(/công đoàn cơ sở nơi mình sinh hoạt/);
    expect(conflictOfInterest({ subject: 'r', memberId: 'm2', unitPath: '/vn/kh/snv/' }, entry, new Set(['e1']))).toMatch(/đã khai xung đột lợi ích/);
    expect(conflictOfInterest({ subject: 'r', memberId: 'm2', unitPath: '/vn/kh/snv/' }, entry, new Set())).toBeNull();
  });
});

describe('variant selection', () => {
  const all = new Set(['GENERAL', 'DIRECT_PRODUCTION_WORKER', 'CIVIL_SERVANT_NON_LEADER', 'PRIVATE_FDI_SIMPLIFIED'] as const);
  const worker = { isDirectProductionWorker: true, holdsLeadershipPost: false };
  const clerk = { isDirectProductionWorker: false, holdsLeadershipPost: false };

  it('gives the simplified set to everyone in private and FDI enterprises', () => {
    expect(chooseVariant({ organisationType: 'FDI_ENTERPRISE', member: worker }, all)).toBe('PRIVATE_FDI_SIMPLIFIED');
    expect(chooseVariant({ organisationType: 'PRIVATE_ENTERPRISE', member: null }, all)).toBe('PRIVATE_FDI_SIMPLIFIED');
  });

  it('picks the direct-worker and civil-servant sets from member flags', () => {
    expect(chooseVariant({ organisationType: 'STATE_OWNED_ENTERPRISE', member: worker }, all)).toBe('DIRECT_PRODUCTION_WORKER');
    expect(chooseVariant({ organisationType: 'ADMINISTRATIVE_AGENCY', member: clerk }, all)).toBe('CIVIL_SERVANT_NON_LEADER');
    expect(chooseVariant({ organisationType: 'ADMINISTRATIVE_AGENCY', member: { ...clerk, holdsLeadershipPost: true } }, all)).toBe('GENERAL');
    // the union's own office staff are judged as civil servants are; its leaders by the general set
    expect(chooseVariant({ organisationType: 'UNION_AGENCY', member: clerk }, all)).toBe('CIVIL_SERVANT_NON_LEADER');
    expect(chooseVariant({ organisationType: 'UNION_AGENCY', member: { ...clerk, holdsLeadershipPost: true } }, all)).toBe('GENERAL');
  });

  it('falls back to the general set, or to none', () => {
    expect(chooseVariant({ organisationType: 'FDI_ENTERPRISE', member: worker }, new Set(['GENERAL']))).toBe('GENERAL');
    expect(chooseVariant({ organisationType: 'FDI_ENTERPRISE', member: worker }, new Set())).toBeNull();
  });
});

describe('criteria sets', () => {
  const criterion = (c: Partial<CriterionDraft>): CriterionDraft => ({
    name: 'Sáng kiến',
    method: 'LINEAR',
    weight: 100,
    unitOfMeasure: 'sáng kiến',
    targetValue: 12,
    direction: 'HIGHER_IS_BETTER',
    targetId: null,
    thresholds: [],
    rubricLevels: [],
    ...c,
  });

  it('refuses vague criteria and says why', () => {
    const problems = criteriaSetProblems('GENERAL', [criterion({ name: 'Tích cực tham gia', unitOfMeasure: null, targetValue: null })]);
    expect(problems).toEqual([
      { field: 'criteria.0.unitOfMeasure', message: '"Tích cực tham gia" chưa đo được: hãy nêu đo cái gì, theo đơn vị nào' },
      { field: 'criteria.0.targetValue', message: '"Tích cực tham gia" chưa đo được: hãy nêu con số cần đạt' },
    ]);
  });

  it('needs rubric levels described, and weights summing to 100', () => {
    const rubric = criterion({ method: 'RUBRIC', weight: 50, unitOfMeasure: null, targetValue: null, rubricLevels: [{ score: 1, description: 'kém' }, { score: 11, description: 'Xuất sắc, có sản phẩm' }] });
    expect(criteriaSetProblems('GENERAL', [rubric]).map((p) => p.field)).toEqual(['criteria.0.rubricLevels', 'criteria.0.rubricLevels', 'criteria']);
  });

  it('keeps the simplified set short and measured', () => {
    const rubric = criterion({ method: 'RUBRIC', weight: 25, rubricLevels: [{ score: 0, description: 'Không có minh chứng' }, { score: 5, description: 'Có minh chứng đầy đủ' }] });
    const four = [criterion({ weight: 25 }), criterion({ weight: 25 }), criterion({ weight: 25 }), rubric];
    expect(criteriaSetProblems('PRIVATE_FDI_SIMPLIFIED', four).map((p) => p.message)).toEqual([
      'bộ tiêu chí rút gọn có tối đa 3 tiêu chí',
      'bộ tiêu chí rút gọn chỉ dùng kết quả định lượng, không chấm theo mức',
    ]);
  });
});

describe('ranking', () => {
  it('breaks ties by criteria fully met, then direct production workers first; equal entries share a rank', () => {
    const ranked = rank([
      { enrollmentId: '1', name: 'Bình', total: 80, criteriaFullyMet: 1, isDirectProductionWorker: false },
      { enrollmentId: '2', name: 'An', total: 90, criteriaFullyMet: 0, isDirectProductionWorker: false },
      { enrollmentId: '3', name: 'Cường', total: 80, criteriaFullyMet: 1, isDirectProductionWorker: true },
      { enrollmentId: '4', name: 'Đào', total: 80, criteriaFullyMet: 2, isDirectProductionWorker: false },
      { enrollmentId: '5', name: 'Anh', total: 80, criteriaFullyMet: 1, isDirectProductionWorker: false },
    ]);
    expect(ranked.map((r) => [r.name, r.rank])).toEqual([
      ['An', 1],
      ['Đào', 2],
      ['Cường', 3],
      ['Anh', 4],
      ['Bình', 4],
    ]);
  });

  it('ranks within a group as the campaign ranking restricted to it: positions counted again, ties kept', () => {
    const entry = (id: string, name: string, total: number, province: string | null) => ({ enrollmentId: id, name, total, criteriaFullyMet: 0, isDirectProductionWorker: false, province });
    const ranked = rank([entry('1', 'An', 95, 'HN'), entry('2', 'Bảo', 90, 'BN'), entry('3', 'Chi', 90, 'HN'), entry('4', 'Dung', 90, 'HN'), entry('5', 'Giang', 70, 'HN'), entry('6', 'Hà', 60, null)]);
    const places = groupPlaces(ranked, (e) => e.province);
    expect(ranked.map((e, i) => [e.name, e.rank, places[i]])).toEqual([
      ['An', 1, { position: 1, rank: 1 }],
      ['Bảo', 2, { position: 1, rank: 1 }],
      ['Chi', 2, { position: 2, rank: 2 }],
      ['Dung', 2, { position: 3, rank: 2 }],
      ['Giang', 5, { position: 4, rank: 4 }],
      ['Hà', 6, null],
    ]);
  });

  it('gives a hundred thousand tied entries rank 1 (ties are not rescanned for each entry)', () => {
    const tied = Array.from({ length: 100_000 }, (_, i) => ({ enrollmentId: String(i).padStart(6, '0'), name: 'Lan', total: 100, criteriaFullyMet: 3, isDirectProductionWorker: true }));
    const ranked = rank(tied);
    expect(ranked.every((e) => e.rank === 1)).toBe(true);
    expect(groupPlaces(ranked, () => 'HN').at(-1)).toEqual({ position: 100_000, rank: 1 });
  });
});
