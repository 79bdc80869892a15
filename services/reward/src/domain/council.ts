import { shortDate, type FieldProblem, type UnitLevel } from '@thidua/common';
import type { CouncilRule } from './council-rule';
import type { FormKind } from './forms';
import type { InitiativeReach } from './rules';

/**
 * How a council (Hội đồng Thi đua - Khen thưởng) reaches an outcome: in a meeting with its quorum present, by the
 * majority its regulation sets, each member voting only where they have no conflict of interest. The figures are data
 * (council_rules, decision 0036); these functions read them.
 */

export type { CouncilPosition } from './reward-names';
export type { CouncilRule } from './council-rule';

/** A time limit of the regulation, in calendar days. */
export interface TimeLimit {
  code: string;
  days: number;
  source: string;
  verified: boolean;
}

/** The rule for a form: the one naming it, else the default. */
export function councilRuleFor(rules: readonly CouncilRule[], formCode: string): CouncilRule {
  const rule = rules.find((r) => r.formCodes.includes(formCode)) ?? rules.find((r) => r.formCodes.length === 0);
  if (!rule) throw new Error('council_rules has no default rule');
  return rule;
}

// shares are stored to four decimals (2/3 = 0.6667): a tolerance keeps 2/3 of 3 at 2, not 3
const EPSILON = 1e-3;

export function quorumNeeded(rule: CouncilRule, members: number): number {
  return Math.max(1, Math.ceil(rule.quorumShare * members - EPSILON));
}

export function majorityNeeded(rule: CouncilRule, voters: number): number {
  const exact = rule.majorityShare * voters;
  return rule.majorityStrict ? Math.floor(exact + EPSILON) + 1 : Math.max(1, Math.ceil(exact - EPSILON));
}

/** What a meeting shows about one nomination: who was a member, who came, who could vote, how they voted. */
export interface MeetingTally {
  heldOn: string;
  /** Members of the council when the meeting opened. */
  members: number;
  present: number;
  /** Members who may not vote on this nomination (conflicts of interest). */
  conflicted: number;
  votesFor: number;
  votesAgainst: number;
  abstentions: number;
}

export type CouncilRuleKind = 'NO_MEETING' | 'COUNCIL_SIZE' | 'QUORUM' | 'MAJORITY';

export interface CouncilOutcome {
  passed: boolean;
  /** The rule that was not met; null when passed. */
  rule: CouncilRuleKind | null;
  source: string;
  message: string;
  quorumNeeded: number | null;
  majorityNeeded: number | null;
}

/**
 * Whether the council passed a nomination: a meeting considered it, the council has its minimum size, the quorum was
 * present, and the votes for reach the majority of the members entitled to vote (members less those conflicted).
 */
export function councilOutcome(rule: CouncilRule, tally: MeetingTally | null): CouncilOutcome {
  const base = { source: rule.source, quorumNeeded: null, majorityNeeded: null };
  if (!tally) {
    return { ...base, passed: false, rule: 'NO_MEETING', message: 'Hội đồng chưa biểu quyết đề nghị này trong một phiên họp; hãy mở phiên họp, ghi danh sách dự họp và biểu quyết' };
  }
  const when = `phiên họp ngày ${shortDate(tally.heldOn)}`;
  if (tally.members < rule.minMembers) {
    return { ...base, passed: false, rule: 'COUNCIL_SIZE', message: `Hội đồng cần ít nhất ${rule.minMembers} thành viên để biểu quyết (${when} có ${tally.members}); một phiếu không quyết định thay Hội đồng (${rule.source})` };
  }
  const quorum = quorumNeeded(rule, tally.members);
  const voters = tally.members - tally.conflicted;
  const majority = majorityNeeded(rule, voters);
  const counts = { ...base, quorumNeeded: quorum, majorityNeeded: majority };
  if (tally.present < quorum) {
    return { ...counts, passed: false, rule: 'QUORUM', message: `${when} không đủ số thành viên dự họp: ${tally.present}/${tally.members}, cần ít nhất ${quorum} (${Math.round(rule.quorumShare * 100)}% số thành viên) (${rule.source})` };
  }
  if (tally.votesFor < majority) {
    const share = `${rule.majorityStrict ? 'quá' : 'từ'} ${Math.round(rule.majorityShare * 100)}%`;
    return {
      ...counts,
      passed: false,
      rule: 'MAJORITY',
      message: `Chưa đủ số phiếu tán thành tại ${when}: ${tally.votesFor} tán thành, ${tally.votesAgainst} không tán thành, ${tally.abstentions} không biểu quyết; cần ${majority} phiếu (${share} của ${voters} thành viên được biểu quyết) (${rule.source})`,
    };
  }
  return { ...counts, passed: true, rule: null, message: `Được thông qua tại ${when}: ${tally.votesFor}/${voters} thành viên tán thành (cần ${majority})` };
}

