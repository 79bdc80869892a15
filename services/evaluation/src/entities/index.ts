/**
 * Row shapes of the evaluation tables (see migrations/) and the column lists that read them. Rounds and their
 * targets go through TypeORM; criteria, scores, reviews, publications and appeals are read and written with plain
 * SQL (advisory locks, bulk inserts from JSON, ranking pages through LATERAL joins).
 */
import { EntitySchema } from 'typeorm';
import { numericAsNumber, type LaunchedTargetV1, type OrganisationType, type PublishedEntryV1 } from '@thidua/common';
import type { CriteriaSetStatus, CriteriaVariant, CriterionDraft } from '../domain/criteria';
import type { RoundStatus } from '../domain/rounds';

export interface EvaluationRoundRow {
  id: string;
  campaignId: string;
  status: RoundStatus;
  title: string;
  launchingUnitPath: string;
  openedAt: Date;
  /** When the campaign closed (CampaignClosed); null while it runs. */
  campaignClosedAt: Date | null;
}

/** A target of the launched campaign the round measures (how it aggregates is campaign's business). */
export interface RoundTargetRow extends Omit<LaunchedTargetV1, 'aggregation'> {
  roundId: string;
  position: number;
}


export const EvaluationRoundEntity = new EntitySchema<EvaluationRoundRow>({
  name: 'EvaluationRound',
  tableName: 'evaluation_rounds',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    campaignId: { name: 'campaign_id', type: 'uuid', unique: true },
    status: { type: 'text' },
    title: { type: 'text' },
    launchingUnitPath: { name: 'launching_unit_path', type: 'text' },
    openedAt: { name: 'opened_at', type: 'timestamptz' },
    campaignClosedAt: { name: 'campaign_closed_at', type: 'timestamptz', nullable: true },
  },
});

export const RoundTargetEntity = new EntitySchema<RoundTargetRow>({
  name: 'RoundTarget',
  tableName: 'round_targets',
  columns: {
    roundId: { name: 'round_id', type: 'uuid', primary: true },
    targetId: { name: 'target_id', type: 'uuid', primary: true },
    position: { type: 'int' },
    name: { type: 'text' },
    unitOfMeasure: { name: 'unit_of_measure', type: 'text' },
    targetValue: { name: 'target_value', type: 'numeric', transformer: numericAsNumber },
    direction: { type: 'text' },
    weight: { type: 'numeric', transformer: numericAsNumber },
  },
});

/** The read models of units and members are in services/common/src/read-models.ts. */
export const entities = [EvaluationRoundEntity, RoundTargetEntity];

/** What evaluation knows of a participant (an enrolment), from its read models (fed by campaign events). */
export interface ParticipantFacts {
  enrollmentId: string;
  campaignId: string;
  unitId: string;
  unitPath: string;
  memberId: string | null;
  unitName: string | null;
  organisationType: OrganisationType | null;
  provinceCode: string | null;
  sectorUnitId: string | null;
  memberName: string | null;
  occupationCode: string | null;
  isDirectProductionWorker: boolean | null;
  holdsLeadershipPost: boolean | null;
}

/** Participants with their unit and member facts (alias `p`); a WHERE over `p` follows. */
export const PARTICIPANT_SELECT = `SELECT p.enrollment_id AS "enrollmentId", p.campaign_id AS "campaignId", p.unit_id AS "unitId", p.unit_path AS "unitPath",
  p.member_id AS "memberId", u.name AS "unitName", u.organisation_type AS "organisationType", u.province_code AS "provinceCode",
  (SELECT s.id FROM unit_refs s WHERE s.level = 'SECTOR' AND p.unit_path LIKE s.path || '%' LIMIT 1) AS "sectorUnitId",
  m.full_name AS "memberName", m.occupation_code AS "occupationCode",
  m.is_direct_production_worker AS "isDirectProductionWorker", m.holds_leadership_post AS "holdsLeadershipPost"
  FROM participants p LEFT JOIN unit_refs u ON u.id = p.unit_id LEFT JOIN member_refs m ON m.id = p.member_id`;

export interface CriteriaSetRow {
  id: string;
  campaignId: string;
  variant: CriteriaVariant;
  version: number;
  status: CriteriaSetStatus;
  appealWindowDays: number;
  disagreementThreshold: number;
  createdBy: string;
  publishedAt: Date | null;
}

export const SET_SELECT = `SELECT id, campaign_id AS "campaignId", variant, version, status, appeal_window_days AS "appealWindowDays",
  disagreement_threshold AS "disagreementThreshold", created_by AS "createdBy", published_at AS "publishedAt" FROM criteria_sets`;

export interface CriterionRow extends CriterionDraft {
  id: string;
  setId: string;
  position: number;
}

export const CRITERION_SELECT = `SELECT id, set_id AS "setId", position, name, method, weight::float AS weight, unit_of_measure AS "unitOfMeasure",
  target_value::float AS "targetValue", direction, target_id AS "targetId", thresholds, rubric_levels AS "rubricLevels" FROM criteria`;

