import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { groupByKey as groupBy, oneByKey, type SubgraphContext } from '@thidua/common';
import { EvaluationRoundEntity, RoundTargetEntity, type EvaluationRoundRow, type RoundTargetRow } from '../entities';
import { rankingPages, type RankingPage, type RankingPageRequest } from './results';
import { criteriaOfSets, type CriteriaSetRow, type CriterionRow } from './sets';

export interface PublishedScoreRow {
  campaignId: string;
  campaignTitle: string;
  rank: number;
  score: number;
  publicationVersion: number;
  memberId: string | null;
  unitId: string;
}

export interface EvaluationLoaders {
  roundByCampaign: DataLoader<string, EvaluationRoundRow | null>;
  targetsByRound: DataLoader<string, RoundTargetRow[]>;
  criteriaBySet: DataLoader<string, CriterionRow[]>;
  setsByCampaign: DataLoader<string, CriteriaSetRow[]>;
  /** Published results of members' own enrolments (latest publication of each campaign). */
  publishedByMember: DataLoader<string, PublishedScoreRow[]>;
  /** Published results of units as collectives. */
  publishedByUnit: DataLoader<string, PublishedScoreRow[]>;
  /** Ranking pages of several campaigns at once (the dashboard lists ten campaigns with their top five). */
  rankingPage: DataLoader<RankingPageRequest, RankingPage, string>;
}

export type EvaluationContext = SubgraphContext<EvaluationLoaders>;

/** Lines of the latest publication of every campaign for a batch of members or units: one indexed query. */
function publishedLoader(db: DataSource, field: 'memberId' | 'unitId'): DataLoader<string, PublishedScoreRow[]> {
  return new DataLoader(async (keys) => {
    const rows = (await db.query(
      `SELECT p.campaign_id AS "campaignId", r.title AS "campaignTitle", e.rank, e.total AS score, p.version AS "publicationVersion",
              e.member_id AS "memberId", e.unit_id AS "unitId"
         FROM publication_entries e
         JOIN publications p ON p.id = e.publication_id AND p.latest
         JOIN evaluation_rounds r ON r.campaign_id = p.campaign_id
        WHERE ${field === 'memberId' ? 'e.member_id' : 'e.member_id IS NULL AND e.unit_id'} = ANY($1::uuid[])
        ORDER BY p.published_at DESC`,
      [[...keys]],
    )) as PublishedScoreRow[];
    return groupBy(keys, rows, (row) => row[field]);
  });
}

export function createLoaders(db: DataSource): EvaluationLoaders {
  return {
    roundByCampaign: new DataLoader(async (campaignIds) => {
      return oneByKey(campaignIds, await db.getRepository(EvaluationRoundEntity).findBy({ campaignId: In([...campaignIds]) }), (row) => row.campaignId);
    }),
    targetsByRound: new DataLoader(async (roundIds) => {
      const rows = await db.getRepository(RoundTargetEntity).find({ where: { roundId: In([...roundIds]) }, order: { position: 'ASC' } });
      return groupBy(roundIds, rows, (row) => row.roundId);
    }),
    criteriaBySet: new DataLoader(async (setIds) => groupBy(setIds, await criteriaOfSets(db.manager, [...setIds]), (row) => row.setId)),
    setsByCampaign: new DataLoader(async (campaignIds) => {
      const rows = (await db.query(`${SET_SELECT} WHERE campaign_id = ANY($1::uuid[]) ORDER BY variant, version`, [[...campaignIds]])) as CriteriaSetRow[];
      return groupBy(campaignIds, rows, (row) => row.campaignId);
    }),
    publishedByMember: publishedLoader(db, 'memberId'),
    publishedByUnit: publishedLoader(db, 'unitId'),
    rankingPage: new DataLoader((requests) => rankingPages(db, requests), { cacheKeyFn: (request) => JSON.stringify(request) }),
  };
}

export const SET_SELECT = `SELECT id, campaign_id AS "campaignId", variant, version, status, appeal_window_days AS "appealWindowDays",
  disagreement_threshold AS "disagreementThreshold", created_by AS "createdBy", published_at AS "publishedAt" FROM criteria_sets`;
