import { readModelHandlers, type EventHandlers, type HonourSubjectV1 } from '@thidua/common';
import { addCandidate } from '../application/candidates';
import { recordLaunchedCampaign } from '../application/references';
import { annotateRevokedDecision } from '../application/revocations';
import { campaignNewsCandidate, campaignSummaryCandidate, colleagueDeedCandidate, exemplarCandidate } from '../domain/stories';

/** Where a candidate about a person or collective belongs: their unit, province, occupation and the subject itself. */
const about = (subject: HonourSubjectV1) => ({
  unitPath: subject.unitPath,
  provinceCode: subject.provinceCode,
  occupationCode: subject.occupationCode,
  subjectIsDirectWorker: subject.isDirectProductionWorker,
  subject,
});

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
      ...about(granted.subject),
      rewardDecision: { decisionId: granted.decisionId, decisionNumber: granted.decisionNumber, decidedOn: granted.decidedOn, formName: granted.formName, amountVnd: granted.amountVnd },
    });
  },

  /** An annulled or revoked decision: its stories are annotated, its untaken candidates dismissed. */
  RewardRevoked: (event, scope) => annotateRevokedDecision(event, scope),

  /** A colleague's good deed or initiative, passed on by the grassroots officer, becomes a candidate with its evidence. */
  ColleagueDeedReported: (event, scope) => addCandidate(event, scope, colleagueDeedCandidate(event.payload), { campaignId: null, ...about(event.payload.subject) }),
};
