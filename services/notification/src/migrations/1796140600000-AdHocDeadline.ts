import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An ad-hoc nomination's last day for a decision, as reward's NominationCreated names it (issue 17: one figure for
 * the ad-hoc days, the regulation's in reward's catalogue, which its dashboard counts by too). Null for other sources,
 * and for ad-hoc nominations announced before reward named it: those are chased by their level's days.
 */
export class AdHocDeadline1796140600000 implements MigrationInterface {
  name = 'AdHocDeadline1796140600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE nomination_refs ADD COLUMN decide_by date, ADD COLUMN decide_within_days integer`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE nomination_refs DROP COLUMN decide_by, DROP COLUMN decide_within_days`);
  }
}
