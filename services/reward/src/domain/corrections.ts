import { keptLength, shortDate } from '@thidua/common';
import type { CORRECTION_KINDS, FieldProblem, LEGAL_GROUND_CODES } from '@thidua/common';

/**
 * Corrections (issue 17): a nomination withdrawn by whoever proposed it, a dossier returned by the council for what it
 * lacks, and a decision annulled (hủy bỏ) or revoked (thu hồi) with a reason, its legal ground and the amount reclaimed.
 */

/**
 * ANNULLED (hủy bỏ): the decision is void on one of the grounds of the Law on Emulation and Commendation 2022, art. 93
 * cl. 2, and its items and cash are reclaimed. REVOKED (thu hồi): the issuer withdraws a decision issued in error (wrong
 * person, form or figures, a duplicate); what was paid by mistake is reclaimed as far as it was.
 */
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];

/** Points a–d of art. 93 cl. 2 (annulment), and a decision issued in error (revocation). */
export type LegalGround = (typeof LEGAL_GROUND_CODES)[number];

export interface LegalGroundRule {
  kind: CorrectionKind;
  /** The ground as the revoking decision cites it. */
  label: string;
  source: string;
  verified: boolean;
  /** True where the law reclaims the whole cash award (tiền thưởng bị thu hồi). */
  reclaimsAll: boolean;
}

const LAW_93 = 'Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 93 khoản 2';

export const LEGAL_GROUNDS: Record<LegalGround, LegalGroundRule> = {
  FALSE_DECLARATION: { kind: 'ANNULLED', label: 'Gian dối trong việc kê khai công trạng, thành tích', source: `${LAW_93} điểm a`, verified: true, reclaimsAll: true },
  FALSE_DOCUMENTS: { kind: 'ANNULLED', label: 'Cung cấp thông tin sai sự thật hoặc làm giả hồ sơ, giấy tờ đề nghị khen thưởng', source: `${LAW_93} điểm b`, verified: true, reclaimsAll: true },
  UNLAWFUL_APPRAISAL: { kind: 'ANNULLED', label: 'Thẩm định, xét, duyệt, đề nghị khen thưởng trái quy định của pháp luật', source: `${LAW_93} điểm c`, verified: true, reclaimsAll: true },
  LATER_FINDING: {
    kind: 'ANNULLED',
    label: 'Kết luận, quyết định, bản án của cơ quan có thẩm quyền cho thấy không bảo đảm tiêu chuẩn trong thời gian tính thành tích',
    source: `${LAW_93} điểm d`,
    verified: true,
    reclaimsAll: true,
  },
  ISSUED_IN_ERROR: {
    kind: 'REVOKED',
    label: 'Quyết định ban hành có sai sót (sai đối tượng, hình thức, số liệu hoặc trùng lặp)',
    source: 'Nghị định 30/2020/NĐ-CP về công tác văn thư (thu hồi văn bản ban hành sai sót); thủ tục hủy bỏ, thu hồi theo Nghị định 152/2025/NĐ-CP — điều khoản chưa đối chiếu',
    verified: false,
    reclaimsAll: false,
  },
};

export const CORRECTION_RULES = {
  minReason: 10,
  maxReason: 5000,
  source: `${LAW_93}; quy trình của nền tảng (issue 17)`,
} as const;

export interface RevocationRequest {
  kind: CorrectionKind;
  legalGround: LegalGround | null;
  reason: string;
  revokedOn: string;
  amountReclaimedVnd: number;
}

export interface RevokedDecisionFacts {
  decidedOn: string;
  amountVnd: number;
}

/**
 * What is wrong with a revocation, each problem on its field: the ground must belong to the kind (annulment needs one
 * of art. 93's grounds, revocation the error ground), the reason must say what happened, the day may not precede the
 * decision nor be in the future, and the amount reclaimed is between nothing and what was awarded — all of it when the
 * law reclaims the cash.
 */
export function revocationProblems(request: RevocationRequest, decision: RevokedDecisionFacts, today: string): FieldProblem[] {
  const problems = [...groundProblems(request.kind, request.legalGround), ...reasonProblems(request.reason)];
  const ground = request.legalGround ? LEGAL_GROUNDS[request.legalGround] : undefined;
  if (request.revokedOn > today) problems.push({ field: 'revokedOn', message: 'ngày hủy bỏ, thu hồi không thể ở tương lai' });
  if (request.revokedOn < decision.decidedOn) problems.push({ field: 'revokedOn', message: `ngày hủy bỏ, thu hồi không thể trước ngày quyết định khen thưởng (${shortDate(decision.decidedOn)})` });
  const amount = request.amountReclaimedVnd;
  if (!Number.isInteger(amount) || amount < 0 || amount > decision.amountVnd) {
    problems.push({ field: 'amountReclaimedVnd', message: `số tiền thu hồi từ 0 đến số tiền đã thưởng (${decision.amountVnd.toLocaleString('vi-VN')} đồng)` });
  } else if (ground?.reclaimsAll && amount !== decision.amountVnd) {
    problems.push({ field: 'amountReclaimedVnd', message: `${ground.source}: tiền thưởng bị thu hồi toàn bộ (${decision.amountVnd.toLocaleString('vi-VN')} đồng)` });
  }
  return problems;
}

