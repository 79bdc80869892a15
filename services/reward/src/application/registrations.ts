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
  queryRow,
  queryRows,
  requireAuthenticated,
  requireRole,
  toConnection,
  todayInVietnam,
  type Connection,
  type PageRequest,
  type Queryable,
} from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { BLOC_RULES } from '../domain/blocs';
import { registrationFailure, registrationProblems, reviewRefusal, type RegistrableForm, type RegistrationStatus } from '../domain/registration';
import type { RuleFailure } from '../domain/rules';
import { FORM_SELECT, REGISTRATION_SELECT, type RegistrationRow, type RewardFormRow, type Subject } from '../entities';
import type { RewardContext } from './context';
import { findSubject } from './subjects';

export interface RegistrationInput {
  year: number;
  memberId?: string | null;
  unitId?: string | null;
  formCodes: string[];
  /** The day on the registration form; officers entering a paper form give it, a member's own is today. */
  registeredOn?: string | null;
  note?: string | null;
}

const subjectKey = (subject: { memberId: string | null; unitId: string }) => subject.memberId ?? subject.unitId;

function formsByCode(db: Queryable, codes: readonly string[]): Promise<RewardFormRow[]> {
  return queryRows<RewardFormRow>(db, `${FORM_SELECT} WHERE code = ANY($1::text[])`, [[...codes]]);
}

/** Whom the registration is for: a member (themself, or by an officer over them) or a unit (by an officer over it). */
async function registeringSubject(ctx: RewardContext, input: RegistrationInput): Promise<Subject> {
  if (input.memberId && input.unitId) throw ValidationError.single('memberId', 'đăng ký cho một đoàn viên hoặc một tập thể, không phải cả hai');
  const memberId = input.memberId ? parseId('memberId', input.memberId) : input.unitId ? null : ctx.identity.memberId;
  if (!memberId && !input.unitId) throw ValidationError.single('unitId', 'chọn tập thể (đơn vị) hoặc đoàn viên được đăng ký');
  const subject = await findSubject(ctx.db.manager, { memberId, unitId: memberId ? null : parseId('unitId', input.unitId!) });
  const own = memberId !== null && memberId === ctx.identity.memberId;
  if (!subject || !(own || isOfficerOver(ctx.identity, subject.unitPath))) {
    throw new NotFoundError(memberId ? 'Member' : 'Union unit', memberId ?? input.unitId!, memberId ? 'Không có đoàn viên này trong phạm vi của bạn' : 'Không có đơn vị này trong phạm vi bạn phụ trách');
  }
  return subject;
}

/**
 * Registers the titles a unit or a member aims for in a year (đăng ký thi đua), for the level above to approve. A
 * registration returned for correction is sent again with its first date; an approved one is final.
 */
