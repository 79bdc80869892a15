import type { ServiceName } from '../config';

/**
 * The event envelope and the payload of every event type. The JSON Schemas in `schemas/events/` are the
 * contract on the wire; these types mirror them for producers and consumers in TypeScript.
 */
export interface EventEnvelope<TType extends EventType = EventType> {
  id: string;
  type: TType;
  version: number;
  occurredAt: string;
  producer: ServiceName;
  aggregateId: string;
  unitPath: string | null;
  correlationId: string;
  causationId: string | null;
  payload: EventPayloads[TType];
}

export type UnitLevel = 'NATIONAL' | 'PROVINCIAL' | 'SECTOR' | 'UPPER_GRASSROOTS' | 'GRASSROOTS';
export type OrganisationType =
  | 'ADMINISTRATIVE_AGENCY' // cơ quan hành chính
  | 'PUBLIC_SERVICE_UNIT' // đơn vị sự nghiệp
  | 'STATE_OWNED_ENTERPRISE' // doanh nghiệp Nhà nước
  | 'PRIVATE_ENTERPRISE' // doanh nghiệp tư nhân
  | 'FDI_ENTERPRISE'; // doanh nghiệp FDI
export type CampaignCategory = 'UNION_WORK' | 'FOR_WORKERS' | 'FOR_WORKERS_IN_UNION_BODIES';
export type TargetDirection = 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
export type TargetAggregation = 'SUM' | 'LATEST';
export type CampaignStatus = 'DRAFT' | 'LAUNCHED' | 'IN_PROGRESS' | 'SUMMARISING' | 'CLOSED';

export interface UnitUpsertedV1 {
  unitId: string;
  code: string;
  name: string;
  level: UnitLevel;
  organisationType: OrganisationType | null;
  provinceCode: string | null;
  path: string;
  parentId: string | null;
}

export interface MemberUpsertedV1 {
  memberId: string;
  fullName: string;
  unitId: string;
  unitPath: string;
  occupationCode: string;
  isDirectProductionWorker: boolean;
  holdsLeadershipPost: boolean;
  leftUnionOn: string | null;
}

export interface LaunchedTargetV1 {
  targetId: string;
  name: string;
  unitOfMeasure: string;
  targetValue: number;
  direction: TargetDirection;
  aggregation: TargetAggregation;
  weight: number;
}

export interface CampaignLaunchedV1 {
  campaignId: string;
  title: string;
  category: CampaignCategory;
  launchingUnitId: string;
  launchingUnitPath: string;
  startsOn: string;
  endsOn: string;
  targets: LaunchedTargetV1[];
  scope: { unitId: string; unitPath: string; organisationTypes: OrganisationType[]; occupationCodes: string[] };
  derivedFromId: string | null;
}

export interface CampaignUpdatedV1 {
  campaignId: string;
  status: CampaignStatus;
  title: string;
  changedFields: string[];
}

export interface EnrollmentCreatedV1 {
  enrollmentId: string;
  campaignId: string;
  unitId: string;
  unitPath: string;
  memberId: string | null;
  commitments: { targetId: string; committedValue: number }[];
}

export interface ProgressReportedV1 {
  reportId: string;
  enrollmentId: string;
  campaignId: string;
  unitId: string;
  unitPath: string;
  memberId: string | null;
  targetId: string;
  periodStart: string;
  periodEnd: string;
  value: number;
  /** The target's value after this report (sum or latest, as the target aggregates). */
  currentValue: number;
  committedValue: number;
}

export interface CampaignSummarisedV1 {
  campaignId: string;
  title: string;
  launchingUnitPath: string;
  lessons: string;
  results: { targetId: string; name: string; achievedValue: number; targetValue: number; met: boolean }[];
  exemplars: { name: string; achievement: string; memberId: string | null; unitId: string | null }[];
}

export interface CampaignClosedV1 {
  campaignId: string;
  title: string;
  launchingUnitPath: string;
  closedAt: string;
}

export interface CampaignReplicatedV1 {
  campaignId: string;
  sourceCampaignId: string;
  launchingUnitId: string;
  launchingUnitPath: string;
  title: string;
  occupationCodes: string[];
  organisationTypes: string[];
  adaptationNote: string;
}

export interface EvaluationRoundOpenedV1 {
  roundId: string;
  campaignId: string;
  targetCount: number;
}

export type CriteriaVariant = 'GENERAL' | 'DIRECT_PRODUCTION_WORKER' | 'CIVIL_SERVANT_NON_LEADER' | 'PRIVATE_FDI_SIMPLIFIED';

export interface CriteriaSetPublishedV1 {
  criteriaSetId: string;
  campaignId: string;
  variant: CriteriaVariant;
  version: number;
  supersededSetId: string | null;
  criteria: { criterionId: string; name: string; method: 'LINEAR' | 'THRESHOLDS' | 'PASS_FAIL' | 'RUBRIC'; weight: number }[];
}

export interface SubmissionScoredV1 {
  submissionId: string;
  enrollmentId: string;
  campaignId: string;
  criterionId: string;
  criteriaSetId: string;
  reviews: number;
  finalScore: number;
  points: number;
}

