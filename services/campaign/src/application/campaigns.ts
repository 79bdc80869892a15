import { ConflictError, NotFoundError, ValidationError, decodeCursor, isWithinSubtree, officerScope, pageSize, parseId, queryRows, requireRole, requireWithinScope, toConnection, todayInVietnam, type CampaignCategory, type Connection, type FieldProblem, type OrganisationType, type PageRequest, type TransactionScope } from '@thidua/common';
import { CAMPAIGN_STATUS_NAMES } from '../domain/campaign-names';
import { inSentence } from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { canSeeCampaign } from '../domain/access';
import { canTransition, draftProblems, firstStepTowards, launchProblems, meets, summaryProblems, type CampaignDraft, type CampaignStatus, type ReportingCadence, type SummaryDraft } from '../domain/campaigns';
import { measuredTargets, type ProposedTarget } from '../domain/targets';
import { CampaignEntity, CampaignSummaryEntity, CampaignTargetEntity, OccupationEntity, SummaryResultEntity, UnionUnitEntity, type CampaignRow, type CampaignTargetRow, type UnionUnitRow } from '../entities';
import { campaignLaunched, campaignUpdated } from './published-events';
import type { CampaignContext } from './context';

/** A target as the API takes it: SUM unless said otherwise; a missing value is reported, never taken as 0. */
export interface TargetInput extends Omit<ProposedTarget, 'aggregation' | 'targetValue'> {
  targetValue?: number | null;
  aggregation?: ProposedTarget['aggregation'] | null;
}

export interface ScopeInput {
  unitId?: string | null;
  organisationTypes?: OrganisationType[] | null;
  occupationCodes?: string[] | null;
}

export interface CreateCampaignInput {
  launchingUnitId: string;
  title: string;
  goal?: string | null;
  content?: string | null;
  participants?: string | null;
  organisingMeasures?: string | null;
  category: CampaignCategory;
  scope?: ScopeInput | null;
  targets?: TargetInput[] | null;
  startsOn?: string | null;
  endsOn?: string | null;
  reportingCadence?: ReportingCadence | null;
}

export type UpdateCampaignInput = Partial<Omit<CreateCampaignInput, 'launchingUnitId' | 'category'>>;

/** Fields that may change after launch: the descriptive texts. Targets, scope and period are what units committed to. */
const EDITABLE_AFTER_LAUNCH = ['title', 'goal', 'content', 'participants', 'organisingMeasures'] as const;

function text(value: string | null | undefined): string | null {
  return value?.trim().normalize('NFC') || null;
}

export function targetDrafts(targets: TargetInput[]): ProposedTarget[] {
  return targets.map((t) => ({
    name: t.name.trim().normalize('NFC'),
    unitOfMeasure: t.unitOfMeasure.trim().normalize('NFC'),
    targetValue: t.targetValue ?? null,
    direction: t.direction,
    aggregation: t.aggregation ?? 'SUM',
    weight: t.weight,
  }));
}

function toDraft(campaign: CampaignRow, targets: ProposedTarget[]): CampaignDraft {
  return {
    title: campaign.title,
    goal: campaign.goal,
    content: campaign.content,
    participants: campaign.participants,
    organisingMeasures: campaign.organisingMeasures,
    category: campaign.category,
    scopeOrganisationTypes: campaign.scopeOrganisationTypes,
    scopeOccupationCodes: campaign.scopeOccupationCodes,
    targets,
    startsOn: campaign.startsOn,
    endsOn: campaign.endsOn,
    reportingCadence: campaign.reportingCadence,
  };
}

export async function unknownOccupations(manager: EntityManager, codes: string[]): Promise<FieldProblem[]> {
  if (codes.length === 0) return [];
  const found = new Set((await manager.getRepository(OccupationEntity).find({ select: { code: true } })).map((o) => o.code));
  return codes.filter((code) => !found.has(code)).map((code) => ({ field: 'scope.occupationCodes', message: `mã nghề "${code}" không có trong danh mục nghề nghiệp` }));
}

