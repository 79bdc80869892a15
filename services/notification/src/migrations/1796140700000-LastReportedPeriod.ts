import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each unit enrolment's latest reported period (its first day), kept beside the enrolment so the deadline scan tells
 * reported from unreported by one comparison instead of hashing every report of the period (benchmark 8): only an
 * enrolment that has reported a later period already is looked up in reported_periods, by its primary key (decision
 * 0039). The index of reports by period served the hashing this replaces.
 */
export class LastReportedPeriod1796140700000 implements MigrationInterface {
  name = 'LastReportedPeriod1796140700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE enrollment_refs ADD COLUMN last_reported_period date`);
    await db.query(`
      UPDATE enrollment_refs e SET last_reported_period = r.latest
        FROM (SELECT enrollment_id, max(period_start) AS latest FROM reported_periods GROUP BY enrollment_id) r
       WHERE r.enrollment_id = e.id`);
    await db.query(`DROP INDEX reported_periods_period`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX reported_periods_period ON reported_periods (period_start)`);
    await db.query(`ALTER TABLE enrollment_refs DROP COLUMN last_reported_period`);
  }
}
