import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A form's quota counts the unit's proposals still on their way (quotaUsage): they are found by unit and form. */
export class PendingProposalQuota1796150340000 implements MigrationInterface {
  name = 'PendingProposalQuota1796150340000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX reward_proposals_pending_quota ON reward_proposals (proposing_unit_id, form_code) WHERE status IN ('AT_LEVEL', 'RETURNED', 'WITH_AUTHORITY')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX reward_proposals_pending_quota`);
  }
}
