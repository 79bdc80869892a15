import { createDocumentTables } from '@thidua/common';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issued documents: movement plans, summary reports, annual reports. */
export class IssuedDocuments1732500130000 implements MigrationInterface {
  name = 'IssuedDocuments1732500130000';

  async up(db: QueryRunner): Promise<void> {
    await createDocumentTables(db);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE issued_documents`);
  }
}
