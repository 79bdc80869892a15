import { createReadModelTables } from '@thidua/common';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Nominations (đề nghị khen thưởng) and the read models of units and members they are about. */
export class Nominations1732500310000 implements MigrationInterface {
  name = 'Nominations1732500310000';

  async up(db: QueryRunner): Promise<void> {
    await createReadModelTables(db);
    await db.query(`
      CREATE TABLE nominations (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source          text NOT NULL CHECK (source IN ('RESULTS','MEDIA_DISCOVERY','OFFICER','AD_HOC')),
        status          text NOT NULL CHECK (status IN ('OPEN','IN_COUNCIL','DECIDED','REFUSED','WITHDRAWN')),
        member_id       uuid,
        unit_id         uuid NOT NULL,
        unit_path       text NOT NULL,
        subject_name    text NOT NULL,
        is_direct_production_worker boolean,
        campaign_id     uuid,
        reason          text NOT NULL,
        source_event_id uuid UNIQUE,
        created_by      text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX nominations_scope ON nominations (unit_path text_pattern_ops, created_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE nominations, member_refs, unit_refs`);
  }
}
