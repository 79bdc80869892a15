import type { Queryable } from '@thidua/common';

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
  const [row] = (await db.query(
    `${withCandidates},
     inserted AS (
       INSERT INTO notifications (account_id, kind, dedup_key, params, unit_path, in_inbox, digest_due)
       SELECT c.account_id, c.kind, c.dedup_key, c.params, c.unit_path, coalesce(np.inbox, true), coalesce(np.email AND np.digest, false)
         FROM candidates c LEFT JOIN notification_preferences np ON np.account_id = c.account_id AND np.kind = c.kind
       ON CONFLICT (dedup_key) DO NOTHING
       RETURNING id, account_id, kind
     ),
     mailed AS (
       INSERT INTO email_deliveries (notification_id, to_address)
       SELECT i.id, a.email
         FROM inserted i JOIN account_refs a ON a.id = i.account_id
         LEFT JOIN notification_preferences np ON np.account_id = i.account_id AND np.kind = i.kind
        WHERE a.email IS NOT NULL AND coalesce(np.email, true) AND NOT coalesce(np.digest, false)
       RETURNING notification_id
     )
     SELECT (SELECT count(*) FROM inserted)::int AS notified, (SELECT count(*) FROM mailed)::int AS mailed, (SELECT count(*) FROM ${counted})::int AS counted`,
    params,
  )) as Delivered[];
  return row!;
}
