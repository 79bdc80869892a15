import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trace an outbox row was written in (W3C `traceparent`/`tracestate`, as JSON), which the relay sends as the
 * Kafka message's headers so that the consumer's work joins the producing mutation's trace (decision 0028). Null
 * when the process traces nothing (no OTEL_EXPORTER_OTLP_ENDPOINT).
 */
export class OutboxTraceContext1796140312525 implements MigrationInterface {
  name = 'OutboxTraceContext1796140312525';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE outbox ADD COLUMN trace_context jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE outbox DROP COLUMN trace_context`);
  }
}
