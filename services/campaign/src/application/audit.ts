import { decodeCursor, pageSize, requireRole, toConnection, unitPathInput, type Connection, type PageRequest } from '@thidua/common';
import type { CampaignContext } from './context';

export interface AuditEntryRow {
  service: string;
  operationName: string | null;
  fields: string[];
  variables: string;
  subject: string;
  roles: string[];
  unitPath: string | null;
  outcome: string;
  correlationId: string;
  at: Date;
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
  const rows = (await ctx.db.query(
    `SELECT service, operation_name AS "operationName", fields, variables, subject, roles, unit_path AS "unitPath", outcome,
            correlation_id AS "correlationId", at, at::text AS "cursorTime", event_id AS "eventId"
       FROM audit_log
      WHERE ($1::text IS NULL OR service = $1) AND ($2::text IS NULL OR subject = $2) AND ($3::text IS NULL OR unit_path LIKE $3 || '%')
        AND ($4::timestamptz IS NULL OR at >= $4) AND ($5::timestamptz IS NULL OR at <= $5)
        AND ($7::timestamptz IS NULL OR (at, event_id) < ($7::timestamptz, $8::uuid))
      ORDER BY at DESC, event_id DESC LIMIT $6`,
    [filter.service ?? null, filter.subject ?? null, unitPathInput('unitPath', filter.unitPath), filter.from ?? null, filter.to ?? null, limit + 1, after?.[0] ?? null, after?.[1] ?? null],
  )) as (AuditEntryRow & { cursorTime: string; eventId: string })[];
  return toConnection(rows, limit, (row) => [row.cursorTime, row.eventId]);
}
