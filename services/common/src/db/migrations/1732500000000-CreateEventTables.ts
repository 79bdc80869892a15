import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The kit's tables in every service database: the transactional outbox and the consumers' processed events. */
export class CreateEventTables1732500000000 implements MigrationInterface {
  name = 'CreateEventTables1732500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE outbox (
        seq          bigserial PRIMARY KEY,
        event_id     uuid NOT NULL UNIQUE,
        topic        text NOT NULL,
        message_key  text NOT NULL,
        event_type   text NOT NULL,
        envelope     jsonb NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    // the relay reads only unpublished rows, in order
    await db.query(`CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL`);
    await db.query(`
      CREATE TABLE processed_events (
        consumer     text NOT NULL,
        event_id     uuid NOT NULL,
        event_type   text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE processed_events`);
    await db.query(`DROP TABLE outbox`);
  }
}
