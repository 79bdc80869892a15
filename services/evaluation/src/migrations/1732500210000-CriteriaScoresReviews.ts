import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Criteria sets, participants, measured values, scores with their audit trail, reviews, publications, appeals. */
export class CriteriaScoresReviews1732500210000 implements MigrationInterface {
  name = 'CriteriaScoresReviews1732500210000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE unit_refs ADD COLUMN name text NOT NULL DEFAULT ''`);
    await db.query(`ALTER TABLE evaluation_rounds ADD COLUMN title text NOT NULL DEFAULT '', DROP CONSTRAINT evaluation_rounds_status_check,
      ADD CONSTRAINT evaluation_rounds_status_check CHECK (status IN ('OPEN','PUBLISHED','CLOSED'))`);
    await db.query(`
      CREATE TABLE criteria_sets (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id            uuid NOT NULL,
        variant                text NOT NULL CHECK (variant IN ('GENERAL','DIRECT_PRODUCTION_WORKER','CIVIL_SERVANT_NON_LEADER','PRIVATE_FDI_SIMPLIFIED')),
        version                int NOT NULL,
        status                 text NOT NULL CHECK (status IN ('DRAFT','PUBLISHED','SUPERSEDED')),
        appeal_window_days     int NOT NULL CHECK (appeal_window_days BETWEEN 1 AND 60),
        disagreement_threshold int NOT NULL CHECK (disagreement_threshold BETWEEN 0 AND 10),
        created_by             text NOT NULL,
        created_at             timestamptz NOT NULL DEFAULT now(),
        published_at           timestamptz,
        UNIQUE (campaign_id, variant, version)
      )`);
    await db.query(`CREATE UNIQUE INDEX criteria_sets_one_published ON criteria_sets (campaign_id, variant) WHERE status = 'PUBLISHED'`);
    await db.query(`
      CREATE TABLE criteria (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        set_id          uuid NOT NULL REFERENCES criteria_sets (id) ON DELETE CASCADE,
        position        int NOT NULL,
        name            text NOT NULL,
        method          text NOT NULL CHECK (method IN ('LINEAR','THRESHOLDS','PASS_FAIL','RUBRIC')),
        weight          numeric NOT NULL,
        unit_of_measure text,
        target_value    numeric,
        direction       text NOT NULL,
        target_id       uuid,
        thresholds      jsonb NOT NULL DEFAULT '[]',
        rubric_levels   jsonb NOT NULL DEFAULT '[]',
        UNIQUE (set_id, position)
      )`);
    await db.query(`CREATE INDEX criteria_target ON criteria (target_id) WHERE target_id IS NOT NULL`);
    await db.query(`
      CREATE TABLE participants (
        enrollment_id uuid PRIMARY KEY,
        campaign_id   uuid NOT NULL,
        unit_id       uuid NOT NULL,
        unit_path     text NOT NULL,
        member_id     uuid,
        enrolled_at   timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX participants_campaign ON participants (campaign_id)`);
    await db.query(`CREATE INDEX participants_member ON participants (member_id) WHERE member_id IS NOT NULL`);
    await db.query(`CREATE INDEX participants_unit ON participants (unit_id)`);
    await db.query(`
      CREATE TABLE measured_values (
        enrollment_id uuid NOT NULL,
        target_id     uuid NOT NULL,
        value         numeric NOT NULL,
        updated_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (enrollment_id, target_id)
      )`);
    await db.query(`
      CREATE TABLE criterion_scores (
        enrollment_id uuid NOT NULL,
        criterion_id  uuid NOT NULL REFERENCES criteria (id),
        set_id        uuid NOT NULL REFERENCES criteria_sets (id),
        points        numeric NOT NULL CHECK (points BETWEEN 0 AND 100),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (enrollment_id, criterion_id)
      )`);
    await db.query(`
      CREATE TABLE score_audit (
        id            bigserial PRIMARY KEY,
        enrollment_id uuid NOT NULL,
        criterion_id  uuid NOT NULL,
        set_id        uuid NOT NULL,
        before        numeric,
        after         numeric NOT NULL,
        actor         text NOT NULL,
        reason        text NOT NULL,
        at            timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX score_audit_enrollment ON score_audit (enrollment_id, id)`);
    await db.query(`
      CREATE TABLE submissions (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrollment_id uuid NOT NULL REFERENCES participants (enrollment_id),
        criterion_id  uuid NOT NULL REFERENCES criteria (id),
        text          text NOT NULL,
        evidence      jsonb NOT NULL,
        status        text NOT NULL CHECK (status IN ('IN_REVIEW','NEEDS_THIRD_REVIEW','SCORED')),
        final_score   numeric,
        submitted_by  text NOT NULL,
        submitted_at  timestamptz NOT NULL DEFAULT now(),
        UNIQUE (enrollment_id, criterion_id)
      )`);
    await db.query(`
      CREATE TABLE review_assignments (
        submission_id      uuid NOT NULL REFERENCES submissions (id),
        reviewer_subject   text NOT NULL,
        reviewer_member_id uuid,
        reviewer_unit_path text,
        assigned_by        text NOT NULL,
        assigned_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (submission_id, reviewer_subject)
      )`);
    await db.query(`
      CREATE TABLE reviews (
        submission_id    uuid NOT NULL REFERENCES submissions (id),
        reviewer_subject text NOT NULL,
        score            int NOT NULL,
        comment          text,
        reviewed_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (submission_id, reviewer_subject)
      )`);
    await db.query(`
      CREATE TABLE conflict_declarations (
        reviewer_subject text NOT NULL,
        enrollment_id    uuid NOT NULL,
        reason           text NOT NULL,
        declared_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (reviewer_subject, enrollment_id)
      )`);
    await db.query(`
      CREATE TABLE publications (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id     uuid NOT NULL,
        version         int NOT NULL,
        published_by    text NOT NULL,
        published_at    timestamptz NOT NULL DEFAULT now(),
        appeal_deadline timestamptz NOT NULL,
        reason          text NOT NULL,
        entries         jsonb NOT NULL,
        UNIQUE (campaign_id, version)
      )`);
    await db.query(`
      CREATE TABLE appeals (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id   uuid NOT NULL,
        enrollment_id uuid NOT NULL REFERENCES participants (enrollment_id),
        reason        text NOT NULL,
        status        text NOT NULL CHECK (status IN ('OPEN','ACCEPTED','REJECTED')),
        filed_by      text NOT NULL,
        filed_at      timestamptz NOT NULL DEFAULT now(),
        resolution    text,
        resolved_by   text,
        resolved_at   timestamptz
      )`);
    await db.query(`CREATE INDEX appeals_campaign ON appeals (campaign_id, filed_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE appeals, publications, conflict_declarations, reviews, review_assignments, submissions, score_audit,
      criterion_scores, measured_values, participants, criteria, criteria_sets`);
    await db.query(`ALTER TABLE evaluation_rounds DROP COLUMN title`);
    await db.query(`ALTER TABLE unit_refs DROP COLUMN name`);
  }
}
