import { ConflictError, DownloadNotFoundError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError, documentIssuer, isAnonymous, type IssuedDocument, hasRole, type PROPOSAL_MOVES, isOfficerOver, isUuid, keptLength, officerScope, parseId, queryRow, queryRows, requireAuthenticated, todayInVietnam, type FieldProblem, type Identity, type Issuer, type Queryable, type TransactionScope } from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { AUTHORITY_NAMES, answeringBody, authorityDecisionProblems, authorityRoute, deciderName, authorityRefusalProblems, refusalWording, authorityReturnProblems, daysHeld, memoSignerProblems, nextStop, proposalNoteProblems, type AuthorityDecisionInput, type AuthorityRefusalInput, type AuthorityReturnInput, type AuthorityRoute, type MemoSigner } from '../domain/authority';
import { answeredReturn, memoSenderBelow } from '../domain/dossier-path';
import type { TaskRating } from '../domain/rules';
import { PROPOSAL_SELECT, PROPOSAL_STEP_SELECT, type DecisionRow, type ProposalRow, type ProposalStepRow, type UnitRef } from '../entities';
import { loadForm } from './catalogue';
import type { RewardContext } from './context';
import { insertDecision, proposeApproved, type ApprovedNomination } from './decisions';
import { closeRefused, isCouncilOf, loadNomination, rewardRefused, subjectOfNomination } from './nominations';
import { requireUnit } from './subjects';
import { nominationSuspension } from './suspensions';
import { fileSafe, issuerOf } from './documents';
import { proposalMemoPage, type ProposalMemoModel } from '../documents/council';

/**
 * Proposals (đề nghị) to the authority that decides a form (decision 0035): the council's approval starts one, each
 * level above passes it on or returns it for correction, the level below corrects and resends, and the authority's
 * decision is recorded when it arrives; only then is the reward granted (or its refusal, and the nomination is
 * refused). The authority may also return the dossier for correction: it comes back to the level that sent it, which
 * corrects it and sends it to the authority again. A level a dossier was returned to may pass it further down, to the
 * level that sent it up, when the correction is that level's to make; corrected there, it goes up level by level
 * again. Every hold of the dossier is a step.
 */

export type ProposalAction = 'FORWARD' | 'RETURN' | 'RESEND' | 'RECORD_DECISION';

export interface ProposeInput {
  formCode?: string | null;
  signerRole: string;
  signerName?: string | null;
  proposedOn?: string | null;
  taskRating?: TaskRating | null;
  reason?: string | null;
}

/** The reward officers of a level: its own officers (national admins at the national level). */
function isOfficerAt(identity: Identity, unitPath: string, level: string): boolean {
  return (hasRole(identity, 'UNIT_OFFICER') && identity.unitPath === unitPath) || (hasRole(identity, 'NATIONAL_ADMIN') && level === 'NATIONAL');
}

/** A returned dossier held above the level that proposed it: there is a level below to pass it down to. */
function canPassDown(proposal: ProposalRow): boolean {
  return proposal.status === 'RETURNED' && proposal.holderUnitId !== proposal.proposingUnitId;
}

/** Whether the caller is an officer of the level holding the dossier: once decided, the level that sent it to the authority, which asks it to annul its decision (decision 0048). */
export function isHolderOfficer(identity: Identity, proposal: ProposalRow): boolean {
  return isOfficerAt(identity, proposal.holderUnitPath, proposal.holderLevel);
}

/** Whether the caller records what the authority answers (its decision, return, refusal, and later its annulment): the employer of the proposing union, or the officers of the level that sent the dossier to the authority. */
export function recordsAuthorityAnswers(identity: Identity, proposal: ProposalRow): boolean {
  if (proposal.status === 'AT_LEVEL' || proposal.status === 'RETURNED') return false;
  if (proposal.authority === 'EMPLOYER') return hasRole(identity, 'EMPLOYER') && identity.unitPath === proposal.holderUnitPath;
  return isOfficerAt(identity, proposal.holderUnitPath, proposal.holderLevel);
}

/** The proposal whose authority's decision is this one, if it came from one. */
export function proposalOfDecision(db: Queryable, decisionId: string): Promise<ProposalRow | null> {
  return queryRow<ProposalRow>(db, `${PROPOSAL_SELECT} WHERE p.decision_id = $1`, [decisionId]);
}

