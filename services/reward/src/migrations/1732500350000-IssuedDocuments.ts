import { createDocumentTables } from '@thidua/common';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issued documents (signed decisions, certificates, council minutes, proposal dossiers) and the signer's name on a decision. */
export class IssuedDocuments1732500350000 implements MigrationInterface {
  name = 'IssuedDocuments1732500350000';

  async up(db: QueryRunner): Promise<void> {
    await createDocumentTables(db);
    await db.query(`ALTER TABLE reward_decisions ADD COLUMN signer_name text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE reward_decisions DROP COLUMN signer_name`);
    await db.query(`DROP TABLE issued_documents`);
  }
}
