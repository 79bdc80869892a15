import { readModelHandlers, type EventHandlers } from '@thidua/common';
import { addCandidate } from '../application/candidates';
import { recordLaunchedCampaign } from '../application/references';
import { campaignNewsCandidate, campaignSummaryCandidate, exemplarCandidate } from '../domain/stories';

export const handlers: EventHandlers = {
  ...readModelHandlers,

  /** A launched campaign becomes a "campaign news" candidate for the editors of its subtree, and attachable to their stories. */
  CampaignLaunched: async (event, scope) => {
    await recordLaunchedCampaign(scope.manager, event.payload);
    await addCandidate(event, scope, campaignNewsCandidate(event.payload), { campaignId: event.payload.campaignId, unitPath: event.payload.launchingUnitPath });
  },

  /** A closed (summarised) campaign becomes a summary candidate. */
  CampaignClosed: (event, scope) =>
    addCandidate(event, scope, campaignSummaryCandidate(event.payload), { campaignId: event.payload.campaignId, unitPath: event.payload.launchingUnitPath }),

  /** A reward decision becomes an exemplar candidate with the decision attached. */
  RewardGranted: (event, scope) => {
    const granted = event.payload;
    return addCandidate(event, scope, exemplarCandidate(granted), {
      campaignId: granted.campaignId,
      unitPath: granted.subject.unitPath,
      provinceCode: granted.subject.provinceCode,
      occupationCode: granted.subject.occupationCode,
      subjectIsDirectWorker: granted.subject.isDirectProductionWorker,
      rewardDecision: { decisionNumber: granted.decisionNumber, decidedOn: granted.decidedOn, formName: granted.formName, amountVnd: granted.amountVnd },
      subject: granted.subject,
    });
  },
};
