import type { RewardForm } from '../domain/forms';

/**
 * Quotas and amounts of the union's forms, frozen with migration 1796140293361 (issue 16 item 9). Decision 999/QĐ-TLĐ
 * (2024) was not read: each figure cites the text it was taken from and stays unverified until checked against it;
 * national admins correct them with `saveRewardForm`, which keeps history.
 */
const DECREE_54 = 'Nghị định 152/2025/NĐ-CP, Điều 54 (Bằng khen của cơ quan trung ương của tổ chức chính trị - xã hội: 1,5 lần lương cơ sở cho cá nhân)';

/** Bằng Lao động sáng tạo is the national federation's certificate for initiatives: paid as its Bằng khen until the regulation says otherwise. */
export const CREATIVE_LABOUR_AMOUNT = {
  code: 'LAO_DONG_SANG_TAO',
  individualMultiplier: 1.5,
  source: `Quyết định 999/QĐ-TLĐ ngày 29/5/2024 của Tổng Liên đoàn; mức tiền thưởng theo ${DECREE_54}, chưa đối chiếu với Quy chế khen thưởng của tổ chức Công đoàn`,
  note: 'Mức tiền thưởng 1,5 lần lương cơ sở như Bằng khen của Tổng Liên đoàn (chưa đối chiếu Quyết định 999/QĐ-TLĐ)',
};

const THEMATIC_QUOTA_SOURCE =
  'Quyết định 2106/QĐ-TLĐ ngày 28/12/2017, Điều 15 khoản 4: không quá 300 Bằng khen một chuyên đề mỗi năm; Quyết định 999/QĐ-TLĐ ngày 29/5/2024 chưa đối chiếu';

/**
 * The federation's thematic certificate of merit (Bằng khen chuyên đề: "Xanh - Sạch - Đẹp, Bảo đảm an toàn vệ sinh lao
 * động", "Văn hóa Thể thao", "Giỏi việc nước, Đảm việc nhà"…), capped at 300 a theme a year. The catalogue has no
 * themes, so the cap is per granting unit and year: one theme's worth.
 */
export const THEMATIC_CERTIFICATE: RewardForm = {
  code: 'BK_TLD_CHUYEN_DE',
  name: 'Bằng khen chuyên đề của Tổng Liên đoàn Lao động Việt Nam',
  kind: 'COMMENDATION',
  subjects: ['INDIVIDUAL', 'COLLECTIVE'],
  grantingLevels: ['NATIONAL'],
  individualMultiplier: 1.5,
  collectiveMultiplier: 3.0,
  precedence: 34,
  eligibility: [],
  collectiveEligibility: [],
  quota: { kind: 'ABSOLUTE', max: 300, source: THEMATIC_QUOTA_SOURCE },
  source: `${THEMATIC_QUOTA_SOURCE}; ${DECREE_54}`,
  verified: false,
};
