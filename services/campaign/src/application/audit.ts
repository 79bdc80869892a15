import { PoisonEventError, decodeCursor, pageSize, queryRows, requireRole, toConnection, unitPathInput, type Connection, type EventEnvelope, type HandlerScope, type PageRequest } from '@thidua/common';
import type { AuditEntryRow } from '../entities';
import type { CampaignContext } from './context';
export async function recordAudit({ manager }: HandlerScope, event: EventEnvelope<'MutationAudited'>): Promise<void> {
  const a = event.payload;
  // the consumer has checked the producer against the topic; the line must not speak for another service
  if (a.service !== event.producer) throw new PoisonEventError(`Dòng kiểm toán ghi dịch vụ ${a.service} nhưng do ${event.producer} phát`);
  await manager.query(
    `INSERT INTO audit_log (event_id, service, operation_name, fields, variables, subject, roles, unit_path, outcome, correlation_id, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (event_id) DO NOTHING`,
    [event.id, a.service, a.operationName, a.fields, a.variables, a.subject, a.roles, a.unitPath, a.outcome, event.correlationId, a.at],
  );
}

export interface AuditFilter {
  service?: string | null;
  subject?: string | null;
  unitPath?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** Every mutation of the platform, newest first (national admins). */
export async function auditLog(ctx: CampaignContext, filter: AuditFilter, page: PageRequest): Promise<Connection<AuditEntryRow>> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN');
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const rows = await queryRows<AuditEntryRow & { cursorTime: string; eventId: string }>(ctx.db,
    `SELECT service, operation_name AS "operationName", fields, variables, subject, roles, unit_path AS "unitPath", outcome,
            correlation_id AS "correlationId", at, at::text AS "cursorTime", event_id AS "eventId"
       FROM audit_log
      WHERE ($1::text IS NULL OR service = $1) AND ($2::text IS NULL OR subject = $2) AND ($3::text IS NULL OR unit_path LIKE $3 || '%')
        AND ($4::timestamptz IS NULL OR at >= $4) AND ($5::timestamptz IS NULL OR at <= $5)
        AND ($7::timestamptz IS NULL OR (at, event_id) < ($7::timestamptz, $8::uuid))
      ORDER BY at DESC, event_id DESC LIMIT $6`,
    [filter.service ?? null, filter.subject ?? null, unitPathInput('unitPath', filter.unitPath), filter.from ?? null, filter.to ?? null, limit + 1, after?.[0] ?? null, after?.[1] ?? null],
  );
  return toConnection(rows, limit, (row) => [row.cursorTime, row.eventId]);
}
