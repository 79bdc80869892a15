import { randomUUID } from 'node:crypto';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, canonicalUnitPath, decodeCursor, decodePosition, hasRole, honourSubject, isWithinSubtree, pageSize, parseId, queryRows, requireAuthenticated, requireRole, requireWithinScope, rowById, toConnection, todayInVietnam, unitPathInput, type Connection, type FieldProblem, type NewEvent, type PageRequest, type Queryable } from '@thidua/common';
import { STORY_STATUS_NAMES } from '../domain/story-kinds';
import type { EntityManager } from 'typeorm';
import { renderBody, searchParts, searchQuery, type BodyFormat } from '../domain/content';
import { EDITABLE, WORKFLOW, editorialScope, storyProblems, transitionProblem, type StoryAction, type StoryKind } from '../domain/stories';
import { STORY_COLUMNS, STORY_SELECT, type StoryRow } from '../entities';
import type { MediaContext } from './context';
import type { StoryOwner } from './loaders';
import { requireReferencesInScope, requireSubjectInScope } from './references';
import { queueWebhooks } from './webhooks';

export interface StoryInput {
  kind: StoryKind;
  title: string;
  summary?: string | null;
  body?: string | null;
  bodyFormat?: BodyFormat | null;
  tags?: string[] | null;
  provinceCode?: string | null;
  occupationCode?: string | null;
  subjectIsDirectProductionWorker?: boolean | null;
  campaignId?: string | null;
  memberIds?: string[] | null;
  unitIds?: string[] | null;
  /** The unit whose editors own the story; the editor's own unit when omitted. */
  unitPath?: string | null;
}

export const loadStory = (db: Queryable, id: string, lock = false) => rowById<StoryRow>(db, STORY_SELECT, id, { forUpdate: lock });

export async function record(manager: EntityManager, storyId: string, from: string | null, to: string, action: string, actor: string, note: string | null): Promise<void> {
  await manager.query(`INSERT INTO story_history (story_id, from_status, to_status, action, actor, note) VALUES ($1, $2, $3, $4, $5, $6)`, [storyId, from, to, action, actor, note]);
}

/** Rewrites the search vector: title (A), summary and tags (B), body (C), all folded (no diacritics). */
export async function refreshSearch(manager: EntityManager, story: { id: string; title: string; summary: string | null; tags: string[]; bodyHtml: string }): Promise<void> {
  const parts = searchParts(story);
  await manager.query(
    `UPDATE stories SET search = setweight(to_tsvector('simple', $2), 'A') || setweight(to_tsvector('simple', $3), 'B') || setweight(to_tsvector('simple', $4), 'C')
      WHERE id = $1`,
    [story.id, parts.a, parts.b, parts.c],
  );
}

function normalise(input: StoryInput) {
  const format = input.bodyFormat ?? 'MARKDOWN';
  const source = (input.body ?? '').normalize('NFC');
  const draft = {
    kind: input.kind,
    title: input.title.trim().normalize('NFC'),
    summary: input.summary?.trim().normalize('NFC') || null,
    tags: (input.tags ?? []).map((t) => t.trim().normalize('NFC')),
    body: source,
  };
  const problems = storyProblems(draft);
  if (problems.length > 0) throw new ValidationError(problems);
  return { ...draft, bodyFormat: format, bodySource: source, bodyHtml: renderBody(format, source) };
}

async function writeSubjects(manager: EntityManager, storyId: string, input: StoryInput): Promise<void> {
  await manager.query(`DELETE FROM story_subjects WHERE story_id = $1`, [storyId]);
  for (const [i, memberId] of (input.memberIds ?? []).entries()) {
    await manager.query(`INSERT INTO story_subjects (story_id, member_id) VALUES ($1, $2)`, [storyId, parseId(`memberIds.${i}`, memberId)]);
  }
  for (const [i, unitId] of (input.unitIds ?? []).entries()) {
    await manager.query(`INSERT INTO story_subjects (story_id, unit_id) VALUES ($1, $2)`, [storyId, parseId(`unitIds.${i}`, unitId)]);
  }
}

function requireEditor(ctx: MediaContext): string {
  requireRole(ctx.identity, 'EDITOR', 'NATIONAL_ADMIN');
  const scope = editorialScope(ctx.identity);
  if (!scope) throw new ForbiddenError('Tài khoản biên tập viên này chưa gắn với đơn vị nào, nên chưa có quyền biên tập tin bài');
  return scope;
}