/** The scope's subtree root must lie inside the launching unit's subtree. */
export async function resolveScopeUnit(ctx: CampaignContext, launchingUnitPath: string, scopeUnitId: string | null | undefined, fallbackId: string) {
  const scopeUnit = await ctx.loaders.unit.load(scopeUnitId ? parseId('scope.unitId', scopeUnitId) : fallbackId);
  if (!scopeUnit) throw new NotFoundError('Unit', scopeUnitId ?? fallbackId);
  if (!isWithinSubtree(scopeUnit.path, launchingUnitPath)) {
    throw ValidationError.single('scope.unitId', 'phong trào chỉ áp dụng cho các đơn vị trực thuộc đơn vị phát động');
  }
  return scopeUnit;
}

export async function saveTargets(manager: EntityManager, campaignId: string, targets: ProposedTarget[]): Promise<void> {
  await manager.getRepository(CampaignTargetEntity).delete({ campaignId });
  if (targets.length > 0) await manager.getRepository(CampaignTargetEntity).insert(measuredTargets(targets).map((t, position) => ({ ...t, campaignId, position })));
}

/**
 * Creates a draft; with `launch` the draft is checked against every launch rule first and launched in the same
 * transaction, so a launch that fails leaves no draft behind.
 */
export async function createCampaign(ctx: CampaignContext, input: CreateCampaignInput, launch = false): Promise<CampaignRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const launchingUnit = await ctx.loaders.unit.load(parseId('launchingUnitId', input.launchingUnitId));
  if (!launchingUnit) throw new NotFoundError('Unit', input.launchingUnitId);
  requireWithinScope(ctx.identity, launchingUnit.path);
  const scopeUnit = await resolveScopeUnit(ctx, launchingUnit.path, input.scope?.unitId, launchingUnit.id);

  const draft: CampaignDraft = {
    title: input.title.trim().normalize('NFC'),
    goal: text(input.goal),
    content: text(input.content),
    participants: text(input.participants),
    organisingMeasures: text(input.organisingMeasures),
    category: input.category,
    scopeOrganisationTypes: input.scope?.organisationTypes ?? [],
    scopeOccupationCodes: input.scope?.occupationCodes ?? [],
    targets: targetDrafts(input.targets ?? []),
    startsOn: input.startsOn ?? null,
    endsOn: input.endsOn ?? null,
    reportingCadence: input.reportingCadence ?? 'MONTHLY',
  };
  const rules = launch ? launchProblems(draft, todayInVietnam()) : draftProblems(draft);
  const problems = [...rules, ...(await unknownOccupations(ctx.db.manager, draft.scopeOccupationCodes))];
  if (problems.length > 0) throw new ValidationError(problems);

  return ctx.transaction(async ({ manager, emit }) => {
    const campaign = await saveNewDraft(ctx, manager, draft, { launchingUnit, scopeUnit, derivedFromId: null, adaptationNote: null });
    return launch ? markLaunched(manager, emit, campaign, await targetsOf(manager, campaign.id)) : campaign;
  });
}

/** Writes a new DRAFT campaign with its targets (created from scratch or replicated). */
export async function saveNewDraft(
  ctx: CampaignContext,
  manager: EntityManager,
  draft: CampaignDraft,
  origin: { launchingUnit: UnionUnitRow; scopeUnit: UnionUnitRow; derivedFromId: string | null; adaptationNote: string | null },
): Promise<CampaignRow> {
  const { targets, ...fields } = draft;
  const campaign = await manager.getRepository(CampaignEntity).save({
    ...fields,
    status: 'DRAFT' as const,
    launchingUnitId: origin.launchingUnit.id,
    launchingUnitPath: origin.launchingUnit.path,
    scopeUnitId: origin.scopeUnit.id,
    launchedAt: null,
    startedAt: null,
    summarisingAt: null,
    closedAt: null,
    derivedFromId: origin.derivedFromId,
    adaptationNote: origin.adaptationNote,
    createdBy: ctx.identity.subject,
  });
  await saveTargets(manager, campaign.id, targets);
  return campaign;
}

