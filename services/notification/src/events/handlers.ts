import { batchableHandler, type EventHandlers } from '@thidua/common';
import { appealResolved, nominationClosed, proposalMoved, rewardGranted, rewardRefused, storyPublished } from '../application/events';
import {
  recordAccount,
  recordAppealWindow,
  recordCampaign,
  recordCampaignStatus,
  recordEnrollment,
  recordNomination,
  recordReportedPeriod,
  recordReviewOwed,
  recordStoryReview,
  recordSummary,
  recordUnits,
} from '../application/references';

/**
 * Campaign's events keep what the deadline scan reads (the tree, accounts, campaigns, enrolments, reports, summaries);
 * reward's, evaluation's and media's keep the nominations held, the appeal windows, the reviews owed and the stories in review; decisions, returned
 * nominations, appeals and stories published notify the people they are about.
 */
export const handlers: EventHandlers = {
  UnitUpserted: batchableHandler(
    (event, { manager }) => recordUnits(manager, [event.payload]),
    (events, manager) => recordUnits(manager, events.map((e) => e.payload)),
  ),
  AccountChanged: (event, { manager }) => recordAccount(manager, event.payload),
  CampaignLaunched: (event, { manager }) => recordCampaign(manager, event.payload),
  CampaignUpdated: (event, { manager }) => recordCampaignStatus(manager, event.payload.campaignId, event.payload.status, event.payload.title),
  CampaignSummarised: (event, { manager }) => recordSummary(manager, event.payload.campaignId),
  CampaignClosed: (event, { manager }) => recordCampaignStatus(manager, event.payload.campaignId, 'CLOSED', event.payload.title),
  EnrollmentCreated: (event, { manager }) => recordEnrollment(manager, event.payload),
  ProgressReported: (event, { manager }) => recordReportedPeriod(manager, event.payload),
  NominationCreated: (event, { manager }) => recordNomination(manager, event),
  RewardGranted: (event, { manager }) => rewardGranted(manager, event),
  RewardRefused: (event, { manager }) => rewardRefused(manager, event),
  NominationClosed: (event, { manager }) => nominationClosed(manager, event),
  RewardProposalMoved: (event, { manager }) => proposalMoved(manager, event),
  ResultsPublished: (event, { manager }) => recordAppealWindow(manager, event.payload),
  AppealResolved: (event, { manager }) => appealResolved(manager, event),
  ReviewAssignmentChanged: (event, { manager }) => recordReviewOwed(manager, event.payload),
  StoryPublished: (event, { manager }) => storyPublished(manager, event),
  StoryReviewChanged: (event, { manager }) => recordStoryReview(manager, event.payload),
};
