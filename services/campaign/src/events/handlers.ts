import { PoisonEventError, type EventHandlers } from '@thidua/common';

/** What campaign does with events: it keeps the platform's audit log of mutations (every subgraph's). */
export const handlers: EventHandlers = {
  MutationAudited: async (event, { manager }) => {
    const a = event.payload;
    // the consumer has checked the producer against the topic; the line must not speak for another service
    if (a.service !== event.producer) throw new PoisonEventError(`Dòng kiểm toán ghi dịch vụ ${a.service} nhưng do ${event.producer} phát`);
    await manager.query(
      `INSERT INTO audit_log (event_id, service, operation_name, fields, variables, subject, roles, unit_path, outcome, correlation_id, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (event_id) DO NOTHING`,
      [event.id, a.service, a.operationName, a.fields, a.variables, a.subject, a.roles, a.unitPath, a.outcome, event.correlationId, a.at],
    );
  },
};
