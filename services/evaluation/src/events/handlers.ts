import { readModelHandlers, type EventHandlers } from '@thidua/common';
import { recordParticipant } from '../application/participants';
import { closeRound, openRound } from '../application/rounds';
import { recordProgress } from '../application/scores';

/** What evaluation does with other services' events. Each runs once per event (idempotent consumer). */
export const handlers: EventHandlers = {
  CampaignLaunched: (event, scope) => openRound(scope, event),
  CampaignClosed: (event, scope) => closeRound(scope, event),
  EnrollmentCreated: (event, scope) => recordParticipant(scope, event),
  ProgressReported: (event, scope) => recordProgress(scope, event),
  ProgressCorrected: (event, scope) => recordProgress(scope, event),
  ...readModelHandlers,
};
