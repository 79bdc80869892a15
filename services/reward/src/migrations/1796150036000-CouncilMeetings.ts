import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SEED_AD_HOC_TIME_LIMIT, SEED_COUNCIL_RULES } from './seed-council';

/**
 * How a council decides (issue 17, decision 0036): its members (accounts, with the unit they come from and the
 * relatives they declared), its meetings with the members present, votes cast in a meeting, and the quorum and
 * majority of the regulation as data with their source; the days an ad-hoc reward is decided within.
 */
export class CouncilMeetings1796150036000 implements MigrationInterface {
  name = 'CouncilMeetings1796150036000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE council_members (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id       uuid NOT NULL,
        unit_path     text NOT NULL,
        account_id    text NOT NULL CHECK (length(account_id) BETWEEN 1 AND 100),
        full_name     text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
        position      text NOT NULL CHECK (position IN ('CHAIR','VICE_CHAIR','STANDING_MEMBER','MEMBER')),
        member_id     uuid,
        home_unit_id  uuid,
        home_unit_path text,
        added_by      text NOT NULL,
        added_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
        removed_by    text,
        removed_at    timestamptz
      )`);
    await db.query(`CREATE UNIQUE INDEX council_members_one_seat ON council_members (unit_id, account_id) WHERE removed_at IS NULL`);
    await db.query(`
      CREATE TABLE council_conflicts (
        council_member_id uuid NOT NULL REFERENCES council_members (id),
        member_id         uuid NOT NULL,
        relation          text NOT NULL CHECK (length(relation) BETWEEN 2 AND 100),
        declared_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (council_member_id, member_id)
      )`);
    await db.query(`
      CREATE TABLE council_meetings (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id        uuid NOT NULL,
        unit_path      text NOT NULL,
        held_on        date NOT NULL,
        status         text NOT NULL CHECK (status IN ('OPEN','CLOSED')),
        members_total  int NOT NULL CHECK (members_total >= 0),
        opened_by      text NOT NULL,
        opened_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
        closed_at      timestamptz
      )`);
    await db.query(`CREATE UNIQUE INDEX council_meetings_one_open ON council_meetings (unit_id) WHERE status = 'OPEN'`);
    await db.query(`
      CREATE TABLE council_meeting_attendees (
        meeting_id        uuid NOT NULL REFERENCES council_meetings (id),
        council_member_id uuid NOT NULL REFERENCES council_members (id),
        PRIMARY KEY (meeting_id, council_member_id)
      )`);
    await db.query(`ALTER TABLE council_reviews ADD COLUMN meeting_id uuid REFERENCES council_meetings (id)`);
    await db.query(`CREATE INDEX council_reviews_meeting ON council_reviews (meeting_id, nomination_id)`);
    await db.query(`
      CREATE TABLE council_rules (
        code            text PRIMARY KEY,
        form_codes      text[] NOT NULL,
        quorum_share    numeric(5,4) NOT NULL CHECK (quorum_share > 0 AND quorum_share <= 1),
        majority_share  numeric(5,4) NOT NULL CHECK (majority_share > 0 AND majority_share <= 1),
        majority_strict boolean NOT NULL,
        min_members     int NOT NULL CHECK (min_members >= 2),
        source          text NOT NULL,
        verified        boolean NOT NULL
      )`);
    for (const rule of SEED_COUNCIL_RULES) {
      await db.query(`INSERT INTO council_rules (code, form_codes, quorum_share, majority_share, majority_strict, min_members, source, verified) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
        rule.code, rule.formCodes, rule.quorumShare, rule.majorityShare, rule.majorityStrict, rule.minMembers, rule.source, rule.verified,
      ]);
    }
    await db.query(`
      CREATE TABLE reward_time_limits (
        code     text PRIMARY KEY,
        days     int NOT NULL CHECK (days > 0),
        source   text NOT NULL,
        verified boolean NOT NULL
      )`);
    await db.query(`INSERT INTO reward_time_limits (code, days, source, verified) VALUES ('AD_HOC', $1, $2, $3)`, [
      SEED_AD_HOC_TIME_LIMIT.days, SEED_AD_HOC_TIME_LIMIT.source, SEED_AD_HOC_TIME_LIMIT.verified,
    ]);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE reward_time_limits`);
    await db.query(`DROP TABLE council_rules`);
    await db.query(`ALTER TABLE council_reviews DROP COLUMN meeting_id`);
    await db.query(`DROP TABLE council_meeting_attendees`);
    await db.query(`DROP TABLE council_meetings`);
    await db.query(`DROP TABLE council_conflicts`);
    await db.query(`DROP TABLE council_members`);
  }
}
