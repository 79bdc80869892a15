/**
 * Keycloak's own PostgreSQL database on the platform's server (POSTGRES_URL, else the local one), never H2.
 *   tsx infra/keycloak/database.ts ensure <name> <owner>   creates it when missing, marked as the owner's (the data
 *                                                   directory whose secrets its master realm holds); prints `created`,
 *                                                   `exists` (the owner's) or `foreign` (another's, or unmarked), then
 *                                                   the KC_DB_URL / KC_DB_USERNAME / KC_DB_PASSWORD lines to export
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

const OWNER_MARK = 'thidua keycloak data directory ';

async function ensure(name: string, owner: string): Promise<void> {
  const state = await withAdmin(async (admin) => {
    const found = await admin.query<{ mark: string | null }>(`SELECT shobj_description(oid, 'pg_database') AS mark FROM pg_database WHERE datname = $1`, [name]);
    if (found.rowCount) return found.rows[0]!.mark === OWNER_MARK + owner ? 'exists' : 'foreign';
    await admin.query(`CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`);
    await admin.query(`COMMENT ON DATABASE "${name}" IS '${OWNER_MARK}${owner}'`);
    return 'created';
  });
  console.log([state, ...jdbcSettings(name)].join('\n'));
}

async function drop(name: string): Promise<void> {
  await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** A random id made with the data directory's secrets: letters and digits only, so it sits in SQL as it is. */
function checkedOwner(owner: string | undefined): string {
  if (!owner || !/^[a-f0-9]{16,64}$/.test(owner)) throw new Error(`Keycloak database owner must be 16-64 hex digits, got "${owner ?? ''}"`);
  return owner;
}

const [command, rawName, rawOwner] = process.argv.slice(2);
const commands: Record<string, (name: string) => Promise<void>> = { ensure: (name) => ensure(name, checkedOwner(rawOwner)), drop };
const run = commands[command ?? ''];
if (!run) {
  console.error('usage: database.ts ensure <name> <owner> | drop <name>');
  process.exit(2);
}
run(checkedName(rawName)).catch((error: unknown) => {
  console.error('[keycloak]', error instanceof Error ? error.message : error);
  process.exit(1);
});