/** The ground must be one of the kind's: annulment needs one of art. 93's grounds, revocation the error ground. */
function groundProblems(kind: CorrectionKind, legalGround: LegalGround | null): FieldProblem[] {
  const ground = legalGround ? LEGAL_GROUNDS[legalGround] : undefined;
  if (!ground) return [{ field: 'legalGround', message: 'chọn căn cứ pháp lý của việc hủy bỏ, thu hồi' }];
  if (ground.kind === kind) return [];
  return [{
    field: 'legalGround',
    message: kind === 'ANNULLED'
      ? `hủy bỏ quyết định chỉ theo một trong các trường hợp của ${LAW_93}; quyết định ban hành có sai sót thì thu hồi`
      : `thu hồi là cho quyết định ban hành có sai sót; các trường hợp của ${LAW_93} thì hủy bỏ quyết định`,
  }];
}

function reasonProblems(text: string): FieldProblem[] {
  const reason = keptLength(text);
  if (reason >= CORRECTION_RULES.minReason && reason <= CORRECTION_RULES.maxReason) return [];
  return [{ field: 'reason', message: `nêu rõ lý do (${CORRECTION_RULES.minReason}–${CORRECTION_RULES.maxReason.toLocaleString('vi-VN')} ký tự): việc gì, căn cứ văn bản nào` }];
}

/**
 * The union's request that an authority annul or revoke its decision (đề nghị hủy bỏ, thu hồi, decision 0048): the
 * level that sent the dossier to the authority asks it, by a tờ trình, on the same grounds as a revocation.
 */
export interface RevocationProposalInput {
  kind: CorrectionKind;
  legalGround: LegalGround | null;
  reason: string;
  /** The tờ trình's day; today by default. */
  proposedOn?: string | null;
  signerRole: string;
  signerName?: string | null;
}

/** What is wrong with such a request, each on its field: its ground and reason as for a revocation, its day between the decision's and today, and who signs. */
export function revocationProposalProblems(input: RevocationProposalInput, decidedOn: string, today: string): FieldProblem[] {
  const problems = [...groundProblems(input.kind, input.legalGround), ...reasonProblems(input.reason)];
  const day = input.proposedOn ?? today;
  if (day > today) problems.push({ field: 'proposedOn', message: 'ngày tờ trình không thể ở tương lai' });
  if (day < decidedOn) problems.push({ field: 'proposedOn', message: `ngày tờ trình không thể trước ngày quyết định khen thưởng (${shortDate(decidedOn)})` });
  const role = keptLength(input.signerRole);
  if (role < 3 || role > 120) problems.push({ field: 'signerRole', message: 'ghi chức vụ người ký tờ trình, ví dụ “Chủ tịch” (3–120 ký tự)' });
  const name = keptLength(input.signerName ?? '');
  if (name > 0 && (name < 3 || name > 120)) problems.push({ field: 'signerName', message: 'họ và tên người ký tờ trình (3–120 ký tự)' });
  return problems;
}

/** The statuses a nomination can be in: WITHDRAWN by its proposer, RETURNED by the council for what the dossier lacks, PROPOSED to the authority that decides it. */
export type CorrectableStatus = 'OPEN' | 'IN_COUNCIL' | 'GRANTED' | 'REFUSED' | 'WITHDRAWN' | 'RETURNED' | 'PROPOSED';

const STATUS_WORDS: Record<CorrectableStatus, string> = {
  OPEN: 'đang chờ xét',
  IN_COUNCIL: 'đang được Hội đồng xét',
  GRANTED: 'đã có quyết định khen thưởng (hủy bỏ hoặc thu hồi quyết định thay vì rút đề nghị)',
  REFUSED: 'đã bị Hội đồng không khen thưởng',
  WITHDRAWN: 'đã được rút',
  RETURNED: 'đã được trả lại để bổ sung hồ sơ',
  PROPOSED: 'đã được Hội đồng trình lên cấp có thẩm quyền (cấp trên trả lại hồ sơ trên đường trình, nếu cần)',
};

/** Why a nomination in this status cannot be withdrawn or returned (only one still before the council can), or null. */
export function correctionStatusProblem(status: CorrectableStatus): string | null {
  return status === 'OPEN' || status === 'IN_COUNCIL' ? null : `Đề nghị này ${STATUS_WORDS[status]}`;
}

/** A withdrawal or a return needs a reason the others read. */
export function correctionReasonProblems(reason: string, field = 'reason'): FieldProblem[] {
  const length = keptLength(reason);
  return length < CORRECTION_RULES.minReason || length > CORRECTION_RULES.maxReason
    ? [{ field, message: `nêu lý do (${CORRECTION_RULES.minReason}–${CORRECTION_RULES.maxReason.toLocaleString('vi-VN')} ký tự) để người đề nghị và Hội đồng đọc được` }]
    : [];
}
