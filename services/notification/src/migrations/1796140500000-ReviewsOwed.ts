import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reviews owed (issue 19: a review assigned and not done): each reviewer's assignment from evaluation's
 * ReviewAssignmentChanged, kept from the moment it was assigned until the reviewer scores it or the reviews decide it.
 */
export class ReviewsOwed1796140500000 implements MigrationInterface {
  name = 'ReviewsOwed1796140500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE reviews_owed (
        submission_id    uuid NOT NULL,
        reviewer_subject text NOT NULL,
        campaign_id      uuid NOT NULL,
        campaign_title   text NOT NULL,
        criterion_name   text NOT NULL,
        since            timestamptz NOT NULL,
        PRIMARY KEY (submission_id, reviewer_subject)
      )`);
    await db.query(`CREATE INDEX reviews_owed_since ON reviews_owed (since)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE reviews_owed`);
  }
}