/** Locks a campaign the caller may change: visible to them and launched by a unit in their scope. */
async function lockForChange(ctx: CampaignContext, manager: EntityManager, id: string): Promise<CampaignRow> {
  const campaign = await manager.getRepository(CampaignEntity).findOne({ where: { id: parseId('id', id) }, lock: { mode: 'pessimistic_write' } });
  if (!campaign || !canSeeCampaign(ctx.identity, campaign)) throw new NotFoundError('Campaign', id);
  requireWithinScope(ctx.identity, campaign.launchingUnitPath);
  return campaign;
}

function targetsOf(manager: EntityManager, campaignId: string): Promise<CampaignTargetRow[]> {
  return manager.getRepository(CampaignTargetEntity).find({ where: { campaignId }, order: { position: 'ASC' } });
}

export async function updateCampaign(ctx: CampaignContext, id: string, input: UpdateCampaignInput): Promise<CampaignRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  return ctx.transaction(async ({ manager, emit }) => {
    const campaign = await lockForChange(ctx, manager, id);
    const given = Object.keys(input).filter((key) => input[key as keyof UpdateCampaignInput] !== undefined);
    if (campaign.status === 'CLOSED') throw new ConflictError('Phong trào đã kết thúc, không sửa được nữa', { status: campaign.status });
    if (campaign.status !== 'DRAFT') {
      const locked = given.filter((key) => !(EDITABLE_AFTER_LAUNCH as readonly string[]).includes(key));
      if (locked.length > 0) {
        throw new ValidationError(locked.map((field) => ({ field, message: `không sửa được sau khi phát động (các đơn vị đã đăng ký theo nội dung này); chỉ sửa được: ${EDITABLE_AFTER_LAUNCH.join(', ')}` })));
      }
    }
    const launchingUnitPath = campaign.launchingUnitPath;
    const scopeUnit = input.scope ? await resolveScopeUnit(ctx, launchingUnitPath, input.scope.unitId, campaign.scopeUnitId) : null;
    const next: CampaignRow = {
      ...campaign,
      title: input.title === undefined || input.title === null ? campaign.title : input.title.trim().normalize('NFC'),
      goal: input.goal === undefined ? campaign.goal : text(input.goal),
      content: input.content === undefined ? campaign.content : text(input.content),
      participants: input.participants === undefined ? campaign.participants : text(input.participants),
      organisingMeasures: input.organisingMeasures === undefined ? campaign.organisingMeasures : text(input.organisingMeasures),
      scopeUnitId: scopeUnit?.id ?? campaign.scopeUnitId,
      scopeOrganisationTypes: input.scope ? (input.scope.organisationTypes ?? []) : campaign.scopeOrganisationTypes,
      scopeOccupationCodes: input.scope ? (input.scope.occupationCodes ?? []) : campaign.scopeOccupationCodes,
      startsOn: input.startsOn === undefined ? campaign.startsOn : input.startsOn,
      endsOn: input.endsOn === undefined ? campaign.endsOn : input.endsOn,
      reportingCadence: input.reportingCadence ?? campaign.reportingCadence,
    };
    const targets = input.targets ? targetDrafts(input.targets) : await targetsOf(manager, campaign.id);
    const problems = [...draftProblems(toDraft(next, targets)), ...(await unknownOccupations(manager, next.scopeOccupationCodes))];
    if (problems.length > 0) throw new ValidationError(problems);
    const saved = await manager.getRepository(CampaignEntity).save(next);
    if (input.targets) await saveTargets(manager, campaign.id, targets);
    if (saved.status !== 'DRAFT' && given.length > 0) await emit(campaignUpdated(saved, given));
    return saved;
  });
}

