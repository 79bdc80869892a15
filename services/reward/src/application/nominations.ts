import { ConflictError, ForbiddenError, NotFoundError, ValidationError, decodeCursor, foldVietnameseSql, foldedContainsPattern, hasRole, isOfficerOver, isUuid, isWithinSubtree, officerScope, pageSize, parseId, queryRows, requireAuthenticated, rowById, toConnection, todayInVietnam, visibleRowById, type Connection, type EventEnvelope, type FieldProblem, type Identity, type NewEvent, type PageRequest, type Queryable, type TransactionScope } from '@thidua/common';
import type { EntityManager } from 'typeorm';
import type { TaskRating } from '../domain/rules';
import { NOMINATION_SELECT, type NominationRow, type NominationSource, type Subject, type UnitRef } from '../entities';
import { formFitProblems } from '../domain/forms';
import { movementRewardProblem, refusalProblem } from '../domain/council';
import { loadForm } from './catalogue';
import { employerCouncilRefusal, routeProposal } from './councils';
import { adHocDeadline, meetingForVote, nominationOutcome } from './council-meetings';
import { registrationFailureOf } from './registrations';
import type { RewardContext } from './context';
import { findSubject, findUnit, honourOf, requireSubject, requireUnit } from './subjects';

/** Council members (Hội đồng thi đua khen thưởng) decide at their own unit's level, not below it. */
export function isCouncilOf(identity: Identity, grantingUnitPath: string): boolean {
  return hasRole(identity, 'COUNCIL_MEMBER') && identity.unitPath === grantingUnitPath;
}

export function canSeeNomination(identity: Identity, nomination: NominationRow): boolean {
  return isCouncilOf(identity, nomination.grantingUnitPath) || isOfficerOver(identity, nomination.unitPath) || isOfficerOver(identity, nomination.grantingUnitPath);
}

