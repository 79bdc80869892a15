import type { EntityManager } from 'typeorm';
import type { Identity } from '../auth';
import { isUuid } from '../graphql/ids';

/** What runs SQL: a data source, or a transaction's entity manager. */
export type Queryable = Pick<EntityManager, 'query'>;

/**
 * The rows of a statement, as the caller's row shape (entities/ of each service): the SQL's column aliases make
 * them match it.
 */
export async function queryRows<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query(sql, params)) as T[];
}

/** The first row of a statement, or null. */
export async function queryRow<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T | null> {
  const [row] = await queryRows<T>(db, sql, params);
  return row ?? null;
}

/** One row of `select` (a `SELECT … FROM table` of entities/) by id, locked for the rest of the transaction when asked. */
export function rowById<T>(db: Queryable, select: string, id: string, options: { forUpdate?: boolean } = {}): Promise<T | null> {
  return queryRow<T>(db, `${select} WHERE id = $1 ${options.forUpdate ? 'FOR UPDATE' : ''}`, [id]);
}

/** A row the caller may see, else null: a malformed id and a row out of sight look the same (nothing leaks). */
export async function visibleRowById<T>(db: Queryable, identity: Identity, select: string, id: string, canSee: (identity: Identity, row: T) => boolean): Promise<T | null> {
  if (!isUuid(id)) return null;
  const row = await rowById<T>(db, select, id.toLowerCase());
  return row && canSee(identity, row) ? row : null;
}
