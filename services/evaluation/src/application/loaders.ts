import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { groupByKey, oneByKey, queryRows } from '@thidua/common';
import type { AppealState } from '../domain/rounds';
import {
  APPEAL_STATE_SELECT,
  EvaluationRoundEntity,
  PUBLICATION_HISTORY_SELECT,
  RoundTargetEntity,
  SET_SELECT,
  type CriteriaSetRow,
  type CriterionRow,
  type EvaluationRoundRow,
  type PublicationSummary,
  type PublishedScoreRow,
  type RoundTargetRow,
} from '../entities';
import { criteriaOfSets } from './criteria';
import { rankingPages, type RankingPage, type RankingPageRequest } from './ranking-pages';

export interface EvaluationLoaders {
  roundByCampaign: DataLoader<string, EvaluationRoundRow | null>;
  /** What keeps a closed campaign's round CLOSING: the latest appeal window and the open appeals. */
  appealState: DataLoader<string, AppealState>;
  targetsByRound: DataLoader<string, RoundTargetRow[]>;
  criteriaBySet: DataLoader<string, CriterionRow[]>;
  setsByCampaign: DataLoader<string, CriteriaSetRow[]>;
  /** Published results of members' own enrolments (latest publication of each campaign). */
  publishedByMember: DataLoader<string, PublishedScoreRow[]>;
  /** Published results of units as collectives. */
  publishedByUnit: DataLoader<string, PublishedScoreRow[]>;
  /** Every version of each campaign's published results, newest first (public). */
  publications: DataLoader<string, PublicationSummary[]>;
  /** Ranking pages of several campaigns at once (the dashboard lists ten campaigns with their top five). */
  rankingPage: DataLoader<RankingPageRequest, RankingPage, string>;
}

/** Lines of the latest publication of every campaign for a batch of members or units: one indexed query. */
function publishedLoader(db: DataSource, field: 'memberId' | 'unitId'): DataLoader<string, PublishedScoreRow[]> {
  return new DataLoader(async (keys) => {
    const rows = await queryRows<PublishedScoreRow>(
      db,
      `SELECT p.campaign_id AS "campaignId", r.title AS "campaignTitle", e.rank, e.total AS score, p.version AS "publicationVersion",
              e.member_id AS "memberId", e.unit_id AS "unitId"
         FROM publication_entries e
         JOIN publications p ON p.id = e.publication_id AND p.latest
         JOIN evaluation_rounds r ON r.campaign_id = p.campaign_id
        WHERE ${field === 'memberId' ? 'e.member_id' : 'e.member_id IS NULL AND e.unit_id'} = ANY($1::uuid[])
        ORDER BY p.published_at DESC`,
      [[...keys]],
    );
    return groupByKey(keys, rows, (row) => row[field]);
  });
}

export function createLoaders(db: DataSource): EvaluationLoaders {
  return {
    roundByCampaign: new DataLoader(async (campaignIds) => {
      return oneByKey(campaignIds, await db.getRepository(EvaluationRoundEntity).findBy({ campaignId: In([...campaignIds]) }), (row) => row.campaignId);
    }),
    appealState: new DataLoader(async (campaignIds) => {
      const rows = await queryRows<AppealState & { campaignId: string }>(db, APPEAL_STATE_SELECT, [[...campaignIds]]);
      return campaignIds.map((id) => rows.find((row) => row.campaignId === id)!);
    }),
    targetsByRound: new DataLoader(async (roundIds) => {
      const rows = await db.getRepository(RoundTargetEntity).find({ where: { roundId: In([...roundIds]) }, order: { position: 'ASC' } });
      return groupByKey(roundIds, rows, (row) => row.roundId);
    }),
    criteriaBySet: new DataLoader(async (setIds) => groupByKey(setIds, await criteriaOfSets(db, [...setIds]), (row) => row.setId)),
    setsByCampaign: new DataLoader(async (campaignIds) => {
      const rows = await queryRows<CriteriaSetRow>(db, `${SET_SELECT} WHERE campaign_id = ANY($1::uuid[]) ORDER BY variant, version`, [[...campaignIds]]);
      return groupByKey(campaignIds, rows, (row) => row.campaignId);
    }),
    publishedByMember: publishedLoader(db, 'memberId'),
    publishedByUnit: publishedLoader(db, 'unitId'),
    publications: new DataLoader(async (campaignIds) => {
      const rows = await queryRows<PublicationSummary>(db, PUBLICATION_HISTORY_SELECT, [[...campaignIds]]);
      return groupByKey(campaignIds, rows, (row) => row.campaignId);
    }),
    rankingPage: new DataLoader((requests) => rankingPages(db, requests), { cacheKeyFn: (request) => JSON.stringify(request) }),
  };
}
