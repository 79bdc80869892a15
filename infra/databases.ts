/**
 * Creates the four service databases on the configured PostgreSQL server (POSTGRES_URL, default the local
 * one) and applies every pending migration. Idempotent.
 *   tsx infra/databases.ts              the platform's databases: campaign, evaluation, reward, media
 *   tsx infra/databases.ts --test       the test databases (campaign_test, …), dropped and made anew
 *   tsx infra/databases.ts --only media one service's database (each service's `npm run migrate`)
 * The generator (bench/generate.ts) makes its own `_bench` databases the same way.
 */
import { Client } from 'pg';
import { SERVICE_NAMES, createDataSource, databaseName, databaseUrl, postgresServerUrl, type ServiceName } from '@thidua/common';
import { subgraphs } from './subgraphs';

async function ensureDatabase(admin: Client, name: string, recreate: boolean): Promise<'created' | 'exists'> {
  if (recreate) {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  const found = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
  if (found.rowCount) return 'exists';
  await admin.query(`CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`);
  return 'created';
}

async function migrate(service: ServiceName, env: NodeJS.ProcessEnv): Promise<number> {
  const definition = subgraphs[service];
  const dataSource = createDataSource({ url: databaseUrl(service, env), entities: definition.entities, migrations: definition.migrations, poolSize: 1 });
  await dataSource.initialize();
  try {
    return (await dataSource.runMigrations({ transaction: 'each' })).length;
  } finally {
    await dataSource.destroy();
  }
}

export async function prepareDatabases(options: { test: boolean; suffix?: string; only?: ServiceName }): Promise<void> {
  const suffix = options.suffix ?? (options.test ? (process.env.DATABASE_SUFFIX ?? '_test') : undefined);
  const env: NodeJS.ProcessEnv = { ...process.env, ...(suffix !== undefined ? { DATABASE_SUFFIX: suffix } : {}) };
  const admin = new Client({ connectionString: `${postgresServerUrl(env)}/postgres` });
  await admin.connect();
  try {
    for (const service of SERVICE_NAMES.filter((name) => !options.only || name === options.only)) {
      const name = databaseName(service, env);
      const state = env[`DATABASE_URL_${service.toUpperCase()}`] ? 'given' : await ensureDatabase(admin, name, options.test || options.suffix !== undefined);
      const applied = await migrate(service, env);
      console.log(`[db] ${name.padEnd(16)} ${state.padEnd(8)} ${applied} migration(s) applied`);
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
