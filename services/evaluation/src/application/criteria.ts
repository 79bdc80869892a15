import { NotFoundError, queryRow, queryRows, type Queryable } from '@thidua/common';
import type { CriteriaVariant } from '../domain/criteria';
import { CRITERION_SELECT, SET_SELECT, type CriteriaSetRow, type CriterionRow } from '../entities';

/** The criteria of several sets, each set's in order: one query. */
export function criteriaOfSets(db: Queryable, setIds: string[]): Promise<CriterionRow[]> {
  return queryRows<CriterionRow>(db, `${CRITERION_SELECT} WHERE set_id = ANY($1::uuid[]) ORDER BY set_id, position`, [setIds]);
}

export async function criterionById(db: Queryable, id: string): Promise<CriterionRow> {
  const criterion = await queryRow<CriterionRow>(db, `${CRITERION_SELECT} WHERE id = $1`, [id]);
  if (!criterion) throw new NotFoundError('Criterion', id);
  return criterion;
}

/** A campaign's published sets, one per variant, with their criteria. */
export interface PublishedSets {
  byVariant: Map<CriteriaVariant, CriteriaSetRow>;
  criteria: Map<string, CriterionRow[]>;
}

export async function publishedSets(db: Queryable, campaignId: string): Promise<PublishedSets> {
  const sets = await queryRows<CriteriaSetRow>(db, `${SET_SELECT} WHERE campaign_id = $1 AND status = 'PUBLISHED'`, [campaignId]);
  const criteria = await criteriaOfSets(db, sets.map((s) => s.id));
  return {
    byVariant: new Map(sets.map((s) => [s.variant, s])),
    criteria: new Map(sets.map((s) => [s.id, criteria.filter((c) => c.setId === s.id)])),
  };
}
