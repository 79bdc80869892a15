import { createReadModelTables } from '@thidua/common';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Story content, subjects, workflow history, sections, assets, news channels and Vietnamese search. */
export class EditorialAndDistribution1732500410000 implements MigrationInterface {
  name = 'EditorialAndDistribution1732500410000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE stories
        ADD COLUMN body_format text NOT NULL DEFAULT 'HTML' CHECK (body_format IN ('HTML','MARKDOWN')),
        ADD COLUMN body_source text NOT NULL DEFAULT '',
        ADD COLUMN body_html text NOT NULL DEFAULT '',
        ADD COLUMN tags text[] NOT NULL DEFAULT '{}',
        ADD COLUMN province_code text,
        ADD COLUMN occupation_code text,
        ADD COLUMN subject_is_direct_worker boolean,
        ADD COLUMN language text NOT NULL DEFAULT 'vi',
        ADD COLUMN reward_decision jsonb,
        ADD COLUMN retraction_reason text,
        ADD COLUMN created_by text NOT NULL DEFAULT 'system',
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN search tsvector NOT NULL DEFAULT ''::tsvector`);
    await db.query(`CREATE INDEX stories_search ON stories USING gin (search)`);
    await db.query(`CREATE INDEX stories_published ON stories (published_at DESC, id DESC) WHERE status = 'PUBLISHED'`);
    await db.query(`CREATE INDEX stories_updated ON stories (updated_at, id) WHERE status IN ('PUBLISHED','RETRACTED')`);
    await db.query(`CREATE INDEX stories_province ON stories (province_code, published_at DESC) WHERE status = 'PUBLISHED'`);
    await db.query(`
      CREATE TABLE story_subjects (
        story_id  uuid NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        member_id uuid,
        unit_id   uuid,
        CHECK ((member_id IS NULL) <> (unit_id IS NULL))
      )`);
    await db.query(`CREATE INDEX story_subjects_member ON story_subjects (member_id) WHERE member_id IS NOT NULL`);
    await db.query(`CREATE INDEX story_subjects_unit ON story_subjects (unit_id) WHERE unit_id IS NOT NULL`);
    await db.query(`CREATE INDEX story_subjects_story ON story_subjects (story_id)`);
    await db.query(`
      CREATE TABLE story_history (
        id          bigserial PRIMARY KEY,
        story_id    uuid NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        from_status text,
        to_status   text NOT NULL,
        action      text NOT NULL,
        actor       text NOT NULL,
        note        text,
        at          timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX story_history_story ON story_history (story_id, id)`);
    await db.query(`
      CREATE TABLE sections (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug        text NOT NULL UNIQUE,
        name        text NOT NULL,
        description text,
        filter      jsonb NOT NULL,
        sort_order  text NOT NULL CHECK (sort_order IN ('NEWEST','OLDEST')),
        unit_path   text NOT NULL,
        created_by  text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE assets (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        story_id    uuid NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        kind        text NOT NULL CHECK (kind IN ('IMAGE','DOCUMENT','VIDEO')),
        file_name   text NOT NULL,
        mime_type   text NOT NULL,
        size_bytes  int NOT NULL,
        sha256      text NOT NULL,
        storage_key text NOT NULL,
        alt_text    text,
        created_by  text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX assets_story ON assets (story_id)`);
    await db.query(`
      CREATE TABLE news_channels (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name          text NOT NULL,
        contact_email text NOT NULL,
        key_prefix    text NOT NULL UNIQUE,
        key_hash      text NOT NULL,
        created_by    text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        revoked_at    timestamptz
      )`);
    await createReadModelTables(db);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE member_refs, unit_refs, news_channels, assets, sections, story_history, story_subjects`);
    await db.query(`ALTER TABLE stories DROP COLUMN body_format, DROP COLUMN body_source, DROP COLUMN body_html, DROP COLUMN tags,
      DROP COLUMN province_code, DROP COLUMN occupation_code, DROP COLUMN subject_is_direct_worker, DROP COLUMN language,
      DROP COLUMN reward_decision, DROP COLUMN retraction_reason, DROP COLUMN created_by, DROP COLUMN updated_at, DROP COLUMN search`);
  }
}
