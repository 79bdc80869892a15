import { readModelHandlers, type EventHandlers } from '@thidua/common';
import { issueDecisionDocuments } from '../application/documents';
import { nominateFromDiscovery } from '../application/nominations';
import { nominateBestResults } from '../application/plans';
import { CampaignRefEntity } from '../entities';

export const handlers: EventHandlers = {
  ...readModelHandlers,

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

  /** A closed campaign takes no more nominations from officers. */
  CampaignClosed: async (event, { manager }) => {
    await manager.getRepository(CampaignRefEntity).update({ campaignId: event.payload.campaignId }, { nominationsOpen: false });
  },

  /** The best published results are nominated, within the campaign's plan and the form's quota. */
  ResultsPublished: (event, scope) => nominateBestResults(scope, event),

  /** Media is a discovery channel: a proposed exemplar opens a nomination. */
  ExemplarProposed: (event, scope) => nominateFromDiscovery(scope, event),

  /** A decision is issued as signed documents (the decision and its certificate) as soon as it is made. */
  RewardGranted: async (event, { manager }) => void (await issueDecisionDocuments(manager, event.payload.decisionId)),
};
