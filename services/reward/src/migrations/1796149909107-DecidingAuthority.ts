import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DECIDING_AUTHORITIES } from '@thidua/common';
import { EMPLOYER_CERTIFICATE as certificate, PROPOSED_FROM_EVERY_LEVEL, SEED_AUTHORITIES } from './seed-authorities';

const EVERY_LEVEL = ['NATIONAL', 'PROVINCIAL', 'SECTOR', 'UPPER_GRASSROOTS', 'GRASSROOTS'];
const authorityCheck = DECIDING_AUTHORITIES.map((a) => `'${a}'`).join(',');

/**
 * Who decides (issue 17): each form records its deciding authority with the article that gives it (seed-authorities.ts),
 * as a new version of the form; the employer's giấy khen is a form of its own. A council's approval of a form the
 * union cannot decide opens a proposal (reward_proposals) that goes up level by level, each level's holding time kept
 * (proposal_steps); the decision of the external authority is recorded in the register with its own number, so the
 * register's uniqueness per issuer and year applies to the union's own decisions only (a President's decision names many).
 */
export class DecidingAuthority1796149909107 implements MigrationInterface {
  name = 'DecidingAuthority1796149909107';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE reward_forms
        ADD COLUMN deciding_authority text NOT NULL DEFAULT 'UNION' CHECK (deciding_authority IN (${authorityCheck})),
        ADD COLUMN authority_source text NOT NULL DEFAULT '',
        ADD COLUMN authority_verified boolean NOT NULL DEFAULT false`);
    for (const seeded of SEED_AUTHORITIES) {
      const levels = PROPOSED_FROM_EVERY_LEVEL.includes(seeded.code) ? EVERY_LEVEL : null;
      const [updated] = await db.query(
        `UPDATE reward_forms SET deciding_authority = $2, authority_source = $3, authority_verified = $4, granting_levels = coalesce($5::text[], granting_levels),
                version = version + 1, updated_by = 'migration', updated_at = now()
          WHERE code = $1 RETURNING code`,
        [seeded.code, seeded.authority, seeded.source, seeded.verified, levels],
      );
      if (!updated) continue;
      await db.query(
        `INSERT INTO reward_form_history (form_code, version, snapshot, note, changed_by)
         SELECT code, version, to_jsonb(f) - 'updated_at', $2, 'migration' FROM reward_forms f WHERE code = $1`,
        [seeded.code, levels ? 'Thẩm quyền quyết định ghi theo luật; Hội đồng các cấp trình đề nghị (issue 17)' : 'Thẩm quyền quyết định ghi theo luật (issue 17)'],
      );
    }
    await db.query(
      `INSERT INTO reward_forms (code, name, kind, subjects, granting_levels, individual_multiplier, collective_multiplier, precedence, eligibility,
                                 collective_eligibility, quota, source, verified, updated_by, deciding_authority, authority_source, authority_verified)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '[]', '[]', NULL, $9, $10, 'migration', $11, $9, $10)`,
      [certificate.code, certificate.name, certificate.kind, certificate.subjects, certificate.grantingLevels, certificate.individualMultiplier,
        certificate.collectiveMultiplier, certificate.precedence, certificate.source, certificate.verified, certificate.authority],
    );
    await db.query(
      `INSERT INTO reward_form_history (form_code, version, snapshot, note, changed_by)
       SELECT code, 1, to_jsonb(f) - 'updated_at', 'Giấy khen của người sử dụng lao động (issue 17)', 'migration' FROM reward_forms f WHERE code = $1`,
      [certificate.code],
    );

    await db.query(`ALTER TABLE nominations DROP CONSTRAINT nominations_status_check`);
    await db.query(`ALTER TABLE nominations ADD CONSTRAINT nominations_status_check CHECK (status IN ('OPEN','IN_COUNCIL','GRANTED','REFUSED','WITHDRAWN','RETURNED','PROPOSED'))`);

    await db.query(`ALTER TABLE reward_decisions ADD COLUMN deciding_authority text NOT NULL DEFAULT 'UNION', ADD COLUMN authority_name text`);
    await db.query(`DROP INDEX reward_decisions_number_per_issuer_year`);
    await db.query(`CREATE UNIQUE INDEX reward_decisions_number_per_issuer_year ON reward_decisions (granting_unit_id, (extract(year FROM decided_on)), number) WHERE deciding_authority = 'UNION'`);
    // the view is d.*: recreated so that it carries the new columns
    await db.query(`CREATE OR REPLACE VIEW standing_reward_decisions AS
        SELECT d.* FROM reward_decisions d WHERE NOT EXISTS (SELECT 1 FROM decision_revocations r WHERE r.decision_id = d.id)`);

    await db.query(`
      CREATE TABLE reward_proposals (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        nomination_id       uuid NOT NULL UNIQUE REFERENCES nominations (id),
        form_code           text NOT NULL REFERENCES reward_forms (code),
        form_name           text NOT NULL,
        authority           text NOT NULL CHECK (authority IN (${authorityCheck}) AND authority <> 'UNION'),
        authority_source    text NOT NULL,
        status              text NOT NULL CHECK (status IN ('AT_LEVEL','RETURNED','WITH_AUTHORITY','DECIDED')),
        holder_unit_id      uuid NOT NULL,
        holder_unit_path    text NOT NULL,
        holder_unit_name    text NOT NULL,
        holder_level        text NOT NULL,
        returned_by_unit_id uuid,
        proposing_unit_id   uuid NOT NULL,
        proposing_unit_path text NOT NULL,
        proposing_unit_name text NOT NULL,
        proposed_on         date NOT NULL,
        signer_role         text NOT NULL,
        signer_name         text,
        task_rating         text,
        reason              text NOT NULL,
        decision_id         uuid REFERENCES reward_decisions (id),
        created_by          text NOT NULL,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX reward_proposals_holder ON reward_proposals (holder_unit_path, status)`);
    await db.query(`CREATE INDEX reward_proposals_proposing ON reward_proposals (proposing_unit_path, updated_at DESC)`);
    await db.query(`
      CREATE TABLE proposal_steps (
        proposal_id uuid NOT NULL REFERENCES reward_proposals (id),
        seq         int NOT NULL,
        unit_id     uuid,
        unit_name   text NOT NULL,
        level       text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        left_at     timestamptz,
        outcome     text CHECK (outcome IN ('PROPOSED','FORWARDED','RETURNED','RESENT','SENT_TO_AUTHORITY','DECIDED')),
        note        text,
        acted_by    text,
        PRIMARY KEY (proposal_id, seq)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE proposal_steps`);
    await db.query(`DROP TABLE reward_proposals`);
    await db.query(`DROP VIEW standing_reward_decisions`);
    await db.query(`DROP INDEX reward_decisions_number_per_issuer_year`);
    await db.query(`ALTER TABLE reward_decisions DROP COLUMN deciding_authority, DROP COLUMN authority_name`);
    await db.query(`CREATE UNIQUE INDEX reward_decisions_number_per_issuer_year ON reward_decisions (granting_unit_id, (extract(year FROM decided_on)), number)`);
    await db.query(`CREATE VIEW standing_reward_decisions AS
        SELECT d.* FROM reward_decisions d WHERE NOT EXISTS (SELECT 1 FROM decision_revocations r WHERE r.decision_id = d.id)`);
    await db.query(`UPDATE nominations SET status = 'IN_COUNCIL' WHERE status = 'PROPOSED'`);
    await db.query(`ALTER TABLE nominations DROP CONSTRAINT nominations_status_check`);
    await db.query(`ALTER TABLE nominations ADD CONSTRAINT nominations_status_check CHECK (status IN ('OPEN','IN_COUNCIL','GRANTED','REFUSED','WITHDRAWN','RETURNED'))`);
    await db.query(`DELETE FROM reward_form_history WHERE form_code = $1`, [certificate.code]);
    await db.query(`DELETE FROM reward_forms WHERE code = $1`, [certificate.code]);
    // each form as it was before: its previous version's granting levels
    await db.query(
      `UPDATE reward_forms f SET granting_levels = ARRAY(SELECT jsonb_array_elements_text(h.snapshot->'granting_levels')), version = h.version
         FROM reward_form_history h WHERE f.code = ANY($1::text[]) AND h.form_code = f.code AND h.version = f.version - 1`,
      [SEED_AUTHORITIES.map((s) => s.code)],
    );
    await db.query(`DELETE FROM reward_form_history h USING reward_forms f WHERE h.form_code = f.code AND h.version > f.version`);
    await db.query(`ALTER TABLE reward_forms DROP COLUMN deciding_authority, DROP COLUMN authority_source, DROP COLUMN authority_verified`);
  }
}
