import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  decodeCursor,
  foldVietnamese,
  foldVietnameseSql,
  isOfficerOver,
  officerScope,
  pageSize,
  parseId,
  queryRow,
  queryRows,
  requireAuthenticated,
  requireRole,
  toConnection,
  todayInVietnam,
  type Connection,
  type PageRequest,
} from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { COLLEAGUE_RULES, declineProblems, handledProblem, proposalProblems, type ColleagueDeedKind, type ColleagueProposalStatus, type EvidenceItem } from '../domain/colleague-proposals';
import { formFitProblems } from '../domain/forms';
import { COLLEAGUE_PROPOSAL_SELECT, NOMINATION_SELECT, type ColleagueProposalRow, type NominationRow } from '../entities';
import { loadForm } from './catalogue';
import { employerCouncilRefusal } from './councils';
import type { RewardContext } from './context';
import { insertNomination } from './nominations';
import { findSubject, honourOf, requireUnit } from './subjects';

export interface ColleagueProposalInput {
  colleagueId: string;
  kind: ColleagueDeedKind;
  occurredOn: string;
  description: string;
  evidence: EvidenceItem[];
}

const loadProposal = (db: EntityManager, id: string) => queryRow<ColleagueProposalRow>(db, `${COLLEAGUE_PROPOSAL_SELECT} WHERE id = $1 FOR UPDATE`, [id]);

/** A member proposes a colleague of the same grassroots union for a good deed or an initiative, with evidence. */
export async function proposeColleague(ctx: RewardContext, input: ColleagueProposalInput): Promise<ColleagueProposalRow> {
  requireAuthenticated(ctx.identity);
  if (!ctx.identity.memberId) throw new ForbiddenError('Chỉ đoàn viên (tài khoản gắn với hồ sơ đoàn viên) đề xuất được đồng nghiệp');
  const colleagueId = parseId('colleagueId', input.colleagueId);
  const proposer = await findSubject(ctx.db.manager, { memberId: ctx.identity.memberId, unitId: null });
  if (!proposer) throw new ForbiddenError('Hồ sơ đoàn viên của bạn chưa có trên hệ thống khen thưởng; hãy thử lại sau ít phút');
  if (colleagueId === proposer.memberId) throw ValidationError.single('colleagueId', 'hãy đề xuất một đồng nghiệp, không phải chính mình');
  const colleague = await findSubject(ctx.db.manager, { memberId: colleagueId, unitId: null });
  const [left] = await queryRows<{ left: boolean }>(ctx.db, `SELECT left_union_on IS NOT NULL AS left FROM member_refs WHERE id = $1`, [colleagueId]);
  if (!colleague || colleague.unitId !== proposer.unitId || left?.left) {
    throw new NotFoundError('Member', input.colleagueId, `Không có đồng nghiệp này trong ${proposer.unitName || 'công đoàn cơ sở của bạn'}`);
  }
  const problems = proposalProblems(input, todayInVietnam());
  if (problems.length) throw new ValidationError(problems);
  return ctx.transaction(async ({ manager }) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`colleague-proposals:${proposer.memberId}`]);
    const [open] = await queryRows<{ n: number }>(manager, `SELECT count(*)::int AS n FROM colleague_proposals WHERE proposer_member_id = $1 AND status = 'SUBMITTED'`, [proposer.memberId]);
    if (open!.n >= COLLEAGUE_RULES.maxOpenPerProposer) {
      throw new ConflictError(`Bạn đang có ${open!.n} đề xuất chờ công đoàn cơ sở trả lời; hãy chờ trả lời trước khi gửi thêm`, { open: open!.n });
    }
    const evidence = input.evidence.map((item) => ({ description: item.description.trim().normalize('NFC'), url: item.url?.trim() || null }));
    const [row] = await queryRows<{ id: string }>(manager,
      `INSERT INTO colleague_proposals (proposer_member_id, proposer_name, member_id, subject_name, unit_id, unit_path, kind, occurred_on, description, evidence, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'SUBMITTED') RETURNING id`,
      [proposer.memberId, proposer.name, colleague.memberId, colleague.name, colleague.unitId, colleague.unitPath, input.kind, input.occurredOn,
        input.description.trim().normalize('NFC'), JSON.stringify(evidence)]);
    return (await loadProposal(manager, row!.id))!;
  });
}

