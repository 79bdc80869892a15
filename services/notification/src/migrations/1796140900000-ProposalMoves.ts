import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each proposal's kept move happened (its event's occurredAt): a dead letter replayed after newer moves is then
 * ignored. Dossiers back at a level for correction are chased too, so the partial index covers both.
 */
export class ProposalMoves1796140900000 implements MigrationInterface {
  name = 'ProposalMoves1796140900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE proposal_refs ADD COLUMN moved_at timestamptz NOT NULL DEFAULT '-infinity'`);
    await db.query(`ALTER TABLE proposal_refs ALTER COLUMN moved_at DROP DEFAULT`);
    await db.query(`DROP INDEX proposal_refs_at_level`);
    await db.query(`CREATE INDEX proposal_refs_held ON proposal_refs (since) WHERE status IN ('AT_LEVEL', 'RETURNED')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX proposal_refs_held`);
    await db.query(`CREATE INDEX proposal_refs_at_level ON proposal_refs (since) WHERE status = 'AT_LEVEL'`);
    await db.query(`ALTER TABLE proposal_refs DROP COLUMN moved_at`);
  }
}
