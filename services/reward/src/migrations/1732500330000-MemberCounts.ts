import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Members per unit (all, direct production workers, holders of leadership posts), kept by statement triggers on
 * the member read model, so the fairness figures of a province sum its units' counts (thousands of rows) instead
 * of counting its members (a million). A batch upsert of a hundred members changes each touched unit's row once;
 * units are changed in path order, so concurrent batches wait for each other rather than deadlock.
 */
export class MemberCounts1732500330000 implements MigrationInterface {
  name = 'MemberCounts1732500330000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE member_counts (
        unit_path text PRIMARY KEY,
        members   int NOT NULL,
        direct    int NOT NULL,
        leaders   int NOT NULL
      )`);
    await db.query(`CREATE INDEX member_counts_subtree ON member_counts (unit_path text_pattern_ops)`);
    await db.query(`
      INSERT INTO member_counts (unit_path, members, direct, leaders)
      SELECT unit_path, count(*), count(*) FILTER (WHERE is_direct_production_worker), count(*) FILTER (WHERE holds_leadership_post)
        FROM member_refs GROUP BY unit_path`);
    // one function for the three statements; a transition table that a statement does not have is left out
    for (const [operation, tables, changes] of [
      ['INSERT', 'NEW TABLE AS added', `SELECT unit_path, 1 AS n, is_direct_production_worker AS d, holds_leadership_post AS l FROM added`],
      ['UPDATE', 'OLD TABLE AS removed NEW TABLE AS added', `SELECT unit_path, 1, is_direct_production_worker, holds_leadership_post FROM added
                                                            UNION ALL SELECT unit_path, -1, is_direct_production_worker, holds_leadership_post FROM removed`],
      ['DELETE', 'OLD TABLE AS removed', `SELECT unit_path, -1, is_direct_production_worker, holds_leadership_post FROM removed`],
    ] as const) {
      const fn = `member_counts_after_${operation.toLowerCase()}`;
      await db.query(`
        CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO member_counts AS c (unit_path, members, direct, leaders)
          SELECT unit_path, sum(n), coalesce(sum(n) FILTER (WHERE d), 0), coalesce(sum(n) FILTER (WHERE l), 0)
            FROM (${changes}) AS change(unit_path, n, d, l)
           GROUP BY unit_path ORDER BY unit_path
          ON CONFLICT (unit_path) DO UPDATE SET members = c.members + EXCLUDED.members,
            direct = c.direct + EXCLUDED.direct, leaders = c.leaders + EXCLUDED.leaders;
          RETURN NULL;
        END $$`);
      await db.query(`CREATE TRIGGER ${fn} AFTER ${operation} ON member_refs REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const operation of ['insert', 'update', 'delete']) {
      await db.query(`DROP TRIGGER member_counts_after_${operation} ON member_refs`);
      await db.query(`DROP FUNCTION member_counts_after_${operation}()`);
    }
    await db.query(`DROP TABLE member_counts`);
  }
}
