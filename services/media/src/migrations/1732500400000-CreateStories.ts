import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateStories1732500400000 implements MigrationInterface {
  name = 'CreateStories1732500400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE stories (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind            text NOT NULL CHECK (kind IN ('EXEMPLAR','GOOD_PRACTICE','GOOD_DEED','AD_HOC_ACHIEVEMENT','CAMPAIGN_NEWS','CAMPAIGN_SUMMARY')),
        status          text NOT NULL CHECK (status IN ('CANDIDATE','DRAFT','IN_REVIEW','PUBLISHED','RETRACTED')),
        title           text NOT NULL,
        summary         text,
        campaign_id     uuid,
        unit_path       text NOT NULL,
        source_event_id uuid UNIQUE,
        created_at      timestamptz NOT NULL DEFAULT now(),
        published_at    timestamptz
      )`);
    await db.query(`CREATE INDEX stories_campaign ON stories (campaign_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX stories_candidates ON stories (unit_path text_pattern_ops, created_at DESC) WHERE status = 'CANDIDATE'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE stories`);
  }
}
