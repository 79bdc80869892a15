import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each proposal (đề nghị) to a deciding authority is, from reward's RewardProposalMoved (issue 19: a dossier
 * waiting at a level longer than the regulation's days): the union unit holding it and the day it arrived there, or
 * that it is back for correction or with the authority. A proposal's moves share its partition, so they come in order.
 */
export class ProposalRefs1796140800000 implements MigrationInterface {
  name = 'ProposalRefs1796140800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE proposal_refs (
        id               uuid PRIMARY KEY,
        nomination_id    uuid NOT NULL,
        subject_name     text NOT NULL,
        form_name        text NOT NULL,
        status           text NOT NULL CHECK (status IN ('AT_LEVEL', 'RETURNED', 'WITH_AUTHORITY')),
        -- the union unit holding it; null while the authority does
        holder_unit_path text,
        -- the day (Việt Nam) it reached its holder
        since            date NOT NULL
      )`);
    await db.query(`CREATE INDEX proposal_refs_at_level ON proposal_refs (since) WHERE status = 'AT_LEVEL'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE proposal_refs`);
  }
}