/** Officers see nominations about their subtree; council members see those before their council. */
/** `search` finds nominations by the name of the person or collective proposed, with or without diacritics. */
export async function nominations(ctx: RewardContext, filter: { status: string | null; source: string | null; search?: string | null }, page: PageRequest): Promise<Connection<NominationRow>> {
  requireAuthenticated(ctx.identity);
  if (!hasRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER', 'COUNCIL_MEMBER')) throw new ForbiddenError('Đề nghị khen thưởng dành cho cán bộ công đoàn và thành viên Hội đồng thi đua, khen thưởng');
  const officerPath = officerScope(ctx.identity);
  const councilPath = hasRole(ctx.identity, 'COUNCIL_MEMBER') ? ctx.identity.unitPath : null;
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const rows = await queryRows<NominationRow & { cursorTime: string }>(ctx.db,
    `${NOMINATION_SELECT}
      WHERE (unit_path LIKE $1 || '%' OR granting_unit_path = $2)
        AND ($3::text IS NULL OR status = $3) AND ($4::text IS NULL OR source = $4)
        AND ($6::timestamptz IS NULL OR (created_at, id) < ($6::timestamptz, $7::uuid))
        AND ($8::text IS NULL OR ${foldVietnameseSql('subject_name')} LIKE $8)
      ORDER BY created_at DESC, id DESC LIMIT $5`,
    [officerPath ?? '/nowhere/', councilPath, filter.status, filter.source, limit + 1, after?.[0] ?? null, after?.[1] ?? null, foldedContainsPattern(filter.search)],
  );
  return toConnection(rows, limit, (row) => [row.cursorTime, row.id]);
}

export const loadNomination = (db: Queryable, id: string, forUpdate = false) => rowById<NominationRow>(db, NOMINATION_SELECT, id, { forUpdate });

export function visibleNomination(ctx: RewardContext, id: string): Promise<NominationRow | null> {
  requireAuthenticated(ctx.identity);
  return visibleRowById<NominationRow>(ctx.db, ctx.identity, NOMINATION_SELECT, id, canSeeNomination);
}

/** A nomination the caller sits in council on, locked for the rest of the transaction; NOT_FOUND hides the others. */
export async function nominationBeforeCouncil(ctx: RewardContext, manager: EntityManager, id: string): Promise<NominationRow> {
  requireAuthenticated(ctx.identity);
  const nomination = await loadNomination(manager, parseId('nominationId', id), true);
  if (!nomination || !canSeeNomination(ctx.identity, nomination)) throw new NotFoundError('Nomination', id);
  if (!isCouncilOf(ctx.identity, nomination.grantingUnitPath)) {
    throw new ForbiddenError('Chỉ thành viên Hội đồng thi đua, khen thưởng của đơn vị xét tặng mới quyết định đề nghị này', { grantingUnitPath: nomination.grantingUnitPath });
  }
  if (nomination.status === 'GRANTED' || nomination.status === 'REFUSED') {
    throw new ConflictError(`Đề nghị này đã ${nomination.status === 'GRANTED' ? 'được khen thưởng' : 'bị từ chối'}; không quyết định hai lần`);
  }
  if (nomination.status === 'PROPOSED') throw new ConflictError('Hội đồng đã trình đề nghị này lên cấp có thẩm quyền; hồ sơ đang trên đường trình', { status: nomination.status });
  if (nomination.status === 'WITHDRAWN' || nomination.status === 'RETURNED') {
    throw new ConflictError(`Đề nghị này đã được ${nomination.status === 'WITHDRAWN' ? 'rút' : 'trả lại để bổ sung hồ sơ'}: Hội đồng không xét nữa (${nomination.correctionReason ?? ''})`, { status: nomination.status });
  }
  return nomination;
}

export interface NominateInput {
  source: NominationSource;
  memberId?: string | null;
  unitId?: string | null;
  grantingUnitId: string;
  formCode?: string | null;
  campaignId?: string | null;
  taskRating?: TaskRating | null;
  achievedOn: string;
  awardYear?: number | null;
  reason: string;
}

interface NewNomination {
  source: NominationSource;
  subject: Subject;
  grantingUnit: UnitRef;
  formCode: string | null;
  campaignId: string | null;
  taskRating: TaskRating | null;
  achievedOn: string;
  awardYear: number;
  resultRank: number | null;
  /** The publication of results the nomination comes from (RESULTS only). */
  publication?: { version: number; score: number };
  reason: string;
  sourceEventId: string | null;
  createdBy: string;
}

/** Inserts a nomination and its NominationCreated event; null when the same source already nominated (idempotent). */
export async function insertNomination({ manager, emit }: TransactionScope, nomination: NewNomination): Promise<string | null> {
  const { subject, grantingUnit } = nomination;
  const conflictTarget = nomination.source === 'RESULTS'
    ? `ON CONFLICT (campaign_id, coalesce(member_id, unit_id), form_code) WHERE source = 'RESULTS' DO NOTHING`
    : nomination.sourceEventId ? 'ON CONFLICT (source_event_id) DO NOTHING' : '';
  const [inserted] = await queryRows<{ id: string }>(manager,
    `INSERT INTO nominations (source, status, member_id, unit_id, unit_path, subject_name, is_direct_production_worker, holds_leadership_post,
                              occupation_code, province_code, campaign_id, form_code, granting_unit_id, granting_unit_path, granting_level, task_rating,
                              achieved_on, award_year, result_rank, reason, source_event_id, created_by, publication_version, result_score)
     VALUES ($1, 'OPEN', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23) ${conflictTarget} RETURNING id`,
    [nomination.source, subject.memberId, subject.unitId, subject.unitPath, subject.name, subject.isDirectProductionWorker, subject.holdsLeadershipPost,
      subject.occupationCode, subject.provinceCode, nomination.campaignId, nomination.formCode, grantingUnit.id, grantingUnit.path, grantingUnit.level,
      nomination.taskRating, nomination.achievedOn, nomination.awardYear, nomination.resultRank, nomination.reason,
      // one ResultsPublished opens many nominations: they are kept unique by campaign and subject instead
      nomination.source === 'RESULTS' ? null : nomination.sourceEventId, nomination.createdBy, nomination.publication?.version ?? null, nomination.publication?.score ?? null],
  );
  if (!inserted) return null;
  // the day notification chases an ad-hoc nomination by is the one the dashboard counts by: the regulation's days
  const deadline = nomination.source === 'AD_HOC' ? await adHocDeadline(manager, nomination.achievedOn) : null;
  await emit({
    type: 'NominationCreated',
    aggregateId: inserted.id,
    unitPath: subject.unitPath,
    payload: {
      nominationId: inserted.id,
      source: nomination.source,
      subject: honourOf(subject),
      campaignId: nomination.campaignId,
      sourceEventId: nomination.sourceEventId,
      reason: nomination.reason,
      grantingUnitId: grantingUnit.id,
      grantingUnitPath: grantingUnit.path,
      grantingLevel: grantingUnit.level,
      // an officer's account (the notification subgraph tells it the outcome); an event or a proposal is no account
      nominatedBy: isUuid(nomination.createdBy) ? nomination.createdBy : null,
      ...(deadline ? { decideBy: deadline.decideBy, decideWithinDays: deadline.days } : {}),
    },
  });
  return inserted.id;
}

function nominateProblems(input: NominateInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.source !== 'OFFICER' && input.source !== 'AD_HOC') problems.push({ field: 'source', message: 'Cán bộ chỉ đề nghị theo đề xuất của cán bộ hoặc khen thưởng đột xuất; đề nghị từ kết quả và từ báo chí do hệ thống tạo' });
  if (Boolean(input.memberId) === Boolean(input.unitId)) problems.push({ field: 'memberId', message: 'Chọn một cá nhân hoặc một tập thể được đề nghị (không chọn cả hai)' });
  if (!isUuid(input.grantingUnitId)) problems.push({ field: 'grantingUnitId', message: 'Chọn cấp khen thưởng: đơn vị của người, tập thể được đề nghị hoặc cấp trên của đơn vị đó' });
  if (input.reason.trim().length < 10) problems.push({ field: 'reason', message: 'Mô tả thành tích ít nhất một câu (10 ký tự trở lên); quyết định khen thưởng sẽ công bố nội dung này' });
  if (input.achievedOn > todayInVietnam()) problems.push({ field: 'achievedOn', message: 'Ngày lập thành tích không thể sau hôm nay' });
  if (input.awardYear !== null && input.awardYear !== undefined && (input.awardYear < 2000 || input.awardYear > Number(todayInVietnam().slice(0, 4)))) {
    problems.push({ field: 'awardYear', message: 'Năm khen thưởng phải là năm nay hoặc một năm đã qua (từ 2000)' });
  }
  return problems;
}

