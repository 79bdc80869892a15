import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The union's request that the authority annul or revoke its decision (đề nghị hủy bỏ, thu hồi, decision 0048): one
 * per proposal, by the level that sent the dossier to the authority, with the tờ trình's ground, reason, day and signer.
 */
export class RevocationProposals1796150350000 implements MigrationInterface {
  name = 'RevocationProposals1796150350000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE revocation_proposals (
        proposal_id   uuid PRIMARY KEY REFERENCES reward_proposals (id),
        decision_id   uuid NOT NULL UNIQUE REFERENCES reward_decisions (id),
        unit_id       uuid NOT NULL,
        kind          text NOT NULL CHECK (kind IN ('ANNULLED','REVOKED')),
        legal_ground  text NOT NULL,
        reason        text NOT NULL,
        proposed_on   date NOT NULL,
        signer_role   text NOT NULL,
        signer_name   text,
        proposed_by   text NOT NULL,
        recorded_at   timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE revocation_proposals`);
  }
}