export interface PublishedEntryV1 {
  enrollmentId: string;
  rank: number;
  memberId: string | null;
  unitId: string;
  unitPath: string;
  name: string;
  total: number;
  criteriaSetVersion: number;
  variant: CriteriaVariant;
  isDirectProductionWorker: boolean;
  holdsLeadershipPost: boolean | null;
}

export interface ResultsPublishedV1 {
  campaignId: string;
  title: string;
  launchingUnitPath: string;
  version: number;
  publishedAt: string;
  appealDeadline: string;
  reason: string;
  /** True when only the best entries are in the event (the full list is in the publication). */
  truncated: boolean;
  entries: PublishedEntryV1[];
}

export interface AppealResolvedV1 {
  appealId: string;
  campaignId: string;
  enrollmentId: string;
  accepted: boolean;
  resolution: string;
  republishedVersion: number | null;
}

/** The person or collective an honour, proposal or nomination is about. */
export interface HonourSubjectV1 {
  memberId: string | null;
  unitId: string;
  unitPath: string;
  name: string;
  isDirectProductionWorker: boolean | null;
  occupationCode: string | null;
  provinceCode: string | null;
}

export interface RewardGrantedV1 {
  decisionId: string;
  decisionNumber: string;
  decidedOn: string;
  signerRole: string;
  formCode: string;
  formName: string;
  subject: HonourSubjectV1;
  campaignId: string | null;
  amountVnd: number;
  reason: string;
  adHoc: boolean;
}

export interface ExemplarProposedV1 {
  proposalId: string;
  storyId: string | null;
  proposedBy: string;
  subject: HonourSubjectV1;
  campaignId: string | null;
  achievement: string;
}

export interface NominationCreatedV1 {
  nominationId: string;
  source: 'RESULTS' | 'MEDIA_DISCOVERY' | 'OFFICER' | 'AD_HOC';
  subject: HonourSubjectV1;
  campaignId: string | null;
  sourceEventId: string | null;
  reason: string;
}

/** The council of the granting unit refused a nomination, with its reason. */
export interface RewardRefusedV1 {
  nominationId: string;
  subject: HonourSubjectV1;
  formCode: string | null;
  grantingUnitPath: string;
  refusedOn: string;
  reason: string;
}

/** An initiative was recognised and its author is paid from its benefit value (giá trị làm lợi). */
export interface InitiativeRewardedV1 {
  initiativeId: string;
  title: string;
  subject: HonourSubjectV1;
  reach: 'UNIT' | 'PROVINCE' | 'NATIONAL';
  benefitValueVnd: number;
  /** The share of the benefit value paid, e.g. 0.07. */
  rate: number;
  rateSource: string;
  rewardVnd: number;
  year: number;
}

export interface MutationAuditedV1 {
  service: ServiceName;
  operationName: string | null;
  fields: string[];
  /** The variables as JSON, large values cut, secrets and file contents left out. */
  variables: string;
  subject: string;
  roles: string[];
  unitPath: string | null;
  /** OK, or the error codes returned. */
  outcome: string;
  at: string;
}

export type StoryKindV1 = 'EXEMPLAR' | 'GOOD_PRACTICE' | 'GOOD_DEED' | 'AD_HOC_ACHIEVEMENT' | 'CAMPAIGN_NEWS' | 'CAMPAIGN_SUMMARY';

/** A story became public. */
export interface StoryPublishedV1 {
  storyId: string;
  kind: StoryKindV1;
  title: string;
  provinceCode: string | null;
  publishedAt: string;
}

/** A published story was retracted; the reason is shown to readers. */
export interface StoryRetractedV1 {
  storyId: string;
  title: string;
  reason: string;
  retractedAt: string;
}

/** Event type → payload. Adding an event: a schema file, a line here, and a producer (README, "Add an event"). */
export interface EventPayloads {
  UnitUpserted: UnitUpsertedV1;
  MemberUpserted: MemberUpsertedV1;
  CampaignLaunched: CampaignLaunchedV1;
  CampaignUpdated: CampaignUpdatedV1;
  EnrollmentCreated: EnrollmentCreatedV1;
  ProgressReported: ProgressReportedV1;
  CampaignSummarised: CampaignSummarisedV1;
  CampaignClosed: CampaignClosedV1;
  CampaignReplicated: CampaignReplicatedV1;
  EvaluationRoundOpened: EvaluationRoundOpenedV1;
  CriteriaSetPublished: CriteriaSetPublishedV1;
  SubmissionScored: SubmissionScoredV1;
  ResultsPublished: ResultsPublishedV1;
  AppealResolved: AppealResolvedV1;
  RewardGranted: RewardGrantedV1;
  ExemplarProposed: ExemplarProposedV1;
  NominationCreated: NominationCreatedV1;
  RewardRefused: RewardRefusedV1;
  InitiativeRewarded: InitiativeRewardedV1;
  MutationAudited: MutationAuditedV1;
  StoryPublished: StoryPublishedV1;
  StoryRetracted: StoryRetractedV1;
}
export type EventType = keyof EventPayloads;