/** Editors write stories from scratch too; a new story starts as a draft. */
export async function createStory(ctx: MediaContext, input: StoryInput): Promise<StoryRow> {
  const scope = requireEditor(ctx);
  const unitPath = unitPathInput('unitPath', input.unitPath) ?? scope;
  requireWithinScope(ctx.identity, unitPath);
  const content = normalise(input);
  await requireReferencesInScope(ctx.db, scope, input);
  return ctx.transaction(async ({ manager }) => {
    const id = randomUUID();
    await manager.query(
      `INSERT INTO stories (id, kind, status, title, summary, body_format, body_source, body_html, tags, province_code, occupation_code,
                            subject_is_direct_worker, campaign_id, unit_path, created_by)
       VALUES ($1, $2, 'DRAFT', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [id, content.kind, content.title, content.summary, content.bodyFormat, content.bodySource, content.bodyHtml, content.tags, input.provinceCode ?? null,
        input.occupationCode ?? null, input.subjectIsDirectProductionWorker ?? null, input.campaignId ? parseId('campaignId', input.campaignId) : null, unitPath, ctx.identity.subject],
    );
    await writeSubjects(manager, id, input);
    await refreshSearch(manager, { id, ...content });
    await record(manager, id, null, 'DRAFT', 'CREATE', ctx.identity.subject, null);
    return (await loadStory(manager, id))!;
  });
}

async function lockEditable(ctx: MediaContext, manager: EntityManager, id: string): Promise<StoryRow> {
  requireEditor(ctx);
  const story = await loadStory(manager, parseId('id', id), true);
  if (!story) throw new NotFoundError('Story', id);
  requireWithinScope(ctx.identity, story.unitPath);
  return story;
}

export async function updateStory(ctx: MediaContext, id: string, input: StoryInput): Promise<StoryRow> {
  const content = normalise(input);
  return ctx.transaction(async ({ manager }) => {
    const story = await lockEditable(ctx, manager, id);
    if (!EDITABLE.includes(story.status)) throw new ConflictError(`Tin bài ở trạng thái «${STORY_STATUS_NAMES[story.status]}» không sửa được; hãy yêu cầu chỉnh sửa để đưa về bản thảo`, { status: story.status });
    await requireReferencesInScope(manager, requireEditor(ctx), input);
    await manager.query(
      `UPDATE stories SET kind = $2, title = $3, summary = $4, body_format = $5, body_source = $6, body_html = $7, tags = $8, province_code = $9,
              occupation_code = $10, subject_is_direct_worker = $11, campaign_id = $12, updated_at = now() WHERE id = $1`,
      [story.id, content.kind, content.title, content.summary, content.bodyFormat, content.bodySource, content.bodyHtml, content.tags, input.provinceCode ?? null,
        input.occupationCode ?? null, input.subjectIsDirectProductionWorker ?? null, input.campaignId ? parseId('campaignId', input.campaignId) : story.campaignId],
    );
    if (input.memberIds || input.unitIds) await writeSubjects(manager, story.id, input);
    await refreshSearch(manager, { id: story.id, ...content });
    await record(manager, story.id, story.status, story.status, 'EDIT', ctx.identity.subject, null);
    return (await loadStory(manager, story.id))!;
  });
}

/** Moves a story through the workflow; who did what and when is recorded, reasons are kept and shown. */
export async function transitionStory(ctx: MediaContext, id: string, action: StoryAction, note: string | null): Promise<StoryRow> {
  return ctx.transaction(async ({ manager, emit }) => {
    const story = await lockEditable(ctx, manager, id);
    const problem = transitionProblem(action, story.status, note);
    // a wrong status conflicts with the story's state; a missing reason is input to fix
    if (problem) throw WORKFLOW[action].from.includes(story.status) ? ValidationError.single('note', problem) : new ConflictError(problem, { status: story.status });
    const to = WORKFLOW[action].to;
    await manager.query(
      `UPDATE stories SET status = $2, updated_at = now(),
              published_at = CASE WHEN $2 = 'PUBLISHED' THEN now() ELSE published_at END,
              retraction_reason = CASE WHEN $2 = 'RETRACTED' THEN $3 ELSE retraction_reason END
        WHERE id = $1`,
      [story.id, to, note?.trim() ?? null],
    );
    await record(manager, story.id, story.status, to, action, ctx.identity.subject, note?.trim() || null);
    const changed = (await loadStory(manager, story.id))!;
    if (to === 'PUBLISHED' || to === 'RETRACTED') await queueWebhooks(manager, await emit(publicChange(changed, await subjectMembers(manager, changed.id))));
    if ((story.status === 'IN_REVIEW') !== (to === 'IN_REVIEW')) await emit(reviewChange(changed));
    return changed;
  });
}

/** A story entering or leaving review (the notification subgraph chases the ones that wait). */
function reviewChange(story: StoryRow): NewEvent<'StoryReviewChanged'> {
  const unitPath = canonicalUnitPath(story.unitPath);
  return {
    type: 'StoryReviewChanged',
    aggregateId: story.id,
    unitPath,
    payload: { storyId: story.id, title: story.title, unitPath: unitPath ?? story.unitPath, inReview: story.status === 'IN_REVIEW', at: story.updatedAt.toISOString() },
  };
}

/** The members a story is about (the notification subgraph tells them it is out). */
async function subjectMembers(manager: EntityManager, storyId: string): Promise<string[]> {
  const rows = await queryRows<{ memberId: string }>(manager, `SELECT member_id AS "memberId" FROM story_subjects WHERE story_id = $1 AND member_id IS NOT NULL`, [storyId]);
  return rows.map((row) => row.memberId);
}

/** What public readers (and the gateway's cache of their answers) learn when a story goes public or is taken back. */
function publicChange(story: StoryRow, memberIds: string[]): NewEvent<'StoryPublished'> | NewEvent<'StoryRetracted'> {
  const unitPath = canonicalUnitPath(story.unitPath);
  if (story.status === 'PUBLISHED') {
    return {
      type: 'StoryPublished',
      aggregateId: story.id,
      unitPath,
      payload: { storyId: story.id, kind: story.kind, title: story.title, provinceCode: story.provinceCode, publishedAt: story.publishedAt!.toISOString(), memberIds },
    };
  }
  return {
    type: 'StoryRetracted',
    aggregateId: story.id,
    unitPath,
    payload: { storyId: story.id, title: story.title, reason: story.retractionReason ?? '', retractedAt: story.updatedAt.toISOString() },
  };
}

export interface ExemplarProposalInput {
  memberId?: string | null;
  unitId?: string | null;
  achievement: string;
  achievedOn: string;
  formCode: string;
  grantingUnitId?: string | null;
}

function proposalProblems(input: ExemplarProposalInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!input.memberId === !input.unitId) problems.push({ field: 'memberId', message: 'hãy chọn một đoàn viên hoặc một đơn vị (chỉ một)' });
  if (input.achievement.trim().length < 10) problems.push({ field: 'achievement', message: 'hãy nêu thành tích của điển hình (ít nhất 10 ký tự)' });
  if (input.achievedOn > todayInVietnam()) problems.push({ field: 'achievedOn', message: 'Ngày của việc làm không thể ở tương lai' });
  if (input.achievedOn < '2000-01-01') problems.push({ field: 'achievedOn', message: 'Ngày của việc làm phải từ năm 2000 trở đi' });
  if (!/^[A-Z0-9_]{2,32}$/.test(input.formCode)) problems.push({ field: 'formCode', message: 'Chọn hình thức khen thưởng đề nghị theo mã của danh mục, ví dụ BK_TINH' });
  return problems;
}

/**
 * Discovery: an editor proposes the subject of a story as an exemplar for a form, dated by the deed, optionally to a
 * council of the subject's unit or above; reward opens a nomination from the ExemplarProposed event before a council
 * that can grant the form (the one chosen when it can).
 */
export async function proposeExemplar(ctx: MediaContext, storyId: string, input: ExemplarProposalInput): Promise<string> {
  const scope = requireEditor(ctx);
  const story = await loadStory(ctx.db.manager, parseId('storyId', storyId));
  if (!story) throw new NotFoundError('Story', storyId);
  requireWithinScope(ctx.identity, story.unitPath);
  const problems = proposalProblems(input);
  if (problems.length) throw new ValidationError(problems);
  const subject = await honourSubject(ctx.db.manager, {
    memberId: input.memberId ? parseId('memberId', input.memberId) : null,
    unitId: input.unitId ? parseId('unitId', input.unitId) : null,
  });
  if (!subject) throw new NotFoundError(input.memberId ? 'Member' : 'Unit', (input.memberId ?? input.unitId)!);
  requireSubjectInScope(subject, scope);
  const grantingUnitId = input.grantingUnitId ? await councilAbove(ctx.db, parseId('grantingUnitId', input.grantingUnitId), subject) : null;
  const proposalId = randomUUID();
  await ctx.transaction(async ({ manager, emit }) => {
    await emit({
      type: 'ExemplarProposed',
      aggregateId: proposalId,
      unitPath: subject.unitPath,
      payload: {
        proposalId, storyId: story.id, proposedBy: ctx.identity.subject, subject, campaignId: story.campaignId, achievement: input.achievement.trim().normalize('NFC'),
        achievedOn: input.achievedOn, formCode: input.formCode, grantingUnitId,
      },
    });
    await record(manager, story.id, story.status, story.status, 'PROPOSE_EXEMPLAR', ctx.identity.subject, `${subject.name}: ${input.achievement.trim()}`);
  });
  return proposalId;
}

/** The chosen council must be the subject's unit or one above it; whether it grants the form is reward's to judge. */
async function councilAbove(db: Queryable, unitId: string, subject: { unitPath: string; name: string }): Promise<string> {
  const [unit] = await queryRows<{ path: string; name: string }>(db, `SELECT path, name FROM unit_refs WHERE id = $1`, [unitId]);
  if (!unit) throw new NotFoundError('Union unit', unitId);
  if (!isWithinSubtree(subject.unitPath, unit.path)) {
    throw ValidationError.single('grantingUnitId', `${unit.name} không phải đơn vị của ${subject.name} hay cấp trên của đơn vị đó; chọn hội đồng của một cấp phía trên`);
  }
  return unitId;
}

/** Published and retracted stories for everyone (a retraction is shown with its reason); the rest for editors. */
export function canSee(ctx: MediaContext, story: StoryRow): boolean {
  if (story.status === 'PUBLISHED' || story.status === 'RETRACTED') return true;
  const scope = editorialScope(ctx.identity);
  return isWithinSubtree(story.unitPath, scope);
}

export async function visibleStory(ctx: MediaContext, id: string): Promise<StoryRow | null> {
  const story = await loadStory(ctx.db.manager, parseId('id', id));
  return story && canSee(ctx, story) ? story : null;
}

export function ownedStories(ctx: MediaContext, owner: StoryOwner, ownerId: string, page: PageRequest): Promise<Connection<StoryRow>> {
  return ctx.loaders.stories[owner].load({ ownerId, first: pageSize(page.first), after: decodeCursor(page.after) });
}

/** Candidates waiting for an editor of the subtree, newest first. */
export async function storyCandidates(ctx: MediaContext, page: PageRequest): Promise<Connection<StoryRow>> {
  const scope = requireEditor(ctx);
  return storyPage(ctx, `s.status = 'CANDIDATE' AND s.unit_path LIKE $1 || '%'`, [scope], page);
}

type StoryWithCursor = StoryRow & { cursorTime: string };

/** A page of stories, newest first, by a WHERE clause over `stories s`. */
export async function storyPage(ctx: MediaContext, where: string, params: unknown[], page: PageRequest, order: 'NEWEST' | 'OLDEST' = 'NEWEST'): Promise<Connection<StoryRow>> {
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const n = params.length;
  const [direction, comparison] = order === 'NEWEST' ? ['DESC', '<'] : ['ASC', '>'];
  const rows = await queryRows<StoryWithCursor>(ctx.db,
    `SELECT ${STORY_COLUMNS}, coalesce(s.published_at, s.created_at)::text AS "cursorTime" FROM stories s
      WHERE (${where}) AND ($${n + 2}::timestamptz IS NULL OR (coalesce(s.published_at, s.created_at), s.id) ${comparison} ($${n + 2}::timestamptz, $${n + 3}::uuid))
      ORDER BY coalesce(s.published_at, s.created_at) ${direction}, s.id ${direction} LIMIT $${n + 1}`,
    [...params, limit + 1, after?.[0] ?? null, after?.[1] ?? null],
  );
  return toConnection(rows, limit, (row) => [row.cursorTime, row.id]);
}

/** Search in Vietnamese, with or without diacritics, ranked (title first); published stories only. */
export async function searchStories(ctx: MediaContext, text: string, page: PageRequest): Promise<Connection<StoryRow>> {
  const query = searchQuery(text);
  if (!query) throw ValidationError.single('text', 'nhập ít nhất một từ để tìm tin bài');
  const limit = pageSize(page.first);
  const offset = decodePosition(page.after);
  const rows = await queryRows<StoryRow>(ctx.db,
    `SELECT ${STORY_COLUMNS} FROM stories s, to_tsquery('simple', $1) q
      WHERE s.status = 'PUBLISHED' AND s.search @@ q
      ORDER BY ts_rank(s.search, q) DESC, s.published_at DESC, s.id LIMIT $2 OFFSET $3`,
    [query, limit + 1, offset],
  );
  const connection = toConnection(rows.map((row, i) => ({ row, position: offset + i + 1 })), limit, (r) => [r.position]);
  return { edges: connection.edges.map((e) => ({ cursor: e.cursor, node: e.node.row })), pageInfo: connection.pageInfo };
}

export interface SyndicationFilter {
  kinds?: StoryKind[] | null;
  sectionSlug?: string | null;
  provinceCode?: string | null;
  occupationCode?: string | null;
  publishedFrom?: string | null;
  publishedTo?: string | null;
}

/**
 * For news channels (API key): published and retracted stories changed since `updatedSince`, oldest change
 * first, so a channel syncs incrementally and takes retracted stories down.
 */
export async function syndicatedStories(ctx: MediaContext, filter: SyndicationFilter, updatedSince: Date | null, page: PageRequest): Promise<Connection<StoryRow>> {
  requireAuthenticated(ctx.identity);
  if (!hasRole(ctx.identity, 'NEWS_CHANNEL', 'EDITOR', 'NATIONAL_ADMIN')) throw new ForbiddenError('Chỉ kênh tin đã đăng ký mới nhận tin bài (hãy gửi khóa API của kênh)');
  let kinds = filter.kinds ?? null;
  if (filter.sectionSlug) {
    const [section] = await queryRows<{ filter: { kinds: StoryKind[] } }>(ctx.db, `SELECT filter FROM sections WHERE slug = $1`, [filter.sectionSlug]);
    if (!section) throw new NotFoundError('Section', filter.sectionSlug);
    kinds = section.filter.kinds.length > 0 ? section.filter.kinds : kinds;
  }
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const rows = await queryRows<StoryWithCursor>(ctx.db,
    `SELECT ${STORY_COLUMNS}, s.updated_at::text AS "cursorTime" FROM stories s
      WHERE s.status IN ('PUBLISHED','RETRACTED') AND s.published_at IS NOT NULL
        AND ($1::text[] IS NULL OR s.kind = ANY($1)) AND ($2::text IS NULL OR s.province_code = $2) AND ($3::text IS NULL OR s.occupation_code = $3)
        AND ($4::timestamptz IS NULL OR s.published_at >= $4) AND ($5::timestamptz IS NULL OR s.published_at <= $5)
        AND ($6::timestamptz IS NULL OR s.updated_at > $6)
        AND ($8::timestamptz IS NULL OR (s.updated_at, s.id) > ($8::timestamptz, $9::uuid))
      ORDER BY s.updated_at, s.id LIMIT $7`,
    [kinds, filter.provinceCode ?? null, filter.occupationCode ?? null, filter.publishedFrom ?? null, filter.publishedTo ?? null, updatedSince, limit + 1, after?.[0] ?? null, after?.[1] ?? null],
  );
  return toConnection(rows, limit, (row) => [row.cursorTime, row.id]);
}

export async function storyHistory(ctx: MediaContext, story: StoryRow) {
  requireEditor(ctx);
  requireWithinScope(ctx.identity, story.unitPath);
  return ctx.db.query(`SELECT from_status AS "fromStatus", to_status AS "toStatus", action, actor, note, at FROM story_history WHERE story_id = $1 ORDER BY id`, [story.id]);
}
