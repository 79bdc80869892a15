import { queryRows } from '@thidua/common';
import { DEFAULT_CHANNELS, KIND_LABELS, NOTIFICATION_KINDS, type Channels, type NotificationKind } from '../domain/kinds';
import type { PreferenceRow } from '../entities';
import type { NotificationContext } from './context';
import { requireOwnAccount } from './inbox';

export interface PreferenceView extends PreferenceRow {
  label: string;
}

/** Every kind with the caller's channels for it (the defaults where it chose nothing). */
export async function myPreferences(ctx: NotificationContext): Promise<PreferenceView[]> {
  const account = requireOwnAccount(ctx);
  const rows = await queryRows<PreferenceRow>(ctx.db, `SELECT kind, inbox, email FROM notification_preferences WHERE account_id = $1`, [account]);
  const chosen = new Map(rows.map((row) => [row.kind, row]));
  return NOTIFICATION_KINDS.map((kind) => ({ ...DEFAULT_CHANNELS, ...chosen.get(kind), kind, label: KIND_LABELS[kind] }));
}

/** The caller chooses the channels of one kind; what was already sent stays as it was. */
export async function setPreference(ctx: NotificationContext, kind: NotificationKind, channels: Channels): Promise<PreferenceView> {
  const account = requireOwnAccount(ctx);
  return ctx.transaction(async ({ manager }) => {
    await manager.query(
      `INSERT INTO notification_preferences (account_id, kind, inbox, email) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account_id, kind) DO UPDATE SET inbox = EXCLUDED.inbox, email = EXCLUDED.email, updated_at = now()`,
      [account, kind, channels.inbox, channels.email],
    );
    return { kind, ...channels, label: KIND_LABELS[kind] };
  });
}
