import { ConflictError, ForbiddenError, NotFoundError, ValidationError, decodeCursor, foldedContainsPattern, officerScope, pageSize, parseId, queryRows, requireAuthenticated, shortDate, toConnection, todayInVietnam, type Connection, type FieldProblem, type OrganisationType, type PageRequest } from '@thidua/common';
import { CAMPAIGN_STATUS_NAMES } from '../domain/campaign-names';
import { inSentence } from '@thidua/common';
import { IsNull, Not, type EntityManager } from 'typeorm';
import { canSeeCampaign, canSeeEnrollment } from '../domain/access';
import { RUNNING_STATUSES } from '../domain/campaigns';
import { memberEligibility, resolveCommitments, unitEligibility, type CampaignScope, type CommitmentInput } from '../domain/enrollment';
import { periodContaining } from '../domain/periods';
import { completion, isBehind, isSilent, needsConfirmation, progressOf, valueProblems, type ReportedValue, type TrackedTarget } from '../domain/progress';
import { CampaignEntity, CommitmentEntity, EnrollmentEntity, ProgressReportEntity, type CampaignRow, type CampaignTargetRow, type EnrollmentRow, type ProgressReportRow } from '../entities';
import { campaignUpdated, progressReported } from './published-events';
import type { CampaignContext } from './context';

async function runningCampaign(ctx: CampaignContext, manager: EntityManager, campaignId: string): Promise<CampaignRow> {
  const campaign = await manager.getRepository(CampaignEntity).findOne({ where: { id: campaignId }, lock: { mode: 'pessimistic_read' } });
  if (!campaign || !canSeeCampaign(ctx.identity, campaign)) throw new NotFoundError('Campaign', campaignId);
  if (!RUNNING_STATUSES.includes(campaign.status)) {
    throw new ConflictError(`Phong trào “${campaign.title}” ${inSentence(CAMPAIGN_STATUS_NAMES[campaign.status])}: chỉ đăng ký và báo cáo khi phong trào đã phát động hoặc đang triển khai`, { status: campaign.status });
  }
  return campaign;
}

async function scopeOf(ctx: CampaignContext, campaign: CampaignRow): Promise<CampaignScope> {
  const scopeUnit = await ctx.loaders.unit.load(campaign.scopeUnitId);
  return { scopeUnitPath: scopeUnit!.path, organisationTypes: campaign.scopeOrganisationTypes, occupationCodes: campaign.scopeOccupationCodes };
}

async function createEnrollment(
  ctx: CampaignContext,
  campaignId: string,
  subject: { unitId: string; unitPath: string; memberId: string | null; name: string },
  eligibility: (scope: CampaignScope) => FieldProblem[],
  given: CommitmentInput[],
): Promise<EnrollmentRow> {
  return ctx.transaction(async ({ manager, emit }) => {
    const campaign = await runningCampaign(ctx, manager, campaignId);
    const targets = await ctx.loaders.targets.load(campaign.id);
    const { commitments, problems } = resolveCommitments(targets, given.map((c) => ({ targetId: c.targetId.toLowerCase(), value: c.value })));
    problems.push(...eligibility(await scopeOf(ctx, campaign)));
    if (problems.length > 0) throw new ValidationError(problems);
    const duplicate = await manager
      .getRepository(EnrollmentEntity)
      .findOneBy(subject.memberId ? { campaignId: campaign.id, memberId: subject.memberId } : { campaignId: campaign.id, unitId: subject.unitId, memberId: IsNull() });
    if (duplicate) throw new ConflictError(`${subject.name} đã đăng ký phong trào “${campaign.title}”`, { enrollmentId: duplicate.id, field: subject.memberId ? 'memberId' : 'unitId' });
    const enrollment = await manager.getRepository(EnrollmentEntity).save({ campaignId: campaign.id, unitId: subject.unitId, unitPath: subject.unitPath, memberId: subject.memberId, enrolledBy: ctx.identity.subject });
    await manager.getRepository(CommitmentEntity).insert(commitments.map((c) => ({ enrollmentId: enrollment.id, ...c })));
    await emit({
      type: 'EnrollmentCreated',
      aggregateId: enrollment.id,
      unitPath: subject.unitPath,
      payload: { enrollmentId: enrollment.id, campaignId: campaign.id, unitId: subject.unitId, unitPath: subject.unitPath, memberId: subject.memberId, commitments },
    });
    return enrollment;
  });
}

