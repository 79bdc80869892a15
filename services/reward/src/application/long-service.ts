import {
  ConflictError,
  ForbiddenError,
  ValidationError,
  decodeCursor,
  isOfficerOver,
  pageSize,
  parseId,
  queryRow,
  queryRows,
  requireRole,
  shortDate,
  toConnection,
  todayInVietnam,
  yearInVietnam,
  type Connection,
  type FieldProblem,
  type PageRequest,
} from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { LONG_SERVICE_FORM, countedToDay, latestJoiningDay, thresholdReachedOn, yearsRuleOf, type YearsInUnionRule } from '../domain/long-service';
import { fullYearsBetween } from '../domain/rules';
import type { NominationRow, RewardFormRow, UnitRef } from '../entities';
import { loadForm } from './catalogue';
import type { RewardContext } from './context';
import { insertNomination, loadNomination } from './nominations';
import { findSubject, requireUnit } from './subjects';

export type LongServiceStatus = 'DUE' | 'PROPOSED';

/** A member whose years in the union reach the medal's threshold by the day it is counted to, not yet awarded it. */
export interface LongServiceCandidate {
  memberId: string;
  fullName: string;
  unitName: string;
  joinedUnionOn: string;
  years: number;
  status: LongServiceStatus;
  nominationId: string | null;
}

export interface LongServiceList {
  form: RewardFormRow;
  rule: YearsInUnionRule;
  year: number;
  countedTo: string;
  candidates: Connection<LongServiceCandidate>;
}

async function medalAndRule(manager: EntityManager): Promise<{ form: RewardFormRow; rule: YearsInUnionRule }> {
  const form = await loadForm(manager, LONG_SERVICE_FORM);
  const rule = yearsRuleOf(form.eligibility);
  if (!form.active || !rule) throw new ConflictError(`${form.name} chưa có điều kiện số năm tham gia Công đoàn trong danh mục (hoặc đã ngừng xét tặng): quản trị viên cập nhật danh mục trước`);
  return { form, rule };
}

async function officersUnit(ctx: RewardContext, unitId: string): Promise<UnitRef> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const unit = await requireUnit(ctx.db.manager, parseId('unitId', unitId));
  if (!isOfficerOver(ctx.identity, unit.path)) throw new ForbiddenError(`Chỉ cán bộ công đoàn phụ trách ${unit.name} lập danh sách này`, { unitPath: unit.path });
  return unit;
}

function yearProblem(year: number): FieldProblem[] {
  const thisYear = yearInVietnam();
  return Number.isInteger(year) && year >= thisYear && year <= thisYear + 1 ? [] : [{ field: 'year', message: `xét tặng năm nay (${thisYear}) hoặc năm sau` }];
}

/** The members due in a subtree, in the order they joined, as SQL finds them; `memberIds` narrows to those asked about. */
function dueMembers(manager: EntityManager, unitPath: string, rule: YearsInUnionRule, year: number, page: { limit: number; after: (string | number)[] | null; memberIds?: string[] }) {
  return queryRows<Omit<LongServiceCandidate, 'years'>>(manager,
    `SELECT m.id AS "memberId", m.full_name AS "fullName", coalesce(u.name, '') AS "unitName", m.joined_union_on::text AS "joinedUnionOn",
            CASE WHEN n.id IS NULL THEN 'DUE' ELSE 'PROPOSED' END AS status, n.id AS "nominationId"
       FROM member_refs m LEFT JOIN unit_refs u ON u.id = m.unit_id
       LEFT JOIN nominations n ON n.member_id = m.id AND n.form_code = $3 AND n.status IN ('OPEN','IN_COUNCIL')
      WHERE m.unit_path LIKE $1 || '%' AND m.left_union_on IS NULL AND m.joined_union_on <= $2::date
        AND NOT EXISTS (SELECT 1 FROM reward_decisions d WHERE d.member_id = m.id AND d.form_code = $3)
        AND ($5::uuid[] IS NULL OR m.id = ANY($5::uuid[]))
        AND ($6::date IS NULL OR (m.joined_union_on, m.id) > ($6::date, $7::uuid))
      ORDER BY m.joined_union_on, m.id LIMIT $4`,
    [unitPath, latestJoiningDay(rule, year), LONG_SERVICE_FORM, page.limit, page.memberIds ?? null, page.after?.[0] ?? null, page.after?.[1] ?? null],
  );
}

/**
 * Members of a subtree whose years in the union (from joinedUnionOn) reach the medal's threshold by the day of the
 * year it is counted to (28 July by the seeded rule), who have not received it: the list the officer confirms.
 */
export async function longServiceCandidates(ctx: RewardContext, unitId: string, yearInput: number | null, page: PageRequest): Promise<LongServiceList> {
  const unit = await officersUnit(ctx, unitId);
  const year = yearInput ?? yearInVietnam();
  const problems = yearProblem(year);
  if (problems.length) throw new ValidationError(problems);
  const { form, rule } = await medalAndRule(ctx.db.manager);
  const limit = pageSize(page.first);
  const countedTo = countedToDay(rule, year);
  const rows = await dueMembers(ctx.db.manager, unit.path, rule, year, { limit: limit + 1, after: decodeCursor(page.after) });
  const candidates = rows.map((row) => ({ ...row, years: fullYearsBetween(row.joinedUnionOn, countedTo) }));
  return { form, rule, year, countedTo, candidates: toConnection(candidates, limit, (row) => [row.joinedUnionOn, row.memberId]) };
}

