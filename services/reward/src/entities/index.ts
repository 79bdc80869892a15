/**
 * Row shapes of the reward tables (see migrations/) and the column lists that read them. Reward reads and writes
 * them with plain SQL (quota counts under advisory locks, window functions, searches); only the campaign read
 * model goes through TypeORM.
 */
import { EntitySchema } from 'typeorm';
import type { HonourSubjectV1, UnitLevel } from '@thidua/common';
import type { BaseSalarySetting } from '../domain/amounts';
import type { DecidingAuthority, FormAuthority } from '../domain/authority';
import type { RewardForm } from '../domain/forms';
import type { RewardPeriod } from '../domain/periods';
import type { InitiativeReach, TaskRating } from '../domain/rules';

/** Read model of campaigns, fed by CampaignLaunched: nominations are accepted only for open campaigns. */
export interface CampaignRefRow {
  campaignId: string;
  title: string;
  launchingUnitPath: string;
  nominationsOpen: boolean;
  launchedAt: Date;
}

export const CampaignRefEntity = new EntitySchema<CampaignRefRow>({
  name: 'CampaignRef',
  tableName: 'campaign_refs',
  columns: {
    campaignId: { name: 'campaign_id', type: 'uuid', primary: true },
    title: { type: 'text' },
    launchingUnitPath: { name: 'launching_unit_path', type: 'text' },
    nominationsOpen: { name: 'nominations_open', type: 'boolean' },
    launchedAt: { name: 'launched_at', type: 'timestamptz' },
  },
});

export const entities = [CampaignRefEntity];

/** A person or collective as reward knows them from the read models (campaign's UnitUpserted / MemberUpserted). */
export interface Subject extends HonourSubjectV1 {
  holdsLeadershipPost: boolean | null;
  unitName: string;
}

/** A union unit of the read model. */
export interface UnitRef {
  id: string;
  name: string;
  path: string;
  level: UnitLevel;
}

/** A form of the catalogue (reward_forms), with its state and who decides it. */
export interface RewardFormRow extends RewardForm, FormAuthority {
  active: boolean;
  version: number;
}

export const FORM_SELECT = `SELECT code, name, kind, subjects, granting_levels AS "grantingLevels", individual_multiplier::float AS "individualMultiplier",
  collective_multiplier::float AS "collectiveMultiplier", precedence, eligibility, collective_eligibility AS "collectiveEligibility", quota, source,
  verified, active, version, deciding_authority AS "decidingAuthority", authority_source AS "authoritySource", authority_verified AS "authorityVerified" FROM reward_forms`;

/** A dated base salary (base_salaries) with the decree that sets it. */
export interface BaseSalaryRow extends BaseSalarySetting {
  source: string;
  verified: boolean;
}

export const BASE_SALARY_SELECT = `SELECT effective_from::text AS "effectiveFrom", amount_vnd::float AS "amountVnd", rounding_step_vnd AS "roundingStepVnd", source, verified
  FROM base_salaries`;

/** Which form a campaign's best published results are nominated for, and how many of them. */
export interface RewardPlan {
  campaignId: string;
  formCode: string;
  topN: number;
  minScore: number;
  /** False for the default plan of a campaign that set none. */
  explicit: boolean;
}

export const PLAN_SELECT = `SELECT campaign_id AS "campaignId", form_code AS "formCode", top_n AS "topN", min_score::float AS "minScore", true AS explicit
  FROM campaign_reward_plans`;

export type NominationSource = 'RESULTS' | 'MEDIA_DISCOVERY' | 'OFFICER' | 'AD_HOC' | 'LONG_SERVICE' | 'BLOC';
/** WITHDRAWN by its proposer, RETURNED by the council for what the dossier lacks (corrections, decision 0026); PROPOSED to the authority that decides the form (decision 0035). */
export type NominationStatus = 'OPEN' | 'IN_COUNCIL' | 'GRANTED' | 'REFUSED' | 'WITHDRAWN' | 'RETURNED' | 'PROPOSED';

export interface NominationRow {
  id: string;
  source: NominationSource;
  status: NominationStatus;
  memberId: string | null;
  unitId: string;
  unitPath: string;
  subjectName: string;
  isDirectProductionWorker: boolean | null;
  holdsLeadershipPost: boolean | null;
  occupationCode: string | null;
  provinceCode: string | null;
  campaignId: string | null;
  formCode: string | null;
  grantingUnitId: string;
  grantingUnitPath: string;
  grantingLevel: string;
  taskRating: TaskRating | null;
  achievedOn: string;
  awardYear: number;
  resultRank: number | null;
  /** For RESULTS nominations: the publication version and score they were made from (kept current while undecided). */
  publicationVersion: number | null;
  resultScore: number | null;
  reason: string;
  refusalReason: string | null;
  /** Why it was withdrawn or returned. */
  correctionReason: string | null;
  createdAt: Date;
}

