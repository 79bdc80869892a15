import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The platform's audit log of mutations, fed by every subgraph's MutationAudited events. */
export class AuditLog1732500120000 implements MigrationInterface {
  name = 'AuditLog1732500120000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_log (
        event_id       uuid PRIMARY KEY,
        service        text NOT NULL,
        operation_name text,
        fields         text[] NOT NULL,
        variables      text NOT NULL,
        subject        text NOT NULL,
        roles          text[] NOT NULL,
        unit_path      text,
        outcome        text NOT NULL,
        correlation_id text NOT NULL,
        at             timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX audit_log_at ON audit_log (at DESC, event_id DESC)`);
    await db.query(`CREATE INDEX audit_log_subject ON audit_log (subject, at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_log`);
  }
}