/** The nearest unit above (or at) the member whose level may grant the form: the level the proposal goes to. */
async function grantingUnitFor(manager: EntityManager, unitPath: string, levels: readonly string[]): Promise<UnitRef | null> {
  return queryRow<UnitRef>(manager,
    `SELECT id, name, path, level FROM unit_refs WHERE $1 LIKE path || '%' AND level = ANY($2::text[]) ORDER BY length(path) DESC LIMIT 1`, [unitPath, [...levels]]);
}

/**
 * The officer confirms members of the list: each gets a LONG_SERVICE nomination for the medal, before the level that
 * grants it. All or nothing; a member not on the list (not in the subtree, not due, already awarded or proposed) is
 * named with the reason.
 */
export async function confirmLongServiceProposals(ctx: RewardContext, unitId: string, year: number, memberIdsInput: string[]): Promise<NominationRow[]> {
  const unit = await officersUnit(ctx, unitId);
  const problems = yearProblem(year);
  if (memberIdsInput.length === 0 || memberIdsInput.length > 100) problems.push({ field: 'memberIds', message: 'chọn từ 1 đến 100 đoàn viên' });
  const memberIds = memberIdsInput.map((id, index) => parseId(`memberIds.${index}`, id));
  if (new Set(memberIds).size !== memberIds.length) problems.push({ field: 'memberIds', message: 'mỗi đoàn viên chỉ chọn một lần' });
  if (problems.length) throw new ValidationError(problems);
  const ids = await ctx.transaction(async (scope) => {
    const { manager } = scope;
    const { form, rule } = await medalAndRule(manager);
    for (const id of [...memberIds].sort()) await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`long-service:${id}`]);
    const due = new Map((await dueMembers(manager, unit.path, rule, year, { limit: memberIds.length, after: null, memberIds })).map((m) => [m.memberId, m]));
    const refused: FieldProblem[] = [];
    for (const [index, id] of memberIds.entries()) {
      const member = due.get(id);
      if (member?.status === 'PROPOSED') refused.push({ field: `memberIds.${index}`, message: `${member.fullName} đã được đề nghị ${form.name}` });
      else if (!member) refused.push({ field: `memberIds.${index}`, message: await notDueReason(manager, unit, id, rule, year, form.name) });
    }
    if (refused.length) throw new ValidationError(refused);
    const created: string[] = [];
    for (const id of memberIds) {
      const member = due.get(id)!;
      const subject = (await findSubject(manager, { memberId: id, unitId: null }))!;
      const grantingUnit = await grantingUnitFor(manager, subject.unitPath, form.grantingLevels);
      if (!grantingUnit) throw new ConflictError(`Chưa có đơn vị cấp ${form.grantingLevels.join(', ')} phía trên ${subject.name} để trình ${form.name}`);
      const reachedOn = thresholdReachedOn(rule, member.joinedUnionOn);
      const today = todayInVietnam();
      const nominationId = await insertNomination(scope, {
        source: 'LONG_SERVICE',
        subject,
        grantingUnit,
        formCode: form.code,
        campaignId: null,
        taskRating: null,
        achievedOn: reachedOn < today ? reachedOn : today,
        awardYear: year,
        resultRank: null,
        reason: `Đủ ${rule.years} năm tham gia tổ chức Công đoàn (vào Công đoàn ngày ${shortDate(member.joinedUnionOn)}); đề nghị tặng ${form.name} năm ${year}`,
        sourceEventId: null,
        createdBy: ctx.identity.subject,
      });
      created.push(nominationId!);
    }
    return created;
  });
  return Promise.all(ids.map(async (id) => (await loadNomination(ctx.db.manager, id))!));
}

/** Why a member asked about is not on the list, in words the officer can act on. */
async function notDueReason(manager: EntityManager, unit: UnitRef, memberId: string, rule: YearsInUnionRule, year: number, formName: string): Promise<string> {
  const member = await queryRow<{ fullName: string; unitPath: string; joinedOn: string | null; leftOn: string | null; awarded: boolean }>(manager,
    `SELECT full_name AS "fullName", unit_path AS "unitPath", joined_union_on::text AS "joinedOn", left_union_on::text AS "leftOn",
            EXISTS (SELECT 1 FROM reward_decisions d WHERE d.member_id = m.id AND d.form_code = $2) AS awarded
       FROM member_refs m WHERE id = $1`, [memberId, LONG_SERVICE_FORM]);
  if (!member || !member.unitPath.startsWith(unit.path)) return `đoàn viên này không thuộc ${unit.name}`;
  if (member.awarded) return `${member.fullName} đã được tặng ${formName} (mỗi người một lần)`;
  if (member.leftOn) return `${member.fullName} đã ra khỏi tổ chức Công đoàn ngày ${shortDate(member.leftOn)}`;
  if (!member.joinedOn) return `hồ sơ của ${member.fullName} chưa ghi ngày vào Công đoàn`;
  const countedTo = countedToDay(rule, year);
  return `${member.fullName} có ${Math.max(0, fullYearsBetween(member.joinedOn, countedTo))} năm tham gia Công đoàn tính đến ${shortDate(countedTo)}, chưa đủ ${rule.years} năm`;
}
