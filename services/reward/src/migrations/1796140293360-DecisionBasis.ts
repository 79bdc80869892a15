import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 item 5: a nomination from published results keeps the publication version and score it was made from,
 * a decision the version it was based on, and a republication that changes a granted result opens a review of the
 * decision for its council (decision_reviews, at most one open per decision).
 */
export class DecisionBasis1796140293360 implements MigrationInterface {
  name = 'DecisionBasis1796140293360';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE nominations ADD COLUMN publication_version int, ADD COLUMN result_score numeric(7, 2)`);
    await db.query(`ALTER TABLE reward_decisions ADD COLUMN based_on_version int, ADD COLUMN based_on_score numeric(7, 2), ADD COLUMN based_on_rank int`);
    await db.query(`
      CREATE TABLE decision_reviews (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        decision_id        uuid NOT NULL REFERENCES reward_decisions (id),
        campaign_id        uuid NOT NULL,
        based_on_version   int NOT NULL,
        changed_in_version int NOT NULL,
        score_before       numeric(7, 2),
        score_after        numeric(7, 2),
        rank_before        int,
        rank_after         int,
        flagged_at         timestamptz NOT NULL DEFAULT now(),
        resolved_at        timestamptz,
        resolved_by        text,
        resolution         text,
        CHECK ((resolved_at IS NULL) = (resolution IS NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX decision_reviews_open ON decision_reviews (decision_id) WHERE resolved_at IS NULL`);
    await db.query(`CREATE INDEX decision_reviews_decision ON decision_reviews (decision_id, flagged_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE decision_reviews`);
    await db.query(`ALTER TABLE reward_decisions DROP COLUMN based_on_version, DROP COLUMN based_on_score, DROP COLUMN based_on_rank`);
    await db.query(`ALTER TABLE nominations DROP COLUMN publication_version, DROP COLUMN result_score`);
  }
}
