import { ConflictError, ForbiddenError, NotFoundError, ValidationError, decodeCursor, hasRole, officerScope, pageSize, parseId, queryRow, queryRows, requireAuthenticated, toConnection, type Connection, type PageRequest } from '@thidua/common';
import { DECISION_REVIEW_SELECT, DECISION_SELECT, type DecisionReviewRow, type DecisionRow } from '../entities';
import type { RewardContext } from './context';
import { decisionById } from './decisions';
import { isCouncilOf } from './nominations';

/**
 * Decisions whose result changed after they were made (decision_reviews): the granting unit's council sees them and
 * says, with a reason, that the decision stands on the new result. Revoking one is not done here.
 */

/** Decisions with an open review, before the caller's council or granted inside the officer's subtree, oldest flag first. */
export async function decisionsUnderReview(ctx: RewardContext, page: PageRequest): Promise<Connection<DecisionRow>> {
  requireAuthenticated(ctx.identity);
  if (!hasRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER', 'COUNCIL_MEMBER')) throw new ForbiddenError('Chỉ hội đồng thi đua khen thưởng và cán bộ công đoàn xem các quyết định cần xem xét lại');
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const council = hasRole(ctx.identity, 'COUNCIL_MEMBER') ? ctx.identity.unitPath : null;
  const officer = officerScope(ctx.identity);
  const rows = await queryRows<DecisionRow & { flaggedAt: string }>(ctx.db,
    `SELECT d.*, r.flagged_at::text AS "flaggedAt" FROM (${DECISION_SELECT}) d JOIN decision_reviews r ON r.decision_id = d.id
      WHERE r.resolved_at IS NULL AND (d."grantingUnitPath" = $1 OR d."grantingUnitPath" LIKE $2 || '%')
        AND ($4::timestamptz IS NULL OR (r.flagged_at, d.id) > ($4::timestamptz, $5::uuid))
      ORDER BY r.flagged_at, d.id LIMIT $3`,
    [council, officer ?? '/nowhere/', limit + 1, after?.[0] ?? null, after?.[1] ?? null],
  );
  return toConnection(rows, limit, (row) => [row.flaggedAt, row.id]);
}

/** The council of the granting unit keeps the decision on the changed result: the review closes and the decision is now based on that version. */
export async function confirmDecisionAfterReview(ctx: RewardContext, decisionIdInput: string, note: string): Promise<DecisionRow> {
  requireAuthenticated(ctx.identity);
  const decisionId = parseId('decisionId', decisionIdInput);
  const resolution = note.trim().normalize('NFC');
  if (resolution.length < 10) throw ValidationError.single('note', 'Ghi rõ vì sao quyết định vẫn giữ nguyên với kết quả mới (ít nhất 10 ký tự)');
  return ctx.transaction(async ({ manager }) => {
    const decision = await decisionById(manager, decisionId);
    if (!decision) throw new NotFoundError('Reward decision', decisionId);
    if (!isCouncilOf(ctx.identity, decision.grantingUnitPath)) {
      throw new ForbiddenError(`Chỉ hội đồng thi đua khen thưởng của ${decision.grantingUnitName} xem xét lại quyết định này`, { field: 'decisionId' });
    }
    const review = await queryRow<DecisionReviewRow>(manager, `${DECISION_REVIEW_SELECT} WHERE decision_id = $1 AND resolved_at IS NULL FOR UPDATE`, [decision.id]);
    if (!review) throw new ConflictError(`Quyết định ${decision.number} không có gì cần xem xét lại: kết quả nó dựa vào chưa thay đổi`, { field: 'decisionId' });
    await manager.query(`UPDATE decision_reviews SET resolved_at = now(), resolved_by = $2, resolution = $3 WHERE id = $1`, [review.id, ctx.identity.subject, resolution]);
    await manager.query(`UPDATE reward_decisions SET based_on_version = $2, based_on_score = $3, based_on_rank = $4 WHERE id = $1`, [
      decision.id, review.changedInVersion, review.scoreAfter, review.rankAfter,
    ]);
    return (await decisionById(manager, decision.id))!;
  });
}
