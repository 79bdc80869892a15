import type { CouncilRule, TimeLimit } from '../domain/council';

/**
 * The council settings as first seeded (decision 0036). Frozen with their migration. The union's own council
 * regulation (Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng) was not read: the figures come from the law's
 * implementing decrees as quoted by official Q&A pages, hence `verified: false`.
 */
export const SEED_COUNCIL_RULES: CouncilRule[] = [
  {
    code: 'DEFAULT',
    formCodes: [],
    quorumShare: 2 / 3,
    majorityShare: 0.5,
    majorityStrict: true,
    minMembers: 3,
    source:
      'Hội đồng làm việc theo chế độ tập thể, biểu quyết theo đa số; kết luận chỉ có hiệu lực khi có ít nhất 2/3 số thành viên dự họp (quy chế Hội đồng Thi đua - Khen thưởng các bộ, ngành theo Nghị định 152/2025/NĐ-CP; quy chế Hội đồng của Tổng Liên đoàn chưa đối chiếu)',
    verified: false,
  },
  {
    code: 'CSTD_HIGHER',
    formCodes: ['CSTD_TINH', 'CSTD_TQ'],
    quorumShare: 2 / 3,
    majorityShare: 0.9,
    majorityStrict: false,
    minMembers: 3,
    source:
      'Chiến sĩ thi đua cấp bộ, ngành, tỉnh và toàn quốc: Hội đồng họp, bỏ phiếu kín, tỷ lệ phiếu đồng ý từ 90% trở lên tính trên tổng số thành viên Hội đồng (Nghị định 91/2017/NĐ-CP, Điều 45 khoản 8; quy định kế tiếp của Nghị định 98/2023 và 152/2025 chưa đối chiếu)',
    verified: false,
  },
];

export const SEED_AD_HOC_TIME_LIMIT: TimeLimit = {
  code: 'AD_HOC',
  days: 10,
  source: 'Khen thưởng đột xuất theo thủ tục đơn giản, kịp thời (Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP) — số ngày chưa đối chiếu với quy định khen thưởng của Tổng Liên đoàn',
  verified: false,
};
