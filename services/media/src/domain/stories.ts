import { NATIONAL_SCOPE, hasRole, isWithinSubtree, type CampaignClosedV1, type CampaignLaunchedV1, type EventPayloads, type FieldProblem, type Identity, type RewardGrantedV1, type RewardRevokedV1 } from '@thidua/common';
import { unshowableCharacter } from './feed-text';
import { STORY_ACTION_NAMES, STORY_STATUS_NAMES, type StoryKind } from './story-kinds';

export type { StoryKind } from './story-kinds';
export type StoryStatus = 'CANDIDATE' | 'DRAFT' | 'IN_REVIEW' | 'PUBLISHED' | 'RETRACTED';
export type StoryAction = 'TAKE' | 'SUBMIT_FOR_REVIEW' | 'REQUEST_CHANGES' | 'PUBLISH' | 'RETRACT' | 'DISMISS';

/** The editorial workflow: candidate → draft → in review → published → retracted. */
export const WORKFLOW: Record<StoryAction, { from: StoryStatus[]; to: StoryStatus; needsNote: boolean }> = {
  TAKE: { from: ['CANDIDATE'], to: 'DRAFT', needsNote: false },
  SUBMIT_FOR_REVIEW: { from: ['DRAFT'], to: 'IN_REVIEW', needsNote: false },
  REQUEST_CHANGES: { from: ['IN_REVIEW'], to: 'DRAFT', needsNote: true },
  PUBLISH: { from: ['IN_REVIEW'], to: 'PUBLISHED', needsNote: false },
  RETRACT: { from: ['PUBLISHED'], to: 'RETRACTED', needsNote: true },
  /** A candidate nobody will write: kept, with the reason. */
  DISMISS: { from: ['CANDIDATE'], to: 'RETRACTED', needsNote: true },
};

/** Content changes while a story is a candidate or a draft; what is in review or published is frozen. */
export const EDITABLE: StoryStatus[] = ['CANDIDATE', 'DRAFT'];

export function transitionProblem(action: StoryAction, status: StoryStatus, note: string | null): string | null {
  const rule = WORKFLOW[action];
  if (!rule.from.includes(status)) return `Tin bài ở trạng thái «${STORY_STATUS_NAMES[status]}» không ${STORY_ACTION_NAMES[action]} được (chỉ được khi ở trạng thái ${rule.from.map((from) => `«${STORY_STATUS_NAMES[from]}»`).join(', ')})`;
  if (rule.needsNote && (note?.trim().length ?? 0) < 5) return `Muốn ${STORY_ACTION_NAMES[action]} cần nêu lý do (ít nhất 5 ký tự); lý do được lưu và hiển thị`;
  return null;
}

/** Subtree whose unpublished stories the caller may see and edit (editors and national admins), or null. */
export function editorialScope(identity: Identity): string | null {
  if (hasRole(identity, 'NATIONAL_ADMIN')) return NATIONAL_SCOPE;
  if (hasRole(identity, 'EDITOR')) return identity.unitPath;
  return null;
}

/**
 * Whether the caller gets a visible story whole (its body and the names of the people it is about): a published
 * story is public; a retracted one keeps only its title and reason, except for the editors of its subtree.
 */
export function showsWholeStory(identity: Identity, story: { status: StoryStatus; unitPath: string }): boolean {
  const editor = editorialScope(identity);
  return story.status !== 'RETRACTED' || isWithinSubtree(story.unitPath, editor);
}

function formatDate(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}

export interface CandidateContent {
  kind: StoryKind;
  title: string;
  summary: string;
}

/** The candidate an editor finds when a campaign is launched (phát động). */
export function campaignNewsCandidate(launched: CampaignLaunchedV1): CandidateContent {
  return {
    kind: 'CAMPAIGN_NEWS',
    title: `Phát động phong trào thi đua “${launched.title}”`,
    summary: `Phong trào diễn ra từ ${formatDate(launched.startsOn)} đến ${formatDate(launched.endsOn)}, với ${launched.targets.length} chỉ tiêu: ${launched.targets.map((t) => t.name).join('; ')}.`,
  };
}

