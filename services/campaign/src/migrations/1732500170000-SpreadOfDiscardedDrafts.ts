import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A discarded draft takes its kept spread with it. A draft's `campaign_spreads` row is only its own count (a draft
 * joins no lineage until launched), so it goes with the campaign instead of blocking its deletion.
 */
export class SpreadOfDiscardedDrafts1732500170000 implements MigrationInterface {
  name = 'SpreadOfDiscardedDrafts1732500170000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE campaign_spreads DROP CONSTRAINT campaign_spreads_campaign_id_fkey`);
    await db.query(`ALTER TABLE campaign_spreads ADD CONSTRAINT campaign_spreads_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE campaign_spreads DROP CONSTRAINT campaign_spreads_campaign_id_fkey`);
    await db.query(`ALTER TABLE campaign_spreads ADD CONSTRAINT campaign_spreads_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES campaigns (id)`);
  }
}
