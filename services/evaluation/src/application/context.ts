import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { groupByKey as groupBy, oneByKey, type SubgraphContext } from '@thidua/common';
import { EvaluationRoundEntity, RoundTargetEntity, type EvaluationRoundRow, type RoundTargetRow } from '../entities';
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
}

export type EvaluationContext = SubgraphContext<EvaluationLoaders>;

/** Entries of the latest publication of every campaign, filtered in SQL: one query per batch of keys. */
function publishedLoader(db: DataSource, field: 'memberId' | 'unitId'): DataLoader<string, PublishedScoreRow[]> {
  return new DataLoader(async (keys) => {
    const rows = (await db.query(
      `SELECT p.campaign_id AS "campaignId", r.title AS "campaignTitle", (e->>'rank')::int AS rank, (e->>'total')::float AS score,
              p.version AS "publicationVersion", e->>'memberId' AS "memberId", e->>'unitId' AS "unitId"
         FROM publications p
         JOIN evaluation_rounds r ON r.campaign_id = p.campaign_id
         CROSS JOIN LATERAL jsonb_array_elements(p.entries) e
        WHERE p.version = (SELECT max(version) FROM publications q WHERE q.campaign_id = p.campaign_id)
          AND e->>'${field}' = ANY($1::text[])
          ${field === 'unitId' ? `AND e->>'memberId' IS NULL` : ''}
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
  };
}

export const SET_SELECT = `SELECT id, campaign_id AS "campaignId", variant, version, status, appeal_window_days AS "appealWindowDays",
  disagreement_threshold AS "disagreementThreshold", created_by AS "createdBy", published_at AS "publishedAt" FROM criteria_sets`;
