import {
  ForbiddenError,
  ValidationError,
  decodeCursor,
  isUuid,
  pageSize,
  queryRows,
  requireAuthenticated,
  requireRole,
  toConnection,
  makeJobDue,
  type Connection,
  type PageRequest,
} from '@thidua/common';
import { renderNotification, type NotificationParams, type NotificationText } from '../domain/texts';
import { NOTIFICATION_SELECT, type NotificationRow } from '../entities';
import type { NotificationContext } from './context';
import { DEADLINE_SCAN_JOB } from './deadlines';
import { DAILY_DIGEST_JOB } from './digest';

/** A notification as the inbox shows it. */
export type NotificationView = NotificationRow & NotificationText;

/** At most this many notifications are marked read by one call (the inbox marks a page at a time). */
export const MAX_MARKED_AT_ONCE = 100;

function view(row: NotificationRow): NotificationView {
  return { ...row, ...renderNotification(row.kind, row.params as unknown as NotificationParams[typeof row.kind]) };
}

/**
 * The caller's account: the inbox is per account (the token's subject is the account's id). A caller without one (a
 * news channel's key, a test token of no account) has an empty inbox rather than someone else's.
 */
function ownAccount(ctx: NotificationContext): string | null {
  requireAuthenticated(ctx.identity);
  return isUuid(ctx.identity.subject) ? ctx.identity.subject : null;
}

/** Choosing channels needs an account of the platform to keep them for. */
export function requireOwnAccount(ctx: NotificationContext): string {
  const account = ownAccount(ctx);
  if (!account) throw new ForbiddenError('Chỉ tài khoản của nền tảng mới chọn được cách nhận thông báo; hãy đăng nhập bằng tài khoản của đồng chí.', {});
  return account;
}

export async function myNotifications(ctx: NotificationContext, unreadOnly: boolean, page: PageRequest): Promise<Connection<NotificationView>> {
  const account = ownAccount(ctx);
  const limit = pageSize(page.first);
  if (!account) return toConnection([], limit, () => []);
  const after = decodeCursor(page.after);
  const rows = await queryRows<NotificationRow & { cursorTime: string }>(
    ctx.db,
    `${NOTIFICATION_SELECT.replace(' FROM notifications', `, created_at::text AS "cursorTime" FROM notifications`)}
      WHERE account_id = $1 AND in_inbox AND (NOT $2 OR read_at IS NULL)
        AND ($4::timestamptz IS NULL OR (created_at, id) < ($4::timestamptz, $5::uuid))
      ORDER BY created_at DESC, id DESC LIMIT $3`,
    [account, unreadOnly, limit + 1, after?.[0] ?? null, after?.[1] ?? null],
  );
  return toConnection(rows.map((row) => ({ ...view(row), cursorTime: row.cursorTime })), limit, (row) => [row.cursorTime, row.id]);
}

export async function unreadCount(ctx: NotificationContext): Promise<number> {
  const account = ownAccount(ctx);
  if (!account) return 0;
  const [row] = await queryRows<{ count: number }>(ctx.db, `SELECT count(*)::int AS count FROM notifications WHERE account_id = $1 AND in_inbox AND read_at IS NULL`, [account]);
  return row!.count;
}

/** Marks the caller's own notifications read; ids of anyone else's are ignored (never revealed as existing). */
export async function markRead(ctx: NotificationContext, ids: string[]): Promise<NotificationView[]> {
  const account = ownAccount(ctx);
  if (ids.length === 0) throw ValidationError.single('ids', 'Chọn ít nhất một thông báo để đánh dấu đã đọc.');
  if (ids.length > MAX_MARKED_AT_ONCE) throw ValidationError.single('ids', `Mỗi lần chỉ đánh dấu được tối đa ${MAX_MARKED_AT_ONCE} thông báo; hãy chọn ít hơn.`);
  const bad = ids.find((id) => !isUuid(id));
  if (bad !== undefined) throw ValidationError.single('ids', `Mã thông báo «${bad.slice(0, 40)}» không hợp lệ.`);
  if (!account) return [];
  return ctx.transaction(async ({ manager }) => {
    const rows = await queryRows<NotificationRow>(
      manager,
      `WITH marked AS (
         UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE account_id = $1 AND id = ANY($2::uuid[]) AND in_inbox
         RETURNING id, account_id AS "accountId", kind, params, created_at AS "createdAt", read_at AS "readAt"
       ) SELECT * FROM marked ORDER BY "createdAt" DESC, id DESC`,
      [account, ids],
    );
    return rows.map(view);
  });
}

export async function markAllRead(ctx: NotificationContext): Promise<number> {
  const account = ownAccount(ctx);
  if (!account) return 0;
  return ctx.transaction(async ({ manager }) => {
    const [row] = await queryRows<{ count: number }>(
      manager,
      `WITH marked AS (UPDATE notifications SET read_at = now() WHERE account_id = $1 AND in_inbox AND read_at IS NULL RETURNING id)
       SELECT count(*)::int AS count FROM marked`,
      [account],
    );
    return row!.count;
  });
}

/** National admins may have the daily digests sent now (after an outage); each account still gets one a day. */
export async function requestDailyDigest(ctx: NotificationContext): Promise<boolean> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN');
  return ctx.transaction(({ manager }) => makeJobDue(manager, DAILY_DIGEST_JOB));
}

/** National admins may have the deadlines scanned now (after an outage, or to check a change) rather than at the next hour. */
export async function requestDeadlineScan(ctx: NotificationContext): Promise<boolean> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN');
  return ctx.transaction(({ manager }) => makeJobDue(manager, DEADLINE_SCAN_JOB));
}
