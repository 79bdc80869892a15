import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ROLES } from '../auth';
import { SERVICE_NAMES, type ServiceName } from '../config';
import { day, documentText, instant, nonEmptyText, nullable, oneOf, paragraph, record, text, unitPath, uuid } from './schema-parts';

/**
 * The event contracts, defined once: each payload's JSON Schema (written to `schemas/events/<Type>.v<n>.json` by
 * `npm run compose`, validated on the wire when written and when read) and its TypeScript type come from the same
 * definition below, so they cannot drift (decision 0016).
 */

export const UNIT_LEVELS = ['NATIONAL', 'PROVINCIAL', 'SECTOR', 'UPPER_GRASSROOTS', 'GRASSROOTS'] as const;
export const ORGANISATION_TYPES = [
  'ADMINISTRATIVE_AGENCY', // cơ quan hành chính
  'PUBLIC_SERVICE_UNIT', // đơn vị sự nghiệp
  'STATE_OWNED_ENTERPRISE', // doanh nghiệp Nhà nước
  'PRIVATE_ENTERPRISE', // doanh nghiệp tư nhân
  'FDI_ENTERPRISE', // doanh nghiệp FDI
  'UNION_AGENCY', // cơ quan công đoàn: the union's own office, whose head is the union unit above
] as const;
export const CAMPAIGN_CATEGORIES = ['UNION_WORK', 'FOR_WORKERS', 'FOR_WORKERS_IN_UNION_BODIES'] as const;
export const TARGET_DIRECTIONS = ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER'] as const;
/** How reports add up: SUM for counts over the period (initiatives), LATEST for levels (a rate, a percentage). */
export const TARGET_AGGREGATIONS = ['SUM', 'LATEST'] as const;
export const CAMPAIGN_STATUSES = ['DRAFT', 'LAUNCHED', 'IN_PROGRESS', 'SUMMARISING', 'CLOSED'] as const;
/** Who a criteria set is for (separate, suitable criteria per audience). */
export const CRITERIA_VARIANTS = ['GENERAL', 'DIRECT_PRODUCTION_WORKER', 'CIVIL_SERVANT_NON_LEADER', 'PRIVATE_FDI_SIMPLIFIED'] as const;
export const SCORING_METHODS = ['LINEAR', 'THRESHOLDS', 'PASS_FAIL', 'RUBRIC'] as const;
/** LONG_SERVICE: the long-service medal, confirmed by an officer; BLOC: the leading unit of an emulation bloc, for its flag. */
export const NOMINATION_SOURCES = ['RESULTS', 'MEDIA_DISCOVERY', 'OFFICER', 'AD_HOC', 'LONG_SERVICE', 'BLOC'] as const;
/** Where an initiative is applied: cơ sở / tỉnh, ngành / toàn quốc. */
export const INITIATIVE_REACHES = ['UNIT', 'PROVINCE', 'NATIONAL'] as const;
export const STORY_KINDS = ['EXEMPLAR', 'GOOD_PRACTICE', 'GOOD_DEED', 'AD_HOC_ACHIEVEMENT', 'CAMPAIGN_NEWS', 'CAMPAIGN_SUMMARY'] as const;
/**
 * What suspends a proposal (chưa khen thưởng, chưa đề nghị): discipline being considered, an inspection or
 * investigation, a complaint or denunciation being verified.
 */
export const PROCEEDING_KINDS = ['DISCIPLINE', 'INSPECTION', 'COMPLAINT'] as const;
/** A member's gender (giới tính) as the union's records keep it: ties in rewards prefer women (Nghị định 98/2023/NĐ-CP, Điều 4; decision 0049). */
export const GENDERS = ['FEMALE', 'MALE'] as const;
/** A decision annulled (hủy bỏ: Law on Emulation and Commendation 2022, art. 93 cl. 2) or revoked as issued in error (thu hồi). */
export const CORRECTION_KINDS = ['ANNULLED', 'REVOKED'] as const;
/** The grounds: art. 93 cl. 2 points a–d, and a decision issued in error. */
export const LEGAL_GROUND_CODES = ['FALSE_DECLARATION', 'FALSE_DOCUMENTS', 'UNLAWFUL_APPRAISAL', 'LATER_FINDING', 'ISSUED_IN_ERROR'] as const;
/** Who decides a form of reward: the union, the employer, or an authority of the State (decision 0035). */
export const DECIDING_AUTHORITIES = ['UNION', 'EMPLOYER', 'PROVINCIAL_CHAIR', 'MINISTER', 'PRIME_MINISTER', 'PRESIDENT'] as const;
/** How a proposal to the deciding authority moves between levels. */
export const PROPOSAL_MOVES = ['PROPOSED', 'FORWARDED', 'RETURNED', 'RESENT', 'SENT_TO_AUTHORITY'] as const;
/** How often enrolled units report progress (kỳ báo cáo): weeks start on Monday, months, quarters and years on day 1. */
export const REPORTING_CADENCES = ['WEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY'] as const;

