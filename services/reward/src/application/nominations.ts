import { decodeCursor, hasRole, pageSize, requireAuthenticated, toConnection, ForbiddenError, type Connection, type PageRequest } from '@thidua/common';
import type { RewardContext } from './loaders';

export interface NominationRow {
  id: string;
  source: string;
  status: string;
  memberId: string | null;
  unitId: string;
  unitPath: string;
  subjectName: string;
  isDirectProductionWorker: boolean | null;
  campaignId: string | null;
  reason: string;
  createdAt: Date;
}

/** Nominations inside the caller's subtree, newest first (officers and council members). */
export async function nominations(ctx: RewardContext, status: string | null, page: PageRequest): Promise<Connection<NominationRow>> {
  requireAuthenticated(ctx.identity);
  if (!hasRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER', 'COUNCIL_MEMBER')) throw new ForbiddenError('Nominations are for officers and council members');
  const scope = hasRole(ctx.identity, 'NATIONAL_ADMIN') ? '/' : (ctx.identity.unitPath ?? '/nowhere/');
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const rows = (await ctx.db.query(
    `SELECT id, source, status, member_id AS "memberId", unit_id AS "unitId", unit_path AS "unitPath", subject_name AS "subjectName",
            is_direct_production_worker AS "isDirectProductionWorker", campaign_id AS "campaignId", reason, created_at AS "createdAt",
            created_at::text AS "cursorTime"
       FROM nominations
      WHERE unit_path LIKE $1 || '%' AND ($2::text IS NULL OR status = $2)
        AND ($4::timestamptz IS NULL OR (created_at, id) < ($4::timestamptz, $5::uuid))
      ORDER BY created_at DESC, id DESC LIMIT $3`,
    [scope, status, limit + 1, after?.[0] ?? null, after?.[1] ?? null],
  )) as (NominationRow & { cursorTime: string })[];
  return toConnection(rows, limit, (row) => [row.cursorTime, row.id]);
}
