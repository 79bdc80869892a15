import { ConflictError, NotFoundError, ValidationError, queryRow, queryRows, requireRole, requireWithinScope, type Connection, type PageRequest, type Queryable } from '@thidua/common';
import { sectionProblems, type SectionFilter, type SectionOrder } from '../domain/sections';
import { editorialScope } from '../domain/stories';
import { SECTION_COLUMNS, SECTION_SELECT, type SectionRow, type StoryRow } from '../entities';
import type { MediaContext } from './context';
import { storyPage } from './stories';

export async function createSection(
  ctx: MediaContext,
  input: { slug: string; name: string; description?: string | null; filter?: Partial<SectionFilter> | null; sortOrder?: SectionOrder | null },
): Promise<SectionRow> {
  requireRole(ctx.identity, 'EDITOR', 'NATIONAL_ADMIN');
  const scope = editorialScope(ctx.identity)!;
  requireWithinScope(ctx.identity, scope);
  const problems = sectionProblems(input.slug, input.name);
  if (problems.length > 0) throw new ValidationError(problems);
  const filter: SectionFilter = {
    kinds: input.filter?.kinds ?? [],
    provinceCode: input.filter?.provinceCode ?? null,
    occupationCode: input.filter?.occupationCode ?? null,
    tags: input.filter?.tags ?? [],
    directProductionWorkersOnly: input.filter?.directProductionWorkersOnly ?? false,
  };
  return ctx.transaction(async ({ manager }) => {
    const [clash] = await queryRows<unknown>(manager, `SELECT 1 FROM sections WHERE slug = $1`, [input.slug]);
    if (clash) throw new ConflictError(`Đã có chuyên mục "${input.slug}"`, { field: 'slug' });
    const [row] = await queryRows<SectionRow>(manager,
      `INSERT INTO sections (slug, name, description, filter, sort_order, unit_path, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING ${SECTION_COLUMNS}`,
      [input.slug, input.name.trim().normalize('NFC'), input.description?.trim() || null, JSON.stringify(filter), input.sortOrder ?? 'NEWEST', scope, ctx.identity.subject],
    );
    return row!;
  });
}

export function sectionBySlug(db: Queryable, slug: string): Promise<SectionRow | null> {
  return queryRow<SectionRow>(db, `${SECTION_SELECT} WHERE slug = $1`, [slug]);
}

export function allSections(db: Queryable): Promise<SectionRow[]> {
  return queryRows<SectionRow>(db, `${SECTION_SELECT} ORDER BY name COLLATE "vi-x-icu"`);
}

/** The section's filter as SQL over published stories (`$1` is the filter as JSON). */
const SECTION_WHERE = `s.status = 'PUBLISHED'
  AND (jsonb_array_length($1::jsonb -> 'kinds') = 0 OR s.kind IN (SELECT jsonb_array_elements_text($1::jsonb -> 'kinds')))
  AND ($1::jsonb ->> 'provinceCode' IS NULL OR s.province_code = $1::jsonb ->> 'provinceCode')
  AND ($1::jsonb ->> 'occupationCode' IS NULL OR s.occupation_code = $1::jsonb ->> 'occupationCode')
  AND (jsonb_array_length($1::jsonb -> 'tags') = 0 OR s.tags && ARRAY(SELECT jsonb_array_elements_text($1::jsonb -> 'tags')))
  AND (NOT ($1::jsonb ->> 'directProductionWorkersOnly')::boolean OR s.subject_is_direct_worker)`;

export function sectionStories(ctx: MediaContext, section: SectionRow, page: PageRequest): Promise<Connection<StoryRow>> {
  return storyPage(ctx, SECTION_WHERE, [JSON.stringify(section.filter)], page, section.sortOrder);
}

export function provinceStories(ctx: MediaContext, provinceCode: string, page: PageRequest): Promise<Connection<StoryRow>> {
  return storyPage(ctx, `s.status = 'PUBLISHED' AND s.province_code = $1`, [provinceCode], page);
}

export async function requireSection(db: Queryable, slug: string): Promise<SectionRow> {
  const section = await sectionBySlug(db, slug);
  if (!section) throw new NotFoundError('Section', slug);
  return section;
}
