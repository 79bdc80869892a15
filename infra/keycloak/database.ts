/**
 * Keycloak's own PostgreSQL database on the platform's server (POSTGRES_URL, else the local one), never H2.
 *   tsx infra/keycloak/database.ts ensure <name>   creates it when missing; prints `created` or `exists`, then the
 *                                                   KC_DB_URL / KC_DB_USERNAME / KC_DB_PASSWORD lines to export
 *   tsx infra/keycloak/database.ts drop <name>     drops it (`keycloak.sh reset`)
 */
import { Client } from 'pg';
import { postgresServerUrl } from '@thidua/common';

/** One name a checkout cannot share with another by accident: letters, digits and underscores only. */
function checkedName(name: string | undefined): string {
  if (!name || !/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Keycloak database name must be lower-case letters, digits and _, got "${name ?? ''}"`);
  return name;
}

async function withAdmin<T>(work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: `${postgresServerUrl()}/postgres` });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** The JDBC settings Keycloak takes from the same server URL the services use. */
function jdbcSettings(name: string): string[] {
  const url = new URL(postgresServerUrl());
  return [
    `KC_DB_URL=jdbc:postgresql://${url.hostname}:${url.port || 5432}/${name}`,
    `KC_DB_USERNAME=${decodeURIComponent(url.username) || 'postgres'}`,
    `KC_DB_PASSWORD=${decodeURIComponent(url.password)}`,
  ];
}

async function ensure(name: string): Promise<void> {
  const state = await withAdmin(async (admin) => {
    const found = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (found.rowCount) return 'exists';
    await admin.query(`CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`);
    return 'created';
  });
  console.log([state, ...jdbcSettings(name)].join('\n'));
}

async function drop(name: string): Promise<void> {
  await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

const [command, rawName] = process.argv.slice(2);
const commands: Record<string, (name: string) => Promise<void>> = { ensure, drop };
const run = commands[command ?? ''];
if (!run) {
  console.error('usage: database.ts ensure|drop <name>');
  process.exit(2);
}
run(checkedName(rawName)).catch((error: unknown) => {
  console.error('[keycloak]', error instanceof Error ? error.message : error);
  process.exit(1);
});