/** A unit enrols (đăng ký thi đua): its own officers or those above it. */
export async function enrollUnit(ctx: CampaignContext, input: { campaignId: string; unitId: string; commitments?: CommitmentInput[] | null }): Promise<EnrollmentRow> {
  requireAuthenticated(ctx.identity);
  const campaignId = parseId('campaignId', input.campaignId);
  const unit = await ctx.loaders.unit.load(parseId('unitId', input.unitId));
  if (!unit) throw ValidationError.single('unitId', 'Không tìm thấy đơn vị này');
  if (!canSeeEnrollment(ctx.identity, { unitPath: unit.path, memberId: null })) throw new ForbiddenError(`${unit.name} không thuộc đơn vị bạn quản lý`, { field: 'unitId', unitPath: unit.path });
  return createEnrollment(ctx, campaignId, { unitId: unit.id, unitPath: unit.path, memberId: null, name: unit.name }, (scope) => unitEligibility(scope, unit), input.commitments ?? []);
}

/** A member enrols: the member themself or an officer over their unit. */
export async function enrollMember(ctx: CampaignContext, input: { campaignId: string; memberId: string; commitments?: CommitmentInput[] | null }): Promise<EnrollmentRow> {
  requireAuthenticated(ctx.identity);
  const campaignId = parseId('campaignId', input.campaignId);
  const member = await ctx.loaders.member.load(parseId('memberId', input.memberId));
  if (!member) throw ValidationError.single('memberId', 'Không tìm thấy đoàn viên này');
  if (!canSeeEnrollment(ctx.identity, { unitPath: member.unitPath, memberId: member.id })) throw new ForbiddenError('Bạn chỉ đăng ký được cho mình hoặc cho đoàn viên thuộc đơn vị bạn quản lý', { field: 'memberId' });
  const unit = (await ctx.loaders.unit.load(member.unitId))!;
  return createEnrollment(
    ctx,
    campaignId,
    { unitId: unit.id, unitPath: unit.path, memberId: member.id, name: member.fullName },
    (scope) => memberEligibility(scope, unit, member.occupationCode, member.leftUnionOn !== null),
    input.commitments ?? [],
  );
}

export interface ReportProgressInput {
  enrollmentId: string;
  targetId: string;
  periodStart: string;
  value: number;
  evidenceUrl?: string | null;
}

/**
 * A progress report for one target and one period of the campaign's cadence. The first report of a launched
 * campaign moves it to IN_PROGRESS. A period is reported once (a wrong value is corrected, with a reason). A member's
 * own report waits for the grassroots officer's confirmation before it counts (SELF_REPORT_RULE); the others count
 * at once and tell evaluation (ProgressReported).
 */
export async function reportProgress(ctx: CampaignContext, input: ReportProgressInput): Promise<ProgressReportRow> {
  requireAuthenticated(ctx.identity);
  const enrollment = await ctx.loaders.enrollment.load(parseId('enrollmentId', input.enrollmentId));
  if (!enrollment || !canSeeEnrollment(ctx.identity, enrollment)) throw new NotFoundError('Enrollment', input.enrollmentId);
  const targetId = parseId('targetId', input.targetId);
  return ctx.transaction(async ({ manager, emit }) => {
    const campaign = await runningCampaign(ctx, manager, enrollment.campaignId);
    const target = (await ctx.loaders.targets.load(campaign.id)).find((t) => t.id === targetId);
    if (!target) throw ValidationError.single('targetId', 'chỉ tiêu này không thuộc phong trào');
    const period = periodContaining(campaign.reportingCadence, input.periodStart);
    const problems = reportProblems(campaign, target, period, input.value);
    if (problems.length > 0) throw new ValidationError(problems);

    const repository = manager.getRepository(ProgressReportEntity);
    if (await repository.findOneBy({ enrollmentId: enrollment.id, targetId, periodStart: period.start })) {
      throw new ConflictError(`Đã báo cáo chỉ tiêu «${target.name}» cho kỳ ${period.start} – ${period.end}; muốn sửa hãy dùng chức năng sửa báo cáo`, { periodStart: period.start });
    }
    const counts = !needsConfirmation({ enrolledMemberId: enrollment.memberId, actorMemberId: ctx.identity.memberId });
    const report = await repository.save({
      enrollmentId: enrollment.id,
      targetId,
      periodStart: period.start,
      periodEnd: period.end,
      value: input.value,
      evidenceUrl: input.evidenceUrl ?? null,
      reportedBy: ctx.identity.subject,
      confirmedAt: counts ? new Date() : null,
      confirmedBy: counts ? ctx.identity.subject : null,
    });
    if (campaign.status === 'LAUNCHED') {
      campaign.status = 'IN_PROGRESS';
      campaign.startedAt = new Date();
      await manager.getRepository(CampaignEntity).save(campaign);
      await emit(campaignUpdated(campaign, ['status']));
    }
    if (counts) await emit(progressReported(report, enrollment, await countedProgress(manager, enrollment, target)));
    return report;
  });
}