/** The proposals the caller made, newest first, with how each was handled. */
export async function myColleagueProposals(ctx: RewardContext, page: PageRequest): Promise<Connection<ColleagueProposalRow>> {
  requireAuthenticated(ctx.identity);
  return proposalPage(ctx, `proposer_member_id = $1`, [ctx.identity.memberId ?? '00000000-0000-0000-0000-000000000000'], page);
}

/** Proposals about members of the officer's subtree, optionally of one status, newest first. */
export async function colleagueProposals(ctx: RewardContext, status: ColleagueProposalStatus | null, page: PageRequest): Promise<Connection<ColleagueProposalRow>> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  return proposalPage(ctx, `unit_path LIKE $1 || '%' AND ($2::text IS NULL OR status = $2)`, [officerScope(ctx.identity), status], page);
}

async function proposalPage(ctx: RewardContext, where: string, params: unknown[], page: PageRequest): Promise<Connection<ColleagueProposalRow>> {
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const n = params.length;
  const rows = await queryRows<ColleagueProposalRow & { cursorTime: string }>(ctx.db,
    `${COLLEAGUE_PROPOSAL_SELECT} WHERE ${where} AND ($${n + 2}::timestamptz IS NULL OR (created_at, id) < ($${n + 2}::timestamptz, $${n + 3}::uuid))
      ORDER BY created_at DESC, id DESC LIMIT $${n + 1}`,
    [...params, limit + 1, after?.[0] ?? null, after?.[1] ?? null]);
  return toConnection(rows, limit, (row) => [row.cursorTime, row.id]);
}

/** A waiting proposal about someone in the officer's subtree, locked for the rest of the transaction. */
async function proposalToHandle(ctx: RewardContext, manager: EntityManager, id: string): Promise<ColleagueProposalRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const proposal = await loadProposal(manager, parseId('id', id));
  if (!proposal || !isOfficerOver(ctx.identity, proposal.unitPath)) throw new NotFoundError('Colleague proposal', id, 'Không có đề xuất này trong phạm vi bạn phụ trách');
  const handled = handledProblem(proposal.status);
  if (handled) throw new ConflictError(handled, { status: proposal.status });
  return proposal;
}

async function markHandled(manager: EntityManager, ctx: RewardContext, id: string, change: { status: ColleagueProposalStatus; nominationId?: string; declineReason?: string }): Promise<ColleagueProposalRow> {
  await manager.query(`UPDATE colleague_proposals SET status = $2, nomination_id = $3, decline_reason = $4, handled_by = $5, handled_at = now() WHERE id = $1`, [
    id, change.status, change.nominationId ?? null, change.declineReason ?? null, ctx.identity.subject,
  ]);
  return (await loadProposal(manager, id))!;
}

export interface NominateFromProposalInput {
  formCode: string;
  grantingUnitId: string;
  /** The reason the decision will publish; the proposal's description when left out. */
  reason?: string | null;
}

/** The grassroots officer turns the proposal into an ad-hoc nomination (short path: commendations only). */
export async function nominateFromColleagueProposal(ctx: RewardContext, id: string, input: NominateFromProposalInput): Promise<ColleagueProposalRow> {
  return ctx.transaction(async (scope) => {
    const { manager } = scope;
    const proposal = await proposalToHandle(ctx, manager, id);
    const subject = await findSubject(manager, { memberId: proposal.memberId, unitId: null });
    if (!subject) throw new NotFoundError('Member', proposal.memberId, `${proposal.subjectName} không còn trong danh sách đoàn viên`);
    const grantingUnit = await requireUnit(manager, parseId('grantingUnitId', input.grantingUnitId));
    if (!subject.unitPath.startsWith(grantingUnit.path)) {
      throw ValidationError.single('grantingUnitId', `${grantingUnit.name} không phải cấp trên của ${subject.name}: chọn công đoàn cơ sở của đoàn viên hoặc cấp trên`);
    }
    const form = await loadForm(manager, input.formCode);
    const fit = formFitProblems(form, false, grantingUnit.level, true, 'formCode');
    const otherCouncil = await employerCouncilRefusal(manager, form, subject, grantingUnit);
    if (otherCouncil) fit.push({ field: 'grantingUnitId', message: otherCouncil });
    if (fit.length) throw new ValidationError(fit);
    const reason = (input.reason?.trim() || proposal.description).slice(0, 4000);
    if (reason.length < 10) throw ValidationError.single('reason', 'ghi thành tích được khen (ít nhất 10 ký tự); quyết định sẽ công bố nội dung này');
    const nominationId = await insertNomination(scope, {
      source: 'AD_HOC',
      subject,
      grantingUnit,
      formCode: input.formCode,
      campaignId: null,
      taskRating: null,
      achievedOn: proposal.occurredOn,
      awardYear: Number(proposal.occurredOn.slice(0, 4)),
      resultRank: null,
      reason,
      sourceEventId: null,
      createdBy: ctx.identity.subject,
    });
    return markHandled(manager, ctx, proposal.id, { status: 'NOMINATED', nominationId: nominationId! });
  });
}

