import type { RewardForm } from '../domain/forms';
import type { DecidingAuthority } from '../domain/authority';

/**
 * Who decides each form of the catalogue, frozen with migration 1796149909107 (issue 17, "Who decides"). Later changes
 * are made by national admins with `saveRewardForm`, which keeps history. Articles of the Law on Emulation and
 * Commendation 2022 read through the `search` tool: art. 77 (the President) in a legal Q&A quoting it, art. 80 in the
 * Official Gazette's text; arts. 78 and 79 are cited from the law's order of articles and stay unverified.
 */
const LAW = 'Luật Thi đua, khen thưởng 06/2022/QH15';
const UNION = 'Quyết định 999/QĐ-TLĐ ngày 29/5/2024 (Quy chế khen thưởng của tổ chức Công đoàn), chưa đối chiếu';
const CENTRAL_HEAD = `${LAW}, Điều 79 (người đứng đầu cơ quan trung ương của tổ chức chính trị - xã hội: Chủ tịch Tổng Liên đoàn), chưa đối chiếu văn bản; ${UNION}`;

export interface SeededAuthority {
  code: string;
  authority: DecidingAuthority;
  source: string;
  verified: boolean;
}

const EMPLOYER_SOURCE = `${LAW}, Điều 80 khoản 4 (Tổng giám đốc, Giám đốc doanh nghiệp) và khoản 1 (Thủ trưởng cơ quan, đơn vị có tư cách pháp nhân)`;
const PRIME_MINISTER_SOURCE = `${LAW}, Điều 78 (Thủ tướng Chính phủ), chưa đối chiếu văn bản`;
const PRESIDENT_SOURCE = `${LAW}, Điều 77: Chủ tịch nước quyết định tặng huân chương, huy chương`;

export const SEED_AUTHORITIES: SeededAuthority[] = [
  ...['LDTT', 'CSTDCS', 'TTLDTT'].map((code) => ({ code, authority: 'EMPLOYER' as const, source: EMPLOYER_SOURCE, verified: true })),
  ...['TTLDXS', 'CSTD_TINH', 'CO_TINH', 'BK_TINH', 'BK_TLD_CHUYEN_DE'].map((code) => ({ code, authority: 'UNION' as const, source: CENTRAL_HEAD, verified: false })),
  { code: 'GIAY_KHEN', authority: 'UNION', source: `Giấy khen của công đoàn cấp trên trực tiếp cơ sở: ${UNION}; giấy khen của người sử dụng lao động là hình thức GIAY_KHEN_DN`, verified: false },
  ...['LAO_DONG_SANG_TAO', 'GIAI_NGUYEN_DUC_CANH', 'KNC_CONG_DOAN'].map((code) => ({ code, authority: 'UNION' as const, source: UNION, verified: false })),
  ...['CSTD_TQ', 'CO_CP', 'BK_TTG'].map((code) => ({ code, authority: 'PRIME_MINISTER' as const, source: PRIME_MINISTER_SOURCE, verified: false })),
  ...['HCLD3', 'HCLD2', 'HCLD1'].map((code) => ({ code, authority: 'PRESIDENT' as const, source: PRESIDENT_SOURCE, verified: true })),
];

/**
 * Forms decided outside the union may be proposed by the council of any level the subject belongs to: the level that
 * manages the person starts the dossier and each level above passes it on.
 */
export const PROPOSED_FROM_EVERY_LEVEL = ['CSTD_TQ', 'CO_CP', 'BK_TTG', 'HCLD3', 'HCLD2', 'HCLD1'];

/** The employer's own certificate (giấy khen), decided by the head of the enterprise or agency on the grassroots union's proposal. */
export const EMPLOYER_CERTIFICATE: RewardForm & { authority: DecidingAuthority } = {
  code: 'GIAY_KHEN_DN',
  name: 'Giấy khen của Thủ trưởng cơ quan, đơn vị, Giám đốc doanh nghiệp',
  kind: 'COMMENDATION',
  subjects: ['INDIVIDUAL', 'COLLECTIVE'],
  grantingLevels: ['GRASSROOTS'],
  individualMultiplier: 0.3,
  collectiveMultiplier: 0.6,
  precedence: 11,
  eligibility: [],
  collectiveEligibility: [],
  quota: null,
  source: `${EMPLOYER_SOURCE}; Nghị định 152/2025/NĐ-CP, Điều 54 (mức tiền thưởng giấy khen)`,
  verified: true,
  authority: 'EMPLOYER',
};
