import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Logger } from './logger';

/**
 * Work that must happen once however many replicas of a service run (a deadline scan, a digest): each job is a row
 * of `scheduled_jobs` with the moment it is next due. Every replica polls; the one whose transaction locks the due
 * row (FOR UPDATE SKIP LOCKED) does the work and moves the row on in that same transaction, so the others find
 * nothing to do, and a replica that dies mid-run leaves the row due for the next one (decision 0029).
 */
export async function createScheduledJobsTable(db: QueryRunner): Promise<void> {
  await db.query(`
    CREATE TABLE scheduled_jobs (
      name             text PRIMARY KEY,
      due_at           timestamptz NOT NULL DEFAULT now(),
      every_seconds    integer NOT NULL CHECK (every_seconds > 0),
      runs             integer NOT NULL DEFAULT 0,
      last_finished_at timestamptz,
      last_result      jsonb
    )`);
}

/** Registers a job (or changes its period), due at once when it is new. */
export async function ensureScheduledJob(db: DataSource, name: string, everySeconds: number): Promise<void> {
  await db.query(
    `INSERT INTO scheduled_jobs (name, every_seconds) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET every_seconds = EXCLUDED.every_seconds`,
    [name, everySeconds],
  );
}

/** Makes a job due now (an operator's "run it now"); the next replica to poll runs it. */
export async function makeJobDue(manager: EntityManager, name: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(`WITH due AS (UPDATE scheduled_jobs SET due_at = now() WHERE name = $1 RETURNING name) SELECT name FROM due`, [name]);
  return rows.length > 0;
}

/**
 * Runs the job if it is due and no other replica holds it: the work commits together with the job's next due time,
 * so a run happens once or, if it fails, not at all (and is tried again at the next poll). Returns the work's
 * result, or null when there was nothing to do here.
 */
export async function runDueJob<T extends object>(db: DataSource, name: string, work: (manager: EntityManager) => Promise<T>): Promise<T | null> {
  return db.transaction(async (manager) => {
    const claimed: { every_seconds: number }[] = await manager.query(
      `SELECT every_seconds FROM scheduled_jobs WHERE name = $1 AND due_at <= now() FOR UPDATE SKIP LOCKED`,
      [name],
    );
    if (claimed.length === 0) return null;
    const result = await work(manager);
    await manager.query(
      `UPDATE scheduled_jobs SET due_at = now() + make_interval(secs => every_seconds), runs = runs + 1, last_finished_at = now(), last_result = $2
        WHERE name = $1`,
      [name, JSON.stringify(result)],
    );
    return result;
  });
}

/** A background loop of a replica: it calls `tick` every `intervalMs`, never two at once, and stops cleanly. */
export interface BackgroundWorker {
  stop(): Promise<void>;
}

export function pollEvery(name: string, intervalMs: number, tick: () => Promise<unknown>, logger: Logger): BackgroundWorker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .then(() => undefined)
        .catch((error: unknown) => logger.error({ err: error, worker: name }, 'background work failed; tried again at the next poll'))
        .finally(schedule);
    }, intervalMs);
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** Work that failed is tried again later, each wait twice the one before (`baseSeconds`, twice that … at most 1 h). */
export function retryDelaySeconds(attempts: number, baseSeconds = 30): number {
  return Math.min(3600, baseSeconds * 2 ** Math.max(0, attempts - 1));
}