/** The code of the rule for every form no other rule names. */
export const DEFAULT_COUNCIL_RULE = 'DEFAULT';

/**
 * What a national admin may save as a council rule: shares between 0 and 1, a council of at least two (a single vote
 * never decides), the default for no form in particular and every other rule for some, and the source in words.
 */
export function councilRuleProblems(rule: CouncilRule): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!/^[A-Z][A-Z0-9_]{1,39}$/.test(rule.code)) problems.push({ field: 'code', message: 'mã quy định gồm chữ in hoa, chữ số và dấu gạch dưới (2–40 ký tự), ví dụ CSTD_HIGHER' });
  if (rule.code === DEFAULT_COUNCIL_RULE && rule.formCodes.length > 0) problems.push({ field: 'formCodes', message: 'quy định chung áp dụng cho mọi hình thức khác: không chọn hình thức nào' });
  if (rule.code !== DEFAULT_COUNCIL_RULE && rule.formCodes.length === 0) problems.push({ field: 'formCodes', message: 'chọn ít nhất một hình thức áp dụng quy định này' });
  for (const [field, value, what] of [['quorumShare', rule.quorumShare, 'số thành viên dự họp'], ['majorityShare', rule.majorityShare, 'số phiếu tán thành']] as const) {
    if (!(value > 0 && value <= 1)) problems.push({ field, message: `tỷ lệ ${what} phải lớn hơn 0 và không quá 100% (ví dụ 66,67% cho 2/3)` });
  }
  if (!Number.isInteger(rule.minMembers) || rule.minMembers < 2 || rule.minMembers > 99) problems.push({ field: 'minMembers', message: 'Hội đồng có ít nhất 2 thành viên để biểu quyết (một phiếu không quyết định thay Hội đồng), tối đa 99' });
  const source = rule.source.trim().length;
  if (source < 10 || source > 500) problems.push({ field: 'source', message: 'dẫn văn bản quy định tỷ lệ này (điều, khoản; 10–500 ký tự)' });
  return problems;
}

/** What a national admin may save as the days for an ad-hoc reward: whole days from 1 to 60, with their source. */
export function timeLimitProblems(limit: { days: number; source: string }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!Number.isInteger(limit.days) || limit.days < 1 || limit.days > 60) problems.push({ field: 'days', message: 'số ngày là số nguyên từ 1 đến 60' });
  const source = limit.source.trim().length;
  if (source < 10 || source > 500) problems.push({ field: 'source', message: 'dẫn văn bản quy định thời hạn này (điều, khoản; 10–500 ký tự)' });
  return problems;
}

/**
 * Whether the council concluded not to reward: a vote in a meeting with its quorum that did not reach the majority.
 * Returns why a refusal cannot be recorded yet (no vote, no quorum, too small a council, or the vote passed), or null.
 */
export function refusalProblem(outcome: CouncilOutcome): string | null {
  if (outcome.passed) return `Hội đồng đã thông qua đề nghị này (${outcome.message}); không ghi không khen thưởng trái với kết quả biểu quyết`;
  if (outcome.rule === 'MAJORITY') return null;
  return `Hội đồng chưa kết luận không khen thưởng: ${outcome.message}; chỉ khen thưởng đột xuất mới không cần biểu quyết`;
}

/** A member's seat, as far as conflicts of interest go. */
export interface SeatForConflicts {
  memberId: string | null;
  /** The unit the member comes from (đơn vị công tác). */
  homeUnitPath: string | null;
  relatives: readonly { memberId: string; relation: string }[];
}

/** The nomination's subject, as far as conflicts of interest go. */
export interface ConflictSubject {
  memberId: string | null;
  /** The subject's unit; for a collective, the collective itself. */
  unitPath: string;
}

export const CONFLICT_RULE = {
  source: 'Luật Phòng, chống tham nhũng 2018, Điều 23 (kiểm soát xung đột lợi ích); Luật Thi đua, khen thưởng 2022, Điều 6 (công khai, minh bạch, công bằng) — điều khoản chưa đối chiếu',
  verified: false,
} as const;

