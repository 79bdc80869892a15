import { EntitySchema } from 'typeorm';
import { numericAsNumber, type OrganisationType, type TargetDirection, type UnitLevel } from '@thidua/common';
import type { RoundStatus } from '../domain/rounds';

export interface EvaluationRoundRow {
  id: string;
  campaignId: string;
  status: RoundStatus;
  title: string;
  launchingUnitPath: string;
  openedAt: Date;
}

export interface RoundTargetRow {
  roundId: string;
  targetId: string;
  position: number;
  name: string;
  unitOfMeasure: string;
  targetValue: number;
  direction: TargetDirection;
  weight: number;
}

/** Read model of union units, fed by UnionUnitCreated (criteria variants depend on the organisation type). */
export interface UnitRefRow {
  id: string;
  name: string;
  path: string;
  level: UnitLevel;
  organisationType: OrganisationType | null;
  provinceCode: string | null;
}

/** Read model of members, fed by MemberCreated (criteria variants depend on these flags). */
export interface MemberRefRow {
  id: string;
  fullName: string;
  unitId: string;
  unitPath: string;
  occupationCode: string;
  isDirectProductionWorker: boolean;
  holdsLeadershipPost: boolean;
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

export const UnitRefEntity = new EntitySchema<UnitRefRow>({
  name: 'UnitRef',
  tableName: 'unit_refs',
  columns: {
    id: { type: 'uuid', primary: true },
    name: { type: 'text' },
    path: { type: 'text' },
    level: { type: 'text' },
    organisationType: { name: 'organisation_type', type: 'text', nullable: true },
    provinceCode: { name: 'province_code', type: 'text', nullable: true },
  },
});

export const MemberRefEntity = new EntitySchema<MemberRefRow>({
  name: 'MemberRef',
  tableName: 'member_refs',
  columns: {
    id: { type: 'uuid', primary: true },
    fullName: { name: 'full_name', type: 'text' },
    unitId: { name: 'unit_id', type: 'uuid' },
    unitPath: { name: 'unit_path', type: 'text' },
    occupationCode: { name: 'occupation_code', type: 'text' },
    isDirectProductionWorker: { name: 'is_direct_production_worker', type: 'boolean' },
    holdsLeadershipPost: { name: 'holds_leadership_post', type: 'boolean' },
  },
});

export const entities = [EvaluationRoundEntity, RoundTargetEntity, UnitRefEntity, MemberRefEntity];
