import { batchableHandler, type EventHandlers } from '@thidua/common';
import { followMembers, followUnits } from '../application/accounts';

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
  MutationAudited: async (event, { manager }) => {
    const a = event.payload;
    await manager.query(
      `INSERT INTO audit_log (event_id, service, operation_name, fields, variables, subject, roles, unit_path, outcome, correlation_id, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (event_id) DO NOTHING`,
      [event.id, a.service, a.operationName, a.fields, a.variables, a.subject, a.roles, a.unitPath, a.outcome, event.correlationId, a.at],
    );
  },
};
