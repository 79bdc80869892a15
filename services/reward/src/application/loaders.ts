import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { groupByKey, oneByKey, queryRows } from '@thidua/common';
import {
  COUNCIL_REVIEW_SELECT,
  NOMINATION_SELECT,
  CampaignRefEntity,
  DECISION_COLUMNS,
  DECISION_REVIEW_SELECT,
  DECISION_SELECT,
  FORM_SELECT,
  OWNER_COLUMN,
  PROPOSAL_SELECT,
  PROPOSAL_STEP_SELECT,
  REVOCATION_PROPOSAL_SELECT,
  REVOCATION_SELECT,
  type BlocUnitRow,
  type CampaignRefRow,
  type CouncilReviewRow,
  type DecisionOwner,
  type DecisionReviewRow,
  type DecisionRow,
  type NominationRow,
  type PendingCasesRow,
  type ProposalRow,
  type ProposalStepRow,
  type RevocationProposalRow,
  type RevocationRow,
  type RewardFormRow,
} from '../entities';
import { blocUnits } from './bloc-units';
import { pendingCasesOf } from './suspensions';
import { councilVotesOf, type CouncilVotes } from './votes';

export interface RewardLoaders {
  campaignRef: DataLoader<string, CampaignRefRow | null>;
  form: DataLoader<string, RewardFormRow | null>;
  reviewsByNomination: DataLoader<string, CouncilReviewRow[]>;
  decisionByNomination: DataLoader<string, DecisionRow | null>;
  votesByNomination: DataLoader<string, CouncilVotes>;
  nomination: DataLoader<string, NominationRow | null>;
  /** Open discipline, inspection and complaint cases by member id (or unit id for a collective). */
  pendingCases: DataLoader<string, PendingCasesRow | null>;
  blocUnits: DataLoader<string, BlocUnitRow[]>;
  /** The latest review of each decision (open, or the last one resolved). */
  reviewByDecision: DataLoader<string, DecisionReviewRow | null>;
  /** How a decision was annulled or revoked, null while it stands: a register page asks for twenty at once. */
  revocation: DataLoader<string, RevocationRow | null>;
  /** The proposal (đề nghị to an authority) a nomination became, and the levels each proposal passed through. */
  proposalByNomination: DataLoader<string, ProposalRow | null>;
  proposalSteps: DataLoader<string, ProposalStepRow[]>;
  /** The union's request that the authority annul its decision, by proposal id (decision 0048). */
  revocationProposal: DataLoader<string, RevocationProposalRow | null>;
  /** The first `limit + 1` decisions of each member, unit (as a collective) or campaign, newest first: one query per batch. */
  decisionsPage(owner: DecisionOwner, limit: number): DataLoader<string, DecisionRow[]>;
}

function decisionsPageLoader(db: DataSource, owner: DecisionOwner, limit: number): DataLoader<string, DecisionRow[]> {
  const column = OWNER_COLUMN[owner];
  const collectiveOnly = owner === 'unitId' ? 'AND member_id IS NULL' : '';
  return new DataLoader(async (ids) => {
    const rows = await queryRows<DecisionRow>(
      db,
      `SELECT * FROM (
         SELECT ${DECISION_COLUMNS}, row_number() OVER (PARTITION BY ${column} ORDER BY decided_on DESC, id DESC) AS position
           FROM reward_decisions WHERE ${column} = ANY($1::uuid[]) ${collectiveOnly}
       ) ranked WHERE position <= $2 ORDER BY "decidedOn" DESC, id DESC`,
      [[...ids], limit + 1],
    );
    return groupByKey(ids, rows, (row) => row[owner]);
  });
}

export function createLoaders(db: DataSource): RewardLoaders {
  const pages = new Map<string, DataLoader<string, DecisionRow[]>>();
  return {
    campaignRef: new DataLoader(async (ids) => {
      return oneByKey(ids, await db.getRepository(CampaignRefEntity).findBy({ campaignId: In([...ids]) }), (row) => row.campaignId);
    }),
    form: new DataLoader(async (codes) => oneByKey(codes, await queryRows<RewardFormRow>(db, `${FORM_SELECT} WHERE code = ANY($1::text[])`, [[...codes]]), (row) => row.code)),
    reviewsByNomination: new DataLoader(async (ids) => {
      const rows = await queryRows<CouncilReviewRow>(db, `${COUNCIL_REVIEW_SELECT} WHERE nomination_id = ANY($1::uuid[]) ORDER BY reviewed_at`, [[...ids]]);
      return groupByKey(ids, rows, (row) => row.nominationId);
    }),
    decisionByNomination: new DataLoader(async (ids) => {
      const rows = await queryRows<DecisionRow>(db, `${DECISION_SELECT} WHERE nomination_id = ANY($1::uuid[])`, [[...ids]]);
      return oneByKey(ids, rows, (row) => row.nominationId);
    }),
    votesByNomination: new DataLoader((ids) => councilVotesOf(db, ids)),
    nomination: new DataLoader(async (ids) => oneByKey(ids, await queryRows<NominationRow>(db, `${NOMINATION_SELECT} WHERE id = ANY($1::uuid[])`, [[...ids]]), (row) => row.id)),
    pendingCases: new DataLoader(async (ids) => oneByKey(ids, await pendingCasesOf(db, ids), (row) => row.subjectId)),
    blocUnits: new DataLoader(async (ids) => groupByKey(ids, await blocUnits(db, ids), (row) => row.blocId)),
    reviewByDecision: new DataLoader(async (ids) => {
      const rows = await queryRows<DecisionReviewRow>(db,
        `SELECT DISTINCT ON ("decisionId") * FROM (${DECISION_REVIEW_SELECT}) r WHERE "decisionId" = ANY($1::uuid[])
           ORDER BY "decisionId", "resolvedAt" IS NULL DESC, "flaggedAt" DESC`, [[...ids]]);
      return oneByKey(ids, rows, (row) => row.decisionId);
    }),
    revocation: new DataLoader(async (ids) =>
      oneByKey(ids, await queryRows<RevocationRow>(db, `${REVOCATION_SELECT} WHERE decision_id = ANY($1::uuid[])`, [[...ids]]), (row) => row.decisionId)),
    proposalByNomination: new DataLoader(async (ids) =>
      oneByKey(ids, await queryRows<ProposalRow>(db, `${PROPOSAL_SELECT} WHERE p.nomination_id = ANY($1::uuid[])`, [[...ids]]), (row) => row.nominationId)),
    proposalSteps: new DataLoader(async (ids) =>
      groupByKey(ids, await queryRows<ProposalStepRow>(db, `${PROPOSAL_STEP_SELECT} WHERE proposal_id = ANY($1::uuid[]) ORDER BY seq`, [[...ids]]), (row) => row.proposalId)),
    revocationProposal: new DataLoader(async (ids) =>
      oneByKey(ids, await queryRows<RevocationProposalRow>(db, `${REVOCATION_PROPOSAL_SELECT} WHERE proposal_id = ANY($1::uuid[])`, [[...ids]]), (row) => row.proposalId)),
    decisionsPage(owner, limit) {
      const key = `${owner}:${limit}`;
      let loader = pages.get(key);
      if (!loader) pages.set(key, (loader = decisionsPageLoader(db, owner, limit)));
      return loader;
    },
  };
}