/** Launch (phát động): the draft must be complete; the CampaignLaunched event commits with the status change. */
export async function launchCampaign(ctx: CampaignContext, id: string): Promise<CampaignRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  return ctx.transaction(async ({ manager, emit }) => {
    const campaign = await lockForChange(ctx, manager, id);
    assertTransition(campaign.status, 'LAUNCHED');
    const targets = await targetsOf(manager, campaign.id);
    const problems = launchProblems(toDraft(campaign, targets), todayInVietnam());
    if (problems.length > 0) throw new ValidationError(problems);
    return markLaunched(manager, emit, campaign, targets);
  });
}

async function markLaunched(manager: EntityManager, emit: TransactionScope['emit'], campaign: CampaignRow, targets: CampaignTargetRow[]): Promise<CampaignRow> {
  campaign.status = 'LAUNCHED';
  campaign.launchedAt = new Date();
  const saved = await manager.getRepository(CampaignEntity).save(campaign);
  const scopeUnit = await manager.getRepository(UnionUnitEntity).findOneByOrFail({ id: campaign.scopeUnitId });
  await emit(campaignLaunched(saved, targets, scopeUnit.path));
  return saved;
}

/**
 * Discards a draft (bỏ bản nháp) with its targets: officers who may change it (its launching unit's subtree). A
 * launched movement is never deleted (units committed to it, other services know it); nor is a draft that other
 * drafts were replicated from, which would lose their lineage.
 */
export async function discardCampaignDraft(ctx: CampaignContext, id: string): Promise<string> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  return ctx.transaction(async ({ manager }) => {
    const campaign = await lockForChange(ctx, manager, id);
    if (campaign.status !== 'DRAFT') {
      throw new ConflictError(`Phong trào «${campaign.title}» đã phát động nên không xoá được; phong trào đã phát động chỉ có thể tổng kết và kết thúc.`, { status: campaign.status });
    }
    const derived = await manager.getRepository(CampaignEntity).find({ select: { title: true }, where: { derivedFromId: campaign.id } });
    if (derived.length > 0) {
      throw new ConflictError(`Bản nháp «${campaign.title}» là gốc nhân rộng của ${derived.map((d) => `«${d.title}»`).join(', ')}: bỏ các bản đó trước.`, { rule: 'replication-source' });
    }
    await manager.getRepository(CampaignEntity).delete({ id: campaign.id });
    return campaign.id;
  });
}

function assertTransition(from: CampaignStatus, to: CampaignStatus): void {
  if (canTransition(from, to)) return;
  const refused = `Phong trào ${inSentence(CAMPAIGN_STATUS_NAMES[from])} chưa thể chuyển sang ${inSentence(CAMPAIGN_STATUS_NAMES[to])}`;
  const step = firstStepTowards(from, to);
  const advice = step ? `: hãy chuyển sang ${inSentence(CAMPAIGN_STATUS_NAMES[step])} trước${step === 'SUMMARISING' ? ' (sơ kết, tổng kết phong trào)' : ''}.` : '.';
  throw new ConflictError(refused + advice, { status: from, requested: to, ...(step ? { nextStep: step } : {}) });
}

/** Moves a campaign along its lifecycle and tells the other services. */
async function transition(ctx: CampaignContext, id: string, to: 'IN_PROGRESS' | 'SUMMARISING'): Promise<CampaignRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  return ctx.transaction(async ({ manager, emit }) => {
    const campaign = await lockForChange(ctx, manager, id);
    assertTransition(campaign.status, to);
    campaign.status = to;
    if (to === 'IN_PROGRESS') campaign.startedAt = new Date();
    else campaign.summarisingAt = new Date();
    const saved = await manager.getRepository(CampaignEntity).save(campaign);
    await emit(campaignUpdated(saved, ['status']));
    return saved;
  });
}

