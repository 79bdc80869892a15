/**
 * Row shapes of the notification tables (see migrations/). The subgraph reads and writes them with plain SQL: the
 * deadline scan is set-based, and every insert of a notification goes through one statement (application/deliver.ts).
 */
import type { ChoosableKind, NotificationKind } from '../domain/kinds';

export interface NotificationRow {
  id: string;
  accountId: string;
  kind: NotificationKind;
  params: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

export const NOTIFICATION_SELECT = `SELECT id, account_id AS "accountId", kind, params, created_at AS "createdAt", read_at AS "readAt" FROM notifications`;

export interface PreferenceRow {
  kind: ChoosableKind;
  inbox: boolean;
  email: boolean;
  digest: boolean;
}

/** An e-mail waiting to go out, with what it says. */
export interface PendingEmailRow {
  notificationId: string;
  toAddress: string;
  attempts: number;
  kind: NotificationKind;
  params: Record<string, unknown>;
}
