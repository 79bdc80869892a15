import type { EntityManager } from 'typeorm';
import { queryRows } from '@thidua/common';
import type { NotificationKind } from '../domain/kinds';
import { renderNotification, type NotificationParams } from '../domain/texts';

/** The claimed job that sends the daily digests (scheduled_jobs.name). */
export const DAILY_DIGEST_JOB = 'daily-digest';

export interface DigestRun {
  day: string;
  digests: number;
  mailed: number;
  included: number;
}

interface Waiting {
  id: string;
  accountId: string;
  kind: NotificationKind;
  params: Record<string, unknown>;
}

/**
 * One e-mail per account gathering what waited for its digest (the kinds it chose to receive so): a DAILY_DIGEST
 * notification (not shown in the inbox, where each item already is) with its e-mail, one per account and day (dedup
 * key), and the items it carries no longer waiting, all in one statement. What arrives after a day's digest went
 * out waits for the next day's.
 */
export async function sendDailyDigests(manager: EntityManager, day: string): Promise<DigestRun> {
  const waiting = await queryRows<Waiting>(manager,
    `SELECT id, account_id AS "accountId", kind, params FROM notifications WHERE digest_due ORDER BY account_id, created_at, id`);
  const byAccount = new Map<string, Waiting[]>();
  for (const row of waiting) byAccount.set(row.accountId, [...(byAccount.get(row.accountId) ?? []), row]);
  const digests = [...byAccount].map(([accountId, rows]) => ({
    account_id: accountId,
    dedup_key: `DAILY_DIGEST:${accountId}:${day}`,
    params: { day, items: rows.map((row) => renderNotification(row.kind, row.params as unknown as NotificationParams[typeof row.kind])).map(({ title, link }) => ({ title, link })) },
    included: rows.map((row) => row.id),
  }));
  if (digests.length === 0) return { day, digests: 0, mailed: 0, included: 0 };
  const [result] = await queryRows<Omit<DigestRun, 'day'>>(manager,
    `WITH x AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(account_id uuid, dedup_key text, params jsonb, included uuid[])),
     inserted AS (
       INSERT INTO notifications (account_id, kind, dedup_key, params, in_inbox)
       SELECT account_id, 'DAILY_DIGEST', dedup_key, params, false FROM x
       ON CONFLICT (dedup_key) DO NOTHING
       RETURNING id, account_id
     ),
     mailed AS (
       INSERT INTO email_deliveries (notification_id, to_address)
       SELECT i.id, a.email FROM inserted i JOIN account_refs a ON a.id = i.account_id WHERE a.email IS NOT NULL
       RETURNING notification_id
     ),
     cleared AS (
       UPDATE notifications n SET digest_due = false
         FROM x JOIN inserted i ON i.account_id = x.account_id
        WHERE n.id = ANY (x.included)
       RETURNING n.id
     )
     SELECT (SELECT count(*) FROM inserted)::int AS digests, (SELECT count(*) FROM mailed)::int AS mailed, (SELECT count(*) FROM cleared)::int AS included`,
    [JSON.stringify(digests)]);
  return { day, ...result! };
}