export type UnitLevel = (typeof UNIT_LEVELS)[number];
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];
export type CampaignCategory = (typeof CAMPAIGN_CATEGORIES)[number];
export type TargetDirection = (typeof TARGET_DIRECTIONS)[number];
export type TargetAggregation = (typeof TARGET_AGGREGATIONS)[number];
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export type CriteriaVariant = (typeof CRITERIA_VARIANTS)[number];
export type Gender = (typeof GENDERS)[number];
export type ProceedingKind = (typeof PROCEEDING_KINDS)[number];
export type ReportingCadence = (typeof REPORTING_CADENCES)[number];

/** A measurable target (chỉ tiêu) of a campaign: the one shape the campaign's drafts, rows and events share. */
const measurableTarget = {
  name: nonEmptyText(),
  unitOfMeasure: nonEmptyText(),
  targetValue: Type.Number(),
  direction: oneOf(TARGET_DIRECTIONS),
  weight: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
  aggregation: oneOf(TARGET_AGGREGATIONS),
};
const LaunchedTarget = record({ targetId: uuid(), ...measurableTarget });

/** The person or collective an honour, proposal or nomination is about. */
const HonourSubject = record({
  memberId: nullable(uuid()),
  unitId: uuid(),
  unitPath: unitPath(),
  name: nonEmptyText(),
  isDirectProductionWorker: nullable(Type.Boolean()),
  occupationCode: nullable(text()),
  provinceCode: nullable(text()),
});

const PublishedEntry = record({
  enrollmentId: uuid(),
  rank: Type.Integer({ minimum: 1 }),
  memberId: nullable(uuid()),
  unitId: uuid(),
  unitPath: unitPath(),
  name: nonEmptyText(),
  total: Type.Number(),
  criteriaSetVersion: Type.Integer(),
  variant: oneOf(CRITERIA_VARIANTS),
  isDirectProductionWorker: Type.Boolean(),
  holdsLeadershipPost: nullable(Type.Boolean()),
});

/** Which report of whom, for which target and period: what the progress events share. */
const reportedPeriod = {
  reportId: uuid(),
  enrollmentId: uuid(),
  campaignId: uuid(),
  unitId: uuid(),
  unitPath: unitPath(),
  memberId: nullable(uuid()),
  targetId: uuid(),
  periodStart: day(),
  periodEnd: day(),
};

/** A payload's schema with what its file says about it. */
function payload<T extends TSchema>(description: string, schema: T): T {
  return { ...schema, description };
}

