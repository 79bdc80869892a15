import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Members record their gender (giới tính): ties in rewards prefer women and collectives with at least 70% women. */
export class MemberGender1732500145000 implements MigrationInterface {
  name = 'MemberGender1732500145000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE members ADD COLUMN gender text CHECK (gender IN ('FEMALE','MALE'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE members DROP COLUMN gender`);
  }
}