export const NOMINATION_SELECT = `SELECT id, source, status, member_id AS "memberId", unit_id AS "unitId", unit_path AS "unitPath", subject_name AS "subjectName",
  is_direct_production_worker AS "isDirectProductionWorker", holds_leadership_post AS "holdsLeadershipPost", occupation_code AS "occupationCode",
  province_code AS "provinceCode", campaign_id AS "campaignId", form_code AS "formCode", granting_unit_id AS "grantingUnitId",
  granting_unit_path AS "grantingUnitPath", granting_level AS "grantingLevel", task_rating AS "taskRating", achieved_on::text AS "achievedOn",
  award_year AS "awardYear", result_rank AS "resultRank", publication_version AS "publicationVersion", result_score::float AS "resultScore", reason, refusal_reason AS "refusalReason", correction_reason AS "correctionReason", created_at AS "createdAt",
  created_at::text AS "cursorTime" FROM nominations`;

/** A council member's vote or comment on a nomination (Hội đồng thi đua khen thưởng). */
export interface CouncilReviewRow {
  nominationId: string;
  reviewerName: string | null;
  vote: 'FOR' | 'AGAINST' | 'ABSTAIN' | null;
  comment: string | null;
  reviewedAt: Date;
}

export const COUNCIL_REVIEW_SELECT = `SELECT nomination_id AS "nominationId", reviewer_name AS "reviewerName", vote, comment, reviewed_at AS "reviewedAt" FROM council_reviews`;

/** A row of the register (reward_decisions) as resolvers see it. */
export interface DecisionRow {
  id: string;
  number: string;
  nominationId: string;
  decidedOn: string;
  awardYear: number;
  achievedOn: string;
  signerRole: string;
  signerName: string | null;
  grantingUnitId: string;
  grantingUnitPath: string;
  grantingUnitName: string;
  formCode: string;
  formName: string;
  adHoc: boolean;
  memberId: string | null;
  unitId: string;
  unitPath: string;
  unitName: string;
  subjectName: string;
  isDirectProductionWorker: boolean | null;
  campaignId: string | null;
  multiplier: number | null;
  baseSalaryVnd: number;
  amountVnd: number;
  reason: string;
  daysToDecision: number;
  /** The publication of results the decision was based on (version, score, rank), for decisions from results. */
  basedOnVersion: number | null;
  basedOnScore: number | null;
  basedOnRank: number | null;
  /** Who decided: the union (its council), or the external authority whose decision was recorded when it arrived. */
  decidingAuthority: DecidingAuthority;
  authorityName: string | null;
}

export const DECISION_COLUMNS = `id, number, nomination_id AS "nominationId", decided_on::text AS "decidedOn", award_year AS "awardYear",
  achieved_on::text AS "achievedOn", signer_role AS "signerRole", signer_name AS "signerName", granting_unit_id AS "grantingUnitId", granting_unit_path AS "grantingUnitPath",
  granting_unit_name AS "grantingUnitName", form_code AS "formCode", form_name AS "formName", ad_hoc AS "adHoc", member_id AS "memberId",
  unit_id AS "unitId", unit_path AS "unitPath", unit_name AS "unitName", subject_name AS "subjectName",
  is_direct_production_worker AS "isDirectProductionWorker", campaign_id AS "campaignId", multiplier::float AS multiplier,
  base_salary_vnd::float AS "baseSalaryVnd", amount_vnd::float AS "amountVnd", reason, (decided_on - achieved_on) AS "daysToDecision",
  based_on_version AS "basedOnVersion", based_on_score::float AS "basedOnScore", based_on_rank AS "basedOnRank",
  deciding_authority AS "decidingAuthority", authority_name AS "authorityName"`;

export const DECISION_SELECT = `SELECT ${DECISION_COLUMNS} FROM reward_decisions`;

export type ProposalStatus = 'AT_LEVEL' | 'RETURNED' | 'WITH_AUTHORITY' | 'DECIDED' | 'REFUSED';

