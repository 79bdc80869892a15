import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Lifecycle, summaries, replication lineage, enrollments and progress reports. */
export class MovementLifecycle1732500110000 implements MigrationInterface {
  name = 'MovementLifecycle1732500110000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE union_units ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await db.query(`CREATE INDEX union_units_province ON union_units (province_code, organisation_type)`);
    await db.query(`ALTER TABLE members ADD COLUMN left_union_on date, ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await db.query(`CREATE INDEX members_name_trgm ON members USING gin (full_name_folded gin_trgm_ops)`);

    await db.query(`ALTER TABLE campaign_targets ADD COLUMN aggregation text NOT NULL DEFAULT 'SUM' CHECK (aggregation IN ('SUM','LATEST'))`);
    await db.query(`
      ALTER TABLE campaigns
        ADD COLUMN derived_from_id uuid REFERENCES campaigns (id),
        ADD COLUMN adaptation_note text,
        ADD COLUMN started_at timestamptz,
        ADD COLUMN summarising_at timestamptz,
        ADD COLUMN closed_at timestamptz,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await db.query(`CREATE INDEX campaigns_derived_from ON campaigns (derived_from_id, created_at DESC, id DESC) WHERE derived_from_id IS NOT NULL`);
    // overdue summaries: open campaigns past their end
    await db.query(`CREATE INDEX campaigns_open_by_end ON campaigns (ends_on) WHERE status IN ('LAUNCHED','IN_PROGRESS','SUMMARISING')`);

    await db.query(`
      CREATE TABLE campaign_summaries (
        campaign_id  uuid PRIMARY KEY REFERENCES campaigns (id),
        lessons      text NOT NULL,
        exemplars    jsonb NOT NULL DEFAULT '[]',
        submitted_by text NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE campaign_summary_results (
        campaign_id    uuid NOT NULL REFERENCES campaign_summaries (campaign_id) ON DELETE CASCADE,
        target_id      uuid NOT NULL REFERENCES campaign_targets (id),
        achieved_value numeric NOT NULL,
        comment        text,
        PRIMARY KEY (campaign_id, target_id)
      )`);

    await db.query(`
      CREATE TABLE enrollments (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        unit_id     uuid NOT NULL REFERENCES union_units (id),
        unit_path   text NOT NULL,
        member_id   uuid REFERENCES members (id),
        enrolled_by text NOT NULL,
        enrolled_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX enrollments_unit_once ON enrollments (campaign_id, unit_id) WHERE member_id IS NULL`);
    await db.query(`CREATE UNIQUE INDEX enrollments_member_once ON enrollments (campaign_id, member_id) WHERE member_id IS NOT NULL`);
    await db.query(`CREATE INDEX enrollments_campaign ON enrollments (campaign_id, enrolled_at, id)`);
    await db.query(`CREATE INDEX enrollments_unit_path ON enrollments (unit_path text_pattern_ops)`);
    await db.query(`CREATE INDEX enrollments_member ON enrollments (member_id) WHERE member_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE enrollment_commitments (
        enrollment_id   uuid NOT NULL REFERENCES enrollments (id) ON DELETE CASCADE,
        target_id       uuid NOT NULL REFERENCES campaign_targets (id),
        committed_value numeric NOT NULL,
        PRIMARY KEY (enrollment_id, target_id)
      )`);

    await db.query(`
      CREATE TABLE progress_reports (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrollment_id uuid NOT NULL REFERENCES enrollments (id),
        target_id     uuid NOT NULL REFERENCES campaign_targets (id),
        period_start  date NOT NULL,
        period_end    date NOT NULL,
        value         numeric NOT NULL,
        evidence_url  text,
        reported_by   text NOT NULL,
        reported_at   timestamptz NOT NULL DEFAULT now(),
        UNIQUE (enrollment_id, target_id, period_start)
      )`);
    await db.query(`CREATE INDEX progress_reports_enrollment ON progress_reports (enrollment_id, period_start)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE progress_reports, enrollment_commitments, enrollments, campaign_summary_results, campaign_summaries`);
    await db.query(`ALTER TABLE campaigns DROP COLUMN derived_from_id, DROP COLUMN adaptation_note, DROP COLUMN started_at,
      DROP COLUMN summarising_at, DROP COLUMN closed_at, DROP COLUMN updated_at`);
    await db.query(`ALTER TABLE campaign_targets DROP COLUMN aggregation`);
    await db.query(`DROP INDEX members_name_trgm`);
    await db.query(`ALTER TABLE members DROP COLUMN left_union_on, DROP COLUMN updated_at`);
    await db.query(`DROP INDEX union_units_province`);
    await db.query(`ALTER TABLE union_units DROP COLUMN updated_at`);
  }
}
