import { queryRows, type Queryable } from '@thidua/common';
import { preferredAtTie, type TieFacts } from '../domain/ties';

/** A subject as a ranking names it: a member (with the unit it belongs to), or a collective by its unit's path. */
export interface RankedSubject {
  memberId: string | null;
  unitPath: string;
}

/**
 * Which of the subjects are preferred at a tie (a woman; a collective of at least 70% women among its current members,
 * counted over its whole subtree; a member without recorded gender counts as not a woman): one query for them all; the
 * key is the member id, or the unit path of a collective.
 */
export async function preferredSubjects(db: Queryable, subjects: readonly RankedSubject[]): Promise<Set<string>> {
  const memberIds = subjects.flatMap((s) => (s.memberId ? [s.memberId] : []));
  const unitPaths = subjects.flatMap((s) => (s.memberId ? [] : [s.unitPath]));
  const facts = await queryRows<TieFacts & { key: string }>(db,
    `SELECT id::text AS key, id::text AS "memberId", gender, 0 AS women, 0 AS members FROM member_refs WHERE id = ANY($1::uuid[])
     UNION ALL
     SELECT p.path, NULL, NULL, (count(m.id) FILTER (WHERE m.gender = 'FEMALE'))::int, count(m.id)::int
       FROM unnest($2::text[]) AS p(path)
       -- a subtree as a range of paths (every path ends in "/"), which member_refs_long_service serves; those who left do not count
       LEFT JOIN member_refs m ON m.left_union_on IS NULL AND m.unit_path ~>=~ p.path AND m.unit_path ~<~ (p.path || '~')
      GROUP BY p.path`,
    [memberIds, unitPaths]);
  return new Set(facts.filter((f) => preferredAtTie(f)).map((f) => f.key));
}

export const tieKey = (subject: RankedSubject): string => subject.memberId ?? subject.unitPath;
