import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why each version of a campaign's results was published, for the public history of a publication: organisers
 * published (RESULTS) or an accepted appeal republished (APPEAL). Earlier rows say it in their reason.
 */
export class PublicationCause1732500240000 implements MigrationInterface {
  name = 'PublicationCause1732500240000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE publications ADD COLUMN cause text NOT NULL DEFAULT 'RESULTS' CHECK (cause IN ('RESULTS','APPEAL'))`);
    await db.query(`UPDATE publications SET cause = 'APPEAL' WHERE reason LIKE 'appeal %'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE publications DROP COLUMN cause`);
  }
}
