import { ConflictError, NotFoundError, ValidationError, isOfficerOver, parseId, queryRows, rowById, type CriteriaSetPublishedV1, type TargetDirection } from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { criteriaSetProblems, type CriteriaVariant, type CriterionDraft, type RubricLevel, type ScoringMethod, type Threshold } from '../domain/criteria';
import { SET_SELECT, type CriteriaSetRow } from '../entities';
import type { EvaluationContext } from './context';
import { criteriaOfSets } from './criteria';
import { organisedRound } from './rounds';
import { recomputeMeasuredScores } from './scores';

export interface CriterionInput {
  name: string;
  method: ScoringMethod;
  weight: number;
  unitOfMeasure?: string | null;
  targetValue?: number | null;
  direction?: TargetDirection | null;
  targetId?: string | null;
  thresholds?: Threshold[] | null;
  rubricLevels?: RubricLevel[] | null;
}

export interface CriteriaSetInput {
  campaignId: string;
  variant: CriteriaVariant;
  criteria: CriterionInput[];
  appealWindowDays?: number | null;
  disagreementThreshold?: number | null;
}

function drafts(input: CriteriaSetInput): CriterionDraft[] {
  return input.criteria.map((c, i) => ({
    name: c.name.trim().normalize('NFC'),
    method: c.method,
    weight: c.weight,
    unitOfMeasure: c.unitOfMeasure?.trim().normalize('NFC') || null,
    targetValue: c.targetValue ?? null,
    direction: c.direction ?? 'HIGHER_IS_BETTER',
    targetId: c.targetId ? parseId(`criteria.${i}.targetId`, c.targetId) : null,
    thresholds: c.thresholds ?? [],
    rubricLevels: (c.rubricLevels ?? []).map((l) => ({ score: l.score, description: l.description.trim().normalize('NFC') })),
  }));
}

/** Checks the criteria (measurable, weights), the window and threshold, and that linked targets are the campaign's. */
async function validate(ctx: EvaluationContext, input: CriteriaSetInput, targetIds: string[]): Promise<CriterionDraft[]> {
  const criteria = drafts(input);
  const problems = criteriaSetProblems(input.variant, criteria);
  criteria.forEach((c, i) => {
    if (c.targetId && !targetIds.includes(c.targetId)) problems.push({ field: `criteria.${i}.targetId`, message: 'chỉ tiêu này không thuộc phong trào' });
    if (c.targetId && c.method === 'RUBRIC') problems.push({ field: `criteria.${i}.targetId`, message: 'tiêu chí chấm theo mức do người chấm đánh giá, không gắn với chỉ tiêu' });
  });
  const window = input.appealWindowDays ?? 10;
  if (!Number.isInteger(window) || window < 1 || window > 60) problems.push({ field: 'appealWindowDays', message: 'thời hạn khiếu nại từ 1 đến 60 ngày' });
  const threshold = input.disagreementThreshold ?? 2;
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > 10) problems.push({ field: 'disagreementThreshold', message: 'ngưỡng chênh lệch từ 0 đến 10 điểm' });
  if (problems.length > 0) throw new ValidationError(problems);
  return criteria;
}

