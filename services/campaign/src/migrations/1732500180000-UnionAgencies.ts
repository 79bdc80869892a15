import type { MigrationInterface, QueryRunner } from 'typeorm';

const KNOWN = `'ADMINISTRATIVE_AGENCY','PUBLIC_SERVICE_UNIT','STATE_OWNED_ENTERPRISE','PRIVATE_ENTERPRISE','FDI_ENTERPRISE'`;

/**
 * A grassroots union can sit in the union's own agency (cơ quan công đoàn: a federation's office). Its members'
 * employer is then the union unit above it, whose council decides their yearly titles (decision 0042).
 */
export class UnionAgencies1732500180000 implements MigrationInterface {
  name = 'UnionAgencies1732500180000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE union_units DROP CONSTRAINT union_units_organisation_type_check`);
    await db.query(`ALTER TABLE union_units ADD CONSTRAINT union_units_organisation_type_check CHECK (organisation_type IN (${KNOWN},'UNION_AGENCY'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE union_units SET organisation_type = NULL WHERE organisation_type = 'UNION_AGENCY'`);
    await db.query(`ALTER TABLE union_units DROP CONSTRAINT union_units_organisation_type_check`);
    await db.query(`ALTER TABLE union_units ADD CONSTRAINT union_units_organisation_type_check CHECK (organisation_type IN (${KNOWN}))`);
  }
}
