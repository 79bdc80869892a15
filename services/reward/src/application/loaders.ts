import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import type { SubgraphContext } from '@thidua/common';
import { CampaignRefEntity, type CampaignRefRow } from '../entities';

export interface RewardLoaders {
  campaignRef: DataLoader<string, CampaignRefRow | null>;
}

export type RewardContext = SubgraphContext<RewardLoaders>;

export function createLoaders(db: DataSource): RewardLoaders {
  return {
    campaignRef: new DataLoader(async (ids) => {
      const rows = await db.getRepository(CampaignRefEntity).findBy({ campaignId: In([...ids]) });
      const byId = new Map(rows.map((row) => [row.campaignId, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
