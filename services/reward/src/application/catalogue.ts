import { NotFoundError, UNIT_LEVELS, UNIT_LEVEL_NAMES, ValidationError, queryRows, requireRole, shortDate, todayInVietnam, type FieldProblem, type Queryable } from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { baseSalaryOn, rewardAmount, type BaseSalarySetting } from '../domain/amounts';
import type { FormAuthority } from '../domain/authority';
import { RULE_FIELD_NAMES, quotaProblems, referencedFormCodes, ruleProblems } from '../domain/rules';
import { BASE_SALARY_SELECT, FORM_SELECT, type BaseSalaryRow, type RewardFormRow } from '../entities';
import type { RewardContext } from './context';

export async function rewardForms(ctx: RewardContext, includeInactive: boolean): Promise<RewardFormRow[]> {
  return await queryRows<RewardFormRow>(ctx.db, `${FORM_SELECT} WHERE active OR $1 ORDER BY precedence DESC, code`, [includeInactive]);
}

export async function loadForm(manager: EntityManager, code: string): Promise<RewardFormRow> {
  const [form] = await queryRows<RewardFormRow>(manager, `${FORM_SELECT} WHERE code = $1`, [code]);
  if (!form) throw new NotFoundError('Reward form', code);
  return form;
}

export function baseSalaries(db: Queryable): Promise<BaseSalaryRow[]> {
  return queryRows<BaseSalaryRow>(db, `${BASE_SALARY_SELECT} ORDER BY effective_from DESC`);
}

/** The base salary in force on `date`; a decision cannot be made on a day no setting covers. */
export async function baseSalaryInForce(manager: EntityManager, date: string): Promise<BaseSalarySetting> {
  const setting = baseSalaryOn(await baseSalaries(manager), date);
  if (!setting) throw ValidationError.single('decidedOn', `chưa có mức lương cơ sở áp dụng ngày ${shortDate(date)}; quản trị Tổng Liên đoàn ghi mức lương cơ sở trước`);
  return setting;
}

export async function amountOn(ctx: RewardContext, form: RewardFormRow, date: string | null) {
  const day = date ?? todayInVietnam();
  const base = await baseSalaryInForce(ctx.db.manager, day);
  const amount = (multiplier: number | null) => (multiplier === null ? null : rewardAmount(multiplier, base));
  return { date: day, baseSalaryVnd: base.amountVnd, individualVnd: amount(form.individualMultiplier), collectiveVnd: amount(form.collectiveMultiplier) };
}

export async function formHistory(ctx: RewardContext, code: string) {
  return ctx.db.query(
    `SELECT version, note, changed_by AS "changedBy", changed_at AS "changedAt", snapshot FROM reward_form_history WHERE form_code = $1 ORDER BY version DESC`,
    [code],
  );
}

/** A form as a national admin saves it; left out, the deciding authority stays as it is (UNION for a new form). */
export interface RewardFormInput extends Omit<RewardFormRow, 'version' | keyof FormAuthority>, Partial<FormAuthority> {}

function formProblems(input: RewardFormInput, note: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (!/^[A-Z0-9_]{2,32}$/.test(input.code)) add('code', 'Mã hình thức dài 2–32 ký tự, gồm chữ in hoa không dấu, chữ số hoặc dấu gạch dưới, ví dụ CSTDCS');
  if (input.name.trim().length < 3) add('name', 'Hãy ghi đầy đủ tên tiếng Việt của hình thức, ví dụ Chiến sĩ thi đua cơ sở');
  if (input.subjects.length === 0) add('subjects', 'Hãy chọn đối tượng được tặng: cá nhân, tập thể hoặc cả hai');
  if (input.grantingLevels.length === 0 || input.grantingLevels.some((level) => !UNIT_LEVELS.includes(level))) {
    add('grantingLevels', `Hãy chọn ít nhất một cấp xét tặng: ${UNIT_LEVELS.map((level) => UNIT_LEVEL_NAMES[level]).join(', ')}`);
  }
  for (const [field, who, value] of [['individualMultiplier', 'cá nhân', input.individualMultiplier], ['collectiveMultiplier', 'tập thể', input.collectiveMultiplier]] as const) {
    if (value !== null && value !== undefined && !(value >= 0 && value <= 100 && Number.isInteger(Math.round(value * 1000)))) {
      add(field, `Mức tiền thưởng ${who} là hệ số lương cơ sở từ 0 đến 100 (tối đa 3 chữ số thập phân), ví dụ 1,5; để trống khi không có tiền thưởng`);
    }
  }
  if (!Number.isInteger(input.precedence)) add('precedence', 'Thứ bậc là số nguyên; hình thức cao hơn có thứ bậc lớn hơn');
  if (!input.source.trim()) add('source', 'Hãy dẫn điều luật, nghị định hoặc quy chế của Công đoàn quy định hình thức này');
  if (!note.trim()) add('note', 'Hãy ghi nội dung sửa đổi và lý do; ghi chú được lưu trong lịch sử của hình thức');
  if (input.decidingAuthority && input.decidingAuthority !== 'UNION' && !input.authoritySource?.trim()) add('authoritySource', 'Hãy dẫn điều luật giao thẩm quyền quyết định hình thức này');
  problems.push(...ruleProblems(input.eligibility, 'eligibility'), ...ruleProblems(input.collectiveEligibility, 'collectiveEligibility'), ...quotaProblems(input.quota, 'quota'));
  return problems;
}

