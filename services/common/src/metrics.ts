import type { Admin } from 'kafkajs';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One Prometheus registry per process, served at /metrics on the metrics port (never the public one). Names follow
 * Prometheus' conventions: the `thidua_` prefix, base units in the name (`_seconds`), `_total` on counters only.
 * `services/common/grafana/thidua.json` charts them; a test holds it to the names below.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

/** A gauge's reading of one source must not hold the scrape up: past this, that source is left out of this scrape. */
const SCRAPE_SOURCE_TIMEOUT_MS = 2000;

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
  /** From the event's occurredAt (the producing transaction) to its effect's commit: what a reader waits for a change elsewhere. */
  eventDelivery: new Histogram({
    name: 'thidua_event_delivery_seconds',
    help: 'Time from an event being written to its outbox to its effect committed by a consumer',
    labelNames: ['consumer'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
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

function withTimeout<T>(work: Promise<T>): Promise<T> {
  return Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('metric source too slow')), SCRAPE_SOURCE_TIMEOUT_MS).unref())]);
}

/** What an outbox holds unpublished, read at each scrape. */
export interface OutboxBacklog {
  waiting: number;
  /** Age of the oldest unpublished row, 0 when none waits. */
  oldestSeconds: number;
}

const outboxSources = new Map<string, () => Promise<OutboxBacklog>>();
const lagSources = new Map<string, () => Promise<Record<string, number>>>();

let readingOutboxes: Promise<[string, OutboxBacklog | undefined][]> | undefined;

/** Every watched outbox's backlog, read once for the two gauges of one scrape (which collect it side by side). */
function outboxBacklogs(): Promise<[string, OutboxBacklog | undefined][]> {
  readingOutboxes ??= Promise.all([...outboxSources].map(async ([service, read]) => [service, await withTimeout(read()).catch(() => undefined)] as [string, OutboxBacklog | undefined])).finally(() => {
    readingOutboxes = undefined;
  });
  return readingOutboxes;
}

function outboxGauge(name: string, help: string, value: (backlog: OutboxBacklog) => number): Gauge {
  return new Gauge({
    name,
    help,
    labelNames: ['service'],
    registers: [registry],
    async collect() {
      const backlogs = await outboxBacklogs();
      this.reset();
      for (const [service, backlog] of backlogs) if (backlog) this.set({ service }, value(backlog));
    },
  });
}

outboxGauge('thidua_outbox_events_waiting', 'Outbox rows not yet published to Kafka (the relay is behind, or the broker is away)', (b) => b.waiting);
outboxGauge('thidua_outbox_oldest_waiting_seconds', 'Age of the oldest unpublished outbox row (0 when none waits)', (b) => b.oldestSeconds);

new Gauge({
  name: 'thidua_consumer_lag_messages',
  help: "Messages on a group's topics not yet consumed by it (the partitions' end offsets less the group's committed offsets)",
  labelNames: ['group', 'topic'],
  registers: [registry],
  async collect() {
    this.reset();
    await Promise.all(
      [...lagSources].map(async ([group, read]) => {
        const lag = await withTimeout(read()).catch(() => undefined);
        for (const [topic, messages] of Object.entries(lag ?? {})) this.set({ group, topic }, messages);
      }),
    );
  },
});

/** Reports a service's outbox backlog at each scrape, until the returned function is called. */
export function watchOutbox(service: string, read: () => Promise<OutboxBacklog>): () => void {
  outboxSources.set(service, read);
  return () => void outboxSources.delete(service);
}

/** Reports a consumer group's lag at each scrape, until the returned function is called. */
export function watchConsumerLag(admin: Admin, group: string, topics: string[]): () => void {
  lagSources.set(group, async () => {
    // a no-op once connected; the admin client may not have been connected yet (nothing asked for readiness)
    await admin.connect();
    return consumerLag(admin, group, topics);
  });
  return () => void lagSources.delete(group);
}

/**
 * A group's lag per topic: for each partition, its end offset less the group's committed offset (from the
 * partition's first offset still kept when the group has committed none there).
 */
export async function consumerLag(admin: Admin, group: string, topics: string[]): Promise<Record<string, number>> {
  const [committed, ...ends] = await Promise.all([admin.fetchOffsets({ groupId: group, topics }), ...topics.map((topic) => admin.fetchTopicOffsets(topic))]);
  const lag: Record<string, number> = {};
  topics.forEach((topic, index) => {
    const byPartition = new Map((committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    lag[topic] = ends[index]!.reduce((sum, end) => {
      const at = byPartition.get(end.partition) ?? -1;
      return sum + Math.max(0, Number(end.high) - (at >= 0 ? at : Number(end.low)));
    }, 0);
  });
  return lag;
}
