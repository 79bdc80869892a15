import {
  ConflictError,
  NotFoundError,
  ValidationError,
  decodeCursor,
  foldVietnamese,
  pageSize,
  parseId,
  requireRole,
  requireWithinScope,
  toConnection,
  type Connection,
  type OrganisationType,
  type PageRequest,
  type UnitLevel,
} from '@thidua/common';
import { planUnit } from '../domain/units';
import { UnionUnitEntity, type UnionUnitRow } from '../entities';
import type { CampaignContext } from './context';

export interface CreateUnionUnitInput {
  parentId?: string | null;
  code: string;
  name: string;
  level: UnitLevel;
  organisationType?: OrganisationType | null;
  provinceCode?: string | null;
}

export async function createUnionUnit(ctx: CampaignContext, input: CreateUnionUnitInput): Promise<UnionUnitRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const parent = input.parentId ? await ctx.loaders.unit.load(parseId('parentId', input.parentId)) : null;
  if (input.parentId && !parent) throw new NotFoundError('Parent unit', input.parentId);
  if (parent) requireWithinScope(ctx.identity, parent.path);
  else requireRole(ctx.identity, 'NATIONAL_ADMIN');

  const { unit, problems } = planUnit(
    { code: input.code, name: input.name, level: input.level, organisationType: input.organisationType ?? null, provinceCode: input.provinceCode ?? null },
    parent,
  );
  if (problems.length > 0) throw new ValidationError(problems);

  return ctx.transaction(async ({ manager, emit }) => {
    const clash = await manager.getRepository(UnionUnitEntity).findOne({ where: [{ code: unit.code }, { path: unit.path }], select: { id: true } });
    if (clash) throw new ConflictError(`A unit with code ${unit.code} already exists`, { field: 'code' });
    const saved = await manager.getRepository(UnionUnitEntity).save({
      code: unit.code,
      name: unit.name,
      nameFolded: foldVietnamese(unit.name),
      level: unit.level,
      organisationType: unit.organisationType,
      provinceCode: unit.provinceCode,
      parentId: parent?.id ?? null,
      path: unit.path,
    });
    await emit({
      type: 'UnionUnitCreated',
      aggregateId: saved.id,
      unitPath: saved.path,
      payload: {
        unitId: saved.id,
        code: saved.code,
        name: saved.name,
        level: saved.level,
        organisationType: saved.organisationType,
        provinceCode: saved.provinceCode,
        path: saved.path,
        parentId: saved.parentId,
      },
    });
    return saved;
  });
}

export async function childUnits(ctx: CampaignContext, parentId: string, page: PageRequest): Promise<Connection<UnionUnitRow>> {
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const params: unknown[] = [parentId, limit + 1];
  let where = `parent_id = $1`;
  if (after) {
    where += ` AND (name COLLATE "vi-x-icu", id) > ($3 COLLATE "vi-x-icu", $4::uuid)`;
    params.push(after[0], after[1]);
  }
  const rows = await unitQuery(ctx, where, params);
  return toConnection(rows, limit, (row) => [row.name, row.id]);
}

/** Search by name, with or without diacritics ("Bắc Giang" and "bac giang" find the same units). */
export async function searchUnits(ctx: CampaignContext, text: string, page: PageRequest): Promise<Connection<UnionUnitRow>> {
  const folded = foldVietnamese(text);
  if (folded.length < 2) throw ValidationError.single('text', 'type at least 2 characters');
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const params: unknown[] = [`%${folded.replace(/[%_\\]/g, '\\$&')}%`, limit + 1];
  let where = `name_folded LIKE $1`;
  if (after) {
    where += ` AND (name COLLATE "vi-x-icu", id) > ($3 COLLATE "vi-x-icu", $4::uuid)`;
    params.push(after[0], after[1]);
  }
  const rows = await unitQuery(ctx, where, params);
  return toConnection(rows, limit, (row) => [row.name, row.id]);
}

const UNIT_COLUMNS = `id, code, name, name_folded AS "nameFolded", level, organisation_type AS "organisationType",
  province_code AS "provinceCode", parent_id AS "parentId", path, created_at AS "createdAt"`;

/** Keyset page of units in Vietnamese name order; `$2` is always the page size + 1. */
async function unitQuery(ctx: CampaignContext, where: string, params: unknown[]): Promise<UnionUnitRow[]> {
  return (await ctx.db.query(
    `SELECT ${UNIT_COLUMNS} FROM union_units WHERE ${where} ORDER BY name COLLATE "vi-x-icu", id LIMIT $2`,
    params,
  )) as UnionUnitRow[];
}
