import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Launched campaigns as media knows them from CampaignLaunched (issue 13, item 7): which subtree each covers, so a
 * story attaches only a campaign of the editor's part of the union. Campaigns launched before this table are
 * taken from the news candidates their CampaignLaunched made, covering the launching unit's subtree (the event's
 * scope unit was not kept; it lies inside the launching unit's subtree).
 */
export class CampaignRefs1732500440000 implements MigrationInterface {
  name = 'CampaignRefs1732500440000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE campaign_refs (
        id                  uuid PRIMARY KEY,
        launching_unit_path text NOT NULL,
        scope_unit_path     text NOT NULL
      )`);
    await db.query(`
      INSERT INTO campaign_refs (id, launching_unit_path, scope_unit_path)
      SELECT DISTINCT ON (s.campaign_id) s.campaign_id, s.unit_path, s.unit_path
        FROM stories s JOIN story_history h ON h.story_id = s.id AND h.action = 'EVENT CampaignLaunched'
       WHERE s.campaign_id IS NOT NULL
       ORDER BY s.campaign_id, s.created_at`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE campaign_refs`);
  }
}
