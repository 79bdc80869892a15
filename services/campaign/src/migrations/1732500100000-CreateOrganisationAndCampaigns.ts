import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Occupations seeded here are the starting catalogue; admins extend it later. */
const OCCUPATIONS: [string, string][] = [
  ['CN_DET_MAY', 'Công nhân dệt may'],
  ['CN_DA_GIAY', 'Công nhân da giày'],
  ['CN_CO_KHI', 'Công nhân cơ khí'],
  ['CN_DIEN_TU', 'Công nhân điện tử'],
  ['CN_CHE_BIEN_THUC_PHAM', 'Công nhân chế biến thực phẩm'],
  ['CN_XAY_DUNG', 'Công nhân xây dựng'],
  ['CN_KHAI_THAC_MO', 'Công nhân khai thác mỏ'],
  ['CN_NONG_LAM', 'Công nhân nông, lâm nghiệp'],
  ['CN_QUOC_PHONG', 'Công nhân quốc phòng'],
  ['LAI_XE_VAN_TAI', 'Lái xe, nhân viên vận tải'],
  ['KY_SU', 'Kỹ sư, kỹ thuật viên'],
  ['GIAO_VIEN', 'Giáo viên'],
  ['Y_TE', 'Bác sĩ, điều dưỡng, nhân viên y tế'],
  ['CONG_CHUC', 'Công chức hành chính'],
  ['VIEN_CHUC', 'Viên chức sự nghiệp'],
  ['NV_VAN_PHONG', 'Nhân viên văn phòng'],
  ['NV_VIEN_THONG', 'Nhân viên viễn thông, công nghệ thông tin'],
  ['CAN_BO_CONG_DOAN', 'Cán bộ công đoàn chuyên trách'],
];

export class CreateOrganisationAndCampaigns1732500100000 implements MigrationInterface {
  name = 'CreateOrganisationAndCampaigns1732500100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`
      CREATE TABLE union_units (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code              text NOT NULL UNIQUE,
        name              text NOT NULL,
        name_folded       text NOT NULL,
        level             text NOT NULL CHECK (level IN ('NATIONAL','PROVINCIAL','SECTOR','UPPER_GRASSROOTS','GRASSROOTS')),
        organisation_type text CHECK (organisation_type IN ('ADMINISTRATIVE_AGENCY','PUBLIC_SERVICE_UNIT','STATE_OWNED_ENTERPRISE','PRIVATE_ENTERPRISE','FDI_ENTERPRISE')),
        province_code     text,
        parent_id         uuid REFERENCES union_units (id),
        path              text NOT NULL UNIQUE,
        created_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX union_units_parent ON union_units (parent_id, name)`);
    await db.query(`CREATE INDEX union_units_path_prefix ON union_units (path text_pattern_ops)`);
    await db.query(`CREATE INDEX union_units_name_trgm ON union_units USING gin (name_folded gin_trgm_ops)`);

    await db.query(`CREATE TABLE occupations (code text PRIMARY KEY, name text NOT NULL)`);
    for (const [code, name] of OCCUPATIONS) {
      await db.query(`INSERT INTO occupations (code, name) VALUES ($1, $2)`, [code, name]);
    }

    await db.query(`
      CREATE TABLE members (
        id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        full_name                   text NOT NULL,
        full_name_folded            text NOT NULL,
        unit_id                     uuid NOT NULL REFERENCES union_units (id),
        unit_path                   text NOT NULL,
        occupation_code             text NOT NULL REFERENCES occupations (code),
        is_direct_production_worker boolean NOT NULL,
        holds_leadership_post       boolean NOT NULL,
        joined_union_on             date,
        created_at                  timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX members_unit_path ON members (unit_path text_pattern_ops, id)`);
    await db.query(`CREATE INDEX members_unit ON members (unit_id)`);

    await db.query(`
      CREATE TABLE campaigns (
        id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title                    text NOT NULL,
        goal                     text,
        content                  text,
        participants             text,
        organising_measures      text,
        category                 text NOT NULL CHECK (category IN ('UNION_WORK','FOR_WORKERS','FOR_WORKERS_IN_UNION_BODIES')),
        status                   text NOT NULL CHECK (status IN ('DRAFT','LAUNCHED','IN_PROGRESS','SUMMARISING','CLOSED')),
        launching_unit_id        uuid NOT NULL REFERENCES union_units (id),
        launching_unit_path      text NOT NULL,
        scope_unit_id            uuid NOT NULL REFERENCES union_units (id),
        scope_organisation_types text[] NOT NULL DEFAULT '{}',
        scope_occupation_codes   text[] NOT NULL DEFAULT '{}',
        starts_on                date,
        ends_on                  date,
        reporting_cadence        text NOT NULL,
        launched_at              timestamptz,
        created_by               text NOT NULL,
        created_at               timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX campaigns_unit_path ON campaigns (launching_unit_path text_pattern_ops, created_at DESC, id)`);
    await db.query(`CREATE INDEX campaigns_status ON campaigns (status, created_at DESC, id)`);

    await db.query(`
      CREATE TABLE campaign_targets (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id     uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        position        int NOT NULL,
        name            text NOT NULL,
        unit_of_measure text NOT NULL,
        target_value    numeric NOT NULL,
        direction       text NOT NULL CHECK (direction IN ('HIGHER_IS_BETTER','LOWER_IS_BETTER')),
        weight          numeric NOT NULL CHECK (weight > 0 AND weight <= 100),
        UNIQUE (campaign_id, position)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE campaign_targets, campaigns, members, occupations, union_units`);
  }
}
