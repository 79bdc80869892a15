import { addMemberFactsToReadModel } from '@thidua/common';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The member read model learns gender and the days of joining and leaving the union (MemberUpserted carries them now). */
export class MemberGenderAndMembership1732500425000 implements MigrationInterface {
  name = 'MemberGenderAndMembership1732500425000';

  async up(db: QueryRunner): Promise<void> {
    await addMemberFactsToReadModel(db);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE member_refs DROP COLUMN gender, DROP COLUMN joined_union_on, DROP COLUMN left_union_on`);
  }
}
