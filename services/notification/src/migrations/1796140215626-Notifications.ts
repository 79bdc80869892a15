import { createScheduledJobsTable, createUnitRefsTable } from '@thidua/common';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification subgraph's tables (issue 19): read models of what it chases (campaigns, enrolments, the periods
 * reported, accounts), the notifications themselves (one per recipient and occasion: `dedup_key` is what makes a
 * deadline notify once however often and wherever it is scanned), each account's channels per kind, the e-mails to
 * send, and the claimed jobs.
 */
export class Notifications1796140215626 implements MigrationInterface {
  name = 'Notifications1796140215626';

  async up(db: QueryRunner): Promise<void> {
    await createUnitRefsTable(db);
    await createScheduledJobsTable(db);
    await db.query(`
      CREATE TABLE campaign_refs (
        id                  uuid PRIMARY KEY,
        title               text NOT NULL,
        launching_unit_path text NOT NULL,
        status              text NOT NULL,
        starts_on           date NOT NULL,
        ends_on             date NOT NULL,
        reporting_cadence   text NOT NULL CHECK (reporting_cadence IN ('WEEKLY','MONTHLY','QUARTERLY','YEARLY'))
      )`);
    await db.query(`
      CREATE TABLE enrollment_refs (
        id          uuid PRIMARY KEY,
        campaign_id uuid NOT NULL,
        unit_id     uuid NOT NULL,
        unit_path   text NOT NULL,
        member_id   uuid
      )`);
    await db.query(`CREATE INDEX enrollment_refs_campaign ON enrollment_refs (campaign_id) WHERE member_id IS NULL`);
    await db.query(`
      CREATE TABLE reported_periods (
        enrollment_id uuid NOT NULL,
        period_start  date NOT NULL,
        PRIMARY KEY (enrollment_id, period_start)
      )`);
    await db.query(`CREATE INDEX reported_periods_period ON reported_periods (period_start)`);
    await db.query(`
      CREATE TABLE account_refs (
        id        uuid PRIMARY KEY,
        username  text NOT NULL,
        full_name text NOT NULL,
        email     text,
        roles     text[] NOT NULL,
        unit_id   uuid,
        unit_path text,
        member_id uuid,
        enabled   boolean NOT NULL
      )`);
    await db.query(`CREATE INDEX account_refs_officers ON account_refs (unit_path) WHERE enabled AND 'UNIT_OFFICER' = ANY (roles)`);
    await db.query(`CREATE INDEX account_refs_unit ON account_refs (unit_id)`);
    await db.query(`
      CREATE TABLE notifications (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL,
        kind       text NOT NULL,
        dedup_key  text NOT NULL UNIQUE,
        params     jsonb NOT NULL,
        unit_path  text,
        in_inbox   boolean NOT NULL,
        -- waiting for the account's daily digest (the account chose it for this kind instead of an e-mail each)
        digest_due boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at    timestamptz
      )`);
    await db.query(`CREATE INDEX notifications_inbox ON notifications (account_id, created_at DESC, id DESC) WHERE in_inbox`);
    await db.query(`CREATE INDEX notifications_digest_due ON notifications (account_id) WHERE digest_due`);
    await db.query(`CREATE INDEX notifications_unread ON notifications (account_id) WHERE in_inbox AND read_at IS NULL`);
    await db.query(`
      CREATE TABLE notification_preferences (
        account_id uuid NOT NULL,
        kind       text NOT NULL,
        inbox      boolean NOT NULL,
        email      boolean NOT NULL,
        digest     boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, kind)
      )`);
    await db.query(`
      CREATE TABLE email_deliveries (
        notification_id uuid PRIMARY KEY REFERENCES notifications (id) ON DELETE CASCADE,
        to_address      text NOT NULL,
        status          text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','SENT','FAILED')),
        attempts        integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error      text,
        sent_at         timestamptz
      )`);
    await db.query(`CREATE INDEX email_deliveries_pending ON email_deliveries (next_attempt_at) WHERE status = 'PENDING'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE email_deliveries, notification_preferences, notifications, account_refs, reported_periods, enrollment_refs, campaign_refs, scheduled_jobs, unit_refs`);
  }
}
