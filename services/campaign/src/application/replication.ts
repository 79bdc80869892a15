import { NotFoundError, ValidationError, parseId, requireRole, requireWithinScope, type Connection, type PageRequest } from '@thidua/common';
import { canSeeCampaign } from '../domain/access';
import { draftProblems, type CampaignDraft } from '../domain/campaigns';
import { targetDraft } from '../domain/targets';
import { replicatedTargets, replicationProblems, type ReplicationRequest } from '../domain/replication';
import type { CampaignRow, CampaignSpreadRow } from '../entities';
import { campaignPage, resolveScopeUnit, saveNewDraft, targetDrafts, unknownOccupations, type ScopeInput, type TargetInput } from './campaigns';
import type { CampaignContext } from './context';

export interface ReplicateCampaignInput {
  sourceCampaignId: string;
  launchingUnitId: string;
  title?: string | null;
  scope: ScopeInput;
  targets?: TargetInput[] | null;
  adaptationNote: string;
  startsOn?: string | null;
  endsOn?: string | null;
}

/**
 * Replication (nhân rộng): a unit copies a model campaign it can see into a new draft of its own, adapted to
 * other occupations or organisation types. The draft records its source; it is launched like any other.
 */
export async function replicateCampaign(ctx: CampaignContext, input: ReplicateCampaignInput): Promise<CampaignRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const source = await ctx.loaders.campaign.load(parseId('sourceCampaignId', input.sourceCampaignId));
  if (!source || !canSeeCampaign(ctx.identity, source)) throw new NotFoundError('Campaign', input.sourceCampaignId);
  const launchingUnit = await ctx.loaders.unit.load(parseId('launchingUnitId', input.launchingUnitId));
  if (!launchingUnit) throw new NotFoundError('Unit', input.launchingUnitId);
  requireWithinScope(ctx.identity, launchingUnit.path);
  const scopeUnit = await resolveScopeUnit(ctx, launchingUnit.path, input.scope.unitId, launchingUnit.id);

  const request: ReplicationRequest = {
    occupationCodes: input.scope.occupationCodes ?? [],
    organisationTypes: input.scope.organisationTypes ?? [],
    targets: input.targets ? targetDrafts(input.targets) : null,
    adaptationNote: input.adaptationNote.trim().normalize('NFC'),
  };
  const sourceTargets = (await ctx.loaders.targets.load(source.id)).map(targetDraft);

  const targets = replicatedTargets(sourceTargets, request);
  const draft: CampaignDraft = {
    title: input.title?.trim().normalize('NFC') || source.title,
    goal: source.goal,
    content: source.content,
    participants: source.participants,
    organisingMeasures: source.organisingMeasures,
    category: source.category,
    scopeOrganisationTypes: request.organisationTypes,
    scopeOccupationCodes: request.occupationCodes,
    targets,
    startsOn: input.startsOn ?? null,
    endsOn: input.endsOn ?? null,
    reportingCadence: source.reportingCadence,
  };
  const problems = [...replicationProblems(request), ...draftProblems(draft), ...(await unknownOccupations(ctx.db.manager, request.occupationCodes))];
  if (problems.length > 0) throw new ValidationError(problems);

  return ctx.transaction(async ({ manager, emit }) => {
    const campaign = await saveNewDraft(ctx, manager, draft, { launchingUnit, scopeUnit, derivedFromId: source.id, adaptationNote: request.adaptationNote });
    await emit({
      type: 'CampaignReplicated',
      aggregateId: campaign.id,
      unitPath: launchingUnit.path,
      payload: {
        campaignId: campaign.id,
        sourceCampaignId: source.id,
        launchingUnitId: launchingUnit.id,
        launchingUnitPath: launchingUnit.path,
        title: campaign.title,
        occupationCodes: request.occupationCodes,
        organisationTypes: request.organisationTypes,
        adaptationNote: request.adaptationNote,
      },
    });
    return campaign;
  });
}

export function derivatives(ctx: CampaignContext, campaign: CampaignRow, page: PageRequest): Promise<Connection<CampaignRow>> {
  return campaignPage(ctx, `c.derived_from_id = $1`, [campaign.id], page);
}

/**
 * How far a model spread: the campaign and every campaign derived from it at any depth (drafts not counted), the
 * distinct units enrolled in them (or whose members enrolled), and the distinct members reached (enrolled themselves,
 * or members of an enrolled unit's subtree). Kept by the database's triggers as each of those changes (migration
 * SpreadCounts), so a page of a hundred campaigns reads a hundred rows.
 */
export async function spreadOf(ctx: CampaignContext, campaign: CampaignRow): Promise<CampaignSpreadRow> {
  const spread = await ctx.loaders.spread.load(campaign.id);
  // every campaign gets its row when it is inserted (trigger spread_after_campaign_insert)
  if (!spread) throw new Error(`campaign ${campaign.id} has no row in campaign_spreads`);
  return spread;
}