export async function registerEmulationTitles(ctx: RewardContext, input: RegistrationInput): Promise<RegistrationRow> {
  requireAuthenticated(ctx.identity);
  const subject = await registeringSubject(ctx, input);
  const today = todayInVietnam();
  const byOfficer = isOfficerOver(ctx.identity, subject.unitPath);
  if (!byOfficer && input.registeredOn && input.registeredOn !== today) {
    throw ValidationError.single('registeredOn', 'tự đăng ký thì ngày đăng ký là hôm nay; bản đăng ký trên giấy do cán bộ công đoàn nhập');
  }
  const formCodes = input.formCodes.map((code) => code.trim().toUpperCase());
  const found = new Map((await formsByCode(ctx.db, formCodes)).map((form) => [form.code, form]));
  const forms = formCodes.map((code) => found.get(code) ?? null);
  const note = input.note?.trim() || null;
  return ctx.transaction(async ({ manager }) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`registration:${input.year}:${subjectKey(subject)}`]);
    const existing = await queryRow<RegistrationRow>(manager,
      `${REGISTRATION_SELECT} WHERE year = $1 AND coalesce(member_id, unit_id) = $2 AND (member_id IS NULL) = $3 FOR UPDATE`,
      [input.year, subjectKey(subject), subject.memberId === null]);
    if (existing?.status === 'APPROVED') throw new ConflictError(`Đăng ký thi đua năm ${input.year} của ${subject.name} đã được duyệt; không sửa được nữa`, { registrationId: existing.id });
    const registeredOn = existing?.registeredOn ?? input.registeredOn ?? today;
    const problems = registrationProblems({ year: input.year, registeredOn, forms, formCodes }, subject.memberId === null, today);
    if (note && note.length > 2000) problems.push({ field: 'note', message: 'ghi chú tối đa 2.000 ký tự' });
    if (problems.length) throw new ValidationError(problems);
    if (existing) {
      await manager.query(
        `UPDATE emulation_registrations SET form_codes = $2, note = $3, status = 'SUBMITTED', review_reason = NULL, reviewed_by = NULL, reviewed_at = NULL,
                submitted_by = $4, updated_at = now() WHERE id = $1`,
        [existing.id, formCodes, note, ctx.identity.subject]);
      return (await queryRow<RegistrationRow>(manager, `${REGISTRATION_SELECT} WHERE id = $1`, [existing.id]))!;
    }
    const [row] = await queryRows<{ id: string }>(manager,
      `INSERT INTO emulation_registrations (year, member_id, unit_id, unit_path, subject_name, form_codes, note, registered_on, status, submitted_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'SUBMITTED', $9) RETURNING id`,
      [input.year, subject.memberId, subject.unitId, subject.unitPath, subject.name, formCodes, note, registeredOn, ctx.identity.subject]);
    return (await queryRow<RegistrationRow>(manager, `${REGISTRATION_SELECT} WHERE id = $1`, [row!.id]))!;
  });
}

/** The level above approves a registration, or returns it for correction with a reason the registrant reads. */
export async function reviewEmulationRegistration(ctx: RewardContext, id: string, approve: boolean, reason: string | null): Promise<RegistrationRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const registrationId = parseId('id', id);
  const text = reason?.trim() || null;
  if (!approve && (!text || text.length < 10 || text.length > 1000)) throw ValidationError.single('reason', 'ghi lý do trả lại (10–1.000 ký tự) để đơn vị, đoàn viên sửa và gửi lại');
  return ctx.transaction(async ({ manager }) => {
    const row = await queryRow<RegistrationRow>(manager, `${REGISTRATION_SELECT} WHERE id = $1 FOR UPDATE`, [registrationId]);
    if (!row || !isOfficerOver(ctx.identity, row.unitPath)) throw new NotFoundError('Registration', id, 'Không có đăng ký thi đua này trong phạm vi bạn phụ trách');
    const refusal = reviewRefusal({ scope: officerScope(ctx.identity), memberId: ctx.identity.memberId }, { memberId: row.memberId, unitPath: row.unitPath, name: row.subjectName });
    if (refusal) throw new ForbiddenError(refusal);
    if (row.status !== 'SUBMITTED') throw new ConflictError(`Đăng ký này đã được ${row.status === 'APPROVED' ? 'duyệt' : 'trả lại'}; chờ đơn vị, đoàn viên gửi lại`, { status: row.status });
    await manager.query(`UPDATE emulation_registrations SET status = $2, review_reason = $3, reviewed_by = $4, reviewed_at = now(), updated_at = now() WHERE id = $1`, [
      row.id, approve ? 'APPROVED' : 'RETURNED', text, ctx.identity.subject,
    ]);
    return (await queryRow<RegistrationRow>(manager, `${REGISTRATION_SELECT} WHERE id = $1`, [row.id]))!;
  });
}

