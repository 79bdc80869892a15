import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A member's own progress report counts once the grassroots officer confirms it (confirmed_at); a report's value can
 * be corrected with a reason, every version kept (progress_report_revisions). Reports made before count as confirmed.
 */
export class ProgressConfirmationAndCorrections1732500147000 implements MigrationInterface {
  name = 'ProgressConfirmationAndCorrections1732500147000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE progress_reports ADD COLUMN confirmed_at timestamptz, ADD COLUMN confirmed_by text`);
    await db.query(`UPDATE progress_reports SET confirmed_at = reported_at, confirmed_by = reported_by`);
    await db.query(`CREATE INDEX progress_reports_unconfirmed ON progress_reports (enrollment_id) WHERE confirmed_at IS NULL`);
    await db.query(`
      CREATE TABLE progress_report_revisions (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id       uuid NOT NULL REFERENCES progress_reports (id),
        previous_value  numeric NOT NULL,
        value           numeric NOT NULL,
        previous_evidence_url text,
        evidence_url    text,
        reason          text NOT NULL,
        revised_by      text NOT NULL,
        revised_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX progress_report_revisions_report ON progress_report_revisions (report_id, revised_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE progress_report_revisions`);
    await db.query(`DROP INDEX progress_reports_unconfirmed`);
    await db.query(`ALTER TABLE progress_reports DROP COLUMN confirmed_at, DROP COLUMN confirmed_by`);
  }
}
