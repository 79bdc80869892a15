import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  decodeCursor,
  isOfficerOver,
  pageSize,
  parseId,
  queryRows,
  requireRole,
  shortDate,
  toConnection,
  todayInVietnam,
  type Connection,
  type PageRequest,
  type ProceedingKind,
} from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { closingProblems, openingProblems } from '../domain/proceedings';
import { PendingProceedingEntity, type PendingProceedingRow } from '../entities';
import type { CampaignContext } from './context';
import { proceedingsChanged, type ProceedingSubject } from './published-events';

export interface RecordProceedingInput {
  memberId?: string | null;
  unitId?: string | null;
  kind: ProceedingKind;
  note: string;
  openedOn?: string | null;
}

/** The member or unit a case is about, with the name officers know it by; officers over it only. */
async function subjectOf(ctx: CampaignContext, input: { memberId?: string | null; unitId?: string | null }): Promise<ProceedingSubject & { name: string }> {
  if (Boolean(input.memberId) === Boolean(input.unitId)) {
    throw ValidationError.single('memberId', 'chọn một đoàn viên hoặc một đơn vị (không chọn cả hai)');
  }
  if (input.memberId) {
    const member = await ctx.loaders.member.load(parseId('memberId', input.memberId));
    if (!member || !isOfficerOver(ctx.identity, member.unitPath)) throw new NotFoundError('Member', input.memberId, 'Không có đoàn viên này trong phạm vi bạn phụ trách');
    return { memberId: member.id, unitId: member.unitId, unitPath: member.unitPath, name: member.fullName };
  }
  const unit = await ctx.loaders.unit.load(parseId('unitId', input.unitId!));
  if (!unit) throw new NotFoundError('Unit', input.unitId!, 'Không có đơn vị công đoàn này');
  if (!isOfficerOver(ctx.identity, unit.path)) throw new ForbiddenError(`Chỉ cán bộ công đoàn phụ trách ${unit.name} mới ghi nhận được việc này`, { unitPath: unit.path });
  return { memberId: null, unitId: unit.id, unitPath: unit.path, name: unit.name };
}

type OpenCase = Pick<PendingProceedingRow, 'id' | 'kind' | 'openedOn'>;

/**
 * Changes to one subject's cases go one at a time, so each ProceedingsChanged lists what is open after its change
 * and the last one published is the truth (two officers at once would otherwise each miss the other's case).
 */
async function lockSubject(manager: EntityManager, subject: ProceedingSubject): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`proceedings:${subject.memberId ?? subject.unitId}`]);
}

/** The subject's cases still open, after this transaction's change: what ProceedingsChanged carries. */
async function openCases(manager: EntityManager, subject: ProceedingSubject): Promise<OpenCase[]> {
  return queryRows<OpenCase>(manager,
    `SELECT id, kind, opened_on::text AS "openedOn" FROM pending_proceedings
      WHERE coalesce(member_id, unit_id) = $1 AND (member_id IS NULL) = $2 AND closed_on IS NULL ORDER BY opened_on, id`,
    [subject.memberId ?? subject.unitId, subject.memberId === null],
  );
}

/**
 * Records that discipline is being considered, an inspection runs or a complaint is being verified about a member or
 * a unit (officers over the subject): proposals for them are suspended until it is closed.
 */
export async function recordPendingProceeding(ctx: CampaignContext, input: RecordProceedingInput): Promise<PendingProceedingRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const subject = await subjectOf(ctx, input);
  const openedOn = input.openedOn ?? todayInVietnam();
  const problems = openingProblems({ note: input.note, openedOn }, todayInVietnam());
  if (problems.length) throw new ValidationError(problems);
  return ctx.transaction(async ({ manager, emit }) => {
    await lockSubject(manager, subject);
    const saved = await manager.getRepository(PendingProceedingEntity).save({
      memberId: subject.memberId,
      unitId: subject.unitId,
      unitPath: subject.unitPath,
      kind: input.kind,
      note: input.note.trim().normalize('NFC'),
      openedOn,
      openedBy: ctx.identity.subject,
      closedOn: null,
      closedBy: null,
      outcome: null,
    });
    await emit(proceedingsChanged(subject, await openCases(manager, subject)));
    return manager.getRepository(PendingProceedingEntity).findOneByOrFail({ id: saved.id });
  });
}

/** Closes a case with its outcome (officers over the subject); the subject's proposals go on when none is left open. */
export async function closePendingProceeding(ctx: CampaignContext, id: string, input: { outcome: string; closedOn?: string | null }): Promise<PendingProceedingRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const caseId = parseId('id', id);
  return ctx.transaction(async ({ manager, emit }) => {
    const found = await manager.getRepository(PendingProceedingEntity).findOneBy({ id: caseId });
    if (!found || !isOfficerOver(ctx.identity, found.unitPath)) throw new NotFoundError('Proceeding', id, 'Không có hồ sơ kỷ luật, thanh tra, khiếu nại này trong phạm vi bạn phụ trách');
    await lockSubject(manager, found);
    const row = await manager.getRepository(PendingProceedingEntity).findOneOrFail({ where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
    if (row.closedOn) throw new ConflictError(`Việc này đã kết thúc ngày ${shortDate(row.closedOn)}: ${row.outcome}`, { closedOn: row.closedOn });
    const closedOn = input.closedOn ?? todayInVietnam();
    const problems = closingProblems({ outcome: input.outcome, closedOn }, row.openedOn, todayInVietnam());
    if (problems.length) throw new ValidationError(problems);
    Object.assign(row, { closedOn, closedBy: ctx.identity.subject, outcome: input.outcome.trim().normalize('NFC') });
    const saved = await manager.getRepository(PendingProceedingEntity).save(row);
    await emit(proceedingsChanged(row, await openCases(manager, row)));
    return saved;
  });
}

/** Cases about members and units of a unit's subtree (officers over it), newest first; open ones only unless asked. */
export async function proceedingsOf(ctx: CampaignContext, unitId: string, includeClosed: boolean, page: PageRequest): Promise<Connection<PendingProceedingRow>> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const unit = await ctx.loaders.unit.load(parseId('unitId', unitId));
  if (!unit) throw new NotFoundError('Unit', unitId, 'Không có đơn vị công đoàn này');
  if (!isOfficerOver(ctx.identity, unit.path)) throw new ForbiddenError(`Chỉ cán bộ công đoàn phụ trách ${unit.name} mới xem được việc này`, { unitPath: unit.path });
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const rows = await queryRows<PendingProceedingRow & { cursorTime: string }>(ctx.db,
    `SELECT id, member_id AS "memberId", unit_id AS "unitId", unit_path AS "unitPath", kind, note, opened_on::text AS "openedOn", opened_by AS "openedBy",
            closed_on::text AS "closedOn", closed_by AS "closedBy", outcome, created_at AS "createdAt", created_at::text AS "cursorTime"
       FROM pending_proceedings
      WHERE unit_path LIKE $1 || '%' AND ($2 OR closed_on IS NULL)
        AND ($4::timestamptz IS NULL OR (created_at, id) < ($4::timestamptz, $5::uuid))
      ORDER BY created_at DESC, id DESC LIMIT $3`,
    [unit.path, includeClosed, limit + 1, after?.[0] ?? null, after?.[1] ?? null],
  );
  return toConnection(rows, limit, (row) => [row.cursorTime, row.id]);
}
