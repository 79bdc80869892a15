import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whose letter answered a dossier at the authority (decision 0045): for the President's forms the Board that examines
 * it, the Prime Minister or the President. Rows before it stay null and read as the decider.
 */
export class AnsweringBodies1796150330000 implements MigrationInterface {
  name = 'AnsweringBodies1796150330000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE proposal_steps ADD COLUMN answered_by text`);
    await db.query(`ALTER TABLE reward_proposals ADD COLUMN refused_by text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE reward_proposals DROP COLUMN refused_by`);
    await db.query(`ALTER TABLE proposal_steps DROP COLUMN answered_by`);
  }
}