/** An officer's nomination or an ad-hoc one, for a subject in the officer's subtree, to the council of an ancestor unit. */
export async function nominate(ctx: RewardContext, input: NominateInput): Promise<NominationRow> {
  requireAuthenticated(ctx.identity);
  const problems = nominateProblems(input);
  if (problems.length) throw new ValidationError(problems);
  const memberId = input.memberId ? parseId('memberId', input.memberId) : null;
  const unitId = input.unitId ? parseId('unitId', input.unitId) : null;
  const subject = await requireSubject(ctx.db.manager, { memberId, unitId });
  // says nothing of the subject: a name or unit outside the caller's subtree is not theirs to learn
  if (!isOfficerOver(ctx.identity, subject.unitPath)) throw new ForbiddenError('Chỉ cán bộ công đoàn phụ trách đơn vị của người hoặc tập thể được đề nghị mới đề nghị khen thưởng được');
  const grantingUnit = await requireUnit(ctx.db.manager, parseId('grantingUnitId', input.grantingUnitId));
  if (!isWithinSubtree(subject.unitPath, grantingUnit.path)) {
    throw ValidationError.single('grantingUnitId', `${grantingUnit.name} không phải đơn vị của ${subject.name} hay cấp trên của đơn vị đó; hãy chọn đúng cấp khen thưởng`);
  }
  const awardYear = input.awardYear ?? Number(input.achievedOn.slice(0, 4));
  if (input.formCode) {
    const form = await loadForm(ctx.db.manager, input.formCode);
    const fit = formFitProblems(form, memberId === null, grantingUnit.level, input.source === 'AD_HOC', 'formCode');
    const notAMovementReward = input.campaignId ? movementRewardProblem(form) : null;
    if (notAMovementReward) fit.push({ field: 'formCode', message: notAMovementReward });
    const otherCouncil = await employerCouncilRefusal(ctx.db.manager, form, subject, grantingUnit);
    if (otherCouncil) fit.push({ field: 'grantingUnitId', message: otherCouncil });
    if (fit.length) throw new ValidationError(fit);
    const unregistered = await registrationFailureOf(ctx.db, subject, form, awardYear);
    if (unregistered) throw new ConflictError(unregistered.message, { rule: unregistered.rule, source: unregistered.source, field: 'formCode' });
  }
  const campaignId = input.campaignId ? parseId('campaignId', input.campaignId) : null;
  if (campaignId) {
    const campaign = await ctx.loaders.campaignRef.load(campaignId);
    if (!campaign) throw new NotFoundError('Campaign', campaignId);
    if (!campaign.nominationsOpen) throw new ConflictError(`Phong trào “${campaign.title}” đã kết thúc, không nhận thêm đề nghị khen thưởng`, { field: 'campaignId' });
  }
  const id = await ctx.transaction((scope) =>
    insertNomination(scope, {
      source: input.source,
      subject,
      grantingUnit,
      formCode: input.formCode ?? null,
      campaignId,
      taskRating: input.taskRating ?? null,
      achievedOn: input.achievedOn,
      awardYear,
      resultRank: null,
      reason: input.reason.trim(),
      sourceEventId: null,
      createdBy: ctx.identity.subject,
    }),
  );
  return (await loadNomination(ctx.db.manager, id!))!;
}

