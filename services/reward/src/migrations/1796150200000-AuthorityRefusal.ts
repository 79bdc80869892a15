import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The authority may refuse what the union proposed (issue 17): the proposal then ends REFUSED with the authority's
 * answer (its reason, its day, the number of its letter when it has one), its last step REFUSED, and the nomination
 * refused with the same reason.
 */
export class AuthorityRefusal1796150200000 implements MigrationInterface {
  name = 'AuthorityRefusal1796150200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE reward_proposals DROP CONSTRAINT reward_proposals_status_check,
      ADD CONSTRAINT reward_proposals_status_check CHECK (status IN ('AT_LEVEL','RETURNED','WITH_AUTHORITY','DECIDED','REFUSED')),
      ADD COLUMN refusal_number text, ADD COLUMN refused_on date, ADD COLUMN refusal_reason text,
      ADD CONSTRAINT reward_proposals_refusal_check CHECK ((status = 'REFUSED') = (refused_on IS NOT NULL AND refusal_reason IS NOT NULL))`);
    await db.query(`ALTER TABLE proposal_steps DROP CONSTRAINT proposal_steps_outcome_check,
      ADD CONSTRAINT proposal_steps_outcome_check CHECK (outcome IN ('PROPOSED','FORWARDED','RETURNED','RESENT','SENT_TO_AUTHORITY','DECIDED','REFUSED'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE proposal_steps DROP CONSTRAINT proposal_steps_outcome_check,
      ADD CONSTRAINT proposal_steps_outcome_check CHECK (outcome IN ('PROPOSED','FORWARDED','RETURNED','RESENT','SENT_TO_AUTHORITY','DECIDED'))`);
    await db.query(`ALTER TABLE reward_proposals DROP CONSTRAINT reward_proposals_refusal_check, DROP CONSTRAINT reward_proposals_status_check,
      DROP COLUMN refusal_number, DROP COLUMN refused_on, DROP COLUMN refusal_reason,
      ADD CONSTRAINT reward_proposals_status_check CHECK (status IN ('AT_LEVEL','RETURNED','WITH_AUTHORITY','DECIDED'))`);
  }
}
