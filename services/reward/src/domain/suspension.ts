import { shortDate, type ProceedingKind } from '@thidua/common';
import type { RuleFailure } from './rules';

/**
 * A proposal is suspended while discipline is being considered, an inspection runs or a complaint is being verified
 * about its subject. The principle is stated in Decree 98/2023 (replaced by Decree 152/2025, whose article we have not
 * read, hence unverified) and before it in Circular 08/2017/TT-BNV.
 */
export const SUSPENSION_RULE = {
  rule: 'PENDING_PROCEEDINGS',
  source:
    'Nghị định 98/2023/NĐ-CP, Điều 4 (chưa khen thưởng hoặc đề nghị cấp trên khen thưởng khi đang xem xét thi hành kỷ luật, điều tra, thanh tra, kiểm tra hoặc có đơn thư khiếu nại, tố cáo đang được xác minh); Nghị định 152/2025/NĐ-CP thay thế — điều khoản chưa đối chiếu',
  verified: false,
} as const;

export const PROCEEDING_WORDS: Record<ProceedingKind, string> = {
  DISCIPLINE: 'đang xem xét thi hành kỷ luật',
  INSPECTION: 'đang bị thanh tra, kiểm tra, điều tra',
  COMPLAINT: 'có đơn thư khiếu nại, tố cáo đang được xác minh',
};

/** The open cases of a subject, as reward's read model keeps them (ProceedingsChanged). */
export interface PendingCases {
  kinds: ProceedingKind[];
  /** The day the oldest open case was opened. */
  since: string;
}

/** Why a proposal for this subject cannot be decided now, or null when nothing is pending. */
export function suspensionFailure(pending: PendingCases | null, subjectName: string): RuleFailure | null {
  if (!pending || pending.kinds.length === 0) return null;
  const what = [...new Set(pending.kinds)].map((kind) => PROCEEDING_WORDS[kind]).join(', ');
  return {
    rule: SUSPENSION_RULE.rule,
    source: SUSPENSION_RULE.source,
    message: `Tạm dừng xét khen thưởng: ${subjectName} ${what} (từ ${shortDate(pending.since)}); xét tiếp khi cán bộ công đoàn ghi nhận đã kết thúc (${SUSPENSION_RULE.source})`,
  };
}