async function insertCriteria(manager: EntityManager, setId: string, criteria: CriterionDraft[]): Promise<void> {
  for (const [position, c] of criteria.entries()) {
    await manager.query(
      `INSERT INTO criteria (set_id, position, name, method, weight, unit_of_measure, target_value, direction, target_id, thresholds, rubric_levels)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [setId, position, c.name, c.method, c.weight, c.unitOfMeasure, c.targetValue, c.direction, c.targetId, JSON.stringify(c.thresholds), JSON.stringify(c.rubricLevels)],
    );
  }
}

export async function createCriteriaSet(ctx: EvaluationContext, input: CriteriaSetInput): Promise<CriteriaSetRow> {
  const round = await organisedRound(ctx, input.campaignId);
  const criteria = await validate(ctx, input, (await ctx.loaders.targetsByRound.load(round.id)).map((t) => t.targetId));
  return ctx.transaction(async ({ manager }) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`criteria:${round.campaignId}:${input.variant}`]);
    const [numbers] = await queryRows<{ next: number }>(manager, `SELECT coalesce(max(version), 0) + 1 AS next FROM criteria_sets WHERE campaign_id = $1 AND variant = $2`, [
      round.campaignId,
      input.variant,
    ]);
    const next = numbers!.next;
    const [set] = await queryRows<{ id: string }>(manager,
      `INSERT INTO criteria_sets (campaign_id, variant, version, status, appeal_window_days, disagreement_threshold, created_by)
       VALUES ($1, $2, $3, 'DRAFT', $4, $5, $6) RETURNING id`,
      [round.campaignId, input.variant, next, input.appealWindowDays ?? 10, input.disagreementThreshold ?? 2, ctx.identity.subject],
    );
    await insertCriteria(manager, set!.id, criteria);
    return loadSet(manager, set!.id);
  });
}

export async function loadSet(manager: EntityManager, id: string): Promise<CriteriaSetRow> {
  const row = await rowById<CriteriaSetRow>(manager, SET_SELECT, id);
  if (!row) throw new NotFoundError('Criteria set', id);
  return row;
}

async function lockDraft(ctx: EvaluationContext, manager: EntityManager, id: string): Promise<CriteriaSetRow> {
  const row = await rowById<CriteriaSetRow>(manager, SET_SELECT, parseId('id', id), { forUpdate: true });
  if (!row) throw new NotFoundError('Criteria set', id);
  await organisedRound(ctx, row.campaignId);
  if (row.status !== 'DRAFT') {
    throw new ConflictError(`Bộ tiêu chí phiên bản ${row.version} đã ${row.status === 'PUBLISHED' ? 'công bố' : 'thay thế'}, không sửa được: hãy tạo phiên bản mới`, { status: row.status });
  }
  return row;
}

export async function updateCriteriaSet(ctx: EvaluationContext, id: string, input: CriteriaSetInput): Promise<CriteriaSetRow> {
  return ctx.transaction(async ({ manager }) => {
    const set = await lockDraft(ctx, manager, id);
    if (input.campaignId.toLowerCase() !== set.campaignId || input.variant !== set.variant) {
      throw ValidationError.single('variant', 'bản nháp giữ nguyên phong trào và đối tượng áp dụng; hãy tạo bộ tiêu chí khác cho đối tượng khác');
    }
    const round = await ctx.loaders.roundByCampaign.load(set.campaignId);
    const criteria = await validate(ctx, input, (await ctx.loaders.targetsByRound.load(round!.id)).map((t) => t.targetId));
    await manager.query(`DELETE FROM criteria WHERE set_id = $1`, [set.id]);
    await insertCriteria(manager, set.id, criteria);
    await manager.query(`UPDATE criteria_sets SET appeal_window_days = $2, disagreement_threshold = $3 WHERE id = $1`, [
      set.id,
      input.appealWindowDays ?? 10,
      input.disagreementThreshold ?? 2,
    ]);
    return loadSet(manager, set.id);
  });
}

/** Publishing supersedes the variant's previous version and recomputes measured scores of everyone it applies to. */
export async function publishCriteriaSet(ctx: EvaluationContext, id: string): Promise<CriteriaSetRow> {
  return ctx.transaction(async ({ manager, emit }) => {
    const set = await lockDraft(ctx, manager, id);
    const [previous] = await queryRows<{ id: string }>(manager,
      // a SELECT over the UPDATE: TypeORM returns [rows, count] for a bare UPDATE … RETURNING
      `WITH superseded AS (UPDATE criteria_sets SET status = 'SUPERSEDED' WHERE campaign_id = $1 AND variant = $2 AND status = 'PUBLISHED' RETURNING id)
       SELECT id FROM superseded`,
      [set.campaignId, set.variant],
    );
    await manager.query(`UPDATE criteria_sets SET status = 'PUBLISHED', published_at = now() WHERE id = $1`, [set.id]);
    const criteria = await criteriaOfSets(manager, [set.id]);
    const payload: CriteriaSetPublishedV1 = {
      criteriaSetId: set.id,
      campaignId: set.campaignId,
      variant: set.variant,
      version: set.version,
      supersededSetId: previous?.id ?? null,
      criteria: criteria.map((c) => ({ criterionId: c.id, name: c.name, method: c.method, weight: c.weight })),
    };
    await emit({ type: 'CriteriaSetPublished', aggregateId: set.id, unitPath: null, payload });
    await recomputeMeasuredScores(manager, set.campaignId, null, ctx.identity.subject, `criteria set ${set.variant} v${set.version} published`);
    return loadSet(manager, set.id);
  });
}

/** Published sets for everyone; drafts and superseded versions for officers over the launching unit. */
export async function visibleSets(ctx: EvaluationContext, campaignId: string): Promise<CriteriaSetRow[]> {
  const [sets, round] = await Promise.all([ctx.loaders.setsByCampaign.load(campaignId), ctx.loaders.roundByCampaign.load(campaignId)]);
  const organiser = round !== null && isOfficerOver(ctx.identity, round.launchingUnitPath);
  return sets.filter((s) => s.status === 'PUBLISHED' || organiser);
}
