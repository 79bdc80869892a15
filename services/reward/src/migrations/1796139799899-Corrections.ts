import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections and administrative numbering (issue 17): nominations withdrawn or returned with a reason; decisions
 * annulled or revoked with their reason, legal ground, amount reclaimed and the revoking decision's own number; the
 * issuer codes of decision numbers as data; numbers unique per issuer and year (`125/QĐ-LĐLĐ` recurs every year and
 * in every province, so the old register-wide uniqueness goes).
 */
export class Corrections1796139799899 implements MigrationInterface {
  name = 'Corrections1796139799899';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE nominations DROP CONSTRAINT nominations_status_check`);
    await db.query(`ALTER TABLE nominations ADD CONSTRAINT nominations_status_check CHECK (status IN ('OPEN','IN_COUNCIL','GRANTED','REFUSED','WITHDRAWN','RETURNED'))`);
    await db.query(`ALTER TABLE nominations ADD COLUMN correction_reason text, ADD COLUMN corrected_by text, ADD COLUMN corrected_at timestamptz`);

    await db.query(`
      CREATE TABLE decision_issuer_codes (
        unit_id uuid PRIMARY KEY,
        code    text NOT NULL CHECK (length(code) BETWEEN 2 AND 30),
        set_by  text NOT NULL,
        set_at  timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`ALTER TABLE reward_decisions DROP CONSTRAINT reward_decisions_number_key`);
    await db.query(`ALTER TABLE reward_decisions ADD COLUMN number_entered boolean NOT NULL DEFAULT false`);
    await db.query(`CREATE UNIQUE INDEX reward_decisions_number_per_issuer_year ON reward_decisions (granting_unit_id, (extract(year FROM decided_on)), number)`);

    await db.query(`
      CREATE TABLE decision_revocations (
        decision_id           uuid PRIMARY KEY REFERENCES reward_decisions (id),
        kind                  text NOT NULL CHECK (kind IN ('ANNULLED','REVOKED')),
        legal_ground          text NOT NULL,
        legal_source          text NOT NULL,
        reason                text NOT NULL,
        revoked_on            date NOT NULL,
        number                text NOT NULL,
        granting_unit_id      uuid NOT NULL,
        amount_reclaimed_vnd  bigint NOT NULL CHECK (amount_reclaimed_vnd >= 0),
        revoked_by            text NOT NULL,
        signer_role           text NOT NULL,
        recorded_at           timestamptz NOT NULL DEFAULT now()
      )`);
    // a revoking decision is numbered in the issuer's register with the decisions themselves
    await db.query(`CREATE UNIQUE INDEX decision_revocations_number ON decision_revocations (granting_unit_id, (extract(year FROM revoked_on)), number)`);
    await db.query(`
      CREATE VIEW standing_reward_decisions AS
        SELECT d.* FROM reward_decisions d WHERE NOT EXISTS (SELECT 1 FROM decision_revocations r WHERE r.decision_id = d.id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW standing_reward_decisions`);
    await db.query(`DROP TABLE decision_revocations`);
    await db.query(`DROP INDEX reward_decisions_number_per_issuer_year`);
    await db.query(`ALTER TABLE reward_decisions DROP COLUMN number_entered`);
    await db.query(`ALTER TABLE reward_decisions ADD CONSTRAINT reward_decisions_number_key UNIQUE (number)`);
    await db.query(`DROP TABLE decision_issuer_codes`);
    await db.query(`ALTER TABLE nominations DROP COLUMN correction_reason, DROP COLUMN corrected_by, DROP COLUMN corrected_at`);
    await db.query(`UPDATE nominations SET status = 'OPEN' WHERE status IN ('WITHDRAWN','RETURNED')`);
    await db.query(`ALTER TABLE nominations DROP CONSTRAINT nominations_status_check`);
    await db.query(`ALTER TABLE nominations ADD CONSTRAINT nominations_status_check CHECK (status IN ('OPEN','IN_COUNCIL','GRANTED','REFUSED'))`);
  }
}
