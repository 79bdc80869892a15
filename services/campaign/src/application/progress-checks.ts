import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  decodeCursor,
  isOfficerOver,
  officerScope,
  pageSize,
  parseId,
  queryRows,
  requireAuthenticated,
  requireRole,
  toConnection,
  type Connection,
  type PageRequest,
} from '@thidua/common';
import { In, type EntityManager } from 'typeorm';
import { canSeeEnrollment } from '../domain/access';
import { confirmationRefusal, correctionProblems, correctionRefusal, needsConfirmation, valueProblems, type ReportActors } from '../domain/progress';
import { CampaignEntity, EnrollmentEntity, ProgressReportEntity, ProgressRevisionEntity, type EnrollmentRow, type ProgressReportRow } from '../entities';
import type { CampaignContext } from './context';
import { countedProgress } from './enrollments';
import { progressCorrected, progressReported } from './published-events';

/** Reports are confirmed and corrected while the campaign runs or is being summarised; a closed campaign's stand. */
const CHECKABLE_STATUSES = ['LAUNCHED', 'IN_PROGRESS', 'SUMMARISING'];

interface LockedReport {
  report: ProgressReportRow;
  enrollment: EnrollmentRow;
  actors: ReportActors;
}

/** The report, locked, with its enrollment and who acts on it; NOT_FOUND for reports the caller cannot see. */
async function lockReport(ctx: CampaignContext, manager: EntityManager, id: string): Promise<LockedReport> {
  const report = await manager.getRepository(ProgressReportEntity).findOne({ where: { id: parseId('id', id) }, lock: { mode: 'pessimistic_write' } });
  const enrollment = report ? await manager.getRepository(EnrollmentEntity).findOneBy({ id: report.enrollmentId }) : null;
  if (!report || !enrollment || !canSeeEnrollment(ctx.identity, enrollment)) throw new NotFoundError('Progress report', id, 'Không có báo cáo tiến độ này trong phạm vi của bạn');
  const campaign = await manager.getRepository(CampaignEntity).findOneByOrFail({ id: enrollment.campaignId });
  if (!CHECKABLE_STATUSES.includes(campaign.status)) {
    throw new ConflictError(`Phong trào "${campaign.title}" đã kết thúc: số liệu báo cáo không còn sửa, xác nhận được`, { status: campaign.status });
  }
  const actors = { enrolledMemberId: enrollment.memberId, actorMemberId: ctx.identity.memberId, actorIsOfficerOver: isOfficerOver(ctx.identity, enrollment.unitPath) };
  return { report, enrollment, actors };
}

async function targetOf(ctx: CampaignContext, enrollment: EnrollmentRow, targetId: string) {
  return (await ctx.loaders.targets.load(enrollment.campaignId)).find((t) => t.id === targetId)!;
}

/** The grassroots officer confirms a member's own report: from now on it counts, and evaluation scores it. */
export async function confirmProgressReport(ctx: CampaignContext, id: string): Promise<ProgressReportRow> {
  requireAuthenticated(ctx.identity);
  return ctx.transaction(async ({ manager, emit }) => {
    const { report, enrollment, actors } = await lockReport(ctx, manager, id);
    const refusal = confirmationRefusal(actors);
    if (refusal) throw new ForbiddenError(refusal);
    if (report.confirmedAt) throw new ConflictError('Báo cáo này đã được xác nhận', { confirmedAt: report.confirmedAt });
    Object.assign(report, { confirmedAt: new Date(), confirmedBy: ctx.identity.subject });
    const saved = await manager.getRepository(ProgressReportEntity).save(report);
    await emit(progressReported(saved, enrollment, await countedProgress(manager, enrollment, await targetOf(ctx, enrollment, report.targetId))));
    return saved;
  });
}

export interface CorrectionInput {
  value: number;
  evidenceUrl?: string | null;
  reason: string;
}

/**
 * Corrects a report's value (and evidence) with a reason; the versions are kept. A counted report tells evaluation
 * (ProgressCorrected, the score follows); an officer correcting a member's waiting report confirms it with the
 * corrected value; a member correcting their own waiting report leaves it waiting.
 */
export async function correctProgressReport(ctx: CampaignContext, id: string, input: CorrectionInput): Promise<ProgressReportRow> {
  requireAuthenticated(ctx.identity);
  return ctx.transaction(async ({ manager, emit }) => {
    const { report, enrollment, actors } = await lockReport(ctx, manager, id);
    const wasCounted = report.confirmedAt !== null;
    const refusal = correctionRefusal(actors, wasCounted);
    if (refusal) throw new ForbiddenError(refusal);
    const target = await targetOf(ctx, enrollment, report.targetId);
    const next = { value: input.value, evidenceUrl: input.evidenceUrl === undefined ? report.evidenceUrl : input.evidenceUrl, reason: input.reason };
    const problems = [...valueProblems(target, next.value), ...correctionProblems(report, next)];
    if (problems.length) throw new ValidationError(problems);

    const previous = { value: report.value, evidenceUrl: report.evidenceUrl };
    await manager.getRepository(ProgressRevisionEntity).insert({
      reportId: report.id, previousValue: previous.value, value: next.value, previousEvidenceUrl: previous.evidenceUrl, evidenceUrl: next.evidenceUrl,
      reason: next.reason.trim().normalize('NFC'), revisedBy: ctx.identity.subject,
    });
    // past correctionRefusal, whoever is not the enrolled member is an officer over the unit
    const confirmsNow = !wasCounted && !needsConfirmation(actors);
    Object.assign(report, { value: next.value, evidenceUrl: next.evidenceUrl, ...(confirmsNow ? { confirmedAt: new Date(), confirmedBy: ctx.identity.subject } : {}) });
    const saved = await manager.getRepository(ProgressReportEntity).save(report);
    if (!wasCounted && !confirmsNow) return saved;
    const progress = await countedProgress(manager, enrollment, target);
    if (confirmsNow) {
      await emit(progressReported(saved, enrollment, progress));
      return saved;
    }
    await emit(progressCorrected(saved, enrollment, progress, { previousValue: previous.value, reason: next.reason.trim().normalize('NFC') }));
    return saved;
  });
}

/** Members' own reports waiting for confirmation in the officer's subtree (not the officer's own), oldest first. */
export async function reportsToConfirm(ctx: CampaignContext, page: PageRequest): Promise<Connection<ProgressReportRow>> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const scope = officerScope(ctx.identity)!;
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const keys = await queryRows<{ id: string; reportedAt: string }>(ctx.db,
    `SELECT r.id, r.reported_at::text AS "reportedAt" FROM progress_reports r JOIN enrollments e ON e.id = r.enrollment_id
      WHERE r.confirmed_at IS NULL AND e.unit_path LIKE $1 || '%' AND e.member_id IS DISTINCT FROM $2::uuid
        AND ($4::timestamptz IS NULL OR (r.reported_at, r.id) > ($4::timestamptz, $5::uuid))
      ORDER BY r.reported_at, r.id LIMIT $3`,
    [scope, ctx.identity.memberId, limit + 1, after?.[0] ?? null, after?.[1] ?? null],
  );
  if (keys.length === 0) return toConnection([], limit, () => []);
  const reports = await ctx.db.getRepository(ProgressReportEntity).findBy({ id: In(keys.map((k) => k.id)) });
  const byId = new Map(reports.map((r) => [r.id, r]));
  const cursorTime = new Map(keys.map((k) => [k.id, k.reportedAt]));
  return toConnection(keys.map((k) => byId.get(k.id)!), limit, (row) => [cursorTime.get(row.id)!, row.id]);
}
