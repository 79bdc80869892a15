import { EntitySchema } from 'typeorm';
import { numericAsNumber, type TargetDirection } from '@thidua/common';
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

/** The read models of units and members are in services/common/src/read-models.ts. */
export const entities = [EvaluationRoundEntity, RoundTargetEntity];
