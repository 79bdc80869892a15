import { EntitySchema } from 'typeorm';

/** Marks an event as handled by one consumer, in the same transaction as the handler's effect. */
export interface ProcessedEventRow {
  consumer: string;
  eventId: string;
  eventType: string;
  processedAt: Date;
}

export const ProcessedEventEntity = new EntitySchema<ProcessedEventRow>({
  name: 'ProcessedEvent',
  tableName: 'processed_events',
  columns: {
    consumer: { type: 'text', primary: true },
    eventId: { name: 'event_id', type: 'uuid', primary: true },
    eventType: { name: 'event_type', type: 'text' },
    processedAt: { name: 'processed_at', type: 'timestamptz', createDate: true },
  },
});
