import type { EventHandlers } from '@thidua/common';
import { CampaignRefEntity } from '../entities';

export const handlers: EventHandlers = {
  /** A launched campaign accepts nominations until it closes. */
  CampaignLaunched: async (event, { manager }) => {
    const launched = event.payload;
    await manager.getRepository(CampaignRefEntity).upsert(
      {
        campaignId: launched.campaignId,
        title: launched.title,
        launchingUnitPath: launched.launchingUnitPath,
        nominationsOpen: true,
        launchedAt: new Date(event.occurredAt),
      },
      ['campaignId'],
    );
  },
};