/** Registrations of a year in the officer's subtree, those waiting first, then newest. */
export async function registrations(ctx: RewardContext, filter: { year: number; status: RegistrationStatus | null }, page: PageRequest): Promise<Connection<RegistrationRow>> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const rows = await queryRows<RegistrationRow & { cursorTime: string }>(ctx.db,
    `${REGISTRATION_SELECT} WHERE unit_path LIKE $1 || '%' AND year = $2 AND ($3::text IS NULL OR status = $3)
        AND ($5::timestamptz IS NULL OR (created_at, id) < ($5::timestamptz, $6::uuid))
      ORDER BY created_at DESC, id DESC LIMIT $4`,
    [officerScope(ctx.identity), filter.year, filter.status, limit + 1, after?.[0] ?? null, after?.[1] ?? null]);
  return toConnection(rows, limit, (row) => [row.cursorTime, row.id]);
}

/** The caller's own registration for a year (members), or null. */
export async function myRegistration(ctx: RewardContext, year: number): Promise<RegistrationRow | null> {
  requireAuthenticated(ctx.identity);
  if (!ctx.identity.memberId) return null;
  return queryRow<RegistrationRow>(ctx.db, `${REGISTRATION_SELECT} WHERE year = $1 AND member_id = $2`, [year, ctx.identity.memberId]);
}

/** What the rule needs to know of subjects' registrations in a year: status, titles, and a signed bloc covenant. */
async function registrationFacts(db: Queryable, year: number, subjects: readonly { memberId: string | null; unitId: string }[]) {
  const keys = subjects.map(subjectKey);
  const rows = await queryRows<{ subjectId: string; status: RegistrationStatus; formCodes: string[] }>(db,
    `SELECT coalesce(member_id, unit_id) AS "subjectId", status, form_codes AS "formCodes" FROM emulation_registrations WHERE year = $1 AND coalesce(member_id, unit_id) = ANY($2::uuid[])`,
    [year, keys]);
  const covenanted = new Set((await queryRows<{ unitId: string }>(db,
    `SELECT bu.unit_id AS "unitId" FROM emulation_bloc_units bu JOIN emulation_blocs b ON b.id = bu.bloc_id
      WHERE bu.year = $1 AND bu.unit_id = ANY($2::uuid[]) AND b.status IN ('COVENANT_SIGNED','RANKED')`,
    [year, subjects.filter((s) => s.memberId === null).map((s) => s.unitId)])).map((r) => r.unitId));
  const forms = new Map((await formsByCode(db, [...new Set(rows.flatMap((r) => r.formCodes))])).map((f) => [f.code, f]));
  const byKey = new Map(rows.map((r) => [r.subjectId, r]));
  return (subject: { memberId: string | null; unitId: string }) => {
    const row = byKey.get(subjectKey(subject));
    return {
      status: row?.status ?? null,
      forms: (row?.formCodes ?? []).map((code) => forms.get(code)).filter((f): f is RewardFormRow => f !== undefined),
      covenantFormCode: subject.memberId === null && covenanted.has(subject.unitId) ? BLOC_RULES.flag.formCode : null,
    };
  };
}

/** Why a yearly title cannot be proposed to this subject for the year (no approved registration covering it), or null. */
export async function registrationFailureOf(db: Queryable, subject: { memberId: string | null; unitId: string; name: string }, form: RegistrableForm, year: number): Promise<RuleFailure | null> {
  if (form.kind !== 'EMULATION_TITLE') return null;
  const facts = await registrationFacts(db, year, [subject]);
  return registrationFailure(facts(subject), form, year, subject.name);
}

/** The subjects among these that may be proposed the title for the year: one query for a published ranking's best. */
export async function registeredAmong<S extends { memberId: string | null; unitId: string; name: string }>(manager: EntityManager, subjects: readonly S[], form: RegistrableForm, year: number): Promise<S[]> {
  if (form.kind !== 'EMULATION_TITLE' || subjects.length === 0) return [...subjects];
  const facts = await registrationFacts(manager, year, subjects);
  return subjects.filter((subject) => registrationFailure(facts(subject), form, year, subject.name) === null);
}