/** What the caller may do with the proposal now: nothing once decided. */
export function proposalActions(identity: Identity, proposal: ProposalRow): ProposalAction[] {
  const atHolder = isOfficerAt(identity, proposal.holderUnitPath, proposal.holderLevel);
  switch (proposal.status) {
    case 'AT_LEVEL':
      return atHolder ? ['FORWARD', 'RETURN'] : [];
    case 'RETURNED':
      if (atHolder) return canPassDown(proposal) ? ['RESEND', 'RETURN'] : ['RESEND'];
      return isCouncilOf(identity, proposal.holderUnitPath) ? ['RESEND'] : [];
    case 'WITH_AUTHORITY':
      return recordsAuthorityAnswers(identity, proposal) ? ['RECORD_DECISION'] : [];
    default:
      return [];
  }
}

export function canSeeProposal(identity: Identity, proposal: ProposalRow): boolean {
  return isOfficerOver(identity, proposal.subjectUnitPath) || isOfficerOver(identity, proposal.holderUnitPath) || isCouncilOf(identity, proposal.proposingUnitPath)
    || (proposal.authority === 'EMPLOYER' && hasRole(identity, 'EMPLOYER') && identity.unitPath === proposal.holderUnitPath);
}

/** Proposals the caller follows (officers over the subject or the holder, the proposing council, the employer it waits for), latest first; `waiting` keeps those the caller acts on now. */
export async function rewardProposals(ctx: RewardContext, waiting: boolean): Promise<ProposalRow[]> {
  requireAuthenticated(ctx.identity);
  if (!hasRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER', 'COUNCIL_MEMBER', 'EMPLOYER')) throw new ForbiddenError('Hồ sơ đề nghị khen thưởng dành cho cán bộ công đoàn, Hội đồng thi đua, khen thưởng và người sử dụng lao động');
  const identity = ctx.identity;
  const officerPath = officerScope(identity);
  const rows = await queryRows<ProposalRow>(ctx.db,
    `${PROPOSAL_SELECT}
      WHERE n.unit_path LIKE $1 || '%' OR p.holder_unit_path LIKE $1 || '%' OR p.proposing_unit_path = $2 OR (p.authority = 'EMPLOYER' AND p.holder_unit_path = $3)
      ORDER BY p.updated_at DESC, p.id LIMIT 100`,
    [officerPath ?? '/nowhere/', hasRole(identity, 'COUNCIL_MEMBER') ? identity.unitPath : null, hasRole(identity, 'EMPLOYER') ? identity.unitPath : null],
  );
  return waiting ? rows.filter((row) => proposalActions(identity, row).length > 0) : rows;
}

export async function visibleProposal(ctx: RewardContext, id: string): Promise<ProposalRow | null> {
  requireAuthenticated(ctx.identity);
  const proposal = isUuid(id) ? await proposalById(ctx.db, id.toLowerCase()) : null;
  return proposal && canSeeProposal(ctx.identity, proposal) ? proposal : null;
}

/** The days a step held the dossier, in Việt Nam's calendar (to today while it is still held). */
export function stepDays(step: ProposalStepRow): number {
  return daysHeld(todayInVietnam(step.receivedAt), todayInVietnam(step.leftAt ?? new Date()));
}

/** Union units above a unit, nearest first. */
function unitsAbove(manager: EntityManager, unitPath: string): Promise<UnitRef[]> {
  return queryRows<UnitRef>(manager, `SELECT id, name, path, level FROM unit_refs WHERE $1 LIKE path || '%' AND path <> $1 ORDER BY length(path) DESC`, [unitPath]);
}

/** What a level's tờ trình said when it sent the dossier up: the achievement as stated then, and who signed. */
interface SentMemo {
  reason: string;
  signerRole: string | null;
  signerName: string | null;
}

/** Closes the open step: how the dossier left it, by whom, with the tờ trình it was sent up with or the authority's body whose letter answered it. */
async function closeStep(manager: EntityManager, proposalId: string, outcome: string, note: string | null, by: string, memo: SentMemo | null = null, answer: LetterOf | null = null): Promise<void> {
  await manager.query(
    `UPDATE proposal_steps SET left_at = now(), outcome = $2, note = $3, acted_by = $4, sent_reason = $5, signer_role = $6, signer_name = $7, answered_by = $8, answered_on = $9
      WHERE proposal_id = $1 AND left_at IS NULL`,
    [proposalId, outcome, note, by, memo?.reason ?? null, memo?.signerRole ?? null, memo?.signerName ?? null, answer?.by ?? null, answer?.on ?? null],
  );
}

/** The authority's letter that closed its step: whose it is and its day. */
interface LetterOf {
  by: string;
  on: string;
}

function routeOf(proposal: Pick<ProposalRow, 'authority' | 'proposingUnitName'>): AuthorityRoute {
  return authorityRoute(proposal.authority, proposal.proposingUnitName);
}

/** Whose letter refused it: recorded since decision 0045, the decider before. */
function refusedByOf(proposal: ProposalRow): string {
  return proposal.refusedBy ?? deciderName(proposal.authority, proposal.proposingUnitName);
}

/** The authority's refusal as read, once recorded: its letter, whose it is, and what it says (“… không trình … khen thưởng”). */
export function authorityRefusal(proposal: ProposalRow): { number: string | null; refusedOn: string; reason: string; refusedBy: string; statement: string } | null {
  if (!proposal.refusedOn) return null;
  const refusedBy = refusedByOf(proposal);
  return { number: proposal.refusalNumber, refusedOn: proposal.refusedOn, reason: proposal.refusalReason ?? '', refusedBy, statement: refusalWording(routeOf(proposal), refusedBy) };
}

async function openStep(manager: EntityManager, proposalId: string, at: { id: string | null; name: string; level: string }): Promise<void> {
  await manager.query(
    `INSERT INTO proposal_steps (proposal_id, seq, unit_id, unit_name, level)
     SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4 FROM proposal_steps WHERE proposal_id = $1`,
    [proposalId, at.id, at.name, at.level],
  );
}

/** Moves the dossier to the next stop above `from`: the unit above it, or the authority. */
async function sendUp(manager: EntityManager, proposal: Pick<ProposalRow, 'id' | 'authority' | 'proposingUnitName'>, from: UnitRef): Promise<void> {
  const next = nextStop(proposal.authority, await unitsAbove(manager, from.path));
  if (next === 'AUTHORITY') {
    await manager.query(`UPDATE reward_proposals SET status = 'WITH_AUTHORITY', holder_unit_id = $2, holder_unit_path = $3, holder_unit_name = $4, holder_level = $5, returned_by_unit_id = NULL, updated_at = now() WHERE id = $1`,
      [proposal.id, from.id, from.path, from.name, from.level]);
    await openStep(manager, proposal.id, { id: null, name: routeOf(proposal).holderName, level: 'AUTHORITY' });
    return;
  }
  await manager.query(`UPDATE reward_proposals SET status = 'AT_LEVEL', holder_unit_id = $2, holder_unit_path = $3, holder_unit_name = $4, holder_level = $5, returned_by_unit_id = NULL, updated_at = now() WHERE id = $1`,
    [proposal.id, next.id, next.path, next.name, next.level]);
  await openStep(manager, proposal.id, next);
}

/** A proposal with its nomination's subject; `forUpdate` locks the proposal's row for the rest of the transaction. */
export function proposalById(db: Queryable, id: string, forUpdate = false): Promise<ProposalRow | null> {
  return queryRow<ProposalRow>(db, `${PROPOSAL_SELECT} WHERE p.id = $1 ${forUpdate ? 'FOR UPDATE OF p' : ''}`, [id]);
}

/** The proposal locked for the rest of the transaction, if the caller may do `action` with it now; NOT_FOUND hides the others. */
async function proposalFor(ctx: RewardContext, manager: EntityManager, id: string, action: ProposalAction): Promise<ProposalRow> {
  requireAuthenticated(ctx.identity);
  const proposal = await proposalById(manager, parseId('id', id), true);
  if (!proposal || !canSeeProposal(ctx.identity, proposal)) throw new NotFoundError('Proposal', id, 'Không có hồ sơ đề nghị này, hoặc bạn không được xem');
  const actions = proposalActions(ctx.identity, proposal);
  if (actions.includes(action)) return proposal;
  const where = `hồ sơ ${whereProposalIs(proposal)}`;
  // the holder's own officers hear why they cannot pass it down; anyone else, that it is not theirs to move
  if (action === 'RETURN' && proposal.status === 'RETURNED' && !canPassDown(proposal) && actions.includes('RESEND')) {
    throw new ConflictError(`Không chuyển xuống được: ${proposal.holderUnitName} là cấp trình đề nghị, không còn cấp dưới để chuyển xuống; bổ sung hồ sơ rồi gửi lại`, { status: proposal.status });
  }
  if (!canActOnStatus(proposal.status, action)) throw new ConflictError(`Không thực hiện được: ${where}`, { status: proposal.status });
  throw new ForbiddenError(`Chỉ ${action === 'RECORD_DECISION' && proposal.authority === 'EMPLOYER' ? 'người sử dụng lao động của đơn vị' : `cán bộ công đoàn của ${proposal.holderUnitName}`} thực hiện được việc này: ${where}`, { holderUnitPath: proposal.holderUnitPath });
}

function whereProposalIs(proposal: ProposalRow): string {
  switch (proposal.status) {
    case 'WITH_AUTHORITY':
      return `đã trình ${routeOf(proposal).addressee}, đang chờ quyết định của ${deciderName(proposal.authority, proposal.proposingUnitName)}`;
    case 'DECIDED':
      return 'đã có quyết định';
    case 'REFUSED':
      return `đã được trả lời: ${refusalWording(routeOf(proposal), refusedByOf(proposal))}`;
    default:
      return `đang ở ${proposal.holderUnitName}${proposal.status === 'RETURNED' ? ' (bị trả lại để bổ sung)' : ''}`;
  }
}

function canActOnStatus(status: ProposalRow['status'], action: ProposalAction): boolean {
  return { FORWARD: status === 'AT_LEVEL', RETURN: status === 'AT_LEVEL' || status === 'RETURNED', RESEND: status === 'RETURNED', RECORD_DECISION: status === 'WITH_AUTHORITY' }[action];
}

type Move = (typeof PROPOSAL_MOVES)[number];

/** The proposal as it is after a move, told to the others (RewardProposalMoved): who let it go, who holds it now. */
async function moved({ manager, emit }: TransactionScope, id: string, action: Move, fromUnitPath: string, note: string | null, answeredBy?: string): Promise<ProposalRow> {
  const proposal = (await proposalById(manager, id))!;
  const nomination = (await loadNomination(manager, proposal.nominationId))!;
  await emit({
    type: 'RewardProposalMoved',
    aggregateId: proposal.id,
    unitPath: nomination.unitPath,
    payload: {
      proposalId: proposal.id,
      nominationId: nomination.id,
      formCode: proposal.formCode,
      formName: proposal.formName,
      authority: proposal.authority,
      subject: subjectOfNomination(nomination),
      action,
      fromUnitPath,
      toUnitPath: proposal.status === 'WITH_AUTHORITY' ? null : proposal.holderUnitPath,
      proposingUnitPath: proposal.proposingUnitPath,
      ...(answeredBy ? { answeredBy } : {}),
      note,
      movedOn: todayInVietnam(),
    },
  });
  return proposal;
}

/** The council of the granting unit approves a form another authority decides: its proposal starts up the levels. */
export function proposeReward(ctx: RewardContext, nominationId: string, input: ProposeInput): Promise<ProposalRow> {
  const grant = { formCode: input.formCode, signerRole: input.signerRole, signerName: input.signerName, decidedOn: input.proposedOn, taskRating: input.taskRating, reason: input.reason };
  return proposeApproved(ctx, nominationId, grant, async (scope: TransactionScope, approved: ApprovedNomination) => {
    const { manager } = scope;
    const { nomination, form } = approved;
    const council = await requireUnit(manager, nomination.grantingUnitId);
    const [created] = await queryRows<{ id: string }>(manager,
      `INSERT INTO reward_proposals (nomination_id, form_code, form_name, authority, authority_source, status, holder_unit_id, holder_unit_path, holder_unit_name,
         holder_level, proposing_unit_id, proposing_unit_path, proposing_unit_name, proposed_on, signer_role, signer_name, task_rating, reason, created_by)
       VALUES ($1, $2, $3, $4, $5, 'AT_LEVEL', $6, $7, $8, $9, $6, $7, $8, $10, $11, $12, $13, $14, $15) RETURNING id`,
      [nomination.id, form.code, form.name, form.decidingAuthority, form.authoritySource, council.id, council.path, council.name, council.level, approved.decidedOn,
        input.signerRole.trim(), input.signerName?.trim().normalize('NFC') || null, approved.taskRating, approved.reason, ctx.identity.subject],
    );
    const id = created!.id;
    // the proposing level held the dossier from the nomination to the council's proposal
    await manager.query(
      `INSERT INTO proposal_steps (proposal_id, seq, unit_id, unit_name, level, received_at, left_at, outcome, note, acted_by, sent_reason, signer_role, signer_name)
       SELECT $1, 1, $2, $3, $4, $5, now(), 'PROPOSED', NULL, $6, reason, signer_role, signer_name FROM reward_proposals WHERE id = $1`,
      [id, council.id, council.name, council.level, nomination.createdAt, ctx.identity.subject],
    );
    await sendUp(manager, { id, authority: form.decidingAuthority, proposingUnitName: council.name }, council);
    await manager.query(`UPDATE nominations SET status = 'PROPOSED', task_rating = $2, form_code = $3 WHERE id = $1`, [nomination.id, approved.taskRating, form.code]);
    return moved(scope, id, 'PROPOSED', council.path, null);
  });
}

/** The text of an optional field as kept: trimmed, NFC, null when empty. */
function keptOrNull(value: string | null | undefined): string | null {
  return value?.trim().normalize('NFC') || null;
}

/**
 * The level holding the dossier passes it on: to the level above, or from the top to the authority, with its own
 * tờ trình (its opinion, the achievement as the dossier states it now, and who signs it when that is recorded).
 */
export function forwardProposal(ctx: RewardContext, id: string, note: string | null, signer: MemoSigner = {}): Promise<ProposalRow> {
  const text = keptOrNull(note);
  const problems = [...(text && keptLength(text) > 5000 ? [{ field: 'note', message: 'ý kiến tối đa 5.000 ký tự' }] : []), ...memoSignerProblems(signer)];
  if (problems.length) throw new ValidationError(problems);
  return ctx.transaction(async (scope) => {
    const { manager } = scope;
    const proposal = await proposalFor(ctx, manager, id, 'FORWARD');
    await refuseWhileSuspended(manager, proposal);
    const holder = await requireUnit(manager, proposal.holderUnitId);
    const action = (await unitsAbove(manager, holder.path)).length ? 'FORWARDED' : 'SENT_TO_AUTHORITY';
    await closeStep(manager, proposal.id, action, text, ctx.identity.subject, { reason: proposal.reason, signerRole: keptOrNull(signer.signerRole), signerName: keptOrNull(signer.signerName) });
    await sendUp(manager, proposal, holder);
    return moved(scope, proposal.id, action, holder.path, text);
  });
}

/**
 * A level does not propose upwards while the subject has a pending case (SUSPENSION_RULE): a case opened after its
 * council proposed it stops the dossier where it is, until an officer records that the case ended.
 */
async function refuseWhileSuspended(manager: EntityManager, proposal: ProposalRow): Promise<void> {
  const suspended = await nominationSuspension(manager, (await loadNomination(manager, proposal.nominationId))!);
  if (suspended) throw new ConflictError(suspended.message, { rule: suspended.rule, source: suspended.source });
}

/** The union unit below the holder that last held the dossier: the one that sent it up. */
async function senderBelow(manager: EntityManager, proposal: ProposalRow): Promise<UnitRef> {
  const [sender] = await queryRows<{ unitId: string }>(manager,
    `SELECT s.unit_id AS "unitId" FROM proposal_steps s JOIN unit_refs u ON u.id = s.unit_id
      WHERE s.proposal_id = $1 AND s.left_at IS NOT NULL AND u.path LIKE $2 || '%' AND u.path <> $2 ORDER BY s.seq DESC LIMIT 1`,
    [proposal.id, proposal.holderUnitPath],
  );
  return requireUnit(manager, sender!.unitId);
}

/**
 * The level holding the dossier returns it to the level that sent it, with what to correct (trả lại hồ sơ); a level
 * it was returned to passes it down the same way. The level below resends it to this one.
 */
export function returnProposal(ctx: RewardContext, id: string, reason: string): Promise<ProposalRow> {
  const problems = proposalNoteProblems(reason, 'reason');
  if (problems.length) throw new ValidationError(problems);
  return ctx.transaction(async (scope) => {
    const { manager } = scope;
    const proposal = await proposalFor(ctx, manager, id, 'RETURN');
    const below = await senderBelow(manager, proposal);
    await closeStep(manager, proposal.id, 'RETURNED', reason.trim().normalize('NFC'), ctx.identity.subject);
    await manager.query(`UPDATE reward_proposals SET status = 'RETURNED', holder_unit_id = $2, holder_unit_path = $3, holder_unit_name = $4, holder_level = $5, returned_by_unit_id = $6, updated_at = now() WHERE id = $1`,
      [proposal.id, below.id, below.path, below.name, below.level, proposal.holderUnitId]);
    await openStep(manager, proposal.id, below);
    return moved(scope, proposal.id, 'RETURNED', proposal.holderUnitPath, reason.trim().normalize('NFC'));
  });
}

/**
 * The level a dossier was returned to corrects it and sends it back to whoever returned it (the level above, or the
 * authority) with a new tờ trình: the achievement as corrected, what it corrected, and who signs (for the proposing
 * unit, whoever signed its proposal unless another is named).
 */
export function resendProposal(ctx: RewardContext, id: string, correction: string, reason: string | null, signer: MemoSigner = {}): Promise<ProposalRow> {
  const problems = [...proposalNoteProblems(correction, 'correction'), ...(reason === null ? [] : proposalNoteProblems(reason, 'reason')), ...memoSignerProblems(signer)];
  if (problems.length) throw new ValidationError(problems);
  return ctx.transaction(async (scope) => {
    const { manager } = scope;
    const proposal = await proposalFor(ctx, manager, id, 'RESEND');
    await refuseWhileSuspended(manager, proposal);
    const corrected = reason?.trim().normalize('NFC') ?? proposal.reason;
    await closeStep(manager, proposal.id, 'RESENT', correction.trim().normalize('NFC'), ctx.identity.subject, { reason: corrected, ...(await resendSigner(manager, proposal, signer)) });
    await manager.query(`UPDATE reward_proposals SET reason = $2 WHERE id = $1`, [proposal.id, corrected]);
    if (proposal.returnedByUnitId === null) {
      // the level that sent it to the authority holds it: from there, the way up leads to the authority again
      await sendUp(manager, proposal, await requireUnit(manager, proposal.holderUnitId));
    } else {
      const returner = await requireUnit(manager, proposal.returnedByUnitId);
      await manager.query(`UPDATE reward_proposals SET status = 'AT_LEVEL', holder_unit_id = $2, holder_unit_path = $3, holder_unit_name = $4, holder_level = $5, returned_by_unit_id = NULL,
          updated_at = now() WHERE id = $1`,
        [proposal.id, returner.id, returner.path, returner.name, returner.level]);
      await openStep(manager, proposal.id, returner);
    }
    return moved(scope, proposal.id, 'RESENT', proposal.holderUnitPath, correction.trim().normalize('NFC'));
  });
}

/**
 * Who signs a resent dossier's tờ trình: the one named; else at the proposing unit whoever signed its proposal, and
 * above it whoever signed that level's last tờ trình of this dossier (“Chủ tịch”, to sign by hand, when none did).
 */
async function resendSigner(manager: EntityManager, proposal: ProposalRow, signer: MemoSigner): Promise<Pick<SentMemo, 'signerRole' | 'signerName'>> {
  const role = keptOrNull(signer.signerRole);
  if (role !== null) return { signerRole: role, signerName: keptOrNull(signer.signerName) };
  if (proposal.holderUnitId === proposal.proposingUnitId) return { signerRole: proposal.signerRole, signerName: proposal.signerName };
  const last = await queryRow<Pick<SentMemo, 'signerRole' | 'signerName'>>(manager,
    `SELECT signer_role AS "signerRole", signer_name AS "signerName" FROM proposal_steps WHERE proposal_id = $1 AND unit_id = $2 AND signer_role IS NOT NULL ORDER BY seq DESC LIMIT 1`,
    [proposal.id, proposal.holderUnitId]);
  return last ?? { signerRole: null, signerName: null };
}

/**
 * The day (in Việt Nam) the dossier reached the authority: its answer cannot be older. Sent straight from the
 * proposing level (to an employer), it reached it on its tờ trình's day, which is earlier than the day it was
 * entered when the paper register is the source.
 */
async function sentToAuthorityOn(manager: EntityManager, proposal: ProposalRow): Promise<string> {
  const [sent] = await queryRows<{ receivedAt: Date; seq: number }>(manager, `SELECT received_at AS "receivedAt", seq FROM proposal_steps WHERE proposal_id = $1 AND left_at IS NULL`, [proposal.id]);
  const arrived = todayInVietnam(sent!.receivedAt);
  return sent!.seq === 2 && proposal.proposedOn < arrived ? proposal.proposedOn : arrived;
}

/** The proposal waiting for the authority, locked, once the authority's answer passes `problemsOf` (given its route, the day the dossier reached it, and today). */
async function answeredProposal(ctx: RewardContext, manager: EntityManager, id: string, problemsOf: (route: AuthorityRoute, sentOn: string, today: string) => FieldProblem[]): Promise<ProposalRow> {
  const proposal = await proposalFor(ctx, manager, id, 'RECORD_DECISION');
  const problems = problemsOf(routeOf(proposal), await sentToAuthorityOn(manager, proposal), todayInVietnam());
  if (problems.length) throw new ValidationError(problems);
  return proposal;
}

/** An authority's letter as recorded: its reason and number, and the note its step keeps (`reason (văn bản số …)`). */
function letterOf(input: { number?: string | null; reason: string }): { reason: string; number: string | null; note: string } {
  const reason = input.reason.trim().normalize('NFC');
  const number = input.number?.trim().normalize('NFC') || null;
  return { reason, number, note: number ? `${reason} (văn bản số ${number})` : reason };
}

/** The authority's decision, recorded when it arrives (number, day, signer): the reward is granted, paid and published now. */
export function recordAuthorityDecision(ctx: RewardContext, id: string, input: AuthorityDecisionInput): Promise<DecisionRow> {
  return ctx.transaction(async (scope) => {
    const { manager } = scope;
    const proposal = await answeredProposal(ctx, manager, id, (_route, sentOn, today) => authorityDecisionProblems(input, sentOn, today));
    const nomination = (await loadNomination(manager, proposal.nominationId, true))!;
    const form = await loadForm(manager, proposal.formCode);
    const approved = { nomination, form, decidedOn: input.decidedOn, reason: proposal.reason, taskRating: proposal.taskRating as TaskRating | null };
    const decision = await insertDecision(ctx, scope, approved, {
      number: input.number.trim().normalize('NFC'),
      entered: true,
      signerRole: input.signerRole.trim().normalize('NFC'),
      signerName: input.signerName.trim().normalize('NFC'),
      grantingUnit: await requireUnit(manager, proposal.proposingUnitId),
      authority: { code: proposal.authority, name: deciderName(proposal.authority, proposal.proposingUnitName) },
    });
    await closeStep(manager, proposal.id, 'DECIDED', decision.number, ctx.identity.subject);
    await manager.query(`UPDATE reward_proposals SET status = 'DECIDED', decision_id = $2, updated_at = now() WHERE id = $1`, [proposal.id, decision.id]);
    return decision;
  });
}

/**
 * The authority's answer that it does not grant, recorded by whoever records its decisions: the proposal ends, the
 * nomination is refused with the authority's reason, and RewardRefused tells the nominating officer and the member.
 */
export function recordAuthorityRefusal(ctx: RewardContext, id: string, input: AuthorityRefusalInput): Promise<ProposalRow> {
  return ctx.transaction(async (scope) => {
    const { manager, emit } = scope;
    const proposal = await answeredProposal(ctx, manager, id, (route, sentOn, today) => authorityRefusalProblems(input, route, sentOn, today));
    const { reason, number, note } = letterOf(input);
    const route = routeOf(proposal);
    const refusedBy = answeringBody(route, 'REFUSAL', input.answeredBy)!;
    await closeStep(manager, proposal.id, 'REFUSED', note, ctx.identity.subject, null, { by: refusedBy, on: input.refusedOn });
    await manager.query(`UPDATE reward_proposals SET status = 'REFUSED', refused_on = $2, refusal_reason = $3, refusal_number = $4, refused_by = $5, updated_at = now() WHERE id = $1`,
      [proposal.id, input.refusedOn, reason, number, refusedBy]);
    const nomination = (await loadNomination(manager, proposal.nominationId, true))!;
    await closeRefused(manager, nomination, `${refusalWording(route, refusedBy)}: ${reason}`);
    await emit(rewardRefused(nomination, { formCode: proposal.formCode, refusedOn: input.refusedOn, reason, refusedBy }));
    return (await proposalById(manager, proposal.id))!;
  });
}

/**
 * The authority's letter returning the dossier for correction (trả lại hồ sơ), recorded by whoever records its
 * decisions: the dossier is back with the level that sent it (the grassroots union, for its employer), which corrects
 * it and sends it to the authority again; the authority's step keeps the letter and the days it held the dossier.
 */
export function recordAuthorityReturn(ctx: RewardContext, id: string, input: AuthorityReturnInput): Promise<ProposalRow> {
  return ctx.transaction(async (scope) => {
    const { manager } = scope;
    const proposal = await answeredProposal(ctx, manager, id, (route, sentOn, today) => authorityReturnProblems(input, route, sentOn, today));
    const { note } = letterOf(input);
    const returnedBy = answeringBody(routeOf(proposal), 'RETURN', input.answeredBy)!;
    await closeStep(manager, proposal.id, 'RETURNED', note, ctx.identity.subject, null, { by: returnedBy, on: input.returnedOn });
    await manager.query(`UPDATE reward_proposals SET status = 'RETURNED', returned_by_unit_id = NULL, updated_at = now() WHERE id = $1`, [proposal.id]);
    const holder = await requireUnit(manager, proposal.holderUnitId);
    await openStep(manager, proposal.id, holder);
    return moved(scope, proposal.id, 'RETURNED', holder.path, note, returnedBy);
  });
}

/**
 * Whether the level of this step sent a tờ trình with the dossier (ProposalStep.memo): the proposing unit, each level
 * that passed it on, and since decision 0047 each that resent it corrected; those keep what it said (the database's
 * proposal_steps_memo_check holds the first two to it; resends before decision 0047 kept nothing and sent none).
 */
export function stepHasMemo(step: Pick<ProposalStepRow, 'sentReason'>): boolean {
  return step.sentReason !== null;
}

/**
 * The tờ trình of the step at `index` (one with a memo; the step after it is where it went): the proposing unit's,
 * signed as its council proposed it, or a level's that passed the dossier on or resent it corrected, on the day it did,
 * answering the return it follows, if any.
 */
function memoModel(proposal: ProposalRow, issuer: Issuer, steps: readonly ProposalStepRow[], index: number): ProposalMemoModel {
  const step = steps[index]!;
  const sentTo = steps[index + 1]!;
  const proposing = step.unitId === proposal.proposingUnitId;
  const route = routeOf(proposal);
  const toAuthority = sentTo.level === 'AUTHORITY';
  return {
    issuer,
    addressee: toAuthority ? route.addressee : sentTo.unitName,
    request: toAuthority ? route.request : `xem xét, trình ${AUTHORITY_NAMES[proposal.authority]}`,
    alsoTo: toAuthority ? route.appraiser : null,
    date: step.outcome === 'PROPOSED' ? proposal.proposedOn : todayInVietnam(step.leftAt!),
    formName: proposal.formName,
    authorityName: AUTHORITY_NAMES[proposal.authority],
    subjectName: proposal.subjectName,
    // as the level sent it: a later correction does not re-write what it signed
    reason: step.sentReason ?? proposal.reason,
    achievedOn: proposal.achievedOn,
    awardYear: proposal.awardYear,
    // every step with a tờ trình keeps its signer (the proposing unit's from its proposal); unrecorded above, the title alone
    signerRole: step.signerRole ?? 'Chủ tịch',
    signerName: step.signerName,
    forwarding: proposing ? null : { fromUnitName: memoSenderBelow(steps, index) ?? proposal.proposingUnitName, proposingUnitName: proposal.proposingUnitName, opinion: step.outcome === 'RESENT' ? null : step.note },
    // an authority's return recorded before decision 0045 named no body: the first that answers on its route
    answering: answeredReturn(steps, index, route.answerers[0]!),
  };
}

/**
 * A tờ trình of one proposal (the proposing unit's by default, or the one a level sent when it passed the dossier on,
 * by the step's `seq`), for those who may see the proposal (NOT_FOUND hides the others, as the API does).
 */
export async function proposalMemo(db: EntityManager, identity: Identity, id: string, seq = 1): Promise<IssuedDocument> {
  if (isAnonymous(identity)) throw new UnauthenticatedError('Đăng nhập để tải tờ trình đề nghị khen thưởng');
  const proposal = await proposalById(db, id);
  if (!proposal || !canSeeProposal(identity, proposal)) throw new DownloadNotFoundError('Không có hồ sơ đề nghị này, hoặc bạn không được xem');
  const steps = await queryRows<ProposalStepRow>(db, `${PROPOSAL_STEP_SELECT} WHERE proposal_id = $1 ORDER BY seq`, [proposal.id]);
  const index = steps.findIndex((s) => s.seq === seq);
  const step = steps[index];
  const issuer = step?.unitId && steps[index + 1] && stepHasMemo(step) ? await issuerOf(db, step.unitId) : null;
  if (!step || !issuer) throw new DownloadNotFoundError('Cấp này không gửi tờ trình với hồ sơ đề nghị ở bước này (chỉ cấp trình đề nghị, các cấp chuyển hồ sơ lên và, từ quyết định 0047, cấp gửi lại hồ sơ đã bổ sung có tờ trình)');
  const model = memoModel(proposal, issuer, steps, index);
  return documentIssuer().issue(db, {
    kind: 'proposal-memo',
    subjectKey: seq === 1 ? proposal.id : `${proposal.id}/${String(seq)}`,
    policy: 'current',
    // 2: the recipients' line of decision 0043 and the resent dossier's tờ trình of decision 0047
    templateVersion: 2,
    model,
    title: `Tờ trình của ${model.issuer.name} đề nghị tặng ${proposal.formName} cho ${proposal.subjectName}`,
    // a level that passes the dossier up twice (after a return) sends two: the step tells them apart
    fileName: `Tờ trình - ${fileSafe(proposal.formName)} - ${fileSafe(proposal.subjectName)}${seq === 1 ? '' : ` - ${fileSafe(model.issuer.name)} (bước ${String(seq)})`}.pdf`,
    issuer: model.issuer,
    render: () => proposalMemoPage(model),
    signatureReason: 'Tờ trình đề nghị khen thưởng',
  });
}
