import type { Producer, TopicMessages } from 'kafkajs';
import pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../logger';
import { metrics, type OutboxBacklog } from '../metrics';
import { OUTBOX_CHANNEL } from './outbox';

export interface RelayOptions {
  batchSize: number;
  /** How long the relay sleeps when the outbox is empty and no commit wakes it (a missed notification's bound). */
  idleMs: number;
  maxBackoffMs: number;
  /** Published rows older than this are deleted. */
  retentionHours: number;
}

/** The listening connection's name in pg_stat_activity. */
export const LISTENER_NAME = 'thidua-outbox-listener';

const DEFAULTS: RelayOptions = { batchSize: 200, idleMs: 1000, maxBackoffMs: 5000, retentionHours: 24 * 7 };

interface PendingRow {
  seq: string;
  topic: string;
  message_key: string;
  event_type: string;
  envelope: string;
  /** The producing transaction's trace headers (see events/tracing.ts), or null. */
  trace_context: Record<string, string> | null;
}

/**
 * The broker's answers that no retry changes: the message itself is refused (too large for the topic, a record the
 * broker will not take). Anything else (broker down, not leader, not authorised) may pass later and is retried.
 */
const REFUSED_FOR_GOOD = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD', 'INVALID_TIMESTAMP']);

/** The refusal's type when the broker refused the message for good (kafkajs wraps it in `cause`), else null. */
export function refusalForGood(error: unknown): string | null {
  for (let current: unknown = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const type = (current as { type?: unknown }).type;
    if (typeof type === 'string' && REFUSED_FOR_GOOD.has(type)) return type;
  }
  return null;
}

/**
 * Publishes outbox rows to Kafka in commit order and marks them published. At-least-once: a crash between
 * the send and the mark re-sends the batch, which idempotent consumers absorb. While the broker is down
 * the rows simply wait; the relay retries with exponential backoff. A row the broker refuses for good is parked in
 * `outbox_dead_letters` with the broker's answer (and counted in `thidua_outbox_events_parked_total`), and the
 * rows after it go on: later events of the same aggregate are published too, in their order (decision 0024).
 */
