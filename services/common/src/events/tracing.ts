import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace, type Context, type Link, type Span } from '@opentelemetry/api';
import type { KafkaMessage } from 'kafkajs';
import type { EventEnvelope } from './contracts';

/**
 * Traces across Kafka (decision 0028): an event is "created" in the span of the transaction that writes it to the
 * outbox, whose context is kept with the row and travels in the message's `traceparent`/`tracestate` headers; the
 * consumer's span continues that trace. While the process traces nothing every call here is the API's no-op.
 */
const tracer = trace.getTracer('thidua-events');

/** W3C trace context headers, as kept in `outbox.trace_context` and sent with the Kafka message. */
export type TraceHeaders = Record<string, string>;

/**
 * A producer span for an event appended in the current context (a mutation's transaction, a consumer's handler),
 * ended at once; returns the headers that carry it, or null when nothing is being traced.
 */
export function eventCreated(event: EventEnvelope, topic: string): TraceHeaders | null {
  if (!trace.getSpan(context.active())?.isRecording()) return null;
  const span = tracer.startSpan(`create ${event.type}`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'create',
      'messaging.destination.name': topic,
      'messaging.message.id': event.id,
      'messaging.kafka.message.key': event.aggregateId,
      'thidua.event.type': event.type,
      'thidua.correlation_id': event.correlationId,
    },
  });
  const headers: TraceHeaders = {};
  propagation.inject(trace.setSpan(context.active(), span), headers);
  span.end();
  return Object.keys(headers).length > 0 ? headers : null;
}

/** The producer's context a message carries (its trace headers), or none. */
function producerContext(message: KafkaMessage): Context | undefined {
  const headers: TraceHeaders = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (name === 'traceparent' || name === 'tracestate') headers[name] = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  }
  if (!headers.traceparent) return undefined;
  const extracted = propagation.extract(ROOT_CONTEXT, headers);
  return trace.getSpanContext(extracted) ? extracted : undefined;
}

/**
 * Runs a consumer's work on some messages of a topic in a CONSUMER span: a child of the first message's producer
 * (one mutation's events usually come together, so its trace covers their effects), linked to every producer.
 */
export async function consuming<T>(group: string, topic: string, messages: KafkaMessage[], eventType: string, work: () => Promise<T>): Promise<T> {
  const producers = messages.map(producerContext);
  const parent = producers.find((c) => c !== undefined);
  const links: Link[] = producers.flatMap((c) => {
    const spanContext = c && trace.getSpanContext(c);
    return spanContext ? [{ context: spanContext }] : [];
  });
  return tracer.startActiveSpan(
    `process ${eventType}`,
    {
      kind: SpanKind.CONSUMER,
      links,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': topic,
        'messaging.consumer.group.name': group,
        'messaging.batch.message_count': messages.length,
        ...(messages.length === 1 && messages[0] ? { 'messaging.kafka.offset': Number(messages[0].offset) } : {}),
      },
    },
    parent ?? ROOT_CONTEXT,
    async (span: Span) => {
      try {
        return await work();
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
