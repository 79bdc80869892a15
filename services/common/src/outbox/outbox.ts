import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ServiceName } from '../config';
import type { EventEnvelope, EventPayloads, EventType } from '../events/contracts';
import { eventsTopic } from '../events/topics';
import { originProblem } from '../events/origin';
import { InvalidEventError, eventSchemas } from '../events/validation';
import { eventCreated } from '../events/tracing';

/** PostgreSQL notification channel on which committed outbox rows wake the relay. */
export const OUTBOX_CHANNEL = 'outbox_appended';

export interface NewEvent<T extends EventType> {
  type: T;
  version?: number;
  aggregateId: string;
  unitPath: string | null;
  payload: EventPayloads[T];
  /** The event that caused this one, when a consumer reacts to an event. */
  causationId?: string | null;
}

/**
 * Writes events into the service's outbox table. Call it with the EntityManager of the transaction that
 * makes the state change: the change and its event commit together or not at all.
 */
export class Outbox {
  constructor(
    private readonly producer: ServiceName,
    private readonly topicPrefix: string,
  ) {}

  async append<T extends EventType>(manager: EntityManager, correlationId: string, event: NewEvent<T>): Promise<EventEnvelope<T>> {
    const envelope: EventEnvelope<T> = {
      id: randomUUID(),
      type: event.type,
      version: event.version ?? 1,
      occurredAt: new Date().toISOString(),
      producer: this.producer,
      aggregateId: event.aggregateId,
      unitPath: event.unitPath,
      correlationId,
      causationId: event.causationId ?? null,
      payload: event.payload,
    };
    // a producer never writes what its consumers would reject: an invalid event, or one of another service's types
    eventSchemas().validate(envelope);
    const problem = originProblem(envelope, this.producer);
    if (problem) throw new InvalidEventError(problem);
    const topic = eventsTopic(this.producer, this.topicPrefix);
    const traceContext = eventCreated(envelope, topic);
    // the notification is delivered at commit (never for a rollback) and wakes the relay of every process
    await manager.query(
      `WITH appended AS (INSERT INTO outbox (event_id, topic, message_key, event_type, envelope, trace_context) VALUES ($1, $2, $3, $4, $5, $6) RETURNING seq)
       SELECT pg_notify('${OUTBOX_CHANNEL}', '') FROM appended`,
      [envelope.id, topic, envelope.aggregateId, envelope.type, JSON.stringify(envelope), traceContext && JSON.stringify(traceContext)],
    );
    return envelope;
  }
}