/** Rules naming a form the catalogue does not have would never be met, or would cap nothing: refused by name. */
async function unknownFormProblems(db: Queryable, input: RewardFormInput): Promise<FieldProblem[]> {
  const fields = [['eligibility', input.eligibility, null], ['collectiveEligibility', input.collectiveEligibility, null], ['quota', [], input.quota]] as const;
  const wanted = fields.map(([field, rules, quota]) => ({ field, codes: referencedFormCodes(rules, quota).filter((code) => code !== input.code) }));
  const known = new Set((await queryRows<{ code: string }>(db, `SELECT code FROM reward_forms WHERE code = ANY($1::text[])`, [wanted.flatMap((w) => w.codes)])).map((row) => row.code));
  return wanted.flatMap(({ field, codes }) =>
    codes.filter((code) => !known.has(code)).map((code) => ({ field, message: `${RULE_FIELD_NAMES[field]}: danh mục không có hình thức mã ${code}; hãy dùng mã của một hình thức đã có` })),
  );
}

/** Adds or changes a form, bumping its version and keeping the previous one in the history (national admins). */
export async function saveRewardForm(ctx: RewardContext, input: RewardFormInput, note: string): Promise<RewardFormRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN');
  const problems = formProblems(input, note);
  if (problems.length === 0) problems.push(...(await unknownFormProblems(ctx.db, input)));
  if (problems.length) throw new ValidationError(problems);
  return ctx.transaction(async ({ manager }) => {
    await manager.query(
      `INSERT INTO reward_forms (code, name, kind, subjects, granting_levels, individual_multiplier, collective_multiplier, precedence, eligibility,
                                 collective_eligibility, quota, source, verified, active, updated_by, deciding_authority, authority_source, authority_verified)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, coalesce($16, 'UNION'), coalesce($17, ''), coalesce($18, false))
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, subjects = EXCLUDED.subjects, granting_levels = EXCLUDED.granting_levels,
         individual_multiplier = EXCLUDED.individual_multiplier, collective_multiplier = EXCLUDED.collective_multiplier, precedence = EXCLUDED.precedence,
         eligibility = EXCLUDED.eligibility, collective_eligibility = EXCLUDED.collective_eligibility, quota = EXCLUDED.quota, source = EXCLUDED.source,
         verified = EXCLUDED.verified, active = EXCLUDED.active, updated_by = EXCLUDED.updated_by, updated_at = now(), version = reward_forms.version + 1,
         deciding_authority = coalesce($16, reward_forms.deciding_authority), authority_source = coalesce($17, reward_forms.authority_source),
         authority_verified = coalesce($18, reward_forms.authority_verified)`,
      [input.code, input.name.trim(), input.kind, input.subjects, input.grantingLevels, input.individualMultiplier ?? null, input.collectiveMultiplier ?? null,
        input.precedence, JSON.stringify(input.eligibility), JSON.stringify(input.collectiveEligibility), input.quota ? JSON.stringify(input.quota) : null,
        input.source.trim(), input.verified, input.active, ctx.identity.subject, input.decidingAuthority ?? null, input.authoritySource?.trim() ?? null,
        input.authorityVerified ?? null],
    );
    await manager.query(
      `INSERT INTO reward_form_history (form_code, version, snapshot, note, changed_by)
       SELECT code, version, to_jsonb(f) - 'updated_at', $2, $3 FROM reward_forms f WHERE code = $1`,
      [input.code, note.trim(), ctx.identity.subject],
    );
    return loadForm(manager, input.code);
  });
}

/** Records the base salary from a date on; decisions dated after it pay by it (national admins). */
export async function setBaseSalary(ctx: RewardContext, input: BaseSalaryRow) {
  requireRole(ctx.identity, 'NATIONAL_ADMIN');
  const problems: FieldProblem[] = [];
  if (!Number.isInteger(input.amountVnd) || input.amountVnd <= 0) problems.push({ field: 'amountVnd', message: 'mức lương cơ sở là số nguyên dương, tính bằng đồng' });
  if (!Number.isInteger(input.roundingStepVnd) || input.roundingStepVnd < 1) problems.push({ field: 'roundingStepVnd', message: 'bước làm tròn là số nguyên đồng, ví dụ 10000' });
  if (!input.source.trim()) problems.push({ field: 'source', message: 'hãy dẫn nghị định quy định mức này' });
  if (problems.length) throw new ValidationError(problems);
  return ctx.transaction(async ({ manager }) => {
    await manager.query(
      `INSERT INTO base_salaries (effective_from, amount_vnd, rounding_step_vnd, source, verified, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (effective_from) DO UPDATE SET amount_vnd = EXCLUDED.amount_vnd, rounding_step_vnd = EXCLUDED.rounding_step_vnd, source = EXCLUDED.source,
         verified = EXCLUDED.verified, recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
      [input.effectiveFrom, input.amountVnd, input.roundingStepVnd, input.source.trim(), input.verified, ctx.identity.subject],
    );
    return { ...input, source: input.source.trim() };
  });
}
