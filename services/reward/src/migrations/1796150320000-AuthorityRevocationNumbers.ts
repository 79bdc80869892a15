import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An authority's revoking decision carries the authority's own number, and one of its decisions may annul the rewards
 * of many (decision 0044): its number is not one of the union's register, so it is not unique there, as the
 * authority's decisions are not (migration 1796149909107).
 */
export class AuthorityRevocationNumbers1796150320000 implements MigrationInterface {
  name = 'AuthorityRevocationNumbers1796150320000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE decision_revocations ADD COLUMN by_authority boolean NOT NULL DEFAULT false`);
    await db.query(`UPDATE decision_revocations r SET by_authority = true FROM reward_decisions d WHERE d.id = r.decision_id AND d.deciding_authority <> 'UNION'`);
    await db.query(`DROP INDEX decision_revocations_number`);
    await db.query(`CREATE UNIQUE INDEX decision_revocations_number ON decision_revocations (granting_unit_id, (extract(year FROM revoked_on)), number) WHERE NOT by_authority`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX decision_revocations_number`);
    await db.query(`ALTER TABLE decision_revocations DROP COLUMN by_authority`);
    await db.query(`CREATE UNIQUE INDEX decision_revocations_number ON decision_revocations (granting_unit_id, (extract(year FROM revoked_on)), number)`);
  }
}
