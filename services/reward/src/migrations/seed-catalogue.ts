import type { RewardForm, UnitLevel } from '../domain/forms';

/**
 * The catalogue as first seeded (shared/design/reward-rules.md, November 2026). Frozen with its migration:
 * later changes are made by national admins through `saveRewardForm` / `setBaseSalary`, which keep history.
 * `verified: false` marks figures we could not check against the text of the law or the union's regulation.
 */
const LAW = 'Luật Thi đua, khen thưởng 06/2022/QH15';
const DECREE = 'Nghị định 152/2025/NĐ-CP (thay Nghị định 98/2023/NĐ-CP)';
const UNION = 'Quyết định 999/QĐ-TLĐ ngày 29/5/2024 của Tổng Liên đoàn';

export const SEED_BASE_SALARIES = [
  { effectiveFrom: '2023-07-01', amountVnd: 1_800_000, source: 'Nghị định 24/2023/NĐ-CP', verified: true },
  { effectiveFrom: '2024-07-01', amountVnd: 2_340_000, source: 'Nghị định 73/2024/NĐ-CP', verified: true },
];

const EVERY_LEVEL: UnitLevel[] = ['NATIONAL', 'PROVINCIAL', 'SECTOR', 'UPPER_GRASSROOTS', 'GRASSROOTS'];
const PROVINCE_AND_UP: UnitLevel[] = ['NATIONAL', 'PROVINCIAL', 'SECTOR'];


const title = (form: Omit<RewardForm, 'kind' | 'verified' | 'quota'> & Partial<Pick<RewardForm, 'verified' | 'quota'>>): RewardForm => ({
  kind: 'EMULATION_TITLE',
  verified: true,
  quota: null,
  ...form,
});