/** The officer passes the proposal to media as a story candidate (người tốt, việc tốt / sáng kiến). */
export async function forwardColleagueProposalToMedia(ctx: RewardContext, id: string): Promise<ColleagueProposalRow> {
  return ctx.transaction(async ({ manager, emit }) => {
    const proposal = await proposalToHandle(ctx, manager, id);
    const subject = await findSubject(manager, { memberId: proposal.memberId, unitId: null });
    if (!subject) throw new NotFoundError('Member', proposal.memberId, `${proposal.subjectName} không còn trong danh sách đoàn viên`);
    await emit({
      type: 'ColleagueDeedReported',
      aggregateId: proposal.id,
      unitPath: proposal.unitPath,
      payload: {
        proposalId: proposal.id,
        kind: proposal.kind,
        subject: honourOf(subject),
        occurredOn: proposal.occurredOn,
        description: proposal.description,
        evidence: proposal.evidence.map((item) => ({ description: item.description, url: item.url ?? null })),
      },
    });
    return markHandled(manager, ctx, proposal.id, { status: 'FORWARDED_TO_MEDIA' });
  });
}

/** The officer declines, with a reason the proposing member reads. */
export async function declineColleagueProposal(ctx: RewardContext, id: string, reason: string): Promise<ColleagueProposalRow> {
  const problems = declineProblems(reason);
  if (problems.length) throw new ValidationError(problems);
  return ctx.transaction(async ({ manager }) => {
    const proposal = await proposalToHandle(ctx, manager, id);
    return markHandled(manager, ctx, proposal.id, { status: 'DECLINED', declineReason: reason.trim().normalize('NFC') });
  });
}

/** Nominations about the caller (members): what is proposed for them, where it stands, and why it was refused. */
export async function myNominations(ctx: RewardContext, page: PageRequest): Promise<Connection<NominationRow>> {
  requireAuthenticated(ctx.identity);
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const rows = ctx.identity.memberId
    ? await queryRows<NominationRow & { cursorTime: string }>(ctx.db,
      `${NOMINATION_SELECT} WHERE member_id = $1 AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $2`,
      [ctx.identity.memberId, limit + 1, after?.[0] ?? null, after?.[1] ?? null])
    : [];
  return toConnection(rows, limit, (row) => [row.cursorTime, row.id]);
}

/** Colleagues of the caller's grassroots union (names only), in Vietnamese order, for choosing whom to propose. */
export async function myColleagues(ctx: RewardContext, search: string | null, page: PageRequest): Promise<Connection<{ id: string; fullName: string }>> {
  requireAuthenticated(ctx.identity);
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const words = foldVietnamese((search ?? '').slice(0, 100));
  const rows = ctx.identity.memberId
    ? await queryRows<{ id: string; fullName: string }>(ctx.db,
      `SELECT c.id, c.full_name AS "fullName" FROM member_refs me JOIN member_refs c ON c.unit_id = me.unit_id AND c.id <> me.id AND c.left_union_on IS NULL
        WHERE me.id = $1 AND ($3 = '' OR strpos(${foldVietnameseSql('c.full_name')}, $3) > 0)
          AND ($4::text IS NULL OR (c.full_name COLLATE "vi-x-icu", c.id) > ($4::text COLLATE "vi-x-icu", $5::uuid))
        ORDER BY c.full_name COLLATE "vi-x-icu", c.id LIMIT $2`,
      [ctx.identity.memberId, limit + 1, words, after?.[0] ?? null, after?.[1] ?? null])
    : [];
  return toConnection(rows, limit, (row) => [row.fullName, row.id]);
}