/** A council's proposal (đề nghị) to the authority that decides the form, on its way up (reward_proposals). */
export interface ProposalRow {
  id: string;
  nominationId: string;
  formCode: string;
  formName: string;
  authority: DecidingAuthority;
  authoritySource: string;
  status: ProposalStatus;
  /** The union unit holding the dossier; with the authority, the unit that sent it there and records the decision. */
  holderUnitId: string;
  holderUnitPath: string;
  holderUnitName: string;
  holderLevel: string;
  /** When returned, the unit that returned it: the corrected dossier goes back there. */
  returnedByUnitId: string | null;
  proposingUnitId: string;
  proposingUnitPath: string;
  proposingUnitName: string;
  proposedOn: string;
  signerRole: string;
  signerName: string | null;
  taskRating: string | null;
  reason: string;
  decisionId: string | null;
  /** The authority's refusal (không khen thưởng), once recorded: its day, its reason, the number of its letter if any. */
  refusedOn: string | null;
  refusalReason: string | null;
  refusalNumber: string | null;
  /** Whose letter refused it (the decider, or a body before it such as the Prime Minister for the President's forms); null before decision 0045. */
  refusedBy: string | null;
  subjectName: string;
  subjectUnitPath: string;
  achievedOn: string;
  awardYear: number;
  updatedAt: Date;
}

export const PROPOSAL_SELECT = `SELECT p.id, p.nomination_id AS "nominationId", p.form_code AS "formCode", p.form_name AS "formName", p.authority,
  p.authority_source AS "authoritySource", p.status, p.holder_unit_id AS "holderUnitId", p.holder_unit_path AS "holderUnitPath",
  p.holder_unit_name AS "holderUnitName", p.holder_level AS "holderLevel", p.returned_by_unit_id AS "returnedByUnitId", p.proposing_unit_id AS "proposingUnitId",
  p.proposing_unit_path AS "proposingUnitPath", p.proposing_unit_name AS "proposingUnitName", p.proposed_on::text AS "proposedOn", p.signer_role AS "signerRole",
  p.signer_name AS "signerName", p.task_rating AS "taskRating", p.reason, p.decision_id AS "decisionId",
  p.refused_on::text AS "refusedOn", p.refusal_reason AS "refusalReason", p.refusal_number AS "refusalNumber", p.refused_by AS "refusedBy", n.subject_name AS "subjectName",
  n.unit_path AS "subjectUnitPath", n.achieved_on::text AS "achievedOn", n.award_year AS "awardYear", p.updated_at AS "updatedAt"
  FROM reward_proposals p JOIN nominations n ON n.id = p.nomination_id`;

/** A level's hold of a proposal's dossier (proposal_steps): when it arrived, when and how it left. */
export interface ProposalStepRow {
  proposalId: string;
  seq: number;
  /** The union unit that held the dossier; null for the deciding authority itself. */
  unitId: string | null;
  unitName: string;
  /** A union level, or AUTHORITY for the deciding authority itself. */
  level: string;
  receivedAt: Date;
  leftAt: Date | null;
  outcome: string | null;
  note: string | null;
  /** For a level that sent the dossier up with its tờ trình: the achievement as the dossier stated it then, and who signed for the level. */
  sentReason: string | null;
  signerRole: string | null;
  signerName: string | null;
  /** For the authority's step that returned or refused it: whose letter that was (e.g. the Board that examined it), and its day. */
  answeredBy: string | null;
  answeredOn: string | null;
}

export const PROPOSAL_STEP_SELECT = `SELECT proposal_id AS "proposalId", seq, unit_id AS "unitId", unit_name AS "unitName", level, received_at AS "receivedAt", left_at AS "leftAt", outcome, note,
    sent_reason AS "sentReason", signer_role AS "signerRole", signer_name AS "signerName", answered_by AS "answeredBy",
    answered_on::text AS "answeredOn"
  FROM proposal_steps`;

/** A decision flagged for review because a later publication changed the result it was based on (decision_reviews). */
export interface DecisionReviewRow {
  id: string;
  decisionId: string;
  basedOnVersion: number;
  changedInVersion: number;
  scoreBefore: number | null;
  scoreAfter: number | null;
  rankBefore: number | null;
  rankAfter: number | null;
  flaggedAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolution: string | null;
}

export const DECISION_REVIEW_SELECT = `SELECT id, decision_id AS "decisionId", based_on_version AS "basedOnVersion", changed_in_version AS "changedInVersion",
  score_before::float AS "scoreBefore", score_after::float AS "scoreAfter", rank_before AS "rankBefore", rank_after AS "rankAfter", flagged_at AS "flaggedAt",
  resolved_at AS "resolvedAt", resolved_by AS "resolvedBy", resolution FROM decision_reviews`;
/** A decision annulled (hủy bỏ) or revoked (thu hồi), as the register shows it (decision_revocations). */
export interface RevocationRow {
  decisionId: string;
  kind: 'ANNULLED' | 'REVOKED';
  legalGround: string;
  legalSource: string;
  reason: string;
  revokedOn: string;
  number: string;
  amountReclaimedVnd: number;
  signerRole: string;
  /** Recorded for an authority's revoking decision, as on its paper. */
  signerName: string | null;
  recordedAt: Date;
}