/** A council member of the granting unit votes and/or comments; the nomination is then before the council. */
export async function reviewNomination(ctx: RewardContext, id: string, vote: string | null, comment: string | null): Promise<NominationRow> {
  const text = comment?.trim() || null;
  if (!vote && !text) throw ValidationError.single('vote', 'hãy biểu quyết, ghi ý kiến, hoặc cả hai');
  return ctx.transaction(async ({ manager }) => {
    const nomination = await nominationBeforeCouncil(ctx, manager, id);
    // a vote counts only in a meeting the member attends, on a nomination they have no conflict of interest on
    const meetingId = vote ? await meetingForVote(manager, ctx.identity, nomination) : null;
    await manager.query(`INSERT INTO council_reviews (nomination_id, reviewer, reviewer_name, vote, comment, meeting_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
      nomination.id, ctx.identity.subject, ctx.identity.name, vote, text, meetingId,
    ]);
    await manager.query(`UPDATE nominations SET status = 'IN_COUNCIL' WHERE id = $1`, [nomination.id]);
    return (await loadNomination(manager, nomination.id))!;
  });
}

/**
 * The council refuses, with a reason the nominee and the nominating officer can read; RewardRefused tells the others.
 * Like a grant, a refusal is the council's conclusion from a vote in a meeting with its quorum (that did not pass); an
 * ad-hoc nomination keeps its short path.
 */
export async function refuseNomination(ctx: RewardContext, id: string, reason: string): Promise<NominationRow> {
  if (reason.trim().length < 10) throw ValidationError.single('reason', 'từ chối cần nêu lý do để người được đề nghị hiểu (ít nhất 10 ký tự)');
  return ctx.transaction(async ({ manager, emit }) => {
    const nomination = await nominationBeforeCouncil(ctx, manager, id);
    if (nomination.source !== 'AD_HOC') {
      const outcome = await nominationOutcome(manager, nomination, nomination.formCode);
      const problem = refusalProblem(outcome);
      if (problem) throw new ConflictError(problem, { rule: outcome.passed ? 'PASSED' : outcome.rule, source: outcome.source, quorumNeeded: outcome.quorumNeeded, majorityNeeded: outcome.majorityNeeded });
    }
    await closeRefused(manager, nomination, reason.trim());
    await emit(rewardRefused(nomination, { formCode: nomination.formCode, refusedOn: todayInVietnam(), reason: reason.trim() }));
    return (await loadNomination(manager, nomination.id))!;
  });
}

/** The nomination closed as refused, with the reason its people read. */
export async function closeRefused(manager: EntityManager, nomination: NominationRow, reason: string): Promise<void> {
  await manager.query(`UPDATE nominations SET status = 'REFUSED', refusal_reason = $2, closed_at = now() WHERE id = $1`, [nomination.id, reason]);
}

/** What the others hear of a refusal: the council's, or (refusedBy) the deciding authority's. */
export function rewardRefused(nomination: NominationRow, refusal: { formCode: string | null; refusedOn: string; reason: string; refusedBy?: string }): NewEvent<'RewardRefused'> {
  return {
    type: 'RewardRefused',
    aggregateId: nomination.id,
    unitPath: nomination.unitPath,
    payload: { nominationId: nomination.id, subject: subjectOfNomination(nomination), grantingUnitPath: nomination.grantingUnitPath, ...refusal },
  };
}

export function subjectOfNomination(nomination: NominationRow) {
  return {
    memberId: nomination.memberId,
    unitId: nomination.unitId,
    unitPath: nomination.unitPath,
    name: nomination.subjectName,
    isDirectProductionWorker: nomination.isDirectProductionWorker,
    occupationCode: nomination.occupationCode,
    provinceCode: nomination.provinceCode,
  };
}

/**
 * Media is a discovery channel: a proposed exemplar opens a nomination, dated by the deed, before the council the
 * proposer chose among those that can grant the proposed form (the nearest of them by default).
 */
export async function nominateFromDiscovery(scope: TransactionScope, event: EventEnvelope<'ExemplarProposed'>): Promise<void> {
  const proposal = event.payload;
  const { memberId, unitId, unitPath } = proposal.subject;
  const known = await findSubject(scope.manager, { memberId, unitId: memberId ? null : unitId });
  const subject: Subject = known ?? { ...proposal.subject, holdsLeadershipPost: null, unitName: '' };
  const route = await routeProposal(scope.manager, subject, proposal.formCode ?? null, proposal.grantingUnitId ?? null);
  const grantingUnit = route.grantingUnit ?? (await findUnit(scope.manager, { id: unitId })) ?? { id: unitId, path: unitPath, name: '', level: 'GRASSROOTS' };
  // events written before proposals carried the day of the deed are dated by the proposal
  const achievedOn = proposal.achievedOn ?? todayInVietnam(new Date(event.occurredAt));
  await insertNomination(scope, {
    source: 'MEDIA_DISCOVERY',
    subject,
    grantingUnit,
    formCode: route.formCode,
    campaignId: proposal.campaignId,
    taskRating: null,
    achievedOn,
    awardYear: Number(achievedOn.slice(0, 4)),
    resultRank: null,
    reason: proposal.achievement,
    sourceEventId: event.id,
    createdBy: proposal.proposedBy,
  });
}