/** Evidence submitted for a rubric criterion, with its review state. */
export interface SubmissionRow {
  id: string;
  enrollmentId: string;
  criterionId: string;
  text: string;
  evidence: { url: string; fileName?: string | null; mimeType?: string | null; sizeBytes?: number | null }[];
  status: 'IN_REVIEW' | 'NEEDS_THIRD_REVIEW' | 'SCORED';
  finalScore: number | null;
  reviewCount: number;
}

export const SUBMISSION_COLUMNS = `s.id, s.enrollment_id AS "enrollmentId", s.criterion_id AS "criterionId", s.text, s.evidence, s.status,
  s.final_score::float AS "finalScore", (SELECT count(*)::int FROM reviews r WHERE r.submission_id = s.id) AS "reviewCount"`;

export const SUBMISSION_SELECT = `SELECT ${SUBMISSION_COLUMNS} FROM submissions s`;

/** Why a version was published: organisers published the results, or an accepted appeal republished them. */
export type PublicationCause = 'RESULTS' | 'APPEAL';

/** A publication's header; its lines are rows of publication_entries. */
export interface Publication {
  id: string;
  campaignId: string;
  version: number;
  publishedAt: Date;
  appealDeadline: Date;
}

/** One version in the public history of a campaign's results, with how many lines it published. */
export interface PublicationSummary extends Omit<Publication, 'id'> {
  cause: PublicationCause;
  entries: number;
}

/** The history of the campaigns in `$1` (uuid[]), newest version first. */
export const PUBLICATION_HISTORY_SELECT = `SELECT p.campaign_id AS "campaignId", p.version, p.published_at AS "publishedAt", p.appeal_deadline AS "appealDeadline",
    p.cause, (SELECT count(*)::int FROM publication_entries e WHERE e.publication_id = p.id) AS entries
  FROM publications p WHERE p.campaign_id = ANY($1::uuid[]) ORDER BY p.campaign_id, p.version DESC`;

/** A publication's header columns, as `Publication` names them (alias `p`). */
export const PUBLICATION_HEADER = `p.id, p.campaign_id AS "campaignId", p.version, p.published_at AS "publishedAt", p.appeal_deadline AS "appealDeadline"`;

/** A line of a publication: public fields plus what group rankings filter on. */
export interface PublishedEntry extends PublishedEntryV1 {
  unitName: string;
  provinceCode: string | null;
  sectorUnitId: string | null;
  organisationType: string | null;
  occupationCode: string | null;
  criteriaFullyMet: number;
  breakdown: { criterion: string; weight: number; points: number }[];
}

/** Group rankings a publication answers directly: the entry field that keys the group, and its columns. */
export const GROUPS = {
  PROVINCE: { field: 'provinceCode', key: 'province_code', keyType: 'text', position: 'province_position', rank: 'province_rank' },
  SECTOR: { field: 'sectorUnitId', key: 'sector_unit_id', keyType: 'uuid', position: 'sector_position', rank: 'sector_rank' },
  ORGANISATION_TYPE: { field: 'organisationType', key: 'organisation_type', keyType: 'text', position: 'organisation_type_position', rank: 'organisation_type_rank' },
  OCCUPATION: { field: 'occupationCode', key: 'occupation_code', keyType: 'text', position: 'occupation_position', rank: 'occupation_rank' },
} as const satisfies Record<string, { field: keyof PublishedEntry; key: string; keyType: 'text' | 'uuid'; position: string; rank: string }>;

export type RankingDimension = 'CAMPAIGN' | keyof typeof GROUPS;

/** A line of a ranking page, as the public sees it (with its position, for the cursor). */
export interface RankingLine {
  position: number;
  rank: number;
  name: string;
  unitName: string;
  score: number;
  breakdown: unknown;
}

/** A member's or unit's line in the latest publication of a campaign (Member.scores, UnionUnit.scores). */
export interface PublishedScoreRow {
  campaignId: string;
  campaignTitle: string;
  rank: number;
  score: number;
  publicationVersion: number;
  memberId: string | null;
  unitId: string;
}

export interface AppealRow {
  id: string;
  campaignId: string;
  enrollmentId: string;
  reason: string;
  status: 'OPEN' | 'ACCEPTED' | 'REJECTED';
  filedAt: Date;
  resolution: string | null;
  resolvedAt: Date | null;
}

/** Per campaign of `$1` (uuid[]): the latest publication's appeal deadline and the appeals still open (AppealState). */
export const APPEAL_STATE_SELECT = `SELECT c.id AS "campaignId",
    (SELECT p.appeal_deadline FROM publications p WHERE p.campaign_id = c.id AND p.latest) AS "appealDeadline",
    (SELECT count(*)::int FROM appeals a WHERE a.campaign_id = c.id AND a.status = 'OPEN') AS "openAppeals"
  FROM unnest($1::uuid[]) AS c(id)`;

export const APPEAL_SELECT = `SELECT id, campaign_id AS "campaignId", enrollment_id AS "enrollmentId", reason, status, filed_at AS "filedAt",
  resolution, resolved_at AS "resolvedAt" FROM appeals`;