export class OutboxRelay {
  private readonly options: RelayOptions;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** A nudge that came while the relay was publishing: the next sleep is skipped, so no commit waits for a poll. */
  private nudged = false;
  private listener: pg.Client | undefined;
  private relisten: NodeJS.Timeout | undefined;
  private connected = false;
  private lastCleanup = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: Producer,
    private readonly logger: Logger,
    options: Partial<RelayOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Starts publishing; resolves once the relay listens for commits (it publishes by polling meanwhile). */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
    await this.listen();
  }

  /** Wakes the relay now; commits in any process do it through the outbox's notification. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  /** Stops polling after one last attempt to drain what is pending. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.nudge();
    await this.loop;
    clearTimeout(this.relisten);
    await this.listener?.end().catch(() => undefined);
    try {
      if (this.connected) await this.drain();
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox not fully drained at shutdown; rows stay for the next start');
    }
  }

  /** Publishes until the outbox is empty; returns how many events went out. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.publishBatch();
      total += sent;
      if (sent < this.options.batchSize) return total;
    }
  }

  async pendingCount(): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`)) as { n: number }[];
    return row?.n ?? 0;
  }

  /** What waits unpublished (the outbox_unpublished index answers it), for the thidua_outbox_* gauges. */
  async backlog(): Promise<OutboxBacklog> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS waiting, COALESCE(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest FROM outbox WHERE published_at IS NULL`,
    )) as { waiting: number; oldest: number }[];
    return { waiting: row?.waiting ?? 0, oldestSeconds: row?.oldest ?? 0 };
  }

  /**
   * Listens for the outbox's commit notifications on a connection of its own. Without it (or while it is
   * reconnecting) the relay still publishes everything, at the next idle poll.
   */
  private async listen(): Promise<void> {
    if (!this.running) return;
    const { url } = this.dataSource.options as { url?: string };
    const client = new pg.Client({ connectionString: url, application_name: LISTENER_NAME });
    client.on('notification', () => this.nudge());
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'outbox notifications lost; relying on polling until reconnected');
      this.listener = undefined;
      this.listenLater();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (!this.running) return void (await client.end());
      this.listener = client;
    } catch (error) {
      this.logger.warn({ err: error }, 'cannot listen for outbox notifications; relying on polling');
      await client.end().catch(() => undefined);
      this.listenLater();
    }
  }

  /** Tries listening again after a pause, unless the relay stops first (stop() cancels the attempt). */
  private listenLater(): void {
    if (!this.running) return;
    clearTimeout(this.relisten);
    this.relisten = setTimeout(() => void this.listen(), this.options.maxBackoffMs).unref();
  }

  private async run(): Promise<void> {
    let backoff = 0;
    while (this.running) {
      try {
        this.nudged = false;
        const sent = await this.drain();
        if (sent > 0) this.logger.debug({ sent }, 'outbox events published');
        backoff = 0;
        await this.cleanupPublished();
        await this.sleep(this.options.idleMs, { unlessNudged: true });
      } catch (error) {
        this.connected = false;
        backoff = Math.min(this.options.maxBackoffMs, backoff === 0 ? 200 : backoff * 2);
        this.logger.warn({ err: error, retryInMs: backoff }, 'outbox relay cannot publish; will retry');
        await this.sleep(backoff);
      }
    }
  }

  private async publishBatch(): Promise<number> {
    if (!this.connected) {
      await this.producer.connect();
      this.connected = true;
    }
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT seq, topic, message_key, event_type, envelope::text AS envelope, trace_context
           FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize],
      )) as PendingRow[];
      if (rows.length === 0) return 0;
      let published = rows;
      try {
        await this.producer.sendBatch({ acks: -1, topicMessages: groupByTopic(rows) });
      } catch (error) {
        if (!refusalForGood(error)) throw error;
        // some message of the batch (or the batch as a whole, once too large) was refused: one by one tells which
        published = await this.publishOneByOne(manager, rows);
      }
      await manager.query(`UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])`, [published.map((r) => r.seq)]);
      for (const row of published) metrics.eventsPublished.inc({ type: row.event_type });
      return rows.length;
    });
  }

  /** Sends the rows one at a time, in order, parking those refused for good; returns the ones published. */
  private async publishOneByOne(manager: EntityManager, rows: PendingRow[]): Promise<PendingRow[]> {
    const published: PendingRow[] = [];
    for (const row of rows) {
      try {
        await this.producer.sendBatch({ acks: -1, topicMessages: groupByTopic([row]) });
        published.push(row);
      } catch (error) {
        const reason = refusalForGood(error);
        if (!reason) throw error;
        await this.park(manager, row, reason, error instanceof Error ? error.message : String(error));
      }
    }
    return published;
  }

  private async park(manager: EntityManager, row: PendingRow, reason: string, message: string): Promise<void> {
    await manager.query(
      `WITH parked AS (DELETE FROM outbox WHERE seq = $1 RETURNING *)
       INSERT INTO outbox_dead_letters (seq, event_id, topic, message_key, event_type, envelope, size_bytes, error_type, error, created_at)
       SELECT seq, event_id, topic, message_key, event_type, envelope, octet_length(envelope::text), $2, $3, created_at FROM parked`,
      [row.seq, reason, message],
    );
    metrics.eventsParked.inc({ type: row.event_type, reason });
    this.logger.error({ seq: row.seq, eventType: row.event_type, topic: row.topic, key: row.message_key, reason, error: message },
      'the broker refused an outbox event for good; it is parked in outbox_dead_letters and the events after it go on');
  }

  private async cleanupPublished(): Promise<void> {
    if (Date.now() - this.lastCleanup < 3600_000) return;
    this.lastCleanup = Date.now();
    await this.dataSource.query(`DELETE FROM outbox WHERE published_at < now() - make_interval(hours => $1)`, [this.options.retentionHours]);
  }

  private sleep(ms: number, { unlessNudged = false } = {}): Promise<void> {
    if (unlessNudged && this.nudged && this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

function groupByTopic(rows: PendingRow[]): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages>();
  for (const row of rows) {
    let group = byTopic.get(row.topic);
    if (!group) {
      group = { topic: row.topic, messages: [] };
      byTopic.set(row.topic, group);
    }
    group.messages.push({ key: row.message_key, value: row.envelope, headers: { ...row.trace_context, 'event-type': row.event_type } });
  }
  return [...byTopic.values()];
}
