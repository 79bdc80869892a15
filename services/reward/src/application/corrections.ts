import { ConflictError, ForbiddenError, NotFoundError, ValidationError, isOfficerOver, isUuid, parseId, queryRow, queryRows, requireAuthenticated, todayInVietnam, shortDate, type Identity, type Queryable, type TransactionScope } from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { REVOCATION_AUTHORITY_SOURCE, externalNumberProblems, signerProblems } from '../domain/authority';
import { CORRECTION_VERBS } from '../domain/reward-names';
import { LEGAL_GROUNDS, correctionReasonProblems, correctionStatusProblem, revocationProblems, type CorrectionKind, type LegalGround } from '../domain/corrections';
import { DECISION_SELECT, REVOCATION_SELECT, type DecisionRow, type NominationRow, type RevocationRow } from '../entities';
import type { RewardContext } from './context';
import { decisionById } from './decisions';
import { canSeeNomination, isCouncilOf, loadNomination, subjectOfNomination } from './nominations';
import { takeDecisionNumber } from './numbering';
import { proposalOfDecision, recordsAuthorityAnswers } from './proposals';
import { requireUnit } from './subjects';

/** A nomination the caller may see, locked; NOT_FOUND hides the others, CONFLICT names why a decided one cannot change. */
async function nominationToCorrect(ctx: RewardContext, manager: EntityManager, id: string): Promise<NominationRow> {
  requireAuthenticated(ctx.identity);
  const nomination = await loadNomination(manager, parseId('id', id), true);
  if (!nomination || !canSeeNomination(ctx.identity, nomination)) throw new NotFoundError('Nomination', id, 'Không có đề nghị khen thưởng này, hoặc bạn không được xem');
  const problem = correctionStatusProblem(nomination.status);
  if (problem) throw new ConflictError(problem, { status: nomination.status });
  return nomination;
}

/** Closes a nomination without a decision; NominationClosed tells the others (notification stops chasing it and tells the proposer of a return). */
async function closeNomination({ manager, emit }: TransactionScope, ctx: RewardContext, nomination: NominationRow, status: 'WITHDRAWN' | 'RETURNED', reason: string): Promise<NominationRow> {
  const text = reason.trim().normalize('NFC');
  await manager.query(`UPDATE nominations SET status = $2, correction_reason = $3, corrected_by = $4, corrected_at = now(), closed_at = now() WHERE id = $1`, [
    nomination.id, status, text, ctx.identity.subject,
  ]);
  await emit({
    type: 'NominationClosed',
    aggregateId: nomination.id,
    unitPath: nomination.unitPath,
    payload: { nominationId: nomination.id, subject: subjectOfNomination(nomination), grantingUnitPath: nomination.grantingUnitPath, status, reason: text, closedOn: todayInVietnam() },
  });
  return (await loadNomination(manager, nomination.id))!;
}

/** Whoever proposed (officers over the subject) withdraws a nomination still before the council, with a reason. */
export async function withdrawNomination(ctx: RewardContext, id: string, reason: string): Promise<NominationRow> {
  const problems = correctionReasonProblems(reason);
  if (problems.length) throw new ValidationError(problems);
  return ctx.transaction(async (scope) => {
    const nomination = await nominationToCorrect(ctx, scope.manager, id);
    if (!isOfficerOver(ctx.identity, nomination.unitPath)) {
      throw new ForbiddenError('Chỉ cán bộ công đoàn phụ trách đơn vị của người hoặc tập thể được đề nghị mới rút được đề nghị', { unitPath: nomination.unitPath });
    }
    return closeNomination(scope, ctx, nomination, 'WITHDRAWN', reason);
  });
}

/** The council of the granting unit returns a dossier for what it lacks (trả lại hồ sơ); the proposer nominates again once complete. */
export async function returnNomination(ctx: RewardContext, id: string, reason: string): Promise<NominationRow> {
  const problems = correctionReasonProblems(reason);
  if (problems.length) throw new ValidationError(problems);
  return ctx.transaction(async (scope) => {
    const nomination = await nominationToCorrect(ctx, scope.manager, id);
    if (!isCouncilOf(ctx.identity, nomination.grantingUnitPath)) {
      throw new ForbiddenError('Chỉ thành viên Hội đồng Thi đua - Khen thưởng của đơn vị xét khen thưởng mới trả lại hồ sơ', { grantingUnitPath: nomination.grantingUnitPath });
    }
    return closeNomination(scope, ctx, nomination, 'RETURNED', reason);
  });
}

export interface RevokeInput {
  kind: CorrectionKind;
  legalGround: LegalGround | null;
  reason: string;
  revokedOn?: string | null;
  amountReclaimedVnd: number;
  signerRole: string;
  /** The revoking decision's number from the paper register, when it is the source; an authority's, always. */
  number?: string | null;
  /** An authority's signer, as on its paper. */
  signerName?: string | null;
}

/** Who may annul or revoke: the council of the unit that decided, and the officers over that unit. */
function mayRevoke(identity: Identity, decision: DecisionRow): boolean {
  return isCouncilOf(identity, decision.grantingUnitPath) || isOfficerOver(identity, decision.grantingUnitPath);
}

/**
 * Who records the annulment of a decision an authority outside the union made (decision 0044): only that authority
 * annuls it, and whoever recorded its decision records its revoking decision; a council or officer of the union that
 * tries is told whose it is.
 */
