import { EntitySchema } from 'typeorm';
import { numericAsNumber, type OrganisationType, type UnitLevel, type CampaignCategory, type TargetDirection } from '@thidua/common';
import type { CampaignStatus, ReportingCadence } from '../domain/campaigns';

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
  joinedUnionOn: string | null;
  createdAt: Date;
}

export interface CampaignRow {
  id: string;
  title: string;
  goal: string | null;
  content: string | null;
  participants: string | null;
  organisingMeasures: string | null;
  category: CampaignCategory;
  status: CampaignStatus;
  launchingUnitId: string;
  launchingUnitPath: string;
  scopeUnitId: string;
  scopeOrganisationTypes: OrganisationType[];
  scopeOccupationCodes: string[];
  startsOn: string | null;
  endsOn: string | null;
  reportingCadence: ReportingCadence;
  launchedAt: Date | null;
  createdBy: string;
  createdAt: Date;
}

export interface CampaignTargetRow {
  id: string;
  campaignId: string;
  position: number;
  name: string;
  unitOfMeasure: string;
  targetValue: number;
  direction: TargetDirection;
  weight: number;
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
    joinedUnionOn: { name: 'joined_union_on', type: 'date', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
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
    createdBy: { name: 'created_by', type: 'text' },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
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
    weight: { type: 'numeric', transformer: numericAsNumber },
  },
});

export const entities = [UnionUnitEntity, OccupationEntity, MemberEntity, CampaignEntity, CampaignTargetEntity];