export const SEED_FORMS: RewardForm[] = [
  title({
    code: 'LDTT', name: 'Lao động tiên tiến', subjects: ['INDIVIDUAL'], grantingLevels: EVERY_LEVEL, individualMultiplier: 0.3, collectiveMultiplier: null,
    precedence: 10, source: `${LAW}, Điều 24; ${DECREE}, Điều 54`,
    eligibility: [{ kind: 'TASK_RATING', atLeast: 'GOOD', source: `${LAW}, Điều 24` }], collectiveEligibility: [],
  }),
  title({
    code: 'CSTDCS', name: 'Chiến sĩ thi đua cơ sở', subjects: ['INDIVIDUAL'], grantingLevels: EVERY_LEVEL, individualMultiplier: 1.0, collectiveMultiplier: null,
    precedence: 20, source: `${LAW}, Điều 23; ${DECREE}, Điều 54`,
    eligibility: [
      { kind: 'TITLE_IN_YEAR', formCode: 'LDTT', source: `${LAW}, Điều 23` },
      { kind: 'ANY_OF', source: `${LAW}, Điều 23`, rules: [
        { kind: 'TASK_RATING', atLeast: 'EXCELLENT' },
        { kind: 'INITIATIVE', minReach: 'UNIT', withinYears: 1 },
      ] },
    ],
    collectiveEligibility: [],
  }),
  title({
    code: 'CSTD_TINH', name: 'Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh', subjects: ['INDIVIDUAL'], grantingLevels: PROVINCE_AND_UP, individualMultiplier: 3.0,
    collectiveMultiplier: null, precedence: 40, source: `${LAW}, Điều 22; ${DECREE}, Điều 54`,
    eligibility: [
      { kind: 'CONSECUTIVE_YEARS', formCode: 'CSTDCS', years: 3, source: `${LAW}, Điều 22` },
      { kind: 'INITIATIVE', minReach: 'PROVINCE', withinYears: 3, source: `${LAW}, Điều 22` },
    ],
    collectiveEligibility: [],
  }),
  title({
    code: 'CSTD_TQ', name: 'Chiến sĩ thi đua toàn quốc', subjects: ['INDIVIDUAL'], grantingLevels: ['NATIONAL'], individualMultiplier: 4.5, collectiveMultiplier: null,
    precedence: 60, source: `${LAW}, Điều 21; ${DECREE}, Điều 54`,
    eligibility: [
      { kind: 'GRANTED_TIMES', formCode: 'CSTD_TINH', times: 2, withinYears: 6, source: `${LAW}, Điều 21` },
      { kind: 'INITIATIVE', minReach: 'NATIONAL', withinYears: 6, source: `${LAW}, Điều 21` },
    ],
    collectiveEligibility: [],
  }),
  title({
    code: 'TTLDTT', name: 'Tập thể lao động tiên tiến', subjects: ['COLLECTIVE'], grantingLevels: EVERY_LEVEL, individualMultiplier: null, collectiveMultiplier: 0.8,
    precedence: 15, source: `${LAW}, Điều 28; ${DECREE}, Điều 54`, verified: false,
    eligibility: [],
    collectiveEligibility: [
      { kind: 'TASK_RATING', atLeast: 'GOOD', source: `${LAW}, Điều 28` },
      { kind: 'MEMBERS_WITH_TITLE', formCode: 'LDTT', share: 0.5, moreThan: true, source: 'Luật 2003 sửa đổi (chưa đối chiếu với Luật 2022)' },
    ],
  }),
  title({
    code: 'TTLDXS', name: 'Tập thể lao động xuất sắc', subjects: ['COLLECTIVE'], grantingLevels: PROVINCE_AND_UP, individualMultiplier: null, collectiveMultiplier: 1.5,
    precedence: 30, source: `${LAW}, Điều 27; ${DECREE}, Điều 54`,
    eligibility: [],
    collectiveEligibility: [
      { kind: 'TASK_RATING', atLeast: 'EXCELLENT', source: `${LAW}, Điều 27` },
      { kind: 'MEMBERS_WITH_TITLE', formCode: 'LDTT', share: 0.7, source: `${LAW}, Điều 27` },
      { kind: 'MEMBERS_WITH_TITLE', formCode: 'CSTDCS', minCount: 1, source: `${LAW}, Điều 27` },
    ],
  }),
  title({
    code: 'CO_TINH', name: 'Cờ thi đua cấp bộ, ban, ngành, tỉnh (kể cả Cờ thi đua của Tổng Liên đoàn)', subjects: ['COLLECTIVE'], grantingLevels: PROVINCE_AND_UP,
    individualMultiplier: null, collectiveMultiplier: 8.0, precedence: 50, source: `${LAW}, Điều 26; ${DECREE}, Điều 54`, verified: false,
    eligibility: [], collectiveEligibility: [{ kind: 'TASK_RATING', atLeast: 'EXCELLENT', source: `${LAW}, Điều 26` }],
  }),
  title({
    code: 'CO_CP', name: 'Cờ thi đua của Chính phủ', subjects: ['COLLECTIVE'], grantingLevels: ['NATIONAL'], individualMultiplier: null, collectiveMultiplier: 12.0,
    precedence: 70, source: `${LAW}, Điều 25; ${DECREE}, Điều 54`,
    eligibility: [], collectiveEligibility: [{ kind: 'TASK_RATING', atLeast: 'EXCELLENT', source: `${LAW}, Điều 25` }],
  }),
  {
    code: 'GIAY_KHEN', name: 'Giấy khen', kind: 'COMMENDATION', subjects: ['INDIVIDUAL', 'COLLECTIVE'], grantingLevels: ['UPPER_GRASSROOTS', 'GRASSROOTS'],
    individualMultiplier: 0.3, collectiveMultiplier: 0.6, precedence: 12, source: `${DECREE}, Điều 54`, verified: true, quota: null, eligibility: [], collectiveEligibility: [],
  },
  {
    code: 'BK_TINH', name: 'Bằng khen cấp bộ, ngành, tỉnh, đoàn thể trung ương (kể cả Bằng khen của Tổng Liên đoàn, LĐLĐ tỉnh)', kind: 'COMMENDATION',
    subjects: ['INDIVIDUAL', 'COLLECTIVE'], grantingLevels: PROVINCE_AND_UP, individualMultiplier: 1.5, collectiveMultiplier: 3.0, precedence: 35,
    source: `${DECREE}, Điều 54; ${UNION}`, verified: false, quota: null, eligibility: [], collectiveEligibility: [],
  },
  {
    code: 'BK_TTG', name: 'Bằng khen của Thủ tướng Chính phủ', kind: 'COMMENDATION', subjects: ['INDIVIDUAL', 'COLLECTIVE'], grantingLevels: ['NATIONAL'],
    individualMultiplier: 3.5, collectiveMultiplier: 7.0, precedence: 55, source: `${DECREE}, Điều 51`, verified: true, quota: null, eligibility: [], collectiveEligibility: [],
  },
  ...([['HCLD3', 'Huân chương Lao động hạng Ba', 4.5, 9, 75], ['HCLD2', 'Huân chương Lao động hạng Nhì', 7.5, 15, 80], ['HCLD1', 'Huân chương Lao động hạng Nhất', 9, 18, 85]] as const).map(
    ([code, name, individual, collective, precedence]): RewardForm => ({
      code, name, kind: 'COMMENDATION', subjects: ['INDIVIDUAL', 'COLLECTIVE'], grantingLevels: ['NATIONAL'], individualMultiplier: individual,
      collectiveMultiplier: collective, precedence, source: `${DECREE}, Điều 51`, verified: true, quota: null, eligibility: [], collectiveEligibility: [],
    }),
  ),
  {
    code: 'LAO_DONG_SANG_TAO', name: 'Bằng Lao động sáng tạo', kind: 'UNION_AWARD', subjects: ['INDIVIDUAL'], grantingLevels: ['NATIONAL'],
    individualMultiplier: null, collectiveMultiplier: null, precedence: 45, source: UNION, verified: false, quota: null, collectiveEligibility: [],
    eligibility: [
      { kind: 'DIRECT_WORKER', source: `${UNION} (quy định cũ, cần đối chiếu)` },
      { kind: 'NON_LEADER', source: `${UNION} (quy định cũ, cần đối chiếu)` },
      { kind: 'INITIATIVE_BENEFIT', singleMinVnd: 80_000_000, cumulativeMinVnd: 120_000_000, years: 3, source: `${UNION} (quy định cũ, cần đối chiếu)` },
    ],
  },
  {
    code: 'GIAI_NGUYEN_DUC_CANH', name: 'Giải thưởng Nguyễn Đức Cảnh', kind: 'UNION_AWARD', subjects: ['INDIVIDUAL'], grantingLevels: ['NATIONAL'],
    individualMultiplier: null, collectiveMultiplier: null, precedence: 65, source: UNION, verified: false, quota: null, collectiveEligibility: [],
    eligibility: [{ kind: 'DIRECT_WORKER', source: UNION }, { kind: 'ONCE_IN_LIFETIME', source: UNION }],
  },
];
