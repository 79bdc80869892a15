import { ConflictError, DownloadNotFoundError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError, documentIssuer, isAnonymous, parseId, queryRow, requireAuthenticated, shortDate, todayInVietnam, type Identity, type IssuedDocument, type Queryable } from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { AUTHORITY_NAMES, authorityRoute } from '../domain/authority';
import { LEGAL_GROUNDS, revocationProposalProblems, type LegalGround, type RevocationProposalInput } from '../domain/corrections';
import { CORRECTION_VERBS } from '../domain/reward-names';
import { revocationProposalPage, type RevocationProposalModel } from '../documents/council';
import { REVOCATION_PROPOSAL_SELECT, type ProposalRow, type RevocationProposalRow } from '../entities';
import type { RewardContext } from './context';
import { revocationOf } from './corrections';
import { decisionById } from './decisions';
import { fileSafe, issuerOf } from './documents';
import { canSeeProposal, proposalById, isHolderOfficer } from './proposals';

/**
 * The union asks the authority to annul or revoke its decision (đề nghị hủy bỏ, thu hồi, decision 0048). Only the
 * authority annuls it (decision 0044); the level that sent it the dossier asks, by a tờ trình along the same route,
 * on a ground of art. 93 (or, to revoke, an error in the decision). The authority's answer is recorded as before.
 */

/** The request for the proposal's decision, if one was made. */
export function revocationProposalOf(db: Queryable, proposalId: string): Promise<RevocationProposalRow | null> {
  return queryRow<RevocationProposalRow>(db, `${REVOCATION_PROPOSAL_SELECT} WHERE proposal_id = $1`, [proposalId]);
}

/** Whether the caller may ask now: of the level that sent the dossier, its decision standing, nothing asked yet. */
export function mayProposeRevocation(identity: Identity, proposal: ProposalRow, asked: boolean, revoked: boolean): boolean {
  return proposal.status === 'DECIDED' && !asked && !revoked && isHolderOfficer(identity, proposal);
}

export function proposeRevocation(ctx: RewardContext, proposalId: string, input: RevocationProposalInput): Promise<ProposalRow> {
  requireAuthenticated(ctx.identity);
  return ctx.transaction(async ({ manager }) => {
    const proposal = await proposalById(manager, parseId('id', proposalId), true);
    if (!proposal || !canSeeProposal(ctx.identity, proposal)) throw new NotFoundError('Reward proposal', proposalId);
    if (proposal.status !== 'DECIDED') throw new ConflictError('Hồ sơ chưa có quyết định khen thưởng của cấp có thẩm quyền để đề nghị hủy bỏ, thu hồi', { status: proposal.status });
    if (!isHolderOfficer(ctx.identity, proposal)) {
      throw new ForbiddenError(`Chỉ cán bộ công đoàn của ${proposal.holderUnitName}, cấp đã trình hồ sơ lên ${AUTHORITY_NAMES[proposal.authority]}, đề nghị hủy bỏ, thu hồi quyết định này`, { holderUnitPath: proposal.holderUnitPath });
    }
    const decision = (await decisionById(manager, proposal.decisionId!))!;
    await refuseTwice(manager, proposal, decision.number);
    const problems = revocationProposalProblems(input, decision.decidedOn, todayInVietnam());
    if (problems.length) throw new ValidationError(problems);
    await manager.query(
      `INSERT INTO revocation_proposals (proposal_id, decision_id, unit_id, kind, legal_ground, reason, proposed_on, signer_role, signer_name, proposed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [proposal.id, decision.id, proposal.holderUnitId, input.kind, input.legalGround, input.reason.trim().normalize('NFC'), input.proposedOn ?? todayInVietnam(),
        input.signerRole.trim().normalize('NFC'), input.signerName?.trim().normalize('NFC') || null, ctx.identity.subject],
    );
    return proposal;
  });
}

/** A decision already annulled needs no request, and one request per decision is the union's: the second is refused. */
async function refuseTwice(manager: EntityManager, proposal: ProposalRow, number: string): Promise<void> {
  if (await revocationOf(manager, proposal.decisionId!)) {
    throw new ConflictError(`Quyết định số ${number} đã bị hủy bỏ, thu hồi`);
  }
  const asked = await revocationProposalOf(manager, proposal.id);
  if (asked) throw new ConflictError(`Đã có tờ trình đề nghị ${CORRECTION_VERBS[asked.kind]} Quyết định số ${number} ngày ${shortDate(asked.proposedOn)}`);
}

/** The request's tờ trình (/documents/rewards/proposals/<id>/revocation.pdf), for those who see the proposal. */
export async function revocationProposalMemo(db: EntityManager, identity: Identity, proposalId: string): Promise<IssuedDocument> {
  if (isAnonymous(identity)) throw new UnauthenticatedError('Đăng nhập để tải tờ trình đề nghị hủy bỏ, thu hồi');
  const proposal = await proposalById(db, proposalId);
  const asked = proposal && canSeeProposal(identity, proposal) ? await revocationProposalOf(db, proposal.id) : null;
  const issuer = asked ? await issuerOf(db, asked.unitId) : null;
  if (!proposal || !asked || !issuer) throw new DownloadNotFoundError('Không có tờ trình đề nghị hủy bỏ, thu hồi của hồ sơ này, hoặc bạn không được xem');
  const decision = (await decisionById(db, asked.decisionId))!;
  const route = authorityRoute(proposal.authority, proposal.proposingUnitName);
  const ground = LEGAL_GROUNDS[asked.legalGround as LegalGround];
  const model: RevocationProposalModel = {
    issuer, date: asked.proposedOn, addressee: route.addressee, request: route.request, alsoTo: route.appraiser, kind: asked.kind,
    decision: { number: decision.number, decidedOn: decision.decidedOn, authorityName: decision.authorityName ?? AUTHORITY_NAMES[proposal.authority], formName: decision.formName, subjectName: decision.subjectName, amountVnd: decision.amountVnd },
    ground: { label: ground.label, source: ground.source }, reason: asked.reason, signerRole: asked.signerRole, signerName: asked.signerName,
  };
  return documentIssuer().issue(db, {
    kind: 'revocation-proposal',
    subjectKey: proposal.id,
    policy: 'current',
    templateVersion: 1,
    model,
    title: `Tờ trình của ${issuer.name} đề nghị ${CORRECTION_VERBS[asked.kind]} Quyết định số ${decision.number}`,
    fileName: `Tờ trình đề nghị ${CORRECTION_VERBS[asked.kind]} - ${fileSafe(decision.number)} - ${fileSafe(decision.subjectName)}.pdf`,
    issuer,
    render: () => revocationProposalPage(model),
    signatureReason: 'Tờ trình đề nghị hủy bỏ, thu hồi quyết định khen thưởng',
  });
}
