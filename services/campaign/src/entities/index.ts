import { EntitySchema } from 'typeorm';
import { numericAsNumber, type Gender, type OrganisationType, type ProceedingKind, type UnitLevel, type MeasurableTarget, type MutationAuditedV1 } from '@thidua/common';
import type { CampaignDraft, CampaignStatus } from '../domain/campaigns';
import { AccountEntity } from './account';

export { ACCOUNT_SELECT, AccountEntity, type AccountRow } from './account';

export interface UnionUnitRow {
  id: string;
  code: string;
  name: string;
  /** Name folded for diacritic-insensitive search (see foldVietnamese). */
  nameFolded: string;
  level: UnitLevel;
  organisationType: OrganisationType | null;
  provinceCode: string | null;
  parentId: string | null;
  path: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface OccupationRow {
  code: string;
  name: string;
}

export interface MemberRow {
  id: string;
  fullName: string;
  fullNameFolded: string;
  unitId: string;
  unitPath: string;
  occupationCode: string;
  isDirectProductionWorker: boolean;
  holdsLeadershipPost: boolean;
  /** Giới tính; null until recorded. */
  gender: Gender | null;
  joinedUnionOn: string | null;
  leftUnionOn: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A campaign: its draft's fields (the targets are rows of their own), its place in the tree and its lifecycle. */
export interface CampaignRow extends Omit<CampaignDraft, 'targets'> {
  id: string;
  status: CampaignStatus;
  launchingUnitId: string;
  launchingUnitPath: string;
  scopeUnitId: string;
  launchedAt: Date | null;
  startedAt: Date | null;
  summarisingAt: Date | null;
  closedAt: Date | null;
  /** Replication lineage (nhân rộng): the campaign this one was derived from. */
  derivedFromId: string | null;
  adaptationNote: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface CampaignTargetRow extends MeasurableTarget {
  id: string;
  campaignId: string;
  position: number;
}

export interface CampaignSummaryRow {
  campaignId: string;
  lessons: string;
  exemplars: ExemplarRecord[];
  submittedBy: string;
  submittedAt: Date;
}

/** An exemplar (gương điển hình) found by a campaign, as its summary names them. */
export interface ExemplarRecord {
  name: string;
  achievement: string;
  memberId: string | null;
  unitId: string | null;
}

export interface SummaryResultRow {
  campaignId: string;
  targetId: string;
  achievedValue: number;
  comment: string | null;
}

/** A unit (memberId null) or a member taking part in a campaign (đăng ký thi đua). */
export interface EnrollmentRow {
  id: string;
  campaignId: string;
  unitId: string;
  unitPath: string;
  memberId: string | null;
  enrolledBy: string;
  enrolledAt: Date;
}

export interface CommitmentRow {
  enrollmentId: string;
  targetId: string;
  committedValue: number;
}

export interface ProgressReportRow {
  id: string;
  enrollmentId: string;
  targetId: string;
  periodStart: string;
  periodEnd: string;
  value: number;
  evidenceUrl: string | null;
  reportedBy: string;
  reportedAt: Date;
  /** Null while a member's own report waits for the grassroots officer; only confirmed reports count. */
  confirmedAt: Date | null;
  confirmedBy: string | null;
}

/** One correction of a progress report: the values before and after, and why (the report's history). */
export interface ProgressRevisionRow {
  id: string;
  reportId: string;
  previousValue: number;
  value: number;
  previousEvidenceUrl: string | null;
  evidenceUrl: string | null;
  reason: string;
  revisedBy: string;
  revisedAt: Date;
}

/** Discipline being considered, an inspection, or a complaint being verified, about a member (memberId set) or a unit. */
export interface PendingProceedingRow {
  id: string;
  memberId: string | null;
  unitId: string;
  unitPath: string;
  kind: ProceedingKind;
  note: string;
  openedOn: string;
  openedBy: string;
  closedOn: string | null;
  closedBy: string | null;
  outcome: string | null;
  createdAt: Date;
}

/** A line of the platform's audit log (audit_log), as the MutationAudited event that made it says. */
/** How far a model spread (campaign_spreads, kept by triggers: migration SpreadCounts): itself and its launched derivatives. */
export interface CampaignSpreadRow {
  campaignId: string;
  campaigns: number;
  units: number;
  members: number;
}

export interface AuditEntryRow extends Omit<MutationAuditedV1, 'service' | 'at'> {
  service: string;
  correlationId: string;
  at: Date;
}

export const UnionUnitEntity = new EntitySchema<UnionUnitRow>({
  name: 'UnionUnit',
  tableName: 'union_units',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    code: { type: 'text', unique: true },
    name: { type: 'text' },
    nameFolded: { name: 'name_folded', type: 'text' },
    level: { type: 'text' },
    organisationType: { name: 'organisation_type', type: 'text', nullable: true },
    provinceCode: { name: 'province_code', type: 'text', nullable: true },
    parentId: { name: 'parent_id', type: 'uuid', nullable: true },
    path: { type: 'text', unique: true },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    updatedAt: { name: 'updated_at', type: 'timestamptz', updateDate: true },
  },
});

export const OccupationEntity = new EntitySchema<OccupationRow>({
  name: 'Occupation',
  tableName: 'occupations',
  columns: {
    code: { type: 'text', primary: true },
    name: { type: 'text' },
  },
});

export const MemberEntity = new EntitySchema<MemberRow>({
  name: 'Member',
  tableName: 'members',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    fullName: { name: 'full_name', type: 'text' },
    fullNameFolded: { name: 'full_name_folded', type: 'text' },
    unitId: { name: 'unit_id', type: 'uuid' },
    unitPath: { name: 'unit_path', type: 'text' },
    occupationCode: { name: 'occupation_code', type: 'text' },
    isDirectProductionWorker: { name: 'is_direct_production_worker', type: 'boolean' },
    holdsLeadershipPost: { name: 'holds_leadership_post', type: 'boolean' },
    gender: { type: 'text', nullable: true },
    joinedUnionOn: { name: 'joined_union_on', type: 'date', nullable: true },
    leftUnionOn: { name: 'left_union_on', type: 'date', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    updatedAt: { name: 'updated_at', type: 'timestamptz', updateDate: true },
  },
});

export const CampaignEntity = new EntitySchema<CampaignRow>({
  name: 'Campaign',
  tableName: 'campaigns',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    title: { type: 'text' },
    goal: { type: 'text', nullable: true },
    content: { type: 'text', nullable: true },
    participants: { type: 'text', nullable: true },
    organisingMeasures: { name: 'organising_measures', type: 'text', nullable: true },
    category: { type: 'text' },
    status: { type: 'text' },
    launchingUnitId: { name: 'launching_unit_id', type: 'uuid' },
    launchingUnitPath: { name: 'launching_unit_path', type: 'text' },
    scopeUnitId: { name: 'scope_unit_id', type: 'uuid' },
    scopeOrganisationTypes: { name: 'scope_organisation_types', type: 'text', array: true },
    scopeOccupationCodes: { name: 'scope_occupation_codes', type: 'text', array: true },
    startsOn: { name: 'starts_on', type: 'date', nullable: true },
    endsOn: { name: 'ends_on', type: 'date', nullable: true },
    reportingCadence: { name: 'reporting_cadence', type: 'text' },
    launchedAt: { name: 'launched_at', type: 'timestamptz', nullable: true },
    startedAt: { name: 'started_at', type: 'timestamptz', nullable: true },
    summarisingAt: { name: 'summarising_at', type: 'timestamptz', nullable: true },
    closedAt: { name: 'closed_at', type: 'timestamptz', nullable: true },
    derivedFromId: { name: 'derived_from_id', type: 'uuid', nullable: true },
    adaptationNote: { name: 'adaptation_note', type: 'text', nullable: true },
    createdBy: { name: 'created_by', type: 'text' },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    updatedAt: { name: 'updated_at', type: 'timestamptz', updateDate: true },
  },
});

export const CampaignTargetEntity = new EntitySchema<CampaignTargetRow>({
  name: 'CampaignTarget',
  tableName: 'campaign_targets',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    campaignId: { name: 'campaign_id', type: 'uuid' },
    position: { type: 'int' },
    name: { type: 'text' },
    unitOfMeasure: { name: 'unit_of_measure', type: 'text' },
    targetValue: { name: 'target_value', type: 'numeric', transformer: numericAsNumber },
    direction: { type: 'text' },
    aggregation: { type: 'text' },
    weight: { type: 'numeric', transformer: numericAsNumber },
  },
});

