import type { FieldProblem } from '@thidua/common';

/**
 * From colleagues: a member proposes a colleague's good deed (người tốt, việc tốt) or initiative with evidence; the
 * grassroots officer turns it into an ad-hoc nomination or a story candidate, or declines it with a reason the member
 * reads. Ad-hoc rewards are commendations for a sudden achievement (Luật Thi đua, khen thưởng 2022, Điều 8).
 */
export const COLLEAGUE_RULES = {
  /** Open proposals one member may have at a time: a member does not flood the officer's queue. */
  maxOpenPerProposer: 10,
  minEvidence: 1,
  maxEvidence: 5,
  source: 'Luật Thi đua, khen thưởng 06/2022/QH15, Điều 8 (khen thưởng đột xuất); issue 17',
} as const;

export type ColleagueDeedKind = 'GOOD_DEED' | 'INITIATIVE';
export type ColleagueProposalStatus = 'SUBMITTED' | 'NOMINATED' | 'FORWARDED_TO_MEDIA' | 'DECLINED';

export interface EvidenceItem {
  description: string;
  url?: string | null;
}

function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** A proposal someone can act on: what happened, when (not in the future), and evidence to check it by. */
export function proposalProblems(input: { occurredOn: string; description: string; evidence: EvidenceItem[] }, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const description = input.description.trim().length;
  if (description < 20 || description > 4000) problems.push({ field: 'description', message: 'kể việc làm của đồng nghiệp trong 20–4.000 ký tự: việc gì, ở đâu, kết quả ra sao' });
  if (input.occurredOn > today) problems.push({ field: 'occurredOn', message: 'ngày diễn ra không thể ở tương lai' });
  if (input.occurredOn < '2000-01-01') problems.push({ field: 'occurredOn', message: 'ngày diễn ra không hợp lệ' });
  if (input.evidence.length < COLLEAGUE_RULES.minEvidence || input.evidence.length > COLLEAGUE_RULES.maxEvidence) {
    problems.push({ field: 'evidence', message: `nêu từ ${COLLEAGUE_RULES.minEvidence} đến ${COLLEAGUE_RULES.maxEvidence} minh chứng (người chứng kiến, ảnh, biên bản…)` });
  }
  input.evidence.forEach((item, index) => {
    const length = item.description.trim().length;
    if (length < 5 || length > 500) problems.push({ field: `evidence.${index}.description`, message: 'mô tả minh chứng dài 5–500 ký tự' });
    if (item.url && (item.url.length > 2000 || !isWebLink(item.url))) problems.push({ field: `evidence.${index}.url`, message: 'đường dẫn phải bắt đầu bằng http:// hoặc https://' });
  });
  return problems;
}

/** A decline the member can understand: a sentence or more. */
export function declineProblems(reason: string): FieldProblem[] {
  const length = reason.trim().length;
  return length < 10 || length > 1000 ? [{ field: 'reason', message: 'ghi lý do (10–1.000 ký tự); người đề xuất sẽ đọc lý do này' }] : [];
}

/** Only a proposal still waiting is handled, once. */
export function handledProblem(status: ColleagueProposalStatus): string | null {
  const done: Record<Exclude<ColleagueProposalStatus, 'SUBMITTED'>, string> = {
    NOMINATED: 'đã được chuyển thành đề nghị khen thưởng',
    FORWARDED_TO_MEDIA: 'đã được chuyển cho ban biên tập',
    DECLINED: 'đã được trả lời',
  };
  return status === 'SUBMITTED' ? null : `Đề xuất này ${done[status]}; mỗi đề xuất chỉ xử lý một lần`;
}
