import { EntitySchema } from 'typeorm';

/** A row of the transactional outbox: an event waiting to be (or already) published to Kafka. */
export interface OutboxEventRow {
  seq: string;
  eventId: string;
  topic: string;
  messageKey: string;
  eventType: string;
  envelope: unknown;
  createdAt: Date;
  publishedAt: Date | null;
  /** W3C trace context headers of the transaction that wrote the row (null when nothing is traced). */
  traceContext: Record<string, string> | null;
}

export const OutboxEventEntity = new EntitySchema<OutboxEventRow>({
  name: 'OutboxEvent',
  tableName: 'outbox',
  columns: {
    seq: { type: 'bigint', primary: true, generated: 'increment' },
    eventId: { name: 'event_id', type: 'uuid', unique: true },
    topic: { type: 'text' },
    messageKey: { name: 'message_key', type: 'text' },
    eventType: { name: 'event_type', type: 'text' },
    envelope: { type: 'jsonb' },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    publishedAt: { name: 'published_at', type: 'timestamptz', nullable: true },
    traceContext: { name: 'trace_context', type: 'jsonb', nullable: true },
  },
});
