import { queryRows, type Queryable } from '@thidua/common';
import { BLOC_UNIT_SELECT, type BlocUnitRow } from '../entities';

/** The units of blocs, ranked ones by rank, the others in Vietnamese name order: one query for them all. */
export function blocUnits(db: Queryable, blocIds: readonly string[]): Promise<BlocUnitRow[]> {
  return queryRows<BlocUnitRow>(db, `${BLOC_UNIT_SELECT} WHERE bloc_id = ANY($1::uuid[]) ORDER BY rank NULLS LAST, unit_name COLLATE "vi-x-icu"`, [[...blocIds]]);
}
