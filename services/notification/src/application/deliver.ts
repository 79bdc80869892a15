import type { Queryable } from '@thidua/common';
import { NOTIFICATION_KINDS, defaultChannels } from '../domain/kinds';

/** Each kind's channels for the accounts that chose none, as the statement below reads them. */
const KIND_DEFAULTS = JSON.stringify(NOTIFICATION_KINDS.map((kind) => ({ kind, ...defaultChannels(kind) })));

/** What one run of notifying did: notifications made (new ones only) and e-mails queued. */
export interface Delivered {
  notified: number;
  mailed: number;
  /** Rows of the caller's CTE named `counted` (what was found due), when one is named. */
  counted: number;
}

/**
 * Makes the notifications that `candidates` (a CTE with account_id, kind, dedup_key, params, unit_path, defined by
 * the caller's `withCandidates`) names, in one statement: a dedup key already there is left alone, so a deadline
 * scanned again, or by another replica, notifies nobody twice; each account's channels decide whether the
 * notification shows in its inbox and whether an e-mail is queued now or the notification waits for the daily digest.
 */
export async function deliver(db: Queryable, withCandidates: string, params: unknown[], counted = 'candidates'): Promise<Delivered> {
  const defaults = `$${params.length + 1}::jsonb`;
  const [row] = (await db.query(
    `${withCandidates},
     kind_defaults AS (SELECT * FROM jsonb_to_recordset(${defaults}) AS d(kind text, inbox boolean, email boolean, digest boolean)),
     chosen AS (
       -- one candidate per key: the same occasion found twice in one run (an account placed at two levels) notifies once
       SELECT DISTINCT ON (c.dedup_key) c.*, coalesce(np.inbox, d.inbox) AS inbox, coalesce(np.email, d.email) AS email, coalesce(np.digest, d.digest) AS digest
         FROM candidates c JOIN kind_defaults d ON d.kind = c.kind
         LEFT JOIN notification_preferences np ON np.account_id = c.account_id AND np.kind = c.kind
        -- what was notified already is left out before the insert: an hourly scan finds the same deadlines again
        WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.dedup_key = c.dedup_key)
     ),
     inserted AS (
       INSERT INTO notifications (account_id, kind, dedup_key, params, unit_path, in_inbox, digest_due)
       SELECT account_id, kind, dedup_key, params, unit_path, inbox, email AND digest FROM chosen
       ON CONFLICT (dedup_key) DO NOTHING
       RETURNING id, account_id, dedup_key
     ),
     mailed AS (
       INSERT INTO email_deliveries (notification_id, to_address)
       SELECT i.id, a.email
         FROM inserted i JOIN chosen c ON c.dedup_key = i.dedup_key JOIN account_refs a ON a.id = i.account_id
        WHERE a.email IS NOT NULL AND c.email AND NOT c.digest
       RETURNING notification_id
     )
     SELECT (SELECT count(*) FROM inserted)::int AS notified, (SELECT count(*) FROM mailed)::int AS mailed, (SELECT count(*) FROM ${counted})::int AS counted`,
    [...params, KIND_DEFAULTS],
  )) as Delivered[];
  return row!;
}
