import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A round follows its campaign to the end: CLOSING while the appeal window of the latest publication still runs (or
 * an appeal is open) after the campaign closed, CLOSED after that; `campaign_closed_at` is when CampaignClosed came.
 */
export class RoundClosing1732500230000 implements MigrationInterface {
  name = 'RoundClosing1732500230000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE evaluation_rounds ADD COLUMN campaign_closed_at timestamptz, DROP CONSTRAINT evaluation_rounds_status_check,
      ADD CONSTRAINT evaluation_rounds_status_check CHECK (status IN ('OPEN','PUBLISHED','CLOSING','CLOSED'))`);
    await db.query(`CREATE INDEX appeals_open ON appeals (campaign_id) WHERE status = 'OPEN'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX appeals_open`);
    await db.query(`UPDATE evaluation_rounds SET status = 'CLOSED' WHERE status = 'CLOSING'`);
    await db.query(`ALTER TABLE evaluation_rounds DROP COLUMN campaign_closed_at, DROP CONSTRAINT evaluation_rounds_status_check,
      ADD CONSTRAINT evaluation_rounds_status_check CHECK (status IN ('OPEN','PUBLISHED','CLOSED'))`);
  }
}
