import { ConflictError, ForbiddenError, NotFoundError, ValidationError, isOfficerOver, parseId, queryRows, requireAuthenticated, rowById, vietnameseDateTime } from '@thidua/common';
import { currentRoundStatus } from '../domain/rounds';
import { APPEAL_SELECT, type AppealRow, type EvaluationRoundRow } from '../entities';
import type { EvaluationContext } from './context';
import { criterionById } from './criteria';
import { participantFacts } from './participants';
import { emitPublished, latestPublication, publish } from './publications';
import { appealState, lockRound, organisedRound, settleClosingRound } from './rounds';
import { setPoints } from './scores';

/** How a refusal names the campaign: by its title, as the round copied it at launch. */
function titled(round: EvaluationRoundRow | null): string {
  return round ? `«${round.title}»` : 'này';
}

/**
 * A participant (or an officer over their unit) appeals within the window of the latest publication; after the
 * campaign closed, only within the window that publication promised.
 */
export async function fileAppeal(ctx: EvaluationContext, campaignId: string, enrollmentId: string, reason: string): Promise<AppealRow> {
  requireAuthenticated(ctx.identity);
  const [facts] = await participantFacts(ctx.db.manager, { enrollmentId: parseId('enrollmentId', enrollmentId) });
  if (!facts || facts.campaignId !== parseId('campaignId', campaignId)) throw new NotFoundError('Participant', enrollmentId);
  const own = facts.memberId !== null && ctx.identity.memberId === facts.memberId;
  if (!own && !isOfficerOver(ctx.identity, facts.unitPath)) {
    throw new ForbiddenError('Chỉ người tham gia, hoặc cán bộ công đoàn quản lý đơn vị của họ, mới khiếu nại kết quả');
  }
  if (reason.trim().length < 10) throw ValidationError.single('reason', 'hãy nêu kết quả sai ở đâu (ít nhất 10 ký tự)');
  return ctx.transaction(async ({ manager }) => {
    const round = await lockRound(manager, facts.campaignId);
    const publication = await latestPublication(manager, facts.campaignId);
    if (!round || !publication) throw new ConflictError(`Phong trào ${titled(round)} chưa công bố kết quả: chưa có gì để khiếu nại.`, { rule: 'not-published' });
    const state = await appealState(manager, round.campaignId);
    if (currentRoundStatus(round.status, state, new Date()) === 'CLOSED') {
      throw new ConflictError(`Phong trào ${titled(round)} đã kết thúc và hạn khiếu nại đã hết lúc ${vietnameseDateTime(publication.appealDeadline)}: không nhận khiếu nại mới.`, { rule: 'round-closed' });
    }
    if (new Date() > new Date(publication.appealDeadline)) {
      throw new ConflictError(`Đã hết hạn khiếu nại kết quả phong trào ${titled(round)} (hạn ${vietnameseDateTime(publication.appealDeadline)}).`, { rule: 'appeal-window' });
    }
    const [open] = await queryRows<{ id: string }>(manager, `SELECT id FROM appeals WHERE enrollment_id = $1 AND status = 'OPEN'`, [facts.enrollmentId]);
    if (open) throw new ConflictError('Kết quả này đang có một khiếu nại chưa giải quyết', { appealId: open.id });
    const [row] = await queryRows<{ id: string }>(manager,
      `INSERT INTO appeals (campaign_id, enrollment_id, reason, status, filed_by) VALUES ($1, $2, $3, 'OPEN', $4) RETURNING id`,
      [facts.campaignId, facts.enrollmentId, reason.trim().normalize('NFC'), ctx.identity.subject],
    );
    return (await rowById<AppealRow>(manager, APPEAL_SELECT, row!.id))!;
  });
}

/**
 * Organisers resolve an appeal. Accepting applies the score corrections (each recorded in the audit trail with
 * the appeal as its reason), then republishes: a new publication version, earlier ones kept.
 */
export async function resolveAppeal(
  ctx: EvaluationContext,
  id: string,
  accept: boolean,
  resolution: string,
  corrections: { criterionId: string; points: number }[],
): Promise<AppealRow> {
  return ctx.transaction(async ({ manager, emit }) => {
    const appeal = await rowById<AppealRow>(manager, APPEAL_SELECT, parseId('id', id), { forUpdate: true });
    if (!appeal) throw new NotFoundError('Appeal', id);
    await organisedRound(ctx, appeal.campaignId);
    // appeals filed in time are resolved even after the campaign closed: the round is locked, it is CLOSING then
    const round = (await lockRound(manager, appeal.campaignId))!;
    if (appeal.status !== 'OPEN') throw new ConflictError(`Khiếu nại này đã được giải quyết (${appeal.status === 'ACCEPTED' ? 'chấp nhận' : 'không chấp nhận'})`);
    const problems = [];
    if (resolution.trim().length < 10) problems.push({ field: 'resolution', message: 'hãy nêu lý do giải quyết (ít nhất 10 ký tự)' });
    if (accept && corrections.length === 0) problems.push({ field: 'corrections', message: 'chấp nhận khiếu nại thì phải sửa ít nhất một điểm' });
    corrections.forEach((c, i) => {
      if (!(c.points >= 0 && c.points <= 100)) problems.push({ field: `corrections.${i}.points`, message: 'điểm từ 0 đến 100' });
    });
    if (problems.length > 0) throw new ValidationError(problems);
    let republishedVersion: number | null = null;
    if (accept) {
      const reason = `appeal ${appeal.id}: ${resolution.trim()}`;
      for (const correction of corrections) {
        const criterion = await criterionById(manager, parseId('criterionId', correction.criterionId));
        await setPoints(manager, appeal.enrollmentId, criterion, correction.points, ctx.identity.subject, reason);
      }
      const published = await publish(ctx, manager, round, 'APPEAL', reason);
      await emitPublished(emit, round, published, reason);
      republishedVersion = published.version;
    }
    await manager.query(`UPDATE appeals SET status = $2, resolution = $3, resolved_by = $4, resolved_at = now() WHERE id = $1`, [
      appeal.id,
      accept ? 'ACCEPTED' : 'REJECTED',
      resolution.trim(),
      ctx.identity.subject,
    ]);
    await emit({
      type: 'AppealResolved',
      aggregateId: appeal.id,
      unitPath: round.launchingUnitPath,
      payload: { appealId: appeal.id, campaignId: appeal.campaignId, enrollmentId: appeal.enrollmentId, accepted: accept, resolution: resolution.trim(), republishedVersion },
    });
    await settleClosingRound(manager, round);
    return (await rowById<AppealRow>(manager, APPEAL_SELECT, appeal.id))!;
  });
}

export async function appealsOf(ctx: EvaluationContext, campaignId: string): Promise<AppealRow[]> {
  await organisedRound(ctx, campaignId);
  return queryRows<AppealRow>(ctx.db, `${APPEAL_SELECT} WHERE campaign_id = $1 ORDER BY filed_at`, [campaignId]);
}