export const CampaignSummaryEntity = new EntitySchema<CampaignSummaryRow>({
  name: 'CampaignSummary',
  tableName: 'campaign_summaries',
  columns: {
    campaignId: { name: 'campaign_id', type: 'uuid', primary: true },
    lessons: { type: 'text' },
    exemplars: { type: 'jsonb' },
    submittedBy: { name: 'submitted_by', type: 'text' },
    submittedAt: { name: 'submitted_at', type: 'timestamptz', createDate: true },
  },
});

export const SummaryResultEntity = new EntitySchema<SummaryResultRow>({
  name: 'SummaryResult',
  tableName: 'campaign_summary_results',
  columns: {
    campaignId: { name: 'campaign_id', type: 'uuid', primary: true },
    targetId: { name: 'target_id', type: 'uuid', primary: true },
    achievedValue: { name: 'achieved_value', type: 'numeric', transformer: numericAsNumber },
    comment: { type: 'text', nullable: true },
  },
});

export const EnrollmentEntity = new EntitySchema<EnrollmentRow>({
  name: 'Enrollment',
  tableName: 'enrollments',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    campaignId: { name: 'campaign_id', type: 'uuid' },
    unitId: { name: 'unit_id', type: 'uuid' },
    unitPath: { name: 'unit_path', type: 'text' },
    memberId: { name: 'member_id', type: 'uuid', nullable: true },
    enrolledBy: { name: 'enrolled_by', type: 'text' },
    enrolledAt: { name: 'enrolled_at', type: 'timestamptz', createDate: true },
  },
});