/** The candidate for a closed (summarised) campaign: its summary story. */
export function campaignSummaryCandidate(closed: CampaignClosedV1): CandidateContent {
  return {
    kind: 'CAMPAIGN_SUMMARY',
    title: `Tổng kết phong trào thi đua “${closed.title}”`,
    summary: `Phong trào đã được tổng kết và kết thúc ngày ${formatDate(closed.closedAt)}.`,
  };
}

/** The exemplar candidate for a reward decision, which is attached to the story. */
export function exemplarCandidate(granted: RewardGrantedV1): CandidateContent {
  return {
    kind: granted.adHoc ? 'AD_HOC_ACHIEVEMENT' : 'EXEMPLAR',
    title: `${granted.subject.name}: ${granted.formName}`,
    summary: `${granted.reason} (Quyết định số ${granted.decisionNumber} ngày ${formatDate(granted.decidedOn)}).`,
  };
}

/** What a story about an annulled or revoked decision says of it, and why a candidate made from it was dismissed. */
export function revocationNote(revoked: Pick<RewardRevokedV1, 'kind' | 'decisionNumber' | 'revocationNumber' | 'revokedOn' | 'legalSource'>): string {
  const what = revoked.kind === 'ANNULLED' ? 'hủy bỏ' : 'thu hồi';
  return `Quyết định khen thưởng số ${revoked.decisionNumber} đã bị ${what} theo Quyết định số ${revoked.revocationNumber} ngày ${formatDate(revoked.revokedOn)} (${revoked.legalSource}).`;
}

export interface StoryDraft {
  title: string;
  summary: string | null;
  kind: StoryKind;
  tags: string[];
  body: string;
}

export function storyProblems(draft: StoryDraft): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (draft.title.trim().length < 5 || draft.title.length > 300) problems.push({ field: 'title', message: 'tiêu đề dài 5–300 ký tự' });
  if (draft.summary && draft.summary.length > 1000) problems.push({ field: 'summary', message: 'tóm tắt tối đa 1.000 ký tự' });
  if (draft.body.length > 200_000) problems.push({ field: 'body', message: 'nội dung tối đa 200.000 ký tự' });
  if (draft.tags.length > 20 || draft.tags.some((t) => !t.trim() || t.length > 50)) problems.push({ field: 'tags', message: 'tối đa 20 thẻ, mỗi thẻ 1–50 ký tự' });
  // tags are words readers file stories under (feed categories, where the feed library leaves `<` unescaped)
  const markup = draft.tags.find((t) => /[<>]/.test(t));
  if (markup) problems.push({ field: 'tags', message: `Nhãn «${markup}» có dấu < hoặc >: nhãn chỉ là từ khoá, hãy bỏ các dấu đó.` });
  const texts: [string, string, string | null][] = [['title', 'Tiêu đề', draft.title], ['summary', 'Tóm tắt', draft.summary], ...draft.tags.map((t): [string, string, string] => ['tags', 'Nhãn', t])];
  for (const [field, label, text] of texts) {
    const character = text === null ? null : unshowableCharacter(text);
    if (character) problems.push({ field, message: `${label} có ký tự không hiển thị được (${character}): xoá ký tự đó rồi lưu lại.` });
  }
  return problems;
}

/**
 * The candidate for a colleague's good deed or initiative a member proposed and the grassroots officer passed on: the
 * member's words and evidence, for an editor to check and write up.
 */
export function colleagueDeedCandidate(reported: EventPayloads['ColleagueDeedReported']): CandidateContent {
  const evidence = reported.evidence.map((item) => `- ${item.description}${item.url ? ` (${item.url})` : ''}`).join('\n');
  return {
    kind: reported.kind === 'GOOD_DEED' ? 'GOOD_DEED' : 'GOOD_PRACTICE',
    title: `${reported.kind === 'GOOD_DEED' ? 'Việc tốt' : 'Sáng kiến'} của ${reported.subject.name} (${formatDate(reported.occurredOn)})`,
    summary: `${reported.description}\n\nMinh chứng do đồng nghiệp nêu:\n${evidence}`,
  };
}