/** Every event type's payload, version 1. Adding an event: an entry here and a producer (README, "Add an event"). */
export const EVENT_PAYLOAD_SCHEMAS = {
  UnitUpserted: payload(
    'A union unit (đơn vị công đoàn) was added to the tree or changed. Other subgraphs keep read models of units from it.',
    record({
      unitId: uuid(),
      code: nonEmptyText(),
      name: nonEmptyText(),
      level: oneOf(UNIT_LEVELS),
      organisationType: nullable(oneOf(ORGANISATION_TYPES)),
      provinceCode: nullable(text()),
      path: unitPath(),
      parentId: nullable(uuid()),
    }),
  ),
  MemberUpserted: payload(
    'A union member (đoàn viên) was registered or changed. Evaluation chooses criteria variants from these flags; reward leans towards direct production workers who hold no leadership post, prefers women in ties and counts years in the union for long-service medals.',
    record({
      memberId: uuid(),
      fullName: nonEmptyText(),
      unitId: uuid(),
      unitPath: unitPath(),
      occupationCode: nonEmptyText(),
      isDirectProductionWorker: Type.Boolean(),
      holdsLeadershipPost: Type.Boolean(),
      leftUnionOn: nullable(day()),
      /** Added after v1 shipped, optional so that events already written stay valid; the producer always sends them. */
      gender: Type.Optional(nullable(oneOf(GENDERS))),
      joinedUnionOn: Type.Optional(nullable(day())),
    }),
  ),
  CampaignLaunched: payload(
    'A campaign (phong trào thi đua) was launched (phát động). Evaluation opens a round; media makes a news candidate; reward opens nominations.',
    record({
      campaignId: uuid(),
      title: nonEmptyText(),
      category: oneOf(CAMPAIGN_CATEGORIES),
      launchingUnitId: uuid(),
      launchingUnitPath: unitPath(),
      startsOn: day(),
      endsOn: day(),
      targets: Type.Array(LaunchedTarget, { minItems: 1 }),
      scope: record({
        unitId: uuid(),
        unitPath: unitPath(),
        organisationTypes: Type.Array(oneOf(ORGANISATION_TYPES)),
        occupationCodes: Type.Array(text()),
      }),
      derivedFromId: nullable(uuid()),
      /** Added after v1 shipped (issue 19: the notification subgraph chases overdue reports per period); the producer always sends it. */
      reportingCadence: Type.Optional(oneOf(REPORTING_CADENCES)),
    }),
  ),
  CampaignUpdated: payload(
    "A campaign's details or status changed (anything but its launch, summary and closing, which have their own events).",
    record({
      campaignId: uuid(),
      status: oneOf(CAMPAIGN_STATUSES),
      title: nonEmptyText(),
      changedFields: Type.Array(text(), { minItems: 1 }),
    }),
  ),
  EnrollmentCreated: payload(
    'A unit or a member enrolled (đăng ký thi đua) in a campaign, with committed values per target.',
    record({
      enrollmentId: uuid(),
      campaignId: uuid(),
      unitId: uuid(),
      unitPath: unitPath(),
      memberId: nullable(uuid()),
      commitments: Type.Array(record({ targetId: uuid(), committedValue: Type.Number() }), { minItems: 1 }),
    }),
  ),
  ProgressReported: payload(
    "A progress report for one target and one reporting period now counts: reported by an officer, or a member's own report once the grassroots officer confirmed it. Evaluation recomputes quantitative scores from it.",
    record({
      ...reportedPeriod,
      value: Type.Number(),
      /** The target's value after this report (sum or latest, as the target aggregates). */
      currentValue: Type.Number(),
      committedValue: Type.Number(),
    }),
  ),
  ProgressCorrected: payload(
    "An officer corrected a progress report's value (with the reason, kept in the report's history). Evaluation re-scores from the target's new value.",
    record({
      ...reportedPeriod,
      previousValue: Type.Number(),
      value: Type.Number(),
      /** The target's value after the correction (sum or latest of the counted reports). */
      currentValue: Type.Number(),
      committedValue: Type.Number(),
      reason: text({ minLength: 10 }),
    }),
  ),
  ProceedingsChanged: payload(
    'The pending discipline, inspection or complaint cases of a member or a unit changed: the list still open. Reward suspends proposals for a subject with any.',
    record({
      memberId: nullable(uuid()),
      unitId: uuid(),
      unitPath: unitPath(),
      pending: Type.Array(record({ proceedingId: uuid(), kind: oneOf(PROCEEDING_KINDS), openedOn: day() })),
    }),
  ),
  AccountChanged: payload(
    "An account (tài khoản) was created or changed: its person, e-mail, roles, unit and whether it is enabled. Notification addresses deadlines and events to the accounts of a unit from it.",
    record({
      accountId: uuid(),
      username: nonEmptyText(),
      fullName: nonEmptyText(),
      email: nullable(text()),
      roles: Type.Array(oneOf(ROLES)),
      unitId: nullable(uuid()),
      unitPath: nullable(unitPath()),
      memberId: nullable(uuid()),
      enabled: Type.Boolean(),
    }),
  ),
  CampaignSummarised: payload(
    "A campaign's summary (tổng kết) was submitted: result against each target, lessons, exemplars found.",
    record({
      campaignId: uuid(),
      title: text(),
      launchingUnitPath: unitPath(),
      lessons: documentText({ minLength: 1 }),
      results: Type.Array(record({ targetId: uuid(), name: text(), achievedValue: Type.Number(), targetValue: Type.Number(), met: Type.Boolean() })),
      exemplars: Type.Array(record({ name: nonEmptyText(), achievement: paragraph({ minLength: 1 }), memberId: nullable(uuid()), unitId: nullable(uuid()) })),
    }),
  ),
  CampaignClosed: payload(
    'A summarised campaign was closed. Media makes a summary story candidate; reward stops nominations for it.',
    record({ campaignId: uuid(), title: text(), launchingUnitPath: unitPath(), closedAt: instant() }),
  ),
  CampaignReplicated: payload(
    'A campaign was derived (nhân rộng) from another, adapted to other occupations or organisation types.',
    record({
      campaignId: uuid(),
      sourceCampaignId: uuid(),
      launchingUnitId: uuid(),
      launchingUnitPath: unitPath(),
      title: text(),
      occupationCodes: Type.Array(text()),
      organisationTypes: Type.Array(text()),
      adaptationNote: paragraph(),
    }),
  ),
  EvaluationRoundOpened: payload(
    'Evaluation opened a round (đợt bình xét) for a launched campaign.',
    record({ roundId: uuid(), campaignId: uuid(), targetCount: Type.Integer({ minimum: 1 }) }),
  ),
  CriteriaSetPublished: payload(
    'A criteria set (bộ tiêu chí) version was published for a campaign; it is immutable from now on.',
    record({
      criteriaSetId: uuid(),
      campaignId: uuid(),
      variant: oneOf(CRITERIA_VARIANTS),
      version: Type.Integer({ minimum: 1 }),
      supersededSetId: nullable(uuid()),
      criteria: Type.Array(record({ criterionId: uuid(), name: text(), method: oneOf(SCORING_METHODS), weight: Type.Number() }), { minItems: 1 }),
    }),
  ),
  SubmissionScored: payload(
    'Reviews of a submission for a rubric criterion reached a final score.',
    record({
      submissionId: uuid(),
      enrollmentId: uuid(),
      campaignId: uuid(),
      criterionId: uuid(),
      criteriaSetId: uuid(),
      reviews: Type.Integer({ minimum: 2 }),
      finalScore: Type.Number(),
      points: Type.Number({ minimum: 0, maximum: 100 }),
    }),
  ),
  ResultsPublished: payload(
    "A campaign's results were published (or republished after an appeal). Reward nominates the best within quotas.",
    record({
      campaignId: uuid(),
      title: text(),
      launchingUnitPath: unitPath(),
      version: Type.Integer({ minimum: 1 }),
      publishedAt: instant(),
      appealDeadline: instant(),
      reason: paragraph(),
      /** True when only the best entries are in the event (the full list is in the publication). */
      truncated: Type.Boolean(),
      entries: Type.Array(PublishedEntry),
    }),
  ),
  AppealResolved: payload(
    'An appeal against published results was accepted (re-scored and republished) or rejected.',
    record({
      appealId: uuid(),
      campaignId: uuid(),
      enrollmentId: uuid(),
      accepted: Type.Boolean(),
      resolution: paragraph({ minLength: 1 }),
      republishedVersion: nullable(Type.Integer()),
    }),
  ),
  ReviewAssignmentChanged: payload(
    "A reviewer was assigned a submission's evidence (open) or no longer owes its review (they scored it, or the reviews already decided it). Notification chases the reviews that wait too long.",
    record({
      submissionId: uuid(),
      /** The reviewer's account (the subject of their token). */
      reviewerSubject: nonEmptyText(),
      campaignId: uuid(),
      campaignTitle: text(),
      criterionName: text(),
      open: Type.Boolean(),
      at: instant(),
    }),
  ),
  RewardGranted: payload(
    'A reward decision (quyết định khen thưởng) was signed. Media makes an exemplar story candidate with the decision attached; campaign marks the honour.',
    record({
      decisionId: uuid(),
      decisionNumber: nonEmptyText(),
      decidedOn: day(),
      signerRole: text(),
      formCode: nonEmptyText(),
      formName: nonEmptyText(),
      subject: HonourSubject,
      campaignId: nullable(uuid()),
      amountVnd: Type.Integer({ minimum: 0 }),
      reason: paragraph({ minLength: 1 }),
      adHoc: Type.Boolean(),
      /** Added after v1 shipped (issue 19: the nomination decided, for its nominating officer); the producer always sends it. */
      nominationId: Type.Optional(uuid()),
    }),
  ),
  ExemplarProposed: payload(
    'Someone (an editor from a story, or an officer) proposed a person or collective as an exemplar. Reward opens a nomination.',
    record({
      proposalId: uuid(),
      storyId: nullable(uuid()),
      proposedBy: nonEmptyText(),
      subject: HonourSubject,
      campaignId: nullable(uuid()),
      achievement: paragraph({ minLength: 10 }),
      /** The day of the deed (timeliness counts from it); optional in v1 for events written before it was sent. */
      achievedOn: Type.Optional(day()),
      /** The form proposed, and the council the proposer chose; reward routes to a council that can grant the form. */
      formCode: Type.Optional(nonEmptyText()),
      grantingUnitId: Type.Optional(nullable(uuid())),
    }),
  ),
  NominationCreated: payload(
    'Reward opened a nomination (đề nghị khen thưởng) for a person or collective.',
    record({
      nominationId: uuid(),
      source: oneOf(NOMINATION_SOURCES),
      subject: HonourSubject,
      campaignId: nullable(uuid()),
      sourceEventId: nullable(uuid()),
      reason: paragraph(),
      /**
       * Added after v1 shipped (issue 19: notification chases nominations held at their level past the regulation's
       * days), optional so that events written before stay valid; the producer always sends them. `nominatedBy` is
       * the account of the officer who proposed it, null when the platform opened it (results, media, long service).
       */
      grantingUnitId: Type.Optional(uuid()),
      grantingUnitPath: Type.Optional(unitPath()),
      grantingLevel: Type.Optional(oneOf(UNIT_LEVELS)),
      nominatedBy: Type.Optional(nullable(text())),
      /**
       * Added after v1 shipped (issue 17), on ad-hoc nominations only: the last day to decide it, its achievement's day
       * plus the days the regulation allows (reward's AD_HOC time limit, which the dashboard counts by too).
       */
      decideBy: Type.Optional(day()),
      decideWithinDays: Type.Optional(Type.Integer({ minimum: 1 })),
    }),
  ),
  RewardRefused: payload(
    'The council of the granting unit refused a nomination (đề nghị khen thưởng), or the authority it was proposed to answered that it does not grant, with the reason.',
    record({
      nominationId: uuid(),
      subject: HonourSubject,
      formCode: nullable(text()),
      grantingUnitPath: unitPath(),
      refusedOn: day(),
      reason: paragraph({ minLength: 10 }),
      /** Added after v1 shipped (issue 17): who refused, when the deciding authority did (a council's refusal leaves it out). */
      refusedBy: Type.Optional(nonEmptyText()),
    }),
  ),
  NominationClosed: payload(
    'A nomination (đề nghị khen thưởng) was closed without a decision: withdrawn by whoever proposed it, or returned (trả lại hồ sơ) by the council of the granting unit for what its dossier lacks, with the reason. Nothing is decided on it any more; the proposer nominates again once the dossier is complete.',
    record({
      nominationId: uuid(),
      subject: HonourSubject,
      grantingUnitPath: unitPath(),
      status: oneOf(['WITHDRAWN', 'RETURNED'] as const),
      reason: paragraph({ minLength: 10 }),
      closedOn: day(),
    }),
  ),
  RewardRevoked: payload(
    'A reward decision was annulled (hủy bỏ) or revoked (thu hồi) by a numbered decision, with its reason, legal ground and the amount reclaimed. The public register shows it revoked; media annotates its stories about it and withdraws candidates.',
    record({
      decisionId: uuid(),
      decisionNumber: nonEmptyText(),
      decidedOn: day(),
      formCode: nonEmptyText(),
      formName: nonEmptyText(),
      subject: HonourSubject,
      campaignId: nullable(uuid()),
      kind: oneOf(CORRECTION_KINDS),
      legalGround: oneOf(LEGAL_GROUND_CODES),
      /** The article the ground is in, as the revoking decision cites it. */
      legalSource: nonEmptyText(),
      reason: paragraph({ minLength: 10 }),
      revokedOn: day(),
      /** The revoking decision's own number, in the issuer's register. */
      revocationNumber: nonEmptyText(),
      amountReclaimedVnd: Type.Integer({ minimum: 0 }),
    }),
  ),
  RewardProposalMoved: payload(
    "A proposal (đề nghị) to the authority that decides a form moved on its way up (decision 0035): the council proposed it, a level passed it on or returned it for correction, the level below resent it, the top sent it to the authority, or the authority returned it for correction (RETURNED from and to the level that sent it, which records the authority's answers). The reward itself is RewardGranted, once the authority's decision is recorded.",
    record({
      proposalId: uuid(),
      nominationId: uuid(),
      formCode: nonEmptyText(),
      formName: nonEmptyText(),
      authority: oneOf(DECIDING_AUTHORITIES),
      subject: HonourSubject,
      action: oneOf(PROPOSAL_MOVES),
      /** The union unit that let the dossier go, and the one holding it now (null when the authority holds it). */
      fromUnitPath: unitPath(),
      toUnitPath: nullable(unitPath()),
      /**
       * The level whose council proposed it: a level above it that has the dossier back may pass it further down
       * (decision 0041). Added after v1 shipped, optional so that events already written stay valid; the producer always sends it.
       */
      proposingUnitPath: Type.Optional(unitPath()),
      /** For a return by the authority: whose letter it was, e.g. the Board that examines a Huân chương (decision 0045); optional like the one above. */
      answeredBy: Type.Optional(nonEmptyText()),
      /** The reason of a return, the correction made, or a note on passing it on. */
      note: nullable(paragraph()),
      movedOn: day(),
    }),
  ),
  ColleagueDeedReported: payload(
    "A member's proposal about a colleague's good deed or initiative, with its evidence, was passed by the grassroots officer to media as a story candidate.",
    record({
      proposalId: uuid(),
      kind: oneOf(['GOOD_DEED', 'INITIATIVE'] as const),
      subject: HonourSubject,
      occurredOn: day(),
      description: text({ minLength: 20, maxLength: 4000 }),
      evidence: Type.Array(record({ description: nonEmptyText(), url: nullable(text({ maxLength: 2000 })) }), { minItems: 1 }),
    }),
  ),
  InitiativeRewarded: payload(
    'An initiative (sáng kiến) was recognised and its author is paid from its benefit value (giá trị làm lợi).',
    record({
      initiativeId: uuid(),
      title: nonEmptyText(),
      subject: HonourSubject,
      reach: oneOf(INITIATIVE_REACHES),
      benefitValueVnd: Type.Integer({ minimum: 0 }),
      /** The share of the benefit value paid, e.g. 0.07. */
      rate: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
      rateSource: nonEmptyText(),
      rewardVnd: Type.Integer({ minimum: 1 }),
      year: Type.Integer({ minimum: 2000 }),
    }),
  ),
  MutationAudited: payload(
    'A subgraph ran (or refused) a mutation: who, what, when, from which unit, with what outcome. The campaign subgraph keeps the audit log.',
    record({
      service: oneOf(SERVICE_NAMES),
      operationName: nullable(text()),
      fields: Type.Array(text(), { minItems: 1 }),
      /** The variables as JSON, large values cut, secrets and file contents left out. */
      variables: text({ maxLength: 4000 }),
      subject: nonEmptyText(),
      roles: Type.Array(text()),
      unitPath: nullable(text()),
      /** OK, or the error codes returned. */
      outcome: nonEmptyText(),
      at: instant(),
    }),
  ),
  StoryPublished: payload(
    'An editor published a story: it is now public (portal, feeds, syndication). Caches of public answers drop what they hold.',
    record({
      storyId: uuid(),
      kind: oneOf(STORY_KINDS),
      title: nonEmptyText(),
      provinceCode: nullable(text()),
      publishedAt: instant(),
      /** Added after v1 shipped (issue 19: the members a story is about are told it is out); the producer always sends it. */
      memberIds: Type.Optional(Type.Array(uuid())),
    }),
  ),
  StoryReviewChanged: payload(
    'A story went into review (an editor submitted it) or left it (published, or sent back for changes). Notification chases the stories that wait too long.',
    record({
      storyId: uuid(),
      title: nonEmptyText(),
      /** The unit whose editors own the story. */
      unitPath: unitPath(),
      inReview: Type.Boolean(),
      at: instant(),
    }),
  ),
  StoryRetracted: payload(
    'An editor retracted a published story, with the reason shown to readers; its body is no longer public. Caches of public answers drop what they hold, news channels take it down.',
    record({
      storyId: uuid(),
      title: nonEmptyText(),
      reason: paragraph({ minLength: 1 }),
      retractedAt: instant(),
    }),
  ),
};

