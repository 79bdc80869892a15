import { queryRows } from '@thidua/common';
import { ValidationError } from '@thidua/common';
import { KIND_LABELS, defaultChannels, NOTIFICATION_KINDS, isChoosableKind, type Channels, type ChoosableKind, type NotificationKind } from '../domain/kinds';
import type { PreferenceRow } from '../entities';
import type { NotificationContext } from './context';
import { requireOwnAccount } from './inbox';

export interface PreferenceView extends PreferenceRow {
  label: string;
}

function labelled(kind: ChoosableKind, channels: Channels): PreferenceView {
  return { kind, ...channels, label: KIND_LABELS[kind] };
}

/** Every kind with the caller's channels for it (the kind's defaults where it chose nothing). */
export async function myPreferences(ctx: NotificationContext): Promise<PreferenceView[]> {
  const account = requireOwnAccount(ctx);
  const rows = await queryRows<PreferenceRow>(ctx.db, `SELECT kind, inbox, email, digest FROM notification_preferences WHERE account_id = $1`, [account]);
  const chosen = new Map(rows.map((row) => [row.kind, row]));
  return NOTIFICATION_KINDS.map((kind) => {
    const row = chosen.get(kind);
    return labelled(kind, row ? { inbox: row.inbox, email: row.email, digest: row.digest } : defaultChannels(kind));
  });
}

/** The caller chooses the channels of one kind; what was already sent stays as it was. */
export async function setPreference(ctx: NotificationContext, kind: NotificationKind, channels: Channels): Promise<PreferenceView> {
  const account = requireOwnAccount(ctx);
  if (!isChoosableKind(kind)) throw ValidationError.single('kind', 'Thư tổng hợp hằng ngày là cách gửi các loại khác: hãy chọn «gộp vào thư tổng hợp» ở từng loại thông báo.');
  return ctx.transaction(async ({ manager }) => {
    await manager.query(
      `INSERT INTO notification_preferences (account_id, kind, inbox, email, digest) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (account_id, kind) DO UPDATE SET inbox = EXCLUDED.inbox, email = EXCLUDED.email, digest = EXCLUDED.digest, updated_at = now()`,
      [account, kind, channels.inbox, channels.email, channels.digest],
    );
    return labelled(kind, channels);
  });
}
