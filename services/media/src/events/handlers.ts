import type { EventHandlers } from '@thidua/common';
import { campaignNewsCandidate } from '../domain/stories';
import { StoryEntity } from '../entities';

export const handlers: EventHandlers = {
  /** A launched campaign becomes a "campaign news" candidate for the editors of its subtree. */
  CampaignLaunched: async (event, { manager }) => {
    const launched = event.payload;
    const { title, summary } = campaignNewsCandidate(launched);
    await manager.getRepository(StoryEntity).insert({
      kind: 'CAMPAIGN_NEWS',
      status: 'CANDIDATE',
      title,
      summary,
      campaignId: launched.campaignId,
      unitPath: launched.launchingUnitPath,
      sourceEventId: event.id,
      publishedAt: null,
    });
  },
};
