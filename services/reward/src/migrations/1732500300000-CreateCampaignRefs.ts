import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCampaignRefs1732500300000 implements MigrationInterface {
  name = 'CreateCampaignRefs1732500300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE campaign_refs (
        campaign_id         uuid PRIMARY KEY,
        title               text NOT NULL,
        launching_unit_path text NOT NULL,
        nominations_open    boolean NOT NULL,
        launched_at         timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE campaign_refs`);
  }
}
