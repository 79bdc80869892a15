import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRounds1732500200000 implements MigrationInterface {
  name = 'CreateRounds1732500200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE evaluation_rounds (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id         uuid NOT NULL UNIQUE,
        status              text NOT NULL CHECK (status IN ('OPEN','CLOSED')),
        launching_unit_path text NOT NULL,
        opened_at           timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE round_targets (
        round_id        uuid NOT NULL REFERENCES evaluation_rounds (id) ON DELETE CASCADE,
        target_id       uuid NOT NULL,
        position        int NOT NULL,
        name            text NOT NULL,
        unit_of_measure text NOT NULL,
        target_value    numeric NOT NULL,
        direction       text NOT NULL,
        weight          numeric NOT NULL,
        PRIMARY KEY (round_id, target_id)
      )`);
    await db.query(`
      CREATE TABLE unit_refs (
        id                uuid PRIMARY KEY,
        path              text NOT NULL,
        level             text NOT NULL,
        organisation_type text,
        province_code     text
      )`);
    await db.query(`CREATE INDEX unit_refs_path ON unit_refs (path text_pattern_ops)`);
    await db.query(`
      CREATE TABLE member_refs (
        id                          uuid PRIMARY KEY,
        full_name                   text NOT NULL,
        unit_id                     uuid NOT NULL,
        unit_path                   text NOT NULL,
        occupation_code             text NOT NULL,
        is_direct_production_worker boolean NOT NULL,
        holds_leadership_post       boolean NOT NULL
      )`);
    await db.query(`CREATE INDEX member_refs_unit_path ON member_refs (unit_path text_pattern_ops)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE member_refs, unit_refs, round_targets, evaluation_rounds`);
  }
}
