import { ConflictError, ForbiddenError, NotFoundError, ValidationError, decodeCursor, foldVietnameseSql, foldedContainsPattern, hasRole, isOfficerOver, isWithinSubtree, officerScope, pageSize, parseId, queryRows, requireAuthenticated, rowById, shortDate, toConnection, type Connection, type FieldProblem, type Identity, type PageRequest, type Queryable } from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { REWARD_PERIOD_NAMES, periodEndOf, periodStartOf } from '../domain/periods';
import { AGREEMENT_SELECT, EMPLOYER_REWARD_SELECT, type AgreementClause, type AgreementRow, type EmployerRewardRow } from '../entities';
import type { RewardContext } from './context';
import { requireUnit } from './subjects';

/** Employers act for their own enterprise's union (their token's unit); officers for their subtree. */
function actsFor(identity: Identity, unitPath: string): boolean {
  return isOfficerOver(identity, unitPath) || (hasRole(identity, 'EMPLOYER') && identity.unitPath === unitPath);
}

export interface AgreementInput {
  unitId: string;
  employerName: string;
  signedOn: string;
  validFrom: string;
  validUntil: string;
  initiativeRate?: number | null;
  clauses: AgreementClause[];
}

function agreementProblems(input: AgreementInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (input.employerName.trim().length < 3) add('employerName', 'Hãy ghi tên doanh nghiệp, người sử dụng lao động ký thỏa ước');
  if (input.validUntil < input.validFrom) add('validUntil', 'Ngày hết hiệu lực phải từ ngày có hiệu lực trở đi');
  if (input.signedOn > input.validFrom) add('signedOn', 'Thỏa ước có hiệu lực từ ngày ký trở đi: ngày ký không sau ngày có hiệu lực');
  const rate = input.initiativeRate;
  if (rate !== null && rate !== undefined && !(rate > 0 && rate <= 1 && Number.isInteger(Math.round(rate * 10_000)))) add('initiativeRate', 'Tỷ lệ trả tác giả sáng kiến lớn hơn 0 và tối đa 1 (tối đa 4 chữ số thập phân), ví dụ 0,1 cho 10%; để trống thì áp dụng mức 7% theo quy định');
  const codes = new Set<string>();
  input.clauses.forEach((clause, i) => {
    if (!/^[\p{L}\p{N}_.-]{1,32}$/u.test(clause.code)) add(`clauses.${i}.code`, `Điều khoản thứ ${i + 1}: mã ngắn tối đa 32 ký tự, không dấu cách, ví dụ Đ12.1`);
    if (codes.has(clause.code)) add(`clauses.${i}.code`, `Điều khoản ${clause.code} có hai lần; mỗi mã điều khoản chỉ dùng một lần`);
    codes.add(clause.code);
    if (clause.criterion.trim().length < 10) add(`clauses.${i}.criterion`, `Điều khoản thứ ${i + 1}: hãy ghi tiêu chí được thưởng như thỏa ước viết (ít nhất 10 ký tự)`);
    if (!Number.isInteger(clause.amountVnd) || clause.amountVnd <= 0) add(`clauses.${i}.amountVnd`, `Điều khoản thứ ${i + 1}: mức thưởng là số nguyên dương, tính bằng đồng`);
    if (!Number.isInteger(clause.maxRecipientsPerPeriod) || clause.maxRecipientsPerPeriod < 1) add(`clauses.${i}.maxRecipientsPerPeriod`, `Điều khoản thứ ${i + 1}: số người được thưởng tối đa mỗi kỳ từ 1 trở lên`);
  });
  return problems;
}