export const REVOCATION_SELECT = `SELECT decision_id AS "decisionId", kind, legal_ground AS "legalGround", legal_source AS "legalSource", reason,
  revoked_on::text AS "revokedOn", number, amount_reclaimed_vnd::float AS "amountReclaimedVnd", signer_role AS "signerRole", signer_name AS "signerName",
  recorded_at AS "recordedAt" FROM decision_revocations`;

/** The union's request that the authority annul or revoke its decision (revocation_proposals, decision 0048). */
export interface RevocationProposalRow {
  proposalId: string;
  decisionId: string;
  unitId: string;
  kind: 'ANNULLED' | 'REVOKED';
  legalGround: string;
  reason: string;
  proposedOn: string;
  signerRole: string;
  signerName: string | null;
}

export const REVOCATION_PROPOSAL_SELECT = `SELECT proposal_id AS "proposalId", decision_id AS "decisionId", unit_id AS "unitId", kind, legal_ground AS "legalGround", reason,
  proposed_on::text AS "proposedOn", signer_role AS "signerRole", signer_name AS "signerName" FROM revocation_proposals`;

/** Whose decisions a page lists: a member's, a unit's as a collective, or a campaign's. */
export type DecisionOwner = 'memberId' | 'unitId' | 'campaignId';

export const OWNER_COLUMN: Record<DecisionOwner, string> = { memberId: 'member_id', unitId: 'unit_id', campaignId: 'campaign_id' };

/** A reward clause of a collective labour agreement (thoả ước lao động tập thể). */
export interface AgreementClause {
  code: string;
  period: RewardPeriod;
  criterion: string;
  amountVnd: number;
  maxRecipientsPerPeriod: number;
}

export interface AgreementRow {
  id: string;
  unitId: string;
  unitPath: string;
  employerName: string;
  signedOn: string;
  validFrom: string;
  validUntil: string;
  initiativeRateBp: number | null;
  clauses: AgreementClause[];
  registeredAt: Date;
}

export const AGREEMENT_SELECT = `SELECT id, unit_id AS "unitId", unit_path AS "unitPath", employer_name AS "employerName", signed_on::text AS "signedOn",
  valid_from::text AS "validFrom", valid_until::text AS "validUntil", initiative_rate_bp AS "initiativeRateBp", clauses, registered_at AS "registeredAt",
  registered_at::text AS "cursorTime" FROM collective_agreements`;

export interface EmployerRewardRow {
  id: string;
  clauseCode: string;
  period: RewardPeriod;
  periodStart: string;
  memberId: string;
  subjectName: string;
  amountVnd: number;
  reason: string;
  recordedAt: Date;
}

export const EMPLOYER_REWARD_SELECT = `SELECT id, clause_code AS "clauseCode", period, period_start::text AS "periodStart", member_id AS "memberId",
  subject_name AS "subjectName", amount_vnd::float AS "amountVnd", reason, recorded_at AS "recordedAt" FROM employer_rewards`;

export interface InitiativeRow {
  id: string;
  title: string;
  description: string;
  memberId: string;
  authorName: string;
  unitId: string;
  unitPath: string;
  status: 'REGISTERED' | 'RECOGNISED' | 'REJECTED';
  reach: InitiativeReach | null;
  firstYearSavingsVnd: number | null;
  firstYearEarningsVnd: number | null;
  applicationCostVnd: number | null;
  benefitValueVnd: number | null;
  calculation: string | null;
  rateBp: number | null;
  rateSource: string | null;
  rewardVnd: number | null;
  recognisedYear: number | null;
  rejectionReason: string | null;
  registeredAt: Date;
}

export const INITIATIVE_SELECT = `SELECT id, title, description, member_id AS "memberId", author_name AS "authorName", unit_id AS "unitId", unit_path AS "unitPath",
  status, reach, first_year_savings_vnd::float AS "firstYearSavingsVnd", first_year_earnings_vnd::float AS "firstYearEarningsVnd",
  application_cost_vnd::float AS "applicationCostVnd", benefit_value_vnd::float AS "benefitValueVnd", calculation, rate_bp AS "rateBp",
  rate_source AS "rateSource", reward_vnd::float AS "rewardVnd", recognised_year AS "recognisedYear", rejection_reason AS "rejectionReason",
  registered_at AS "registeredAt", registered_at::text AS "cursorTime" FROM initiatives`;
export * from './recognition';
