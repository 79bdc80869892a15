import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { oneByKey, type SubgraphContext } from '@thidua/common';
import { CampaignRefEntity, type CampaignRefRow } from '../entities';

export interface RewardLoaders {
  campaignRef: DataLoader<string, CampaignRefRow | null>;
}

export type RewardContext = SubgraphContext<RewardLoaders>;

export function createLoaders(db: DataSource): RewardLoaders {
  return {
    campaignRef: new DataLoader(async (ids) => {
      return oneByKey(ids, await db.getRepository(CampaignRefEntity).findBy({ campaignId: In([...ids]) }), (row) => row.campaignId);
    }),
  };
}
