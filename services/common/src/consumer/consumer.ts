import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import type { ServiceName } from '../config';
import type { EventEnvelope, EventType } from '../events/contracts';
import type { NewEvent, Outbox } from '../outbox/outbox';
import { originProblem } from '../events/origin';
import { deadLetterTopic } from '../events/topics';
import { InvalidEventError, eventSchemas } from '../events/validation';
import { consuming } from '../events/tracing';
import type { Logger } from '../logger';
import { metrics } from '../metrics';

/**
 * What a handler works with: it changes state only through `manager`, inside the transaction that records the
 * event as processed, and emits follow-up events into the outbox of that same transaction.
 */
export interface HandlerScope {
  manager: EntityManager;
  emit<T extends EventType>(event: NewEvent<T>): Promise<EventEnvelope<T>>;
}
/**
 * Handles one event. A handler may also handle a run of consecutive events of its type at once (`many`), for
 * read models where one statement can apply a hundred changes: it works only through the manager, emits nothing.
 */
export type EventHandler<T extends EventType = EventType> = ((event: EventEnvelope<T>, scope: HandlerScope) => Promise<void>) & {
  many?: (events: EventEnvelope<T>[], manager: EntityManager) => Promise<void>;
};
export type EventHandlers = { [T in EventType]?: EventHandler<T> };

/**
 * A handler that can also apply a run of events in one go (see EventHandler). A new function: `one` may be another
 * batchable handler, whose own `many` must stay as it is (wrapping it would otherwise make it call itself).
 */
export function batchableHandler<T extends EventType>(
  one: (event: EventEnvelope<T>, scope: HandlerScope) => Promise<void>,
  many: (events: EventEnvelope<T>[], manager: EntityManager) => Promise<void>,
): EventHandler<T> {
  return Object.assign((event: EventEnvelope<T>, scope: HandlerScope) => one(event, scope), { many });
}

/** An event on a topic that is not its owner's, or claiming a producer other than the topic's owner (see `originProblem`). */
export class UnexpectedOriginError extends Error {
  constructor(
    message: string,
    readonly eventType: string,
  ) {
    super(message);
    this.name = 'UnexpectedOrigin';
  }
}

/** Thrown by a handler for an event that can never succeed (it goes to the dead-letter topic at once). */
export class PoisonEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoisonEventError';
  }
}

export interface ConsumerOptions {
  groupId: string;
  /** Each topic read, with the one service whose events it carries (only that service may write it). */
  topics: Record<string, ServiceName>;
  handlers: EventHandlers;
  /** Where handlers' follow-up events go (with the handled event as their cause). */
  outbox: Outbox;
  /** Called after a handler's transaction committed (the service nudges its outbox relay). */
  onCommitted?: () => void;
  maxAttempts?: number;
  initialBackoffMs?: number;
  fromBeginning?: boolean;
}

export interface DeadLetterHeaders {
  'x-error': string;
  'x-error-class': string;
  'x-original-topic': string;
  'x-original-partition': string;
  'x-original-offset': string;
  'x-consumer-group': string;
  'x-failed-at': string;
}

type Outcome = 'processed' | 'duplicate' | 'ignored';

/**
 * Consumes events so that each has its effect once: the handler's changes and the processed-events row
 * commit in one transaction, so a redelivered event is recognised and skipped. Failing handlers are retried
 * with exponential backoff; events that are invalid, on a topic other than their owner's (or naming another
 * producer), poison or still failing after the last attempt go to the group's dead-letter topic with the error
 * attached, and consumption goes on. When the database itself is
 * unreachable nothing is dead-lettered: the message is not committed and Kafka redelivers it.
 */
const PARTITIONS_IN_PARALLEL = 6;
/** Events of one partition handled in one transaction. */
const CHUNK_SIZE = 100;

export class IdempotentConsumer {
  private readonly consumer: Consumer;
  private readonly maxAttempts: number;
  private readonly initialBackoffMs: number;
  private stopped = false;

