import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LONG_SERVICE_MEDAL } from './seed-recognition';

/**
 * New sources of recognition: the long-service medal in the catalogue and LONG_SERVICE / BLOC nominations; proposals
 * from colleagues; emulation blocs with their covenant and ranking; yearly registrations of the titles aimed for; and
 * the read model of pending discipline, inspection and complaint cases that suspend a proposal.
 */
export class RecognitionSources1732500366000 implements MigrationInterface {
  name = 'RecognitionSources1732500366000';

  async up(db: QueryRunner): Promise<void> {
    const form = LONG_SERVICE_MEDAL;
    await db.query(
      `INSERT INTO reward_forms (code, name, kind, subjects, granting_levels, individual_multiplier, collective_multiplier, precedence, eligibility,
                                 collective_eligibility, quota, source, verified, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, $11, $12, 'migration')`,
      [form.code, form.name, form.kind, form.subjects, form.grantingLevels, form.individualMultiplier, form.collectiveMultiplier, form.precedence,
        JSON.stringify(form.eligibility), JSON.stringify(form.collectiveEligibility), form.source, form.verified],
    );
    await db.query(
      `INSERT INTO reward_form_history (form_code, version, snapshot, note, changed_by)
       SELECT code, 1, to_jsonb(f) - 'updated_at', 'Kỷ niệm chương theo Hướng dẫn 149/HD-TLĐ (issue 17)', 'migration' FROM reward_forms f WHERE code = $1`,
      [form.code],
    );
    await db.query(`ALTER TABLE nominations DROP CONSTRAINT nominations_source_check`);
    await db.query(`ALTER TABLE nominations ADD CONSTRAINT nominations_source_check CHECK (source IN ('RESULTS','MEDIA_DISCOVERY','OFFICER','AD_HOC','LONG_SERVICE','BLOC'))`);
    // one open long-service proposal per member and year
    await db.query(`CREATE UNIQUE INDEX nominations_long_service_once ON nominations (member_id, award_year) WHERE source = 'LONG_SERVICE' AND status IN ('OPEN','IN_COUNCIL')`);
    await db.query(`CREATE INDEX nominations_member ON nominations (member_id, created_at DESC) WHERE member_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE pending_proceeding_refs (
        subject_id uuid PRIMARY KEY,
        member_id  uuid,
        unit_id    uuid NOT NULL,
        kinds      text[] NOT NULL,
        since      date NOT NULL
      )`);

    await db.query(`
      CREATE TABLE colleague_proposals (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposer_member_id uuid NOT NULL,
        proposer_name      text NOT NULL,
        member_id          uuid NOT NULL,
        subject_name       text NOT NULL,
        unit_id            uuid NOT NULL,
        unit_path          text NOT NULL,
        kind               text NOT NULL CHECK (kind IN ('GOOD_DEED','INITIATIVE')),
        occurred_on        date NOT NULL,
        description        text NOT NULL,
        evidence           jsonb NOT NULL,
        status             text NOT NULL CHECK (status IN ('SUBMITTED','NOMINATED','FORWARDED_TO_MEDIA','DECLINED')),
        decline_reason     text,
        nomination_id      uuid REFERENCES nominations (id),
        handled_by         text,
        handled_at         timestamptz,
        created_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX colleague_proposals_proposer ON colleague_proposals (proposer_member_id, created_at DESC)`);
    await db.query(`CREATE INDEX colleague_proposals_scope ON colleague_proposals (unit_path text_pattern_ops, status, created_at DESC)`);

    await db.query(`
      CREATE TABLE emulation_blocs (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organiser_unit_id   uuid NOT NULL,
        organiser_unit_path text NOT NULL,
        name                text NOT NULL,
        kind                text NOT NULL CHECK (kind IN ('KHOI','CUM')),
        year                int NOT NULL,
        status              text NOT NULL CHECK (status IN ('FORMED','COVENANT_SIGNED','RANKED')),
        covenant_signed_on  date,
        covenant_commitments text[],
        flag_nomination_id  uuid REFERENCES nominations (id),
        created_by          text NOT NULL,
        created_at          timestamptz NOT NULL DEFAULT now(),
        ranked_at           timestamptz
      )`);
    await db.query(`CREATE INDEX emulation_blocs_organiser ON emulation_blocs (organiser_unit_path text_pattern_ops, year, created_at DESC)`);
    await db.query(`
      CREATE TABLE emulation_bloc_units (
        bloc_id           uuid NOT NULL REFERENCES emulation_blocs (id),
        organiser_unit_id uuid NOT NULL,
        year              int NOT NULL,
        unit_id           uuid NOT NULL,
        unit_path         text NOT NULL,
        unit_name         text NOT NULL,
        score             numeric(8,2),
        rank              int,
        PRIMARY KEY (bloc_id, unit_id),
        UNIQUE (organiser_unit_id, year, unit_id)
      )`);
    await db.query(`CREATE INDEX emulation_bloc_units_unit ON emulation_bloc_units (unit_id, year)`);

    await db.query(`
      CREATE TABLE emulation_registrations (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        year          int NOT NULL,
        member_id     uuid,
        unit_id       uuid NOT NULL,
        unit_path     text NOT NULL,
        subject_name  text NOT NULL,
        form_codes    text[] NOT NULL,
        note          text,
        registered_on date NOT NULL,
        status        text NOT NULL CHECK (status IN ('SUBMITTED','APPROVED','RETURNED')),
        review_reason text,
        reviewed_by   text,
        reviewed_at   timestamptz,
        submitted_by  text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX emulation_registrations_subject ON emulation_registrations (year, coalesce(member_id, unit_id), (member_id IS NULL))`);
    await db.query(`CREATE INDEX emulation_registrations_scope ON emulation_registrations (unit_path text_pattern_ops, year, status)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE emulation_registrations, emulation_bloc_units, emulation_blocs, colleague_proposals, pending_proceeding_refs`);
    await db.query(`DROP INDEX nominations_member`);
    await db.query(`DROP INDEX nominations_long_service_once`);
    await db.query(`ALTER TABLE nominations DROP CONSTRAINT nominations_source_check`);
    await db.query(`ALTER TABLE nominations ADD CONSTRAINT nominations_source_check CHECK (source IN ('RESULTS','MEDIA_DISCOVERY','OFFICER','AD_HOC'))`);
    await db.query(`DELETE FROM reward_form_history WHERE form_code = 'KNC_CONG_DOAN'`);
    await db.query(`DELETE FROM reward_forms WHERE code = 'KNC_CONG_DOAN'`);
  }
}
