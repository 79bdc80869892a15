import { NotFoundError, requireWithinScope } from '@thidua/common';
import type { EntityManager, EntitySchema, ObjectLiteral } from 'typeorm';
import type { CampaignContext } from './context';

/** A row the caller may change (inside their subtree), locked for the rest of the transaction; NOT_FOUND when there is none. */
export async function lockWithinScope<R extends ObjectLiteral & { id: string }>(
  ctx: CampaignContext,
  manager: EntityManager,
  entity: EntitySchema<R>,
  id: string,
  what: { name: string; input: string; pathOf: (row: R) => string },
): Promise<R> {
  const row = await manager.getRepository(entity).findOne({ where: { id } as never, lock: { mode: 'pessimistic_write' } });
  if (!row) throw new NotFoundError(what.name, what.input);
  requireWithinScope(ctx.identity, what.pathOf(row));
  return row;
}