/** Why this member may not vote on (or assess) this subject, or null. */
export function conflictOf(seat: SeatForConflicts, subject: ConflictSubject): string | null {
  if (seat.memberId !== null && seat.memberId === subject.memberId) return 'bạn là người được đề nghị';
  if (subject.memberId === null && seat.homeUnitPath !== null && seat.homeUnitPath.startsWith(subject.unitPath)) return 'tập thể được đề nghị là đơn vị của bạn';
  const relative = subject.memberId === null ? undefined : seat.relatives.find((r) => r.memberId === subject.memberId);
  return relative ? `người được đề nghị là ${relative.relation} của bạn (đã khai báo)` : null;
}

/** Ad-hoc and movement-based (thematic) rewards are not the basis of a higher merit title. */
export const MERIT_BASIS_RULE = {
  source: 'Luật Thi đua, khen thưởng 2022, Điều 8: khen thưởng đột xuất, khen thưởng theo đợt, chuyên đề không làm căn cứ đề nghị khen thưởng cấp cao hơn theo công trạng — khoản chưa đối chiếu',
  verified: false,
} as const;

export function countsAsMeritBasis(decision: { adHoc: boolean; campaignId: string | null }): boolean {
  return !decision.adHoc && decision.campaignId === null;
}

/** A movement rewards with commendations; yearly emulation titles are not a movement's reward. */
export const MOVEMENT_REWARD_RULE = {
  source: 'Luật Thi đua, khen thưởng 2022, Điều 8 (khen thưởng theo đợt, chuyên đề) và Điều 20 (danh hiệu thi đua xét tặng hằng năm) — khoản chưa đối chiếu',
  verified: false,
} as const;

/** Why this form cannot be a movement's reward, or null. */
export function movementRewardProblem(form: { name: string; kind: FormKind }): string | null {
  return form.kind === 'EMULATION_TITLE'
    ? `${form.name} là danh hiệu thi đua, xét tặng hằng năm; phong trào thi đua khen thưởng bằng giấy khen, bằng khen (${MOVEMENT_REWARD_RULE.source})`
    : null;
}

/** Which level's council recognises an initiative's reach: the unit's for the unit, the province's or sector's, the national federation's. */
export const REACH_LEVELS: Record<InitiativeReach, readonly UnitLevel[]> = {
  UNIT: ['GRASSROOTS', 'UPPER_GRASSROOTS'],
  PROVINCE: ['PROVINCIAL', 'SECTOR'],
  NATIONAL: ['NATIONAL'],
};

export const REACH_RULE = {
  source:
    'Luật Thi đua, khen thưởng 2022, Điều 21–23 (sáng kiến được cơ sở công nhận; phạm vi ảnh hưởng cấp tỉnh, toàn quốc); mức độ ảnh hưởng do Hội đồng cấp bộ, ngành, tỉnh xem xét, công nhận (Nghị định 121/2005/NĐ-CP, Điều 15 khoản 2; quy định kế tiếp chưa đối chiếu)',
  verified: false,
} as const;

/** Who recognises the reach: the caller acts for this unit's council (its officer or a council member). */
export interface Recogniser {
  /** The caller's own unit; null for a national admin without one. */
  unitPath: string | null;
  nationalAdmin: boolean;
}

/**
 * Why the caller cannot recognise this reach, or null. `recognisingUnit` is the author's unit at the reach's level
 * (null when the author has none such above them).
 */
export function reachRecognitionProblem(reach: InitiativeReach, recognisingUnit: { path: string; name: string } | null, caller: Recogniser): string | null {
  if (!recognisingUnit) return `Tác giả không thuộc đơn vị cấp nào có thể công nhận phạm vi ${REACH_WORDS[reach]} (${REACH_RULE.source})`;
  if (caller.unitPath === recognisingUnit.path || (reach === 'NATIONAL' && caller.nationalAdmin)) return null;
  return `Phạm vi ảnh hưởng ${REACH_WORDS[reach]} do Hội đồng của ${recognisingUnit.name} công nhận, không do cán bộ cấp khác công bố (${REACH_RULE.source})`;
}

const REACH_WORDS: Record<InitiativeReach, string> = { UNIT: 'cấp cơ sở', PROVINCE: 'cấp tỉnh, ngành', NATIONAL: 'toàn quốc' };
