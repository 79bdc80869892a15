import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox rows the broker refused for good (too large, invalid), moved here by the relay with the broker's answer,
 * so that one such event no longer stops every later one (issue 13, item 5). Kept for an operator to read and fix:
 * nothing deletes them.
 */
export class OutboxDeadLetters1732500060000 implements MigrationInterface {
  name = 'OutboxDeadLetters1732500060000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE outbox_dead_letters (
        seq         bigint PRIMARY KEY,
        event_id    uuid NOT NULL UNIQUE,
        topic       text NOT NULL,
        message_key text NOT NULL,
        event_type  text NOT NULL,
        envelope    jsonb NOT NULL,
        size_bytes  int NOT NULL,
        error_type  text NOT NULL,
        error       text NOT NULL,
        created_at  timestamptz NOT NULL,
        parked_at   timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE outbox_dead_letters`);
  }
}
