import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CREATIVE_LABOUR_AMOUNT, THEMATIC_CERTIFICATE as form } from './seed-quotas';

/** Issue 16 item 9: Bằng Lao động sáng tạo gets its cash rule, and the thematic certificate its quota (seed-quotas.ts). */
export class UnionQuotasAndAmounts1796140293361 implements MigrationInterface {
  name = 'UnionQuotasAndAmounts1796140293361';

  async up(db: QueryRunner): Promise<void> {
    const amount = CREATIVE_LABOUR_AMOUNT;
    await db.query(
      `UPDATE reward_forms SET individual_multiplier = $2, source = $3, version = version + 1, updated_by = 'migration', updated_at = now() WHERE code = $1`,
      [amount.code, amount.individualMultiplier, amount.source],
    );
    await db.query(
      `INSERT INTO reward_form_history (form_code, version, snapshot, note, changed_by)
       SELECT code, version, to_jsonb(f) - 'updated_at', $2, 'migration' FROM reward_forms f WHERE code = $1`,
      [amount.code, amount.note],
    );
    await db.query(
      `INSERT INTO reward_forms (code, name, kind, subjects, granting_levels, individual_multiplier, collective_multiplier, precedence, eligibility,
                                 collective_eligibility, quota, source, verified, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'migration')`,
      [form.code, form.name, form.kind, form.subjects, form.grantingLevels, form.individualMultiplier, form.collectiveMultiplier, form.precedence,
        JSON.stringify(form.eligibility), JSON.stringify(form.collectiveEligibility), JSON.stringify(form.quota), form.source, form.verified],
    );
    await db.query(
      `INSERT INTO reward_form_history (form_code, version, snapshot, note, changed_by)
       SELECT code, 1, to_jsonb(f) - 'updated_at', 'Bằng khen chuyên đề, tối đa 300 mỗi năm (issue 16)', 'migration' FROM reward_forms f WHERE code = $1`,
      [form.code],
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM reward_form_history WHERE form_code = $1`, [form.code]);
    await db.query(`DELETE FROM reward_forms WHERE code = $1`, [form.code]);
    // the form as it was before: its previous version's snapshot
    await db.query(
      `UPDATE reward_forms f SET individual_multiplier = (h.snapshot->>'individual_multiplier')::numeric, source = h.snapshot->>'source', version = h.version
         FROM reward_form_history h WHERE f.code = $1 AND h.form_code = f.code AND h.version = f.version - 1`,
      [CREATIVE_LABOUR_AMOUNT.code],
    );
    await db.query(`DELETE FROM reward_form_history h USING reward_forms f WHERE h.form_code = $1 AND f.code = h.form_code AND h.version > f.version`, [CREATIVE_LABOUR_AMOUNT.code]);
  }
}
