import type { EventHandlers } from '@thidua/common';
import { recordAudit } from '../application/audit';

/** What campaign does with events: it keeps the platform's audit log of mutations (every subgraph's). */
export const handlers: EventHandlers = {
  MutationAudited: (event, scope) => recordAudit(scope, event),
};
