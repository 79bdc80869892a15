import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Discipline being considered, inspections and complaints being verified, recorded on a member or a unit: while one
 * is open, proposals for that subject are suspended (reward learns it from ProceedingsChanged).
 */
export class PendingProceedings1732500146000 implements MigrationInterface {
  name = 'PendingProceedings1732500146000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE pending_proceedings (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id  uuid REFERENCES members (id),
        unit_id    uuid NOT NULL REFERENCES union_units (id),
        unit_path  text NOT NULL,
        kind       text NOT NULL CHECK (kind IN ('DISCIPLINE','INSPECTION','COMPLAINT')),
        note       text NOT NULL,
        opened_on  date NOT NULL,
        opened_by  text NOT NULL,
        closed_on  date,
        closed_by  text,
        outcome    text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((closed_on IS NULL) = (outcome IS NULL))
      )`);
    await db.query(`CREATE INDEX pending_proceedings_subtree ON pending_proceedings (unit_path text_pattern_ops, created_at DESC, id)`);
    await db.query(`CREATE INDEX pending_proceedings_open ON pending_proceedings (coalesce(member_id, unit_id)) WHERE closed_on IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE pending_proceedings`);
  }
}
