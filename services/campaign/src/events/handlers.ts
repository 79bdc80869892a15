import { batchableHandler, type EventHandlers } from '@thidua/common';
import { followMembers, followUnits } from '../application/accounts';
import { recordAudit } from '../application/audit';

/**
 * What campaign does with events: it keeps the platform's audit log of mutations (every subgraph's), and the accounts
 * of units and members that moved in the union tree (their own UnitUpserted and MemberUpserted).
 */
export const handlers: EventHandlers = {
  UnitUpserted: batchableHandler(
    (event, { manager }) => followUnits(manager, [event]),
    (events, manager) => followUnits(manager, events),
  ),
  MemberUpserted: batchableHandler(
    (event, { manager }) => followMembers(manager, [event]),
    (events, manager) => followMembers(manager, events),
  ),
  MutationAudited: (event, scope) => recordAudit(scope, event),
};
