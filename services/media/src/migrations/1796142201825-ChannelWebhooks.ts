import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * News channels' webhooks (issue 19): a channel's HTTPS endpoint with the secret its deliveries are signed with, and
 * the deliveries themselves, made in the transaction that publishes or retracts a story (the webhooks' outbox), so
 * none is lost and none is made twice (one per channel and event).
 */
export class ChannelWebhooks1796142201825 implements MigrationInterface {
  name = 'ChannelWebhooks1796142201825';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE channel_webhooks (
        channel_id uuid PRIMARY KEY REFERENCES news_channels (id) ON DELETE CASCADE,
        url        text NOT NULL CHECK (url LIKE 'https://%'),
        secret     text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE webhook_deliveries (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel_id      uuid NOT NULL REFERENCES news_channels (id) ON DELETE CASCADE,
        event_id        uuid NOT NULL,
        event_type      text NOT NULL,
        story_id        uuid NOT NULL,
        payload         jsonb NOT NULL,
        status          text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','DELIVERED','FAILED')),
        attempts        integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_status     integer,
        last_error      text,
        delivered_at    timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        UNIQUE (channel_id, event_id)
      )`);
    await db.query(`CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING'`);
    await db.query(`CREATE INDEX webhook_deliveries_channel ON webhook_deliveries (channel_id, created_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE webhook_deliveries, channel_webhooks`);
  }
}
