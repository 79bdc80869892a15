import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One Prometheus registry per process, served at /metrics. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const metrics = {
  eventsPublished: new Counter({ name: 'thidua_events_published_total', help: 'Outbox events published to Kafka', labelNames: ['type'], registers: [registry] }),
  /** Alert on any increase: an event the broker refused for good waits in outbox_dead_letters for an operator. */
  eventsParked: new Counter({
    name: 'thidua_outbox_events_parked_total',
    help: 'Outbox events the broker refused for good (too large, invalid), moved to outbox_dead_letters',
    labelNames: ['type', 'reason'],
    registers: [registry],
  }),
  /** 1 in the one replica of a service whose outbox relay publishes, 0 in the others (decision 0027). */
  relayLeader: new Gauge({ name: 'thidua_outbox_relay_leader', help: 'Whether this process leads its service\'s outbox relay', registers: [registry] }),
  eventsConsumed: new Counter({
    name: 'thidua_events_consumed_total',
    help: 'Events handled by consumers, by outcome (processed, duplicate, ignored, dead_lettered)',
    labelNames: ['consumer', 'type', 'outcome'],
    registers: [registry],
  }),
  graphqlRequests: new Histogram({
    name: 'thidua_graphql_request_seconds',
    help: 'GraphQL HTTP requests by status',
    labelNames: ['status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  }),
};
