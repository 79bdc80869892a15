import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import type { SubgraphContext } from '@thidua/common';
import { EvaluationRoundEntity, RoundTargetEntity, type EvaluationRoundRow, type RoundTargetRow } from '../entities';

export interface EvaluationLoaders {
  roundByCampaign: DataLoader<string, EvaluationRoundRow | null>;
  targetsByRound: DataLoader<string, RoundTargetRow[]>;
}

export type EvaluationContext = SubgraphContext<EvaluationLoaders>;

export function createLoaders(db: DataSource): EvaluationLoaders {
  return {
    roundByCampaign: new DataLoader(async (campaignIds) => {
      const rows = await db.getRepository(EvaluationRoundEntity).findBy({ campaignId: In([...campaignIds]) });
      const byCampaign = new Map(rows.map((row) => [row.campaignId, row]));
      return campaignIds.map((id) => byCampaign.get(id) ?? null);
    }),
    targetsByRound: new DataLoader(async (roundIds) => {
      const rows = await db.getRepository(RoundTargetEntity).find({ where: { roundId: In([...roundIds]) }, order: { position: 'ASC' } });
      const byRound = new Map<string, RoundTargetRow[]>(roundIds.map((id) => [id, []]));
      for (const row of rows) byRound.get(row.roundId)?.push(row);
      return roundIds.map((id) => byRound.get(id) ?? []);
    }),
  };
}