/** Event type → payload. */
export type EventPayloads = { [T in keyof typeof EVENT_PAYLOAD_SCHEMAS]: Static<(typeof EVENT_PAYLOAD_SCHEMAS)[T]> };
export type EventType = keyof EventPayloads;

/** Every event on every topic travels in this envelope; the payload is validated by the schema of its type and version. */
export const EVENT_ENVELOPE_SCHEMA = record({
  id: uuid(),
  type: text({ pattern: '^[A-Z][A-Za-z]+$' }),
  version: Type.Integer({ minimum: 1 }),
  occurredAt: instant(),
  producer: oneOf(SERVICE_NAMES),
  aggregateId: uuid(),
  unitPath: nullable(unitPath()),
  correlationId: text({ minLength: 1, maxLength: 128 }),
  causationId: nullable(uuid()),
  payload: Type.Unsafe<object>({ type: 'object' }),
});

export interface EventEnvelope<TType extends EventType = EventType> extends Omit<Static<typeof EVENT_ENVELOPE_SCHEMA>, 'type' | 'producer' | 'payload'> {
  type: TType;
  producer: ServiceName;
  payload: EventPayloads[TType];
}

export type LaunchedTargetV1 = Static<typeof LaunchedTarget>;
export type MeasurableTarget = Omit<LaunchedTargetV1, 'targetId'>;
export type HonourSubjectV1 = Static<typeof HonourSubject>;
export type PublishedEntryV1 = Static<typeof PublishedEntry>;
export type UnitUpsertedV1 = EventPayloads['UnitUpserted'];
export type MemberUpsertedV1 = EventPayloads['MemberUpserted'];
export type CampaignLaunchedV1 = EventPayloads['CampaignLaunched'];
export type CampaignClosedV1 = EventPayloads['CampaignClosed'];
export type AccountChangedV1 = EventPayloads['AccountChanged'];
export type CriteriaSetPublishedV1 = EventPayloads['CriteriaSetPublished'];
export type SubmissionScoredV1 = EventPayloads['SubmissionScored'];
export type RewardGrantedV1 = EventPayloads['RewardGranted'];
export type RewardRevokedV1 = EventPayloads['RewardRevoked'];
export type RewardProposalMovedV1 = EventPayloads['RewardProposalMoved'];
export type MutationAuditedV1 = EventPayloads['MutationAudited'];