export const CommitmentEntity = new EntitySchema<CommitmentRow>({
  name: 'Commitment',
  tableName: 'enrollment_commitments',
  columns: {
    enrollmentId: { name: 'enrollment_id', type: 'uuid', primary: true },
    targetId: { name: 'target_id', type: 'uuid', primary: true },
    committedValue: { name: 'committed_value', type: 'numeric', transformer: numericAsNumber },
  },
});

export const ProgressReportEntity = new EntitySchema<ProgressReportRow>({
  name: 'ProgressReport',
  tableName: 'progress_reports',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    enrollmentId: { name: 'enrollment_id', type: 'uuid' },
    targetId: { name: 'target_id', type: 'uuid' },
    periodStart: { name: 'period_start', type: 'date' },
    periodEnd: { name: 'period_end', type: 'date' },
    value: { type: 'numeric', transformer: numericAsNumber },
    evidenceUrl: { name: 'evidence_url', type: 'text', nullable: true },
    reportedBy: { name: 'reported_by', type: 'text' },
    reportedAt: { name: 'reported_at', type: 'timestamptz', createDate: true },
    confirmedAt: { name: 'confirmed_at', type: 'timestamptz', nullable: true },
    confirmedBy: { name: 'confirmed_by', type: 'text', nullable: true },
  },
});

export const ProgressRevisionEntity = new EntitySchema<ProgressRevisionRow>({
  name: 'ProgressRevision',
  tableName: 'progress_report_revisions',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    reportId: { name: 'report_id', type: 'uuid' },
    previousValue: { name: 'previous_value', type: 'numeric', transformer: numericAsNumber },
    value: { type: 'numeric', transformer: numericAsNumber },
    previousEvidenceUrl: { name: 'previous_evidence_url', type: 'text', nullable: true },
    evidenceUrl: { name: 'evidence_url', type: 'text', nullable: true },
    reason: { type: 'text' },
    revisedBy: { name: 'revised_by', type: 'text' },
    revisedAt: { name: 'revised_at', type: 'timestamptz', createDate: true },
  },
});

export const PendingProceedingEntity = new EntitySchema<PendingProceedingRow>({
  name: 'PendingProceeding',
  tableName: 'pending_proceedings',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    memberId: { name: 'member_id', type: 'uuid', nullable: true },
    unitId: { name: 'unit_id', type: 'uuid' },
    unitPath: { name: 'unit_path', type: 'text' },
    kind: { type: 'text' },
    note: { type: 'text' },
    openedOn: { name: 'opened_on', type: 'date' },
    openedBy: { name: 'opened_by', type: 'text' },
    closedOn: { name: 'closed_on', type: 'date', nullable: true },
    closedBy: { name: 'closed_by', type: 'text', nullable: true },
    outcome: { type: 'text', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
  },
});

export const entities = [
  UnionUnitEntity,
  OccupationEntity,
  MemberEntity,
  CampaignEntity,
  CampaignTargetEntity,
  CampaignSummaryEntity,
  SummaryResultEntity,
  EnrollmentEntity,
  CommitmentEntity,
  ProgressReportEntity,
  AccountEntity,
  ProgressRevisionEntity,
  PendingProceedingEntity,
];
