import pg from 'pg';
import type { Logger } from '../logger';

/** The leading relay's connection in pg_stat_activity (the one holding the lock, on which it publishes). */
export const LEADER_NAME = 'thidua-outbox-leader';
/** A relay's connection while another relay leads. */
export const CANDIDATE_NAME = 'thidua-outbox-candidate';

/**
 * The advisory lock only one relay of a database holds at a time (advisory locks are per database, so every service
 * has its own). Any 64-bit number would do; this one spells "outbox" in ASCII.
 */
export const OUTBOX_LEADER_LOCK = 0x6f7574626f78;

/**
 * Leadership among the relays of one service's replicas: a PostgreSQL session-level advisory lock on a connection of
 * the relay's own, the same connection its publishing transactions run on. The lock lives exactly as long as that
 * session: when the process dies (SIGKILL included) or its connection is cut, PostgreSQL ends the session, which rolls
 * back any batch not yet marked and releases the lock in the same instant, so a follower's next attempt wins and no
 * two relays ever mark rows at the same time. No lease to renew, no clock to trust.
 */
export class RelayLeadership {
  /** This relay's own session: a candidate's while another relay leads, the leader's once it holds the lock. */
  private session: pg.Client | undefined;
  private leading = false;
  private acquiring: Promise<pg.Client | undefined> | undefined;
  /** Until when a relay that lost its lead stays out of the race (see lost()). */
  private notBefore = 0;

  constructor(
    private readonly connectionString: string | undefined,
    private readonly logger: Logger,
    /** How often the other replicas try to take the lead. */
    private readonly retryMs: number,
  ) {}

  get isLeader(): boolean {
    return this.leading;
  }

  /** The leader's connection, taking the lock first if no other relay holds it; undefined while another one leads. */
  async connection(): Promise<pg.Client | undefined> {
    if (this.leading) return this.session;
    if (Date.now() < this.notBefore) return undefined;
    this.acquiring ??= this.acquire().finally(() => (this.acquiring = undefined));
    return this.acquiring;
  }

  /** Gives the lock up (at shutdown): a follower takes over at its next attempt instead of waiting for a crash. */
  async release(): Promise<void> {
    await this.acquiring?.catch(() => undefined);
    await this.drop();
  }

  /** After a failed statement on the leader's connection: a connection that is gone (or in doubt) is given up. */
  async lost(error: unknown): Promise<void> {
    if (!this.session) return;
    if (this.leading) {
      this.logger.warn({ err: error }, 'outbox relay lost its leading connection; another replica may take over');
      // a process whose session was cut may be the sick one: a follower (trying every retryMs) gets the first chance
      this.notBefore = Date.now() + 2 * this.retryMs;
    }
    await this.drop();
  }

  private async drop(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    this.leading = false;
    await session?.end().catch(() => undefined);
  }

  private async acquire(): Promise<pg.Client | undefined> {
    const session = this.session ?? (await this.connect());
    try {
      const [row] = (await session.query(`SELECT pg_try_advisory_lock(${OUTBOX_LEADER_LOCK}::bigint) AS leads`)).rows as { leads: boolean }[];
      if (!row?.leads) return undefined;
      // named only once it leads, so operators (and tests) see which process publishes
      await session.query(`SET application_name = '${LEADER_NAME}'`);
      this.leading = true;
      this.logger.info('outbox relay leads: it publishes for every replica of its service');
      return session;
    } catch (error) {
      await this.lost(error);
      throw error;
    }
  }

  private async connect(): Promise<pg.Client> {
    const session = new pg.Client({ connectionString: this.connectionString, application_name: CANDIDATE_NAME, keepAlive: true });
    // a session that ends under us (terminated, server restarted) is replaced at the next attempt
    session.on('error', (error) => {
      if (this.session === session) void this.lost(error);
    });
    this.session = session;
    try {
      await session.connect();
    } catch (error) {
      await this.drop();
      throw error;
    }
    return session;
  }
}
