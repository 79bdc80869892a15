import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes that let a province's fairness figures read indexes only (benchmark 1 at national scale: the three
 * aggregations took 40 ms of PostgreSQL per dashboard): decisions about the subtree with the columns counted,
 * decisions granted by the subtree with their amounts (this had no index at all), employer rewards by unit path
 * (none either), and the member counts with their figures.
 */
export class FairnessIndexes1732500340000 implements MigrationInterface {
  name = 'FairnessIndexes1732500340000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX reward_decisions_subject_path`);
    await db.query(`CREATE INDEX reward_decisions_subject_path ON reward_decisions (unit_path text_pattern_ops, decided_on)
                      INCLUDE (member_id, is_direct_production_worker, holds_leadership_post, ad_hoc, achieved_on)`);
    await db.query(`CREATE INDEX reward_decisions_granting_path ON reward_decisions (granting_unit_path text_pattern_ops, decided_on) INCLUDE (amount_vnd)`);
    await db.query(`CREATE INDEX employer_rewards_path ON employer_rewards (unit_path text_pattern_ops, period_start) INCLUDE (amount_vnd)`);
    await db.query(`DROP INDEX member_counts_subtree`);
    await db.query(`CREATE INDEX member_counts_subtree ON member_counts (unit_path text_pattern_ops) INCLUDE (members, direct, leaders)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX member_counts_subtree`);
    await db.query(`CREATE INDEX member_counts_subtree ON member_counts (unit_path text_pattern_ops)`);
    await db.query(`DROP INDEX employer_rewards_path`);
    await db.query(`DROP INDEX reward_decisions_granting_path`);
    await db.query(`DROP INDEX reward_decisions_subject_path`);
    await db.query(`CREATE INDEX reward_decisions_subject_path ON reward_decisions (unit_path text_pattern_ops, decided_on)`);
  }
}
