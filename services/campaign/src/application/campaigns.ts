import {
  ConflictError,
  NotFoundError,
  ValidationError,
  decodeCursor,
  hasRole,
  pageSize,
  parseId,
  requireRole,
  requireWithinScope,
  toConnection,
  type CampaignCategory,
  type Connection,
  type OrganisationType,
  type PageRequest,
  type TargetDirection,
} from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { canSeeCampaign } from '../domain/access';
import { canTransition, draftProblems, launchProblems, type CampaignDraft, type CampaignStatus, type ReportingCadence } from '../domain/campaigns';
import { CampaignEntity, CampaignTargetEntity, OccupationEntity, type CampaignRow, type CampaignTargetRow } from '../entities';
import type { CampaignContext } from './context';

export interface CreateCampaignInput {
  launchingUnitId: string;
  title: string;
  goal?: string | null;
  content?: string | null;
  participants?: string | null;
  organisingMeasures?: string | null;
  category: CampaignCategory;
  scope?: { unitId?: string | null; organisationTypes?: OrganisationType[] | null; occupationCodes?: string[] | null } | null;
  targets?: { name: string; unitOfMeasure: string; targetValue: number; direction: TargetDirection; weight: number }[] | null;
  startsOn?: string | null;
  endsOn?: string | null;
  reportingCadence?: ReportingCadence | null;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function toDraft(campaign: CampaignRow, targets: CampaignTargetRow[]): CampaignDraft {
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

export async function createCampaign(ctx: CampaignContext, input: CreateCampaignInput): Promise<CampaignRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const launchingUnit = await ctx.loaders.unit.load(parseId('launchingUnitId', input.launchingUnitId));
  if (!launchingUnit) throw new NotFoundError('Unit', input.launchingUnitId);
  requireWithinScope(ctx.identity, launchingUnit.path);
  const scopeUnit = input.scope?.unitId ? await ctx.loaders.unit.load(parseId('scope.unitId', input.scope.unitId)) : launchingUnit;
  if (!scopeUnit) throw new NotFoundError('Unit', input.scope?.unitId ?? '');
  if (!scopeUnit.path.startsWith(launchingUnit.path)) {
    throw ValidationError.single('scope.unitId', 'a campaign covers only units inside the launching unit’s subtree');
  }

  const draft: CampaignDraft = {
    title: input.title.trim(),
    goal: input.goal?.trim() || null,
    content: input.content?.trim() || null,
    participants: input.participants?.trim() || null,
    organisingMeasures: input.organisingMeasures?.trim() || null,
    category: input.category,
    scopeOrganisationTypes: input.scope?.organisationTypes ?? [],
    scopeOccupationCodes: input.scope?.occupationCodes ?? [],
    targets: (input.targets ?? []).map((t) => ({ ...t, name: t.name.trim(), unitOfMeasure: t.unitOfMeasure.trim() })),
    startsOn: input.startsOn ?? null,
    endsOn: input.endsOn ?? null,
    reportingCadence: input.reportingCadence ?? 'MONTHLY',
  };
  const problems = draftProblems(draft);
  problems.push(...(await unknownOccupations(ctx.db.manager, draft.scopeOccupationCodes)));
  if (problems.length > 0) throw new ValidationError(problems);

  return ctx.transaction(async ({ manager }) => {
    const campaign = await manager.getRepository(CampaignEntity).save({
      title: draft.title,
      goal: draft.goal,
      content: draft.content,
      participants: draft.participants,
      organisingMeasures: draft.organisingMeasures,
      category: draft.category,
      status: 'DRAFT' as const,
      launchingUnitId: launchingUnit.id,
      launchingUnitPath: launchingUnit.path,
      scopeUnitId: scopeUnit.id,
      scopeOrganisationTypes: draft.scopeOrganisationTypes,
      scopeOccupationCodes: draft.scopeOccupationCodes,
      startsOn: draft.startsOn,
      endsOn: draft.endsOn,
      reportingCadence: draft.reportingCadence,
      launchedAt: null,
      createdBy: ctx.identity.subject,
    });
    await manager.getRepository(CampaignTargetEntity).save(draft.targets.map((target, position) => ({ ...target, campaignId: campaign.id, position })));
    return campaign;
  });
}

async function unknownOccupations(manager: EntityManager, codes: string[]) {
  if (codes.length === 0) return [];
  const found = new Set((await manager.getRepository(OccupationEntity).find({ select: { code: true } })).map((o) => o.code));
  return codes.filter((code) => !found.has(code)).map((code) => ({ field: 'scope.occupationCodes', message: `"${code}" is not in the occupation catalogue` }));
}

/** Launch (phát động): the draft must be complete; the CampaignLaunched event commits with the status change. */
export async function launchCampaign(ctx: CampaignContext, id: string): Promise<CampaignRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const campaignId = parseId('id', id);
  return ctx.transaction(async ({ manager, emit }) => {
    const campaign = await manager.getRepository(CampaignEntity).findOne({ where: { id: campaignId }, lock: { mode: 'pessimistic_write' } });
    if (!campaign || !canSeeCampaign(ctx.identity, campaign)) throw new NotFoundError('Campaign', id);
    requireWithinScope(ctx.identity, campaign.launchingUnitPath);
    if (!canTransition(campaign.status, 'LAUNCHED')) {
      throw new ConflictError(`Campaign is ${campaign.status}; only a DRAFT can be launched`, { status: campaign.status });
    }
    const targets = await manager.getRepository(CampaignTargetEntity).find({ where: { campaignId }, order: { position: 'ASC' } });
    const problems = launchProblems(toDraft(campaign, targets), today());
    if (problems.length > 0) throw new ValidationError(problems);

    campaign.status = 'LAUNCHED';
    campaign.launchedAt = new Date();
    await manager.getRepository(CampaignEntity).update({ id: campaignId }, { status: campaign.status, launchedAt: campaign.launchedAt });
    await emit({
      type: 'CampaignLaunched',
      aggregateId: campaign.id,
      unitPath: campaign.launchingUnitPath,
      payload: {
        campaignId: campaign.id,
        title: campaign.title,
        category: campaign.category,
        launchingUnitId: campaign.launchingUnitId,
        launchingUnitPath: campaign.launchingUnitPath,
        startsOn: campaign.startsOn!,
        endsOn: campaign.endsOn!,
        targets: targets.map((t) => ({
          targetId: t.id,
          name: t.name,
          unitOfMeasure: t.unitOfMeasure,
          targetValue: t.targetValue,
          direction: t.direction,
          weight: t.weight,
        })),
      },
    });
    return campaign;
  });
}