/** The target's progress from the counted (confirmed) reports, inside the caller's transaction. */
export async function countedProgress(manager: EntityManager, enrollment: EnrollmentRow, target: CampaignTargetRow) {
  const commitment = await manager.getRepository(CommitmentEntity).findOneByOrFail({ enrollmentId: enrollment.id, targetId: target.id });
  const reports = await manager.getRepository(ProgressReportEntity).findBy({ enrollmentId: enrollment.id, targetId: target.id, confirmedAt: Not(IsNull()) });
  return progressOf(tracked(target, commitment.committedValue), reports);
}

function reportProblems(campaign: CampaignRow, target: CampaignTargetRow, period: { start: string; end: string }, value: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (period.start > todayInVietnam()) problems.push({ field: 'periodStart', message: 'chưa đến kỳ báo cáo này' });
  if (period.end < campaign.startsOn! || period.start > campaign.endsOn!) {
    problems.push({ field: 'periodStart', message: `kỳ ${shortDate(period.start)} – ${shortDate(period.end)} nằm ngoài thời gian phong trào (${shortDate(campaign.startsOn!)} – ${shortDate(campaign.endsOn!)})` });
  }
  problems.push(...valueProblems(target, value));
  return problems;
}

export function tracked(target: CampaignTargetRow, committedValue: number): TrackedTarget {
  return { targetId: target.id, direction: target.direction, aggregation: target.aggregation, weight: target.weight, committedValue };
}

/** Targets with this enrollment's commitments. */
export async function trackedTargets(ctx: CampaignContext, enrollment: EnrollmentRow): Promise<TrackedTarget[]> {
  const [targets, commitments] = await Promise.all([ctx.loaders.targets.load(enrollment.campaignId), ctx.loaders.commitments.load(enrollment.id)]);
  const committed = new Map(commitments.map((c) => [c.targetId, c.committedValue]));
  return targets.map((t) => tracked(t, committed.get(t.id) ?? t.targetValue));
}

export async function enrollmentProgress(ctx: CampaignContext, enrollment: EnrollmentRow) {
  const [targets, reports] = await Promise.all([trackedTargets(ctx, enrollment), ctx.loaders.countedReports.load(enrollment.id)]);
  return targets.map((t) => progressOf(t, reports));
}

export async function enrollmentCompletion(ctx: CampaignContext, enrollment: EnrollmentRow): Promise<number> {
  const [targets, reports] = await Promise.all([trackedTargets(ctx, enrollment), ctx.loaders.countedReports.load(enrollment.id)]);
  return completion(targets, reports);
}

export async function visibleEnrollment(ctx: CampaignContext, id: string): Promise<EnrollmentRow | null> {
  const enrollment = await ctx.loaders.enrollment.load(parseId('id', id));
  return enrollment && canSeeEnrollment(ctx.identity, enrollment) ? enrollment : null;
}

async function enrollmentPage(ctx: CampaignContext, where: string, params: unknown[], page: PageRequest): Promise<Connection<EnrollmentRow>> {
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const n = params.length;
  const keys = await queryRows<{ id: string; enrolledAt: string }>(ctx.db,
    `SELECT e.id, e.enrolled_at::text AS "enrolledAt" FROM enrollments e
      WHERE (${where}) AND ($${n + 2}::timestamptz IS NULL OR (e.enrolled_at, e.id) > ($${n + 2}::timestamptz, $${n + 3}::uuid))
      ORDER BY e.enrolled_at, e.id LIMIT $${n + 1}`,
    [...params, limit + 1, after?.[0] ?? null, after?.[1] ?? null],
  );
  const cursorTime = new Map(keys.map((k) => [k.id, k.enrolledAt]));
  const rows = (await ctx.loaders.enrollment.loadMany(keys.map((k) => k.id))).filter((r): r is EnrollmentRow => r !== null && !(r instanceof Error));
  return toConnection(rows, limit, (row) => [cursorTime.get(row.id)!, row.id]);
}

export function campaignEnrollments(ctx: CampaignContext, campaign: CampaignRow, page: PageRequest, search: string | null = null): Promise<Connection<EnrollmentRow>> {
  requireAuthenticated(ctx.identity);
  const scope = officerScope(ctx.identity);
  if (scope === null) throw new ForbiddenError('Chỉ cán bộ công đoàn mới xem được danh sách đăng ký tham gia phong trào');
  return enrollmentPage(ctx,
    `e.campaign_id = $1 AND e.unit_path LIKE $2 || '%' AND ($3::text IS NULL
       OR EXISTS (SELECT 1 FROM union_units u WHERE u.id = e.unit_id AND u.name_folded LIKE $3)
       OR EXISTS (SELECT 1 FROM members m WHERE m.id = e.member_id AND m.full_name_folded LIKE $3))`,
    [campaign.id, scope, foldedContainsPattern(search)], page);
}

