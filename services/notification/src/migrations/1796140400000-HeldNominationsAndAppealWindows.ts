import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the other deadlines read (issue 19): nominations waiting at their granting unit (from reward's events, until
 * one decides them), the appeal windows of published results (from evaluation's), the stories in review (from
 * media's), and whether a campaign's summary came (CampaignSummarised), each kept as a read model.
 */
export class HeldNominationsAndAppealWindows1796140400000 implements MigrationInterface {
  name = 'HeldNominationsAndAppealWindows1796140400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE nomination_refs (
        -- a decision's event may arrive before the nomination's (another partition): the row then holds only
        -- "decided" until NominationCreated fills the rest
        id                 uuid PRIMARY KEY,
        source             text,
        subject_name       text,
        member_id          uuid,
        unit_id            uuid,
        granting_unit_id   uuid,
        granting_unit_path text,
        granting_level     text,
        nominated_by       uuid,
        -- the day (Việt Nam) it reached the granting unit: the days held count from it
        opened_on          date,
        decided            boolean NOT NULL DEFAULT false,
        CHECK (decided OR (source IS NOT NULL AND subject_name IS NOT NULL AND granting_unit_id IS NOT NULL AND opened_on IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX nomination_refs_open ON nomination_refs (opened_on) WHERE NOT decided`);
    await db.query(`
      CREATE TABLE appeal_windows (
        campaign_id uuid NOT NULL,
        version     integer NOT NULL,
        title       text NOT NULL,
        closes_at   timestamptz NOT NULL,
        PRIMARY KEY (campaign_id, version)
      )`);
    await db.query(`CREATE INDEX appeal_windows_closes ON appeal_windows (closes_at)`);
    await db.query(`
      CREATE TABLE stories_in_review (
        story_id  uuid PRIMARY KEY,
        title     text NOT NULL,
        unit_path text NOT NULL,
        since     timestamptz NOT NULL
      )`);
    await db.query(`ALTER TABLE campaign_refs ADD COLUMN summarised boolean NOT NULL DEFAULT false`);
    await db.query(`CREATE INDEX enrollment_refs_members ON enrollment_refs (campaign_id, member_id) WHERE member_id IS NOT NULL`);
    await db.query(`CREATE INDEX account_refs_member ON account_refs (member_id) WHERE member_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX account_refs_member, enrollment_refs_members`);
    await db.query(`ALTER TABLE campaign_refs DROP COLUMN summarised`);
    await db.query(`DROP TABLE stories_in_review, appeal_windows, nomination_refs`);
  }
}