  constructor(
    kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly deadLetterProducer: Producer,
    private readonly logger: Logger,
    private readonly options: ConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: 15000,
      heartbeatInterval: 1000,
      allowAutoTopicCreation: false,
      // kafkajs restarts a crashed consumer on a timer; once we stop, a crash racing the stop must not revive it
      retry: { initialRetryTime: 200, retries: 5, maxRetryTime: 3000, restartOnFailure: async () => !this.stopped },
    });
    this.maxAttempts = options.maxAttempts ?? 5;
    this.initialBackoffMs = options.initialBackoffMs ?? 200;
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: Object.keys(this.options.topics), fromBeginning: this.options.fromBeginning ?? true });
    // partitions in parallel (each topic has 3): order is kept where it matters, per aggregate within a partition
    await this.consumer.run({ partitionsConsumedConcurrently: PARTITIONS_IN_PARALLEL, eachBatchAutoResolve: false, eachBatch: (payload) => this.onBatch(payload) });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.consumer.disconnect();
  }

  /**
   * Up to CHUNK_SIZE events of a partition in one transaction (one commit, one fsync, instead of one per event).
   * When anything in a chunk fails or cannot be read, the chunk is rolled back and its events go one by one through
   * the careful path: retries with backoff, then the dead-letter topic.
   */
  private async onBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    for (let start = 0; start < batch.messages.length; start += CHUNK_SIZE) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(start, start + CHUNK_SIZE);
      const result = chunk.length === 1 ? { handled: false } : await consuming(this.options.groupId, batch.topic, chunk, 'batch', () => this.handleChunk(batch.topic, chunk));
      if (!result.handled) {
        // the event that failed in the chunk has had its first attempt already
        for (const [index, message] of chunk.entries()) {
          await consuming(this.options.groupId, batch.topic, [message], eventTypeOf(message), () => this.onMessage(batch.topic, batch.partition, message, index === result.failedAt ? 2 : 1));
        }
      }
      resolveOffset(chunk[chunk.length - 1]!.offset);
      await heartbeat();
    }
  }

  /** Handles every event of the chunk in one transaction; else says which event failed, if one did. */
  private async handleChunk(topic: string, messages: KafkaMessage[]): Promise<{ handled: boolean; failedAt?: number }> {
    let events: EventEnvelope[];
    try {
      events = messages.map((message) => this.accept(topic, message));
    } catch {
      return { handled: false };
    }
    let failedAt: number | undefined;
    try {
      const outcomes = await this.dataSource.transaction(async (manager) => {
        const fresh = await this.markProcessed(manager, events.filter((event) => this.options.handlers[event.type]));
        const results: { type: string; outcome: Outcome }[] = [];
        for (let index = 0; index < events.length; ) {
          const event = events[index]!;
          const handler = this.options.handlers[event.type] as EventHandler | undefined;
          if (!handler || !fresh.delete(event.id)) {
            results.push({ type: event.type, outcome: handler ? 'duplicate' : 'ignored' });
            index++;
            continue;
          }
          const run = [event];
          while (handler.many && events[index + run.length]?.type === event.type && fresh.delete(events[index + run.length]!.id)) run.push(events[index + run.length]!);
          // a failing run charges no event an attempt: each gets its full share one by one
          failedAt = run.length === 1 ? index : undefined;
          if (run.length === 1) await this.runHandler(manager, event, handler);
          else await handler.many!(run, manager);
          for (const handled of run) results.push({ type: handled.type, outcome: 'processed' });
          index += run.length;
        }
        return results;
      });
      for (const { type, outcome } of outcomes) metrics.eventsConsumed.inc({ consumer: this.options.groupId, type, outcome });
      for (const [index, { outcome }] of outcomes.entries()) if (outcome === 'processed') this.delivered(events[index]!);
      if (outcomes.some((o) => o.outcome === 'processed')) this.options.onCommitted?.();
      return { handled: true };
    } catch (error) {
      if (isDatabaseUnavailable(error as Error)) throw error;
      return failedAt === undefined ? { handled: false } : { handled: false, failedAt };
    }
  }

  /** Records a chunk's events as processed in one statement; returns the ids not processed before (each once). */
  private async markProcessed(manager: EntityManager, events: EventEnvelope[]): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const inserted = (await manager.query(
      `INSERT INTO processed_events (consumer, event_id, event_type) SELECT $1, * FROM unnest($2::uuid[], $3::text[])
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.options.groupId, events.map((e) => e.id), events.map((e) => e.type)],
    )) as { event_id: string }[];
    return new Set(inserted.map((row) => row.event_id));
  }

  /** The message's event, valid and from the topic's own service; throws what sends it to the dead-letter topic. */
  private accept(topic: string, message: KafkaMessage): EventEnvelope {
    const event = eventSchemas().parse(message.value);
    const topicOwner = this.options.topics[topic];
    const problem = topicOwner === undefined ? `Topic ${topic} không nằm trong danh sách nguồn của nhóm ${this.options.groupId}` : originProblem(event, topicOwner);
    if (problem) throw new UnexpectedOriginError(problem, event.type);
    return event;
  }

  private async onMessage(topic: string, partition: number, message: KafkaMessage, firstAttempt = 1): Promise<void> {
    let event: EventEnvelope;
    try {
      event = this.accept(topic, message);
    } catch (error) {
      const type = error instanceof UnexpectedOriginError ? error.eventType : 'unknown';
      this.logger.warn({ topic, offset: message.offset, err: error }, 'event refused; sending to dead-letter topic');
      await this.deadLetter(topic, partition, message.offset, message.key, message.value, error as Error, type);
      return;
    }
    const handler = this.options.handlers[event.type] as EventHandler | undefined;
    if (!handler) {
      metrics.eventsConsumed.inc({ consumer: this.options.groupId, type: event.type, outcome: 'ignored' });
      return;
    }
    const log = this.logger.child({ correlationId: event.correlationId, eventId: event.id, eventType: event.type });
    for (let attempt = firstAttempt; ; attempt++) {
      try {
        const outcome = await this.handleOnce(event, handler);
        metrics.eventsConsumed.inc({ consumer: this.options.groupId, type: event.type, outcome });
        if (outcome === 'processed') this.delivered(event);
        log.debug({ outcome }, 'event handled');
        return;
      } catch (error) {
        const err = error as Error;
        if (isDatabaseUnavailable(err)) {
          log.warn({ err }, 'database unavailable; event will be redelivered');
          throw err;
        }
        if (err instanceof PoisonEventError || attempt >= this.maxAttempts) {
          log.error({ err, attempt }, 'event handler failed; sending to dead-letter topic');
          await this.deadLetter(topic, partition, message.offset, message.key, message.value, err, event.type);
          return;
        }
        const delay = this.initialBackoffMs * 2 ** (attempt - 1);
        log.warn({ err, attempt, retryInMs: delay }, 'event handler failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /** How long the event took from its producer's transaction to this effect's commit. */
  private delivered(event: EventEnvelope): void {
    const seconds = (Date.now() - Date.parse(event.occurredAt)) / 1000;
    if (Number.isFinite(seconds)) metrics.eventDelivery.observe({ consumer: this.options.groupId }, Math.max(0, seconds));
  }

  private handleOnce(event: EventEnvelope, handler: EventHandler): Promise<Outcome> {
    return this.dataSource.transaction((manager) => this.handleIn(manager, event, handler)).then((outcome) => {
      if (outcome === 'processed') this.options.onCommitted?.();
      return outcome;
    });
  }

  /** Marks the event processed and runs its handler, in the caller's transaction; a duplicate is skipped. */
  private async handleIn(manager: EntityManager, event: EventEnvelope, handler: EventHandler): Promise<Outcome> {
    const inserted = (await manager.query(
      `INSERT INTO processed_events (consumer, event_id, event_type) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.options.groupId, event.id, event.type],
    )) as unknown[];
    if (inserted.length === 0) return 'duplicate';
    await this.runHandler(manager, event, handler);
    return 'processed';
  }

  private runHandler(manager: EntityManager, event: EventEnvelope, handler: EventHandler): Promise<void> {
    return handler(event, {
      manager,
      emit: <T extends EventType>(next: NewEvent<T>) => this.options.outbox.append(manager, event.correlationId, { ...next, causationId: next.causationId ?? event.id }),
    });
  }

  private async deadLetter(
    topic: string,
    partition: number,
    offset: string,
    key: Buffer | null,
    value: Buffer | null,
    error: Error,
    eventType: string,
  ): Promise<void> {
    const headers: DeadLetterHeaders = {
      'x-error': error.message.slice(0, 4000),
      'x-error-class': error instanceof InvalidEventError ? 'InvalidEvent' : error.name,
      'x-original-topic': topic,
      'x-original-partition': String(partition),
      'x-original-offset': offset,
      'x-consumer-group': this.options.groupId,
      'x-failed-at': new Date().toISOString(),
    };
    await this.deadLetterProducer.send({
      topic: deadLetterTopic(this.options.groupId),
      acks: -1,
      messages: [{ key, value, headers: { ...headers } }],
    });
    metrics.eventsConsumed.inc({ consumer: this.options.groupId, type: eventType, outcome: 'dead_lettered' });
  }
}

/** The type the relay wrote in the message's header, for naming its span before the envelope is read. */
function eventTypeOf(message: KafkaMessage): string {
  const header = message.headers?.['event-type'];
  return Buffer.isBuffer(header) ? header.toString('utf8') : typeof header === 'string' ? header : 'event';
}

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006']);

/** Errors that say the database is down rather than that the event is bad (pg sometimes throws plain objects). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) return true;
  // graphql-js turns a thrown non-Error (or an Error of another realm) into "Unexpected error value: { code: … }"
  return typeof message === 'string' && /Connection terminated|ECONNREFUSED|ECONNRESET|timeout exceeded when trying to connect/i.test(message);
}
