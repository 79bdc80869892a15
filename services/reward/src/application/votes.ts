import { queryRows, type Queryable } from '@thidua/common';

/** A council's count on a nomination: each council member's latest vote counts. */
export interface CouncilVotes {
  votesFor: number;
  votesAgainst: number;
}

/** The council's count for each nomination, in one query (nominations without a vote count 0 for, 0 against). */
export async function councilVotesOf(db: Queryable, nominationIds: readonly string[]): Promise<CouncilVotes[]> {
  const rows = await queryRows<CouncilVotes & { nominationId: string }>(
    db,
    `SELECT nomination_id AS "nominationId", count(*) FILTER (WHERE vote = 'FOR')::int AS "votesFor", count(*) FILTER (WHERE vote = 'AGAINST')::int AS "votesAgainst"
       FROM (SELECT DISTINCT ON (nomination_id, reviewer) nomination_id, vote FROM council_reviews
              WHERE nomination_id = ANY($1::uuid[]) AND vote IS NOT NULL ORDER BY nomination_id, reviewer, reviewed_at DESC) latest
      GROUP BY nomination_id`,
    [[...nominationIds]],
  );
  const byId = new Map(rows.map((row) => [row.nominationId, row]));
  return nominationIds.map((id) => ({ votesFor: byId.get(id)?.votesFor ?? 0, votesAgainst: byId.get(id)?.votesAgainst ?? 0 }));
}

export async function councilVotes(db: Queryable, nominationId: string): Promise<CouncilVotes> {
  return (await councilVotesOf(db, [nominationId]))[0]!;
}
