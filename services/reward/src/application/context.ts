import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { groupByKey, oneByKey, type SubgraphContext } from '@thidua/common';
import { CampaignRefEntity, type CampaignRefRow } from '../entities';
import { DECISION_SELECT, type DecisionRow } from './decision-rows';
import { FORM_SELECT, type RewardFormRow } from './catalogue';
import { councilVotesOf, type CouncilVotes } from './nominations';

export interface CouncilReviewRow {
  nominationId: string;
  reviewerName: string | null;
  vote: 'FOR' | 'AGAINST' | 'ABSTAIN' | null;
  comment: string | null;
  reviewedAt: Date;
}

export type DecisionOwner = 'memberId' | 'unitId' | 'campaignId';

export interface RewardLoaders {
  campaignRef: DataLoader<string, CampaignRefRow | null>;
  form: DataLoader<string, RewardFormRow | null>;
  reviewsByNomination: DataLoader<string, CouncilReviewRow[]>;
  decisionByNomination: DataLoader<string, DecisionRow | null>;
  votesByNomination: DataLoader<string, CouncilVotes>;
  /** The first `limit + 1` decisions of each member, unit (as a collective) or campaign, newest first: one query per batch. */
  decisionsPage(owner: DecisionOwner, limit: number): DataLoader<string, DecisionRow[]>;
}

export type RewardContext = SubgraphContext<RewardLoaders>;

export const OWNER_COLUMN: Record<DecisionOwner, string> = { memberId: 'member_id', unitId: 'unit_id', campaignId: 'campaign_id' };

function decisionsPageLoader(db: DataSource, owner: DecisionOwner, limit: number): DataLoader<string, DecisionRow[]> {
  const column = OWNER_COLUMN[owner];
  const collectiveOnly = owner === 'unitId' ? 'AND member_id IS NULL' : '';
  return new DataLoader(async (ids) => {
    const rows = (await db.query(
      `SELECT * FROM (
         ${DECISION_SELECT}, row_number() OVER (PARTITION BY ${column} ORDER BY decided_on DESC, id DESC) AS position
           FROM reward_decisions WHERE ${column} = ANY($1::uuid[]) ${collectiveOnly}
       ) ranked WHERE position <= $2 ORDER BY "decidedOn" DESC, id DESC`,
      [[...ids], limit + 1],
    )) as DecisionRow[];
    return groupByKey(ids, rows, (row) => row[owner]);
  });
}

export function createLoaders(db: DataSource): RewardLoaders {
  const pages = new Map<string, DataLoader<string, DecisionRow[]>>();
  return {
    campaignRef: new DataLoader(async (ids) => {
      return oneByKey(ids, await db.getRepository(CampaignRefEntity).findBy({ campaignId: In([...ids]) }), (row) => row.campaignId);
    }),
    form: new DataLoader(async (codes) => {
      return oneByKey(codes, (await db.query(`${FORM_SELECT} WHERE code = ANY($1::text[])`, [[...codes]])) as RewardFormRow[], (row) => row.code);
    }),
    reviewsByNomination: new DataLoader(async (ids) => {
      const rows = (await db.query(
        `SELECT nomination_id AS "nominationId", reviewer_name AS "reviewerName", vote, comment, reviewed_at AS "reviewedAt"
           FROM council_reviews WHERE nomination_id = ANY($1::uuid[]) ORDER BY reviewed_at`,
        [[...ids]],
      )) as CouncilReviewRow[];
      return groupByKey(ids, rows, (row) => row.nominationId);
    }),
    decisionByNomination: new DataLoader(async (ids) => {
      const rows = (await db.query(`${DECISION_SELECT} FROM reward_decisions WHERE nomination_id = ANY($1::uuid[])`, [[...ids]])) as DecisionRow[];
      return oneByKey(ids, rows, (row) => row.nominationId);
    }),
    votesByNomination: new DataLoader((ids) => councilVotesOf(db.manager, ids)),
    decisionsPage(owner, limit) {
      const key = `${owner}:${limit}`;
      let loader = pages.get(key);
      if (!loader) pages.set(key, (loader = decisionsPageLoader(db, owner, limit)));
      return loader;
    },
  };
}
