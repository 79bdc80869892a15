import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each level's tờ trình as it was sent (decision 0041): the achievement the dossier stated when that level passed it
 * up, and who signed for the level. Before, every tờ trình was printed from the proposal's current reason, so a
 * correction that changed it re-wrote what earlier levels had sent, and an upper level's signer was not recorded.
 * Steps sent before this migration keep the proposal's reason of today, the best that is known of them.
 */
export class StepMemos1796150300000 implements MigrationInterface {
  name = 'StepMemos1796150300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE proposal_steps ADD COLUMN sent_reason text, ADD COLUMN signer_role text, ADD COLUMN signer_name text`);
    await db.query(`UPDATE proposal_steps s SET sent_reason = p.reason,
        signer_role = CASE WHEN s.outcome = 'PROPOSED' THEN p.signer_role END, signer_name = CASE WHEN s.outcome = 'PROPOSED' THEN p.signer_name END
      FROM reward_proposals p WHERE p.id = s.proposal_id AND s.outcome IN ('PROPOSED','FORWARDED','SENT_TO_AUTHORITY')`);
    await db.query(`ALTER TABLE proposal_steps ADD CONSTRAINT proposal_steps_memo_check
      CHECK (outcome IS NULL OR outcome NOT IN ('PROPOSED','FORWARDED','SENT_TO_AUTHORITY') OR sent_reason IS NOT NULL)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE proposal_steps DROP CONSTRAINT proposal_steps_memo_check, DROP COLUMN sent_reason, DROP COLUMN signer_role, DROP COLUMN signer_name`);
  }
}
