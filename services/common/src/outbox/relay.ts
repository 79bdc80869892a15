import type { Producer, TopicMessages } from 'kafkajs';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import { metrics, type OutboxBacklog } from '../metrics';
import { RelayLeadership } from './leadership';
import { OUTBOX_CHANNEL } from './outbox';

export interface RelayOptions {
  batchSize: number;
  /** How long the relay sleeps when the outbox is empty and no commit wakes it (a missed notification's bound). */
  idleMs: number;
  maxBackoffMs: number;
  /** Published rows older than this are deleted. */
  retentionHours: number;
  /** How often a relay that does not lead tries to take the lead (the bound on a takeover after the leader died). */
  leadershipRetryMs: number;
}

/** The listening connection's name in pg_stat_activity. */
export const LISTENER_NAME = 'thidua-outbox-listener';

const DEFAULTS: RelayOptions = { batchSize: 200, idleMs: 1000, maxBackoffMs: 5000, retentionHours: 24 * 7, leadershipRetryMs: 1000 };

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
 *
 * Every replica of a service runs a relay, but only the one holding the service database's advisory lock publishes
 * (RelayLeadership, decision 0027): one publisher keeps each aggregate's events in their order, and the others try
 * to take the lead every `leadershipRetryMs`, so one takes over within about a second when the leader dies.
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
  private readonly leadership: RelayLeadership;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: Producer,
    private readonly logger: Logger,
    options: Partial<RelayOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.leadership = new RelayLeadership((dataSource.options as { url?: string }).url, logger, this.options.leadershipRetryMs);
  }

  /** Whether this relay holds the lead (publishes) now. */
  get isLeader(): boolean {
    return this.leadership.isLeader;
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
    await this.leadership.release();
    metrics.relayLeader.set(0);
  }

  /** Publishes until the outbox is empty (nothing while another relay leads); returns how many events went out. */
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
        if (!(await this.leadership.connection())) {
          metrics.relayLeader.set(0);
          // the leader publishes what this replica commits too: only its death (or stop) matters here
          await this.sleep(this.options.leadershipRetryMs, { ignoreNudges: true });
          continue;
        }
        metrics.relayLeader.set(1);
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
    const session = await this.leadership.connection();
    if (!session) return 0;
    if (!this.connected) {
      await this.producer.connect();
      this.connected = true;
    }
    // the batch runs on the leader's own session: were that session to end, the batch's marks die with the lock
    await this.onSession(() => session.query('BEGIN'));
    try {
      const { rows } = await session.query<PendingRow>(
        `SELECT seq, topic, message_key, event_type, envelope::text AS envelope, trace_context
           FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE`,
        [this.options.batchSize],
      );
      let published = rows;
      if (rows.length > 0) {
        try {
          await this.producer.sendBatch({ acks: -1, topicMessages: groupByTopic(rows) });
        } catch (error) {
          if (!refusalForGood(error)) throw error;
          // some message of the batch (or the batch as a whole, once too large) was refused: one by one tells which
          published = await this.publishOneByOne(session, rows);
        }
        await session.query(`UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])`, [published.map((r) => r.seq)]);
      }
      await session.query('COMMIT');
      for (const row of published) metrics.eventsPublished.inc({ type: row.event_type });
      return rows.length;
    } catch (error) {
      await this.onSession(() => session.query('ROLLBACK')).catch(() => undefined);
      throw error;
    }
  }

  /** A statement on the leader's session; when the session itself failed, the lead is given up before rethrowing. */
  private async onSession<T>(statement: () => Promise<T>): Promise<T> {
    try {
      return await statement();
    } catch (error) {
      await this.leadership.lost(error);
      throw error;
    }
  }

  /** Sends the rows one at a time, in order, parking those refused for good; returns the ones published. */
  private async publishOneByOne(session: pg.Client, rows: PendingRow[]): Promise<PendingRow[]> {
    const published: PendingRow[] = [];
    for (const row of rows) {
      try {
        await this.producer.sendBatch({ acks: -1, topicMessages: groupByTopic([row]) });
        published.push(row);
      } catch (error) {
        const reason = refusalForGood(error);
        if (!reason) throw error;
        await this.park(session, row, reason, error instanceof Error ? error.message : String(error));
      }
    }
    return published;
  }

  private async park(session: pg.Client, row: PendingRow, reason: string, message: string): Promise<void> {
    await session.query(
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

  /** Sleeps `ms`; a nudge wakes it (unless `ignoreNudges`: a follower's wait), and so does stop(). */
  private sleep(ms: number, { unlessNudged = false, ignoreNudges = false } = {}): Promise<void> {
    if (unlessNudged && this.nudged && this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = ignoreNudges ? () => !this.running && done() : done;
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