export function memberEnrollments(ctx: CampaignContext, memberId: string, page: PageRequest): Promise<Connection<EnrollmentRow>> {
  return enrollmentPage(ctx, `e.member_id = $1`, [memberId], page);
}

export function myEnrollments(ctx: CampaignContext, page: PageRequest): Promise<Connection<EnrollmentRow>> {
  requireAuthenticated(ctx.identity);
  if (!ctx.identity.memberId) return Promise.resolve(toConnection([], 1, () => []));
  return memberEnrollments(ctx, ctx.identity.memberId, page);
}

export async function reportsOf(ctx: CampaignContext, enrollment: EnrollmentRow, page: PageRequest): Promise<Connection<ProgressReportRow>> {
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const rows = await ctx.db
    .getRepository(ProgressReportEntity)
    .createQueryBuilder('r')
    .where('r.enrollmentId = :id', { id: enrollment.id })
    .andWhere(after ? '(r.periodStart, r.id) < (:start, :rid)' : '1=1', after ? { start: after[0], rid: after[1] } : {})
    .orderBy('r.periodStart', 'DESC')
    .addOrderBy('r.id', 'DESC')
    .take(limit + 1)
    .getMany();
  return toConnection(rows, limit, (row) => [row.periodStart, row.id]);
}

interface InspectedRow {
  id: string;
  unit_organisation_type: OrganisationType | null;
  occupation_code: string | null;
}

/** The screen lists this many of those behind or silent; the spreadsheet lists them all. */
const INSPECTION_LIST_LIMIT = 100;

/**
 * Inspection (kiểm tra, đôn đốc) of the enrollments inside the caller's subtree: who is behind target (least
 * complete first), who stopped reporting, up to `listed` of each, and completion by organisation type and occupation.
 */
export async function inspection(ctx: CampaignContext, campaign: CampaignRow, listed = INSPECTION_LIST_LIMIT) {
  requireAuthenticated(ctx.identity);
  const scope = officerScope(ctx.identity);
  if (scope === null) throw new ForbiddenError('Chỉ cán bộ công đoàn mới kiểm tra, đôn đốc phong trào');
  const rows = await queryRows<InspectedRow>(ctx.db,
    `SELECT e.id, u.organisation_type AS unit_organisation_type, m.occupation_code
       FROM enrollments e JOIN union_units u ON u.id = e.unit_id LEFT JOIN members m ON m.id = e.member_id
      WHERE e.campaign_id = $1 AND e.unit_path LIKE $2 || '%'
      ORDER BY u.name_folded, m.full_name_folded NULLS FIRST, e.id`,
    [campaign.id, scope],
  );
  const enrollments = (await ctx.loaders.enrollment.loadMany(rows.map((r) => r.id))) as EnrollmentRow[];
  const day = todayInVietnam();
  const assessed = await Promise.all(
    enrollments.map(async (enrollment, i) => {
      const [targets, reports] = await Promise.all([trackedTargets(ctx, enrollment), ctx.loaders.countedReports.load(enrollment.id)]);
      const values: ReportedValue[] = reports;
      return {
        enrollment,
        row: rows[i]!,
        completion: completion(targets, values),
        behind: isBehind(targets, values, campaign.startsOn!, campaign.endsOn!, day),
        silent: isSilent(campaign.reportingCadence, values, campaign.startsOn!, day),
      };
    }),
  );
  const group = (key: (a: (typeof assessed)[number]) => string | null) => {
    const groups = new Map<string, number[]>();
    for (const a of assessed) {
      const k = key(a);
      if (k !== null) groups.set(k, [...(groups.get(k) ?? []), a.completion]);
    }
    return [...groups.entries()]
      .map(([k, values]) => ({ key: k, enrollments: values.length, completionRate: values.reduce((s, v) => s + v, 0) / values.length }))
      .sort((a, b) => a.key.localeCompare(b.key));
  };
  // the officer chases the furthest behind first
  const behind = assessed.filter((a) => a.behind).sort((a, b) => a.completion - b.completion);
  const silent = assessed.filter((a) => a.silent);
  return {
    enrolled: assessed.length,
    behindTarget: behind.slice(0, listed).map((a) => a.enrollment),
    behindTargetCount: behind.length,
    silent: silent.slice(0, listed).map((a) => a.enrollment),
    silentCount: silent.length,
    byOrganisationType: group((a) => a.row.unit_organisation_type ?? 'UNSPECIFIED'),
    byOccupation: group((a) => a.row.occupation_code),
  };
}
