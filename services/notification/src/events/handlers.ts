import { batchableHandler, type EventHandlers } from '@thidua/common';
import { recordAccount, recordCampaign, recordCampaignStatus, recordEnrollment, recordReportedPeriod, recordUnits } from '../application/references';

/** The campaign subgraph's events keep what the deadline scan reads: the tree, accounts, campaigns, enrolments, reports. */
export const handlers: EventHandlers = {
  UnitUpserted: batchableHandler(
    (event, { manager }) => recordUnits(manager, [event.payload]),
    (events, manager) => recordUnits(manager, events.map((e) => e.payload)),
  ),
  AccountChanged: (event, { manager }) => recordAccount(manager, event.payload),
  CampaignLaunched: (event, { manager }) => recordCampaign(manager, event.payload),
  CampaignUpdated: (event, { manager }) => recordCampaignStatus(manager, event.payload.campaignId, event.payload.status, event.payload.title),
  CampaignClosed: (event, { manager }) => recordCampaignStatus(manager, event.payload.campaignId, 'CLOSED', event.payload.title),
  EnrollmentCreated: (event, { manager }) => recordEnrollment(manager, event.payload),
  ProgressReported: (event, { manager }) => recordReportedPeriod(manager, event.payload),
};