export const startCampaign = (ctx: CampaignContext, id: string) => transition(ctx, id, 'IN_PROGRESS');
export const beginCampaignSummary = (ctx: CampaignContext, id: string) => transition(ctx, id, 'SUMMARISING');

export interface SummaryInput {
  results: { targetId: string; achievedValue: number; comment?: string | null }[];
  lessons: string;
  exemplars: { name: string; achievement: string; memberId?: string | null; unitId?: string | null }[];
}

/** Records the summary (tổng kết). A summary can be corrected until the campaign closes. */
export async function submitCampaignSummary(ctx: CampaignContext, id: string, input: SummaryInput): Promise<CampaignRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const summary: SummaryDraft = {
    results: input.results.map((r) => ({ targetId: r.targetId.toLowerCase(), achievedValue: r.achievedValue, comment: text(r.comment) })),
    lessons: input.lessons.trim().normalize('NFC'),
    exemplars: input.exemplars.map((e, i) => ({
      name: e.name.trim().normalize('NFC'),
      achievement: e.achievement.trim().normalize('NFC'),
      memberId: e.memberId ? parseId(`exemplars.${i}.memberId`, e.memberId) : null,
      unitId: e.unitId ? parseId(`exemplars.${i}.unitId`, e.unitId) : null,
    })),
  };
  return ctx.transaction(async ({ manager, emit }) => {
    const campaign = await lockForChange(ctx, manager, id);
    if (campaign.status !== 'SUMMARISING') {
      throw new ConflictError(`Phong trào ${inSentence(CAMPAIGN_STATUS_NAMES[campaign.status])}: bấm “Bắt đầu sơ kết, tổng kết” trước khi ghi báo cáo tổng kết`, { status: campaign.status });
    }
    const targets = await targetsOf(manager, campaign.id);
    const problems = summaryProblems(summary, targets);
    if (problems.length > 0) throw new ValidationError(problems);

    await manager.getRepository(SummaryResultEntity).delete({ campaignId: campaign.id });
    await manager.getRepository(CampaignSummaryEntity).delete({ campaignId: campaign.id });
    await manager.getRepository(CampaignSummaryEntity).insert({ campaignId: campaign.id, lessons: summary.lessons, exemplars: summary.exemplars, submittedBy: ctx.identity.subject });
    await manager.getRepository(SummaryResultEntity).insert(summary.results.map((r) => ({ campaignId: campaign.id, ...r })));
    const byId = new Map(targets.map((t) => [t.id, t]));
    await emit({
      type: 'CampaignSummarised',
      aggregateId: campaign.id,
      unitPath: campaign.launchingUnitPath,
      payload: {
        campaignId: campaign.id,
        title: campaign.title,
        launchingUnitPath: campaign.launchingUnitPath,
        lessons: summary.lessons,
        results: summary.results.map((r) => {
          const target = byId.get(r.targetId)!;
          return { targetId: r.targetId, name: target.name, achievedValue: r.achievedValue, targetValue: target.targetValue, met: meets(target.direction, r.achievedValue, target.targetValue) };
        }),
        exemplars: summary.exemplars,
      },
    });
    return campaign;
  });
}

/** "Every launched movement must be summarised": closing needs a submitted summary. */
export async function closeCampaign(ctx: CampaignContext, id: string): Promise<CampaignRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  return ctx.transaction(async ({ manager, emit }) => {
    const campaign = await lockForChange(ctx, manager, id);
    assertTransition(campaign.status, 'CLOSED');
    const hasSummary = (await manager.getRepository(CampaignSummaryEntity).countBy({ campaignId: campaign.id })) > 0;
    if (!hasSummary) throw new ConflictError('Phong trào chưa có báo cáo tổng kết nên chưa kết thúc được: hãy gửi báo cáo tổng kết trước', { rule: 'summary-required' });
    campaign.status = 'CLOSED';
    campaign.closedAt = new Date();
    const saved = await manager.getRepository(CampaignEntity).save(campaign);
    await emit({
      type: 'CampaignClosed',
      aggregateId: saved.id,
      unitPath: saved.launchingUnitPath,
      payload: { campaignId: saved.id, title: saved.title, launchingUnitPath: saved.launchingUnitPath, closedAt: saved.closedAt!.toISOString() },
    });
    return saved;
  });
}

