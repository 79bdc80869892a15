import { queryRows, type EventEnvelope } from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { resultChanged, resultReason as reasonOf, type ResultLine } from '../domain/republication';

type Publication = EventEnvelope<'ResultsPublished'>['payload'];
type Entry = Publication['entries'][number];

export const resultReason = (entry: Entry, published: Publication) => reasonOf({ rank: entry.rank, score: entry.total }, published.title, published.version);

function lineOf(published: Publication, subject: { memberId: string | null; unitId: string }): ResultLine | null {
  const entry = published.entries.find((e) => (subject.memberId ? e.memberId === subject.memberId : e.memberId === null && e.unitId === subject.unitId));
  return entry ? { rank: entry.rank, score: entry.total } : null;
}

/**
 * A later publication of a campaign's results: undecided nominations from an earlier one take its rank, score and
 * reason, so the council never decides on a stale score; a decision based on an earlier one whose result changed is
 * flagged for its council's review (one open review per decision, brought up to the latest version).
 */
export async function followRepublication(manager: EntityManager, published: Publication): Promise<void> {
  const undecided = await queryRows<{ id: string; memberId: string | null; unitId: string }>(manager,
    `SELECT id, member_id AS "memberId", unit_id AS "unitId" FROM nominations
      WHERE campaign_id = $1 AND source = 'RESULTS' AND status IN ('OPEN', 'IN_COUNCIL') AND publication_version < $2 FOR UPDATE`,
    [published.campaignId, published.version],
  );
  for (const nomination of undecided) {
    const line = lineOf(published, nomination);
    if (!line) continue;
    await manager.query(`UPDATE nominations SET result_rank = $2, result_score = $3, publication_version = $4, reason = $5 WHERE id = $1`, [
      nomination.id, line.rank, line.score, published.version, reasonOf(line, published.title, published.version),
    ]);
  }

  const decided = await queryRows<{ id: string; memberId: string | null; unitId: string; version: number; score: number; rank: number }>(manager,
    `SELECT id, member_id AS "memberId", unit_id AS "unitId", based_on_version AS version, based_on_score::float AS score, based_on_rank AS rank
       FROM reward_decisions WHERE campaign_id = $1 AND based_on_version < $2 AND based_on_score IS NOT NULL AND based_on_rank IS NOT NULL FOR UPDATE`,
    [published.campaignId, published.version],
  );
  for (const decision of decided) {
    const after = lineOf(published, decision);
    if (resultChanged({ rank: decision.rank, score: decision.score }, after, !published.truncated) !== true) continue;
    await manager.query(
      `INSERT INTO decision_reviews (decision_id, campaign_id, based_on_version, changed_in_version, score_before, score_after, rank_before, rank_after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (decision_id) WHERE resolved_at IS NULL DO UPDATE
         SET changed_in_version = EXCLUDED.changed_in_version, score_after = EXCLUDED.score_after, rank_after = EXCLUDED.rank_after, flagged_at = now()
         WHERE decision_reviews.changed_in_version < EXCLUDED.changed_in_version`,
      [decision.id, published.campaignId, decision.version, published.version, decision.score, after?.score ?? null, decision.rank, after?.rank ?? null],
    );
  }
}
