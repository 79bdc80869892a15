import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The day of the authority's letter that returned or refused a dossier: a tờ trình answering it cites it (decision 0047). */
export class AnswerDays1796150360000 implements MigrationInterface {
  name = 'AnswerDays1796150360000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE proposal_steps ADD COLUMN answered_on date`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE proposal_steps DROP COLUMN answered_on`);
  }
}
