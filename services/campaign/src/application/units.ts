import { ConflictError, ValidationError, decodeCursor, foldVietnamese, pageSize, parseId, queryRows, requireRole, requireWithinScope, toConnection, type Connection, type OrganisationType, type PageRequest, type UnitLevel } from '@thidua/common';
import { planUnit } from '../domain/units';
import { UnionUnitEntity, type UnionUnitRow } from '../entities';
import { unitUpserted } from './published-events';
import type { CampaignContext } from './context';
import { lockWithinScope } from './locks';

export interface CreateUnionUnitInput {
  parentId?: string | null;
  code: string;
  name: string;
  level: UnitLevel;
  organisationType?: OrganisationType | null;
  provinceCode?: string | null;
}

export interface UpdateUnionUnitInput {
  name?: string | null;
  organisationType?: OrganisationType | null;
  provinceCode?: string | null;
}

export async function createUnionUnit(ctx: CampaignContext, input: CreateUnionUnitInput): Promise<UnionUnitRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const parent = input.parentId ? await ctx.loaders.unit.load(parseId('parentId', input.parentId)) : null;
  if (input.parentId && !parent) throw ValidationError.single('parentId', 'Không tìm thấy đơn vị cấp trên này');
  if (parent) requireWithinScope(ctx.identity, parent.path);
  else requireRole(ctx.identity, 'NATIONAL_ADMIN');

  const { unit, problems } = planUnit(
    { code: input.code, name: input.name, level: input.level, organisationType: input.organisationType ?? null, provinceCode: input.provinceCode ?? null },
    parent,
  );
  if (problems.length > 0) throw new ValidationError(problems);

  return ctx.transaction(async ({ manager, emit }) => {
    const clash = await manager.getRepository(UnionUnitEntity).findOne({ where: [{ code: unit.code }, { path: unit.path }], select: { id: true } });
    if (clash) throw new ConflictError(`Mã đơn vị ${unit.code} đã được dùng cho một đơn vị khác`, { field: 'code' });
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
    await emit(unitUpserted(saved));
    return saved;
  });
}

/** Name, organisation type and province can change; code, level and place in the tree cannot (paths are keys). */
export async function updateUnionUnit(ctx: CampaignContext, id: string, input: UpdateUnionUnitInput): Promise<UnionUnitRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const unitId = parseId('id', id);
  return ctx.transaction(async ({ manager, emit }) => {
    const repository = manager.getRepository(UnionUnitEntity);
    const unit = await lockWithinScope(ctx, manager, UnionUnitEntity, unitId, { name: 'Unit', input: id, pathOf: (row) => row.path });
    const parent = unit.parentId ? await repository.findOneBy({ id: unit.parentId }) : null;
    const changed = {
      code: unit.code,
      name: input.name ?? unit.name,
      level: unit.level,
      organisationType: input.organisationType === undefined ? unit.organisationType : input.organisationType,
      provinceCode: input.provinceCode === undefined ? unit.provinceCode : input.provinceCode,
    };
    const { unit: planned, problems } = planUnit(changed, parent);
    if (problems.length > 0) throw new ValidationError(problems);
    Object.assign(unit, { name: planned.name, nameFolded: foldVietnamese(planned.name), organisationType: planned.organisationType, provinceCode: planned.provinceCode });
    const saved = await repository.save(unit);
    await emit(unitUpserted(saved));
    return saved;
  });
}

const UNIT_COLUMNS = `id, code, name, name_folded AS "nameFolded", level, organisation_type AS "organisationType",
  province_code AS "provinceCode", parent_id AS "parentId", path, created_at AS "createdAt", updated_at AS "updatedAt"`;

/** Keyset page of units in Vietnamese name order; `$2` is always the page size + 1, `$3`/`$4` the cursor. */
async function unitPage(ctx: CampaignContext, where: string, params: unknown[], page: PageRequest): Promise<Connection<UnionUnitRow>> {
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const rows = await queryRows<UnionUnitRow>(ctx.db,
    `SELECT ${UNIT_COLUMNS} FROM union_units
      WHERE ${where}
        AND ($3::text IS NULL OR (name COLLATE "vi-x-icu", id) > ($3 COLLATE "vi-x-icu", $4::uuid))
      ORDER BY name COLLATE "vi-x-icu", id LIMIT $2`,
    [params[0], limit + 1, after?.[0] ?? null, after?.[1] ?? null, ...params.slice(1)],
  );
  return toConnection(rows, limit, (row) => [row.name, row.id]);
}

export function childUnits(ctx: CampaignContext, parentId: string, page: PageRequest): Promise<Connection<UnionUnitRow>> {
  return unitPage(ctx, `parent_id = $1`, [parentId], page);
}

export interface SubtreeFilter {
  organisationType?: OrganisationType | null;
  provinceCode?: string | null;
  level?: UnitLevel | null;
}

export function subtreeUnits(ctx: CampaignContext, root: UnionUnitRow, filter: SubtreeFilter, page: PageRequest): Promise<Connection<UnionUnitRow>> {
  return unitPage(
    ctx,
    `path LIKE $1 AND path <> $5 AND ($6::text IS NULL OR organisation_type = $6) AND ($7::text IS NULL OR province_code = $7)
       AND ($8::text IS NULL OR level = $8)`,
    [`${root.path}%`, root.path, filter.organisationType ?? null, filter.provinceCode ?? null, filter.level ?? null],
    page,
  );
}

/** Where a search by name looks: within one unit's subtree (the unit itself included), at one level. */
export interface UnitSearch {
  within?: string | null;
  level?: UnitLevel | null;
}

/**
 * Search by name, with or without diacritics ("Bắc Giang" and "bac giang" find the same units); an officer's picker
 * searches within their own subtree, so the first page holds their units, not namesakes elsewhere in the country.
 */
export async function searchUnits(ctx: CampaignContext, text: string, search: UnitSearch, page: PageRequest): Promise<Connection<UnionUnitRow>> {
  const folded = foldVietnamese(text);
  if (folded.length < 2) throw ValidationError.single('text', 'hãy gõ ít nhất 2 ký tự để tìm');
  const root = search.within ? await ctx.loaders.unit.load(parseId('within', search.within)) : null;
  if (search.within && !root) throw ValidationError.single('within', 'không có đơn vị này; hãy chọn lại đơn vị cần tìm trong đó');
  return unitPage(ctx, `name_folded LIKE $1 AND ($5::text IS NULL OR path LIKE $5) AND ($6::text IS NULL OR level = $6)`,
    [`%${folded.replace(/[%_\\]/g, '\\$&')}%`, root ? `${root.path}%` : null, search.level ?? null], page);
}
