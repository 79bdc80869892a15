import { escapeIdentifier } from 'pg';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import { createDataSource } from './data-source';

/**
 * Tables the runtime role may only read and append to. The audit log (nhật ký kiểm toán) is evidence: a service
 * that could rewrite or empty it could hide what was done through it.
 */
export const APPEND_ONLY_TABLES = ['audit_log'];

/** typeorm's record of applied migrations: the owner's business alone. */
const OWNER_ONLY_TABLES = ['migrations'];

/**
 * Gives the runtime role what a service needs on the tables the owner made: read and change data, use sequences;
 * append-only tables only read and insert. Run as the owner after every migration run; idempotent, one transaction.
 */
export async function grantRuntimePrivileges(owner: DataSource, runtimeRole: string): Promise<void> {
  const role = escapeIdentifier(runtimeRole);
  await owner.transaction(async (manager) => {
    await manager.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
    await manager.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    const present = (await manager.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1)`, [[...APPEND_ONLY_TABLES, ...OWNER_ONLY_TABLES]])) as { tablename: string }[];
    for (const { tablename } of present) {
      const privileges = APPEND_ONLY_TABLES.includes(tablename) ? 'UPDATE, DELETE, TRUNCATE' : 'ALL';
      await manager.query(`REVOKE ${privileges} ON TABLE ${escapeIdentifier(tablename)} FROM ${role}`);
    }
  });
}

export interface MigrationTarget {
  /** The database owner's connection: migrations change the schema, which only the owner may. */
  ownerUrl: string;
  /** The role the service runs as, given its privileges on whatever the migrations made. */
  runtimeRole: string;
  entities: EntitySchema[];
  migrations: MixedList<Function>;
}

/** Applies pending migrations as the owner, then the runtime role's privileges; returns how many were applied. */
export async function migrateDatabase(target: MigrationTarget): Promise<number> {
  const owner = createDataSource({ url: target.ownerUrl, entities: target.entities, migrations: target.migrations, poolSize: 1 });
  await owner.initialize();
  try {
    const applied = await owner.runMigrations({ transaction: 'each' });
    await grantRuntimePrivileges(owner, target.runtimeRole);
    return applied.length;
  } finally {
    await owner.destroy();
  }
}

/** The login role of a connection URL (the runtime role when DATABASE_URL_<SERVICE> names another). */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}