export async function visibleCampaign(ctx: CampaignContext, id: string): Promise<CampaignRow | null> {
  const campaign = await ctx.loaders.campaign.load(parseId('id', id));
  return campaign && canSeeCampaign(ctx.identity, campaign) ? campaign : null;
}

/**
 * Campaigns of a subtree, newest first. Drafts appear only to callers whose scope contains the launching unit.
 */
export async function listCampaigns(
  ctx: CampaignContext,
  filter: { unitId?: string | null; status?: CampaignStatus | null },
  page: PageRequest,
): Promise<Connection<CampaignRow>> {
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  let subtree = '/';
  if (filter.unitId) {
    const unit = await ctx.loaders.unit.load(parseId('unitId', filter.unitId));
    if (!unit) throw new NotFoundError('Unit', filter.unitId);
    subtree = unit.path;
  }
  const draftScope = hasRole(ctx.identity, 'NATIONAL_ADMIN') ? '/' : hasRole(ctx.identity, 'UNIT_OFFICER') ? ctx.identity.unitPath : null;
  const keys = (await ctx.db.query(
    `SELECT id, created_at::text AS "createdAt" FROM campaigns
      WHERE launching_unit_path LIKE $1
        AND ($2::text IS NULL OR status = $2)
        AND (status <> 'DRAFT' OR ($3::text IS NOT NULL AND launching_unit_path LIKE $3 || '%'))
        AND ($5::timestamptz IS NULL OR (created_at, id) < ($5::timestamptz, $6::uuid))
      ORDER BY created_at DESC, id DESC LIMIT $4`,
    [`${subtree}%`, filter.status ?? null, draftScope, limit + 1, after?.[0] ?? null, after?.[1] ?? null],
  )) as { id: string; createdAt: string }[];
  // the cursor keeps PostgreSQL's microseconds, which a JS Date would round away
  const cursorTime = new Map(keys.map((k) => [k.id, k.createdAt]));
  const rows = (await ctx.loaders.campaign.loadMany(keys.map((k) => k.id))).filter((r): r is CampaignRow => r !== null && !(r instanceof Error));
  return toConnection(rows, limit, (row) => [cursorTime.get(row.id)!, row.id]);
}