async function requireAuthorityRecorder(manager: EntityManager, identity: Identity, decision: DecisionRow): Promise<void> {
  const proposal = await proposalOfDecision(manager, decision.id);
  if (proposal && recordsAuthorityAnswers(identity, proposal)) return;
  const recorder = decision.decidingAuthority === 'EMPLOYER' ? 'người sử dụng lao động ghi nhận' : `cán bộ ${proposal?.holderUnitName ?? 'cấp đã trình'} ghi nhận`;
  throw new ForbiddenError(
    `Quyết định số ${decision.number} do ${decision.authorityName ?? 'cấp có thẩm quyền'} ban hành: chỉ ${decision.authorityName ?? 'cấp đó'} hủy bỏ, thu hồi (${REVOCATION_AUTHORITY_SOURCE}); `
      + `Công đoàn đề nghị, rồi ${recorder} quyết định hủy bỏ, thu hồi khi nhận được`,
    { rule: 'DECIDING_AUTHORITY', decidingAuthority: decision.decidingAuthority },
  );
}

export function revocationOf(db: Queryable, decisionId: string): Promise<RevocationRow | null> {
  return queryRow<RevocationRow>(db, `${REVOCATION_SELECT} WHERE decision_id = $1`, [decisionId]);
}

/**
 * Annuls (hủy bỏ) or revokes (thu hồi) a decision with its reason, legal ground and the amount reclaimed. The revoking
 * decision takes a number of the issuer's register; the decision stays in the register, shown as revoked, and no longer
 * counts for later eligibility or quotas; RewardRevoked tells media, which annotates or withdraws its stories.
 */
export async function revokeRewardDecision(ctx: RewardContext, id: string, input: RevokeInput): Promise<DecisionRow> {
  requireAuthenticated(ctx.identity);
  if (!isUuid(id)) throw new NotFoundError('Reward decision', id, 'Không có quyết định khen thưởng này trong sổ khen thưởng');
  return ctx.transaction(async ({ manager, emit }) => {
    const [decision] = await queryRows<DecisionRow>(manager, `${DECISION_SELECT} WHERE id = $1 FOR UPDATE`, [id.toLowerCase()]);
    if (!decision) throw new NotFoundError('Reward decision', id, 'Không có quyết định khen thưởng này trong sổ khen thưởng');
    const byAuthority = decision.decidingAuthority !== 'UNION';
    if (byAuthority) await requireAuthorityRecorder(manager, ctx.identity, decision);
    else if (!mayRevoke(ctx.identity, decision)) {
      throw new ForbiddenError(`Chỉ Hội đồng Thi đua - Khen thưởng ${decision.grantingUnitName} và cán bộ công đoàn cấp đó trở lên hủy bỏ, thu hồi được quyết định này`, { grantingUnitPath: decision.grantingUnitPath });
    }
    const earlier = await revocationOf(manager, decision.id);
    if (earlier) throw new ConflictError(`Quyết định số ${decision.number} đã bị ${CORRECTION_VERBS[earlier.kind]} theo Quyết định số ${earlier.number} ngày ${shortDate(earlier.revokedOn)}`);
    const revokedOn = input.revokedOn ?? todayInVietnam();
    const problems = revocationProblems({ ...input, revokedOn }, decision, todayInVietnam());
    // an authority's revoking decision is recorded as on its paper: its own number and signer
    if (byAuthority) problems.push(...externalNumberProblems(input.number), ...signerProblems(input));
    else if (input.signerRole.trim().length < 3) problems.push({ field: 'signerRole', message: 'ghi chức danh người ký quyết định hủy bỏ, thu hồi, ví dụ "Chủ tịch"' });
    if (problems.length) throw new ValidationError(problems);
    // refused above when missing
    const legalGround = input.legalGround!;
    const ground = LEGAL_GROUNDS[legalGround];
    const issuer = await requireUnit(manager, decision.grantingUnitId);
    const number = byAuthority ? input.number!.trim().normalize('NFC') : (await takeDecisionNumber(manager, issuer, Number(revokedOn.slice(0, 4)), input.number)).number;
    const reason = input.reason.trim().normalize('NFC');
    await manager.query(
      `INSERT INTO decision_revocations (decision_id, kind, legal_ground, legal_source, reason, revoked_on, number, granting_unit_id, amount_reclaimed_vnd, revoked_by, signer_role, signer_name, by_authority)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [decision.id, input.kind, legalGround, ground.source, reason, revokedOn, number, issuer.id, input.amountReclaimedVnd, ctx.identity.subject, input.signerRole.trim().normalize('NFC'),
        byAuthority ? input.signerName!.trim().normalize('NFC') : null, byAuthority],
    );
    const nomination = (await loadNomination(manager, decision.nominationId))!;
    await emit({
      type: 'RewardRevoked',
      aggregateId: decision.id,
      unitPath: decision.unitPath,
      payload: {
        decisionId: decision.id,
        decisionNumber: decision.number,
        decidedOn: decision.decidedOn,
        formCode: decision.formCode,
        formName: decision.formName,
        subject: {
          memberId: decision.memberId,
          unitId: decision.unitId,
          unitPath: decision.unitPath,
          name: decision.subjectName,
          isDirectProductionWorker: decision.isDirectProductionWorker,
          occupationCode: nomination.occupationCode,
          provinceCode: nomination.provinceCode,
        },
        campaignId: decision.campaignId,
        kind: input.kind,
        legalGround,
        legalSource: ground.source,
        reason,
        revokedOn,
        revocationNumber: number,
        amountReclaimedVnd: input.amountReclaimedVnd,
      },
    });
    return (await decisionById(manager, decision.id))!;
  });
}