export async function registerCollectiveAgreement(ctx: RewardContext, input: AgreementInput): Promise<AgreementRow> {
  requireAuthenticated(ctx.identity);
  const unit = await requireUnit(ctx.db.manager, parseId('unitId', input.unitId));
  if (!actsFor(ctx.identity, unit.path)) throw new ForbiddenError(`Chỉ cán bộ công đoàn quản lý ${unit.name} hoặc người sử dụng lao động mới đăng ký thỏa ước của đơn vị này`, { unitPath: unit.path });
  const problems = agreementProblems(input);
  if (problems.length) throw new ValidationError(problems);
  return ctx.transaction(async ({ manager }) => {
    const [row] = await queryRows<{ id: string }>(manager,
      `INSERT INTO collective_agreements (unit_id, unit_path, employer_name, signed_on, valid_from, valid_until, initiative_rate_bp, clauses, registered_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [unit.id, unit.path, input.employerName.trim(), input.signedOn, input.validFrom, input.validUntil,
        input.initiativeRate ? Math.round(input.initiativeRate * 10_000) : null, JSON.stringify(input.clauses.map((c) => ({ ...c, criterion: c.criterion.trim() }))),
        ctx.identity.subject],
    );
    return (await loadAgreement(manager, row!.id))!;
  });
}

const loadAgreement = (db: Queryable, id: string) => rowById<AgreementRow>(db, AGREEMENT_SELECT, id);

export async function visibleAgreement(ctx: RewardContext, id: string): Promise<AgreementRow> {
  requireAuthenticated(ctx.identity);
  const agreement = await loadAgreement(ctx.db.manager, parseId('agreementId', id));
  if (!agreement || !actsFor(ctx.identity, agreement.unitPath)) throw new NotFoundError('Collective agreement', id);
  return agreement;
}

export async function collectiveAgreements(ctx: RewardContext, page: PageRequest): Promise<Connection<AgreementRow>> {
  requireAuthenticated(ctx.identity);
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const officerPath = officerScope(ctx.identity);
  const employerPath = hasRole(ctx.identity, 'EMPLOYER') ? ctx.identity.unitPath : null;
  if (!officerPath && !employerPath) throw new ForbiddenError('Thỏa ước lao động tập thể dành cho cán bộ công đoàn và người sử dụng lao động');
  const rows = await queryRows<AgreementRow & { cursorTime: string }>(ctx.db,
    `${AGREEMENT_SELECT} WHERE (unit_path LIKE $1 || '%' OR unit_path = $2)
        AND ($4::timestamptz IS NULL OR (registered_at, id) < ($4::timestamptz, $5::uuid))
      ORDER BY registered_at DESC, id DESC LIMIT $3`,
    [officerPath ?? '/nowhere/', employerPath, limit + 1, after?.[0] ?? null, after?.[1] ?? null],
  );
  return toConnection(rows, limit, (row) => [row.cursorTime, row.id]);
}

export interface EmployerRewardInput {
  agreementId: string;
  clauseCode: string;
  periodStart: string;
  memberIds: string[];
  reason: string;
}

/**
 * Applies a clause of the agreement: the amount is the clause's, the period must start on its boundary and lie
 * within the agreement, recipients must belong to the enterprise, and no more than the clause allows per period.
 */
export async function recordEmployerRewards(ctx: RewardContext, input: EmployerRewardInput): Promise<EmployerRewardRow[]> {
  const agreement = await visibleAgreement(ctx, input.agreementId);
  const clause = agreement.clauses.find((c) => c.code === input.clauseCode);
  if (!clause) throw ValidationError.single('clauseCode', `thỏa ước không có điều khoản ${input.clauseCode}; các điều khoản là ${agreement.clauses.map((c) => c.code).join(', ')}`);
  const problems: FieldProblem[] = [];
  const aligned = periodStartOf(clause.period, input.periodStart);
  if (aligned !== input.periodStart) problems.push({ field: 'periodStart', message: `điều khoản ${clause.code} thưởng ${REWARD_PERIOD_NAMES[clause.period]}: kỳ này bắt đầu ngày ${shortDate(aligned)}, không phải ${shortDate(input.periodStart)}` });
  if (input.periodStart < agreement.validFrom || periodEndOf(clause.period, aligned) > agreement.validUntil) {
    problems.push({ field: 'periodStart', message: `kỳ xét phải nằm trong thời hạn thỏa ước (${shortDate(agreement.validFrom)} – ${shortDate(agreement.validUntil)})` });
  }
  const memberIds = [...new Set(input.memberIds.map((id, i) => parseId(`memberIds.${i}`, id)))];
  if (memberIds.length === 0) problems.push({ field: 'memberIds', message: 'hãy chọn ít nhất một đoàn viên' });
  if (input.reason.trim().length < 5) problems.push({ field: 'reason', message: 'hãy nêu thành tích đạt được' });
  if (problems.length) throw new ValidationError(problems);
  return ctx.transaction(async ({ manager }) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`employer:${agreement.id}:${clause.code}:${aligned}`]);
    const members = await queryRows<{ id: string; fullName: string; unitPath: string; direct: boolean }>(manager,
      `SELECT id, full_name AS "fullName", unit_path AS "unitPath", is_direct_production_worker AS "direct" FROM member_refs WHERE id = ANY($1::uuid[])`,
      [memberIds],
    );
    const outside = memberIds.filter((id) => !members.some((m) => m.id === id && isWithinSubtree(m.unitPath, agreement.unitPath)));
    if (outside.length) throw ValidationError.single('memberIds', `${outside.join(', ')} không phải đoàn viên công đoàn của ${agreement.employerName}`);
    const [already] = await queryRows<{ n: number; repeated: number }>(manager,
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE member_id = ANY($4::uuid[]))::int AS repeated
         FROM employer_rewards WHERE agreement_id = $1 AND clause_code = $2 AND period_start = $3`,
      [agreement.id, clause.code, aligned, memberIds],
    );
    if (already!.repeated > 0) throw new ConflictError(`Có đoàn viên đã được thưởng theo điều khoản ${clause.code} cho kỳ bắt đầu ngày ${shortDate(aligned)}`);
    if (already!.n + memberIds.length > clause.maxRecipientsPerPeriod) {
      throw new ConflictError(`Điều khoản ${clause.code} thưởng tối đa ${clause.maxRecipientsPerPeriod} người mỗi kỳ; đã thưởng ${already!.n}, đề nghị thêm ${memberIds.length}`, {
        rule: 'MAX_RECIPIENTS_PER_PERIOD',
      });
    }
    const ids: string[] = [];
    for (const member of members) {
      const [row] = await queryRows<{ id: string }>(manager,
        `INSERT INTO employer_rewards (agreement_id, clause_code, period, period_start, member_id, unit_path, subject_name, is_direct_production_worker, amount_vnd, reason, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [agreement.id, clause.code, clause.period, aligned, member.id, member.unitPath, member.fullName, member.direct, clause.amountVnd, input.reason.trim(), ctx.identity.subject],
      );
      ids.push(row!.id);
    }
    return await queryRows<EmployerRewardRow>(manager, `${EMPLOYER_REWARD_SELECT} WHERE id = ANY($1::uuid[]) ORDER BY subject_name`, [ids]);
  });
}

export async function employerRewards(ctx: RewardContext, agreementId: string, page: PageRequest): Promise<Connection<EmployerRewardRow>> {
  const agreement = await visibleAgreement(ctx, agreementId);
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const rows = await queryRows<EmployerRewardRow>(ctx.db,
    `${EMPLOYER_REWARD_SELECT} WHERE agreement_id = $1 AND ($3::date IS NULL OR (period_start, id) < ($3::date, $4::uuid))
      ORDER BY period_start DESC, id DESC LIMIT $2`,
    [agreement.id, limit + 1, after?.[0] ?? null, after?.[1] ?? null],
  );
  return toConnection(rows, limit, (row) => [row.periodStart, row.id]);
}

/** Members of the agreement's union (the agreement was read through a query that checked who may see it), by name. */
export async function enterpriseMembers(ctx: RewardContext, agreement: AgreementRow, search: string | null, first: number | null | undefined): Promise<{ id: string; fullName: string }[]> {
  const folded = foldedContainsPattern(search);
  return await queryRows<{ id: string; fullName: string }>(ctx.db,
    `SELECT id, full_name AS "fullName" FROM member_refs
      WHERE unit_path LIKE $1 || '%' AND left_union_on IS NULL AND ($2::text IS NULL OR ${foldVietnameseSql('full_name')} LIKE $2)
      ORDER BY full_name, id LIMIT $3`,
    [agreement.unitPath, folded, pageSize(first ?? 100)],
  );
}

/** The agreement of the enterprise in force on `date` with an initiative rate, for the author's pay. */
export async function initiativeAgreement(manager: EntityManager, unitPath: string, date: string): Promise<{ rateBasisPoints: number; source: string } | null> {
  const [row] = await queryRows<{ rateBasisPoints: number; employerName: string; signedOn: string }>(manager,
    `SELECT initiative_rate_bp AS "rateBasisPoints", employer_name AS "employerName", signed_on::text AS "signedOn" FROM collective_agreements
      WHERE $1 LIKE unit_path || '%' AND valid_from <= $2 AND valid_until >= $2 AND initiative_rate_bp IS NOT NULL
      ORDER BY length(unit_path) DESC, signed_on DESC LIMIT 1`,
    [unitPath, date],
  );
  return row ? { rateBasisPoints: row.rateBasisPoints, source: `Thỏa ước lao động tập thể ${row.employerName} ký ngày ${shortDate(row.signedOn)}` } : null;
}
