import type { RewardForm } from '../domain/forms';

/**
 * The union's long-service medal, frozen with its migration (1732500366000): the threshold is data (a YEARS_IN_UNION
 * rule) that national admins change with `saveRewardForm`. The text read is the 2015 guidance under the 2014
 * regulation (20 years of union work, awarded around 28 July); Decision 999/QĐ-TLĐ (2024) was not read, so the form
 * is unverified. The guidance counts union work of officers and executive members (non-dedicated years weighted ×1.5,
 * ×2 in non-state enterprises); the platform counts years since joining the union and the officer confirms each name.
 */
const GUIDANCE = 'Hướng dẫn 149/HD-TLĐ ngày 04/02/2015 (Quy chế khen thưởng kèm Quyết định 1564/QĐ-TLĐ ngày 24/12/2014): đủ 20 năm công tác công đoàn, xét tặng dịp 28/7; Quyết định 999/QĐ-TLĐ ngày 29/5/2024 chưa đối chiếu';

export const LONG_SERVICE_MEDAL: RewardForm = {
  code: 'KNC_CONG_DOAN',
  name: 'Kỷ niệm chương “Vì sự nghiệp xây dựng tổ chức Công đoàn”',
  kind: 'UNION_AWARD',
  subjects: ['INDIVIDUAL'],
  grantingLevels: ['NATIONAL'],
  individualMultiplier: null,
  collectiveMultiplier: null,
  precedence: 8,
  eligibility: [
    { kind: 'YEARS_IN_UNION', years: 20, countedTo: '07-28', source: GUIDANCE },
    { kind: 'ONCE_IN_LIFETIME', source: 'Hướng dẫn 149/HD-TLĐ ngày 04/02/2015 (mỗi cá nhân được tặng một lần)' },
  ],
  collectiveEligibility: [],
  quota: null,
  source: GUIDANCE,
  verified: false,
};
