import type { CampaignCategory, CampaignStatus, FieldProblem, OrganisationType, TargetDirection } from '@thidua/common';
import { targetProblems, type ProposedTarget } from './targets';

export type { CampaignStatus, TargetAggregation } from '@thidua/common';
export type ReportingCadence = 'WEEKLY' | 'MONTHLY' | 'QUARTERLY' | 'YEARLY';

export interface CampaignDraft {
  title: string;
  goal: string | null;
  content: string | null;
  participants: string | null;
  organisingMeasures: string | null;
  category: CampaignCategory;
  scopeOrganisationTypes: OrganisationType[];
  scopeOccupationCodes: string[];
  targets: ProposedTarget[];
  startsOn: string | null;
  endsOn: string | null;
  reportingCadence: ReportingCadence;
}

/** The lifecycle: draft → launched → in progress → summarising → closed. */
export const ALLOWED_TRANSITIONS: Record<CampaignStatus, CampaignStatus[]> = {
  DRAFT: ['LAUNCHED'],
  LAUNCHED: ['IN_PROGRESS', 'SUMMARISING'],
  IN_PROGRESS: ['SUMMARISING'],
  SUMMARISING: ['CLOSED'],
  CLOSED: [],
};

export function canTransition(from: CampaignStatus, to: CampaignStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/**
 * The step to take first on the way from one status to a later one (closing a movement in progress goes through
 * summarising), or null when the lifecycle never gets there: what a refusal tells the officer to do.
 */
export function firstStepTowards(from: CampaignStatus, to: CampaignStatus): CampaignStatus | null {
  const stepsTo = (status: CampaignStatus): number =>
    status === to ? 0 : 1 + Math.min(Infinity, ...ALLOWED_TRANSITIONS[status].map(stepsTo));
  const candidates = ALLOWED_TRANSITIONS[from].filter((status) => stepsTo(status) < Infinity);
  return candidates.sort((a, b) => stepsTo(a) - stepsTo(b))[0] ?? null;
}

const WEIGHT_TOLERANCE = 0.001;

/** Rules every draft obeys, complete or not: what is stated must be specific and measurable. */
export function draftProblems(draft: CampaignDraft): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const title = draft.title.trim();
  if (title.length === 0 || title.length > 300) problems.push({ field: 'title', message: 'Tên phong trào dài từ 1 đến 300 ký tự.' });
  draft.targets.forEach((target, i) => problems.push(...targetProblems(target, `targets.${i}`)));
  if (draft.startsOn && draft.endsOn && draft.startsOn > draft.endsOn) {
    problems.push({ field: 'endsOn', message: 'Ngày kết thúc không được trước ngày bắt đầu.' });
  }
  return problems;
}

/**
 * What a draft lacks before it can be launched (phát động): a goal, a scope, at least one measurable target
 * whose weights sum to 100, and a period that has not ended.
 */
export function launchProblems(draft: CampaignDraft, today: string): FieldProblem[] {
  const problems = draftProblems(draft);
  if (!draft.goal?.trim()) problems.push({ field: 'goal', message: 'Nêu mục tiêu của phong trào trước khi phát động.' });
  if (draft.targets.length === 0) problems.push({ field: 'targets', message: 'Phong trào cần ít nhất một chỉ tiêu đo lường được trước khi phát động.' });
  const totalWeight = draft.targets.reduce((sum, t) => sum + t.weight, 0);
  if (draft.targets.length > 0 && Math.abs(totalWeight - 100) > WEIGHT_TOLERANCE) {
    problems.push({ field: 'targets', message: `Tổng trọng số các chỉ tiêu phải bằng 100, hiện là ${totalWeight}.` });
  }
  if (!draft.startsOn) problems.push({ field: 'startsOn', message: 'Chọn ngày bắt đầu trước khi phát động.' });
  if (!draft.endsOn) problems.push({ field: 'endsOn', message: 'Chọn ngày kết thúc trước khi phát động.' });
  else if (draft.endsOn < today) problems.push({ field: 'endsOn', message: 'Thời gian phong trào đã kết thúc: chọn ngày kết thúc từ hôm nay trở đi.' });
  return problems;
}

/** Statuses in which units and members enrol and report progress. */
export const RUNNING_STATUSES: CampaignStatus[] = ['LAUNCHED', 'IN_PROGRESS'];

export interface TargetResultDraft {
  targetId: string;
  achievedValue: number;
  comment: string | null;
}

export interface ExemplarDraft {
  name: string;
  achievement: string;
  memberId: string | null;
  unitId: string | null;
}

export interface SummaryDraft {
  results: TargetResultDraft[];
  lessons: string;
  exemplars: ExemplarDraft[];
}

/**
 * A summary (tổng kết) states the result against every target, the lessons learned and the exemplars found
 * ("no exemplars" is an empty list, stated on purpose).
 */
export function summaryProblems(summary: SummaryDraft, targets: { id: string; name: string }[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const given = new Set(summary.results.map((r) => r.targetId));
  const targetIds = targets.map((t) => t.id);
  targets.forEach((target) => {
    if (!given.has(target.id)) problems.push({ field: 'results', message: `Chưa có kết quả đạt được của chỉ tiêu “${target.name}”` });
  });
  summary.results.forEach((result, i) => {
    if (!targetIds.includes(result.targetId)) problems.push({ field: `results.${i}.targetId`, message: 'Chỉ tiêu này không thuộc phong trào' });
    if (!Number.isFinite(result.achievedValue)) problems.push({ field: `results.${i}.achievedValue`, message: 'Kết quả đạt được phải là một số' });
  });
  if (given.size !== summary.results.length) problems.push({ field: 'results', message: 'Mỗi chỉ tiêu chỉ ghi kết quả một lần' });
  if (summary.lessons.trim().length < 10) problems.push({ field: 'lessons', message: 'Nêu bài học kinh nghiệm (ít nhất 10 ký tự)' });
  summary.exemplars.forEach((exemplar, i) => {
    if (!exemplar.name.trim()) problems.push({ field: `exemplars.${i}.name`, message: 'Ghi tên điển hình tiên tiến' });
    if (!exemplar.achievement.trim()) problems.push({ field: `exemplars.${i}.achievement`, message: 'Nêu thành tích của điển hình tiên tiến' });
  });
  return problems;
}

/** Whether an achieved value meets a target, in the target's direction. */
export function meets(direction: TargetDirection, achieved: number, target: number): boolean {
  return direction === 'HIGHER_IS_BETTER' ? achieved >= target : achieved <= target;
}

/** Overdue: past its end date and still not summarised (the level above sees these). */
export function isSummaryOverdue(status: CampaignStatus, endsOn: string | null, hasSummary: boolean, today: string): boolean {
  return !hasSummary && endsOn !== null && endsOn < today && status !== 'DRAFT' && status !== 'CLOSED';
}
