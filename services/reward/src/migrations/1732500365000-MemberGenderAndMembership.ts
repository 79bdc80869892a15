import { addMemberFactsToReadModel } from '@thidua/common';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const OPERATIONS = [
  ['INSERT', 'added', null],
  ['UPDATE', 'added', 'removed'],
  ['DELETE', null, 'removed'],
] as const;

/** The statement-level trigger function of 1732500330000, counting women as well when `women` is set. */
function countsFunction(operation: (typeof OPERATIONS)[number], women: boolean): string {
  const [name, added, removed] = operation;
  const select = (table: string, sign: number) =>
    `SELECT unit_path, ${sign}, is_direct_production_worker, holds_leadership_post${women ? `, gender = 'FEMALE'` : ''} FROM ${table}`;
  const changes = [added ? select(added, 1) : null, removed ? select(removed, -1) : null].filter(Boolean).join(' UNION ALL ');
  return `
    CREATE OR REPLACE FUNCTION member_counts_after_${name.toLowerCase()}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO member_counts AS c (unit_path, members, direct, leaders${women ? ', women' : ''})
      SELECT unit_path, sum(n), coalesce(sum(n) FILTER (WHERE d), 0), coalesce(sum(n) FILTER (WHERE l), 0)${women ? ', coalesce(sum(n) FILTER (WHERE w), 0)' : ''}
        FROM (${changes}) AS change(unit_path, n, d, l${women ? ', w' : ''})
       GROUP BY unit_path ORDER BY unit_path
      ON CONFLICT (unit_path) DO UPDATE SET members = c.members + EXCLUDED.members,
        direct = c.direct + EXCLUDED.direct, leaders = c.leaders + EXCLUDED.leaders${women ? ', women = c.women + EXCLUDED.women' : ''};
      RETURN NULL;
    END $$`;
}

/**
 * The member read model learns gender and the days of joining and leaving the union (MemberUpserted carries them
 * now), and the member counts per unit count women too: ties prefer collectives with at least 70% women, and a
 * province's share sums its units' counts instead of counting its members.
 */
export class MemberGenderAndMembership1732500365000 implements MigrationInterface {
  name = 'MemberGenderAndMembership1732500365000';

  async up(db: QueryRunner): Promise<void> {
    await addMemberFactsToReadModel(db);
    await db.query(`ALTER TABLE member_counts ADD COLUMN women int NOT NULL DEFAULT 0`);
    for (const operation of OPERATIONS) await db.query(countsFunction(operation, true));
    await db.query(`CREATE INDEX member_refs_long_service ON member_refs (unit_path text_pattern_ops, joined_union_on) WHERE left_union_on IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX member_refs_long_service`);
    for (const operation of OPERATIONS) await db.query(countsFunction(operation, false));
    await db.query(`ALTER TABLE member_counts DROP COLUMN women`);
    await db.query(`ALTER TABLE member_refs DROP COLUMN gender, DROP COLUMN joined_union_on, DROP COLUMN left_union_on`);
  }
}
