import { isUuid, requireAuthenticated, type Identity } from '@thidua/common';
import type { EntityManager } from 'typeorm';
import type { RewardContext } from './context';

/** One row of `select … FROM table` by id, locked for the transaction when asked. */
export async function rowById<T>(manager: EntityManager, select: string, id: string, forUpdate = false): Promise<T | null> {
  const [row] = (await manager.query(`${select} WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id])) as T[];
  return row ?? null;
}

/** A row the caller may see, else null: a malformed id and a row out of sight look the same (nothing leaks). */
export async function visibleById<T>(ctx: RewardContext, select: string, id: string, canSee: (identity: Identity, row: T) => boolean): Promise<T | null> {
  requireAuthenticated(ctx.identity);
  if (!isUuid(id)) return null;
  const row = await rowById<T>(ctx.db.manager, select, id.toLowerCase());
  return row && canSee(ctx.identity, row) ? row : null;
}
