import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An authority's decision is annulled or revoked by that authority (decision 0044): the union records its revoking
 * decision as it arrives, with the name of its signer; the union's own revocations keep only the signer's title.
 */
export class AuthorityRevocations1796150310000 implements MigrationInterface {
  name = 'AuthorityRevocations1796150310000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE decision_revocations ADD COLUMN signer_name text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE decision_revocations DROP COLUMN signer_name`);
  }
}
