import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The level whose council proposed each proposal (RewardProposalMoved.proposingUnitPath): a level above it that has a
 * dossier back is reminded it may also pass it down (decision 0041). Null for proposals whose moves came before the
 * field; they are reminded only to correct and resend, as before.
 */
export class ProposingUnit1796141000000 implements MigrationInterface {
  name = 'ProposingUnit1796141000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE proposal_refs ADD COLUMN proposing_unit_path text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE proposal_refs DROP COLUMN proposing_unit_path`);
  }
}
