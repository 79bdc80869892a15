import { readModelHandlers, type EventHandlers } from '@thidua/common';
import { issueDecisionDocuments } from '../application/documents';
import { closeNominations, openNominations } from '../application/campaign-refs';
import { nominateFromDiscovery } from '../application/nominations';
import { nominateBestResults } from '../application/plans';
import { recordProceedings } from '../application/suspensions';

/** What reward does with other services' events. Each runs once per event (idempotent consumer). */
export const handlers: EventHandlers = {
  ...readModelHandlers,
  CampaignLaunched: (event, scope) => openNominations(scope, event),
  CampaignClosed: (event, scope) => closeNominations(scope, event),
  /** The best published results are nominated, within the campaign's plan and the form's quota. */
  ResultsPublished: (event, scope) => nominateBestResults(scope, event),
  /** Media is a discovery channel: a proposed exemplar opens a nomination. */
  ExemplarProposed: (event, scope) => nominateFromDiscovery(scope, event),
  /** Open discipline, inspection and complaint cases suspend the subject's proposals. */
  ProceedingsChanged: (event, scope) => recordProceedings(scope, event),

  /** A decision is issued as signed documents (the decision and its certificate) as soon as it is made. */
  RewardGranted: async (event, { manager }) => void (await issueDecisionDocuments(manager, event.payload.decisionId)),
};