/** Every service publishes this type, each on its own topic (an audit line of its own mutations). */
export const EVERY_SERVICE = 'every service';

/**
 * The one service that may publish each event type, on its own topic: consumers refuse an event whose topic or
 * envelope names another (see `originProblem`), and the broker lets only that service write its topic (ACLs).
 */
export const EVENT_OWNERS: { readonly [T in EventType]: ServiceName | typeof EVERY_SERVICE } = {
  UnitUpserted: 'campaign',
  MemberUpserted: 'campaign',
  CampaignLaunched: 'campaign',
  CampaignUpdated: 'campaign',
  EnrollmentCreated: 'campaign',
  ProgressReported: 'campaign',
  ProgressCorrected: 'campaign',
  ProceedingsChanged: 'campaign',
  CampaignSummarised: 'campaign',
  AccountChanged: 'campaign',
  CampaignClosed: 'campaign',
  CampaignReplicated: 'campaign',
  EvaluationRoundOpened: 'evaluation',
  CriteriaSetPublished: 'evaluation',
  SubmissionScored: 'evaluation',
  ResultsPublished: 'evaluation',
  AppealResolved: 'evaluation',
  ReviewAssignmentChanged: 'evaluation',
  RewardGranted: 'reward',
  NominationCreated: 'reward',
  RewardRefused: 'reward',
  NominationClosed: 'reward',
  RewardRevoked: 'reward',
  RewardProposalMoved: 'reward',
  InitiativeRewarded: 'reward',
  ColleagueDeedReported: 'reward',
  ExemplarProposed: 'media',
  StoryPublished: 'media',
  StoryRetracted: 'media',
  StoryReviewChanged: 'media',
  MutationAudited: EVERY_SERVICE,
};
