/**
 * Creates the four service databases on the configured PostgreSQL server (POSTGRES_URL, default the local
 * one), each with its two login roles, and applies every pending migration as the database's owner. Idempotent.
 *   tsx infra/databases.ts              the platform's databases: campaign, evaluation, reward, media
 *   tsx infra/databases.ts --test       the test databases (campaign_test, …), dropped and made anew
 *   tsx infra/databases.ts --only media one service's database (each service's `npm run migrate`)
 * The generator (bench/generate.ts) makes its own `_bench` databases the same way.
 *
 * POSTGRES_URL's login (a superuser) is used here only: to create the roles and databases and to hand existing
 * objects to their owner. Roles (see `databaseRoles`): `<db>_owner` owns the database and its objects and runs
 * migrations; `<db>_runtime`, which the service connects as, may connect to its own database only and change
 * data, not the schema, and only read and append to the audit log. Passwords: DATABASE_OWNER_PASSWORD_<SERVICE>
 * and DATABASE_PASSWORD_<SERVICE> (required in production); in development they are generated into .data/secrets.
 */
import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import {
  SERVICE_NAMES,
  databaseName,
  databaseOwnerUrl,
  databaseRolePassword,
  databaseRoles,
  databaseUrl,
  ensureDevSecret,
  migrateDatabase,
  postgresServerUrl,
  roleOf,
  type ServiceName,
} from '@thidua/common';
import { subgraphs } from './subgraphs';

type Env = NodeJS.ProcessEnv;

/** In development a role's password is generated on first use; in production it must be in the environment. */
function rolePassword(service: ServiceName, kind: 'owner' | 'runtime', env: Env): string {
  if (env.NODE_ENV !== 'production') ensureDevSecret(`postgres-${databaseRoles(service, env)[kind]}.password`, env);
  return databaseRolePassword(service, kind, env);
}

/** Creates the login role, or sets its password (the same setup then works where the server checks passwords). */
async function ensureRole(admin: Client, role: string, password: string): Promise<void> {
  const exists = await admin.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role]);
  const verb = exists.rowCount ? 'ALTER' : 'CREATE';
  await admin.query(`${verb} ROLE ${escapeIdentifier(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${escapeLiteral(password)}`);
}

async function ensureDatabase(admin: Client, name: string, owner: string, recreate: boolean): Promise<'created' | 'exists'> {
  if (recreate) {
    await admin.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(name)} WITH (FORCE)`);
  }
  const found = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
  if (found.rowCount) {
    await admin.query(`ALTER DATABASE ${escapeIdentifier(name)} OWNER TO ${escapeIdentifier(owner)}`);
    return 'exists';
  }
  await admin.query(`CREATE DATABASE ${escapeIdentifier(name)} OWNER ${escapeIdentifier(owner)} ENCODING 'UTF8' TEMPLATE template0`);
  return 'created';
}

/**
 * Inside the database, as the superuser: objects made before the roles existed (tables, their sequences, functions;
 * not those of extensions) go to the owner; nobody else may connect or create; whatever the owner makes later is
 * the runtime role's to use (data, not schema).
 */
async function secureDatabase(server: string, name: string, roles: { owner: string; runtime: string }): Promise<void> {
  const db = new Client({ connectionString: `${server}/${name}` });
  await db.connect();
  const owner = escapeIdentifier(roles.owner);
  const runtime = escapeIdentifier(roles.runtime);
  try {
    await db.query('BEGIN');
    const strangers = await db.query(
      `SELECT format('ALTER %s %s OWNER TO ${owner}', CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, c.oid::regclass) AS statement
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relowner <> $1::regrole
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
       UNION ALL
       SELECT format('ALTER ROUTINE %s OWNER TO ${owner}', p.oid::regprocedure)
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.proowner <> $1::regrole
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`,
      [roles.owner],
    );
    for (const { statement } of strangers.rows as { statement: string }[]) await db.query(statement);
    await db.query(`REVOKE ALL ON DATABASE ${escapeIdentifier(name)} FROM PUBLIC`);
    await db.query(`GRANT CONNECT ON DATABASE ${escapeIdentifier(name)} TO ${runtime}`);
    await db.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await db.query(`GRANT USAGE ON SCHEMA public TO ${runtime}`);
    await db.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${runtime}`);
    await db.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${runtime}`);
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await db.end();
  }
}

export async function prepareDatabases(options: { test: boolean; suffix?: string; only?: ServiceName }): Promise<void> {
  const suffix = options.suffix ?? (options.test ? (process.env.DATABASE_SUFFIX ?? '_test') : undefined);
  const env: Env = { ...process.env, ...(suffix !== undefined ? { DATABASE_SUFFIX: suffix } : {}) };
  const server = postgresServerUrl(env);
  const admin = new Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  try {
    for (const service of SERVICE_NAMES.filter((name) => !options.only || name === options.only)) {
      const name = databaseName(service, env);
      const roles = databaseRoles(service, env);
      let state: string = 'given';
      if (!env[`DATABASE_URL_${service.toUpperCase()}`]) {
        await ensureRole(admin, roles.owner, rolePassword(service, 'owner', env));
        await ensureRole(admin, roles.runtime, rolePassword(service, 'runtime', env));
        state = await ensureDatabase(admin, name, roles.owner, options.test || options.suffix !== undefined);
        await secureDatabase(server, name, roles);
      }
      const { entities, migrations } = subgraphs[service];
      const ownerUrl = databaseOwnerUrl(service, env);
      const applied = await migrateDatabase({ ownerUrl, runtimeRole: roleOf(databaseUrl(service, env)), entities, migrations });
      console.log(`[db] ${name.padEnd(16)} ${state.padEnd(8)} ${applied} migration(s) applied as ${roleOf(ownerUrl)}`);
    }
  } finally {
    await admin.end();
  }
}

if (require.main === module) {
  const only = process.argv[process.argv.indexOf('--only') + 1] as ServiceName | undefined;
  if (process.argv.includes('--only') && !SERVICE_NAMES.includes(only!)) {
    console.error(`[db] --only takes one of ${SERVICE_NAMES.join(', ')}`);
    process.exit(2);
  }
  prepareDatabases({ test: process.argv.includes('--test'), only: process.argv.includes('--only') ? only : undefined }).catch((error: unknown) => {
    console.error('[db] failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