export async function visibleCampaign(ctx: CampaignContext, id: string): Promise<CampaignRow | null> {
  const campaign = await ctx.loaders.campaign.load(parseId('id', id));
  return campaign && canSeeCampaign(ctx.identity, campaign) ? campaign : null;
}

/** A page of campaigns by a WHERE clause over `campaigns c`; `$1`… are the caller's parameters. */
export async function campaignPage(ctx: CampaignContext, where: string, params: unknown[], page: PageRequest): Promise<Connection<CampaignRow>> {
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const n = params.length;
  const keys = await queryRows<{ id: string; createdAt: string }>(ctx.db,
    `SELECT c.id, c.created_at::text AS "createdAt" FROM campaigns c
      WHERE (${where})
        AND (c.status <> 'DRAFT' OR ($${n + 1}::text IS NOT NULL AND c.launching_unit_path LIKE $${n + 1} || '%'))
        AND ($${n + 3}::timestamptz IS NULL OR (c.created_at, c.id) < ($${n + 3}::timestamptz, $${n + 4}::uuid))
      ORDER BY c.created_at DESC, c.id DESC LIMIT $${n + 2}`,
    [...params, officerScope(ctx.identity), limit + 1, after?.[0] ?? null, after?.[1] ?? null],
  );
  // the cursor keeps PostgreSQL's microseconds, which a JS Date would round away
  const cursorTime = new Map(keys.map((k) => [k.id, k.createdAt]));
  const rows = (await ctx.loaders.campaign.loadMany(keys.map((k) => k.id))).filter((r): r is CampaignRow => r !== null && !(r instanceof Error));
  return toConnection(rows, limit, (row) => [cursorTime.get(row.id)!, row.id]);
}

/** Campaigns of a subtree, newest first. Drafts appear only to callers whose scope contains the launching unit. */
export async function listCampaigns(ctx: CampaignContext, filter: { unitId?: string | null; status?: CampaignStatus | null }, page: PageRequest): Promise<Connection<CampaignRow>> {
  let subtree = '/';
  if (filter.unitId) {
    const unit = await ctx.loaders.unit.load(parseId('unitId', filter.unitId));
    if (!unit) throw new NotFoundError('Unit', filter.unitId);
    subtree = unit.path;
  }
  return campaignPage(ctx, `c.launching_unit_path LIKE $1 AND ($2::text IS NULL OR c.status = $2)`, [`${subtree}%`, filter.status ?? null], page);
}

/**
 * Campaigns launched strictly below a unit, past their end, not closed and without a summary: what the level
 * above chases (officers of that unit or above).
 */
export async function overdueSummaries(ctx: CampaignContext, unitId: string, page: PageRequest): Promise<Connection<CampaignRow>> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const unit = await ctx.loaders.unit.load(parseId('unitId', unitId));
  if (!unit) throw new NotFoundError('Unit', unitId);
  requireWithinScope(ctx.identity, unit.path);
  return campaignPage(
    ctx,
    `c.launching_unit_path LIKE $1 AND c.launching_unit_path <> $2 AND c.status IN ('LAUNCHED','IN_PROGRESS','SUMMARISING')
       AND c.ends_on < $3::date AND NOT EXISTS (SELECT 1 FROM campaign_summaries s WHERE s.campaign_id = c.id)`,
    [`${unit.path}%`, unit.path, todayInVietnam()],
    page,
  );
}
