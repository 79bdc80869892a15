import { isUuid, scalarResolvers, type GraphQLResolverMap, type PageRequest } from '@thidua/common';
import type { CampaignContext } from '../application/context';
import { createCampaign, launchCampaign, listCampaigns, visibleCampaign, type CreateCampaignInput } from '../application/campaigns';
import { createMember, membersOfSubtree, visibleMember, type CreateMemberInput } from '../application/members';
import { childUnits, createUnionUnit, searchUnits, type CreateUnionUnitInput } from '../application/units';
import { OccupationEntity, type CampaignRow, type MemberRow, type UnionUnitRow } from '../entities';
import type { CampaignStatus } from '../domain/campaigns';
import { canSeeCampaign, canSeeMember } from '../domain/access';

type Args<T> = T & PageRequest;

/** Thin: parse arguments, call the application layer, map rows to the schema. */
export const resolvers: GraphQLResolverMap<CampaignContext> = {
  ...scalarResolvers,
  Query: {
    unionUnit: (_: unknown, { id }: { id: string }, ctx: CampaignContext) => (isUuid(id) ? ctx.loaders.unit.load(id.toLowerCase()) : null),
    unionUnitByCode: (_: unknown, { code }: { code: string }, ctx: CampaignContext) =>
      ctx.db.query(`SELECT id FROM union_units WHERE code = $1`, [code]).then((rows: { id: string }[]) => (rows[0] ? ctx.loaders.unit.load(rows[0].id) : null)),
    searchUnionUnits: (_: unknown, args: Args<{ text: string }>, ctx: CampaignContext) => searchUnits(ctx, args.text, args),
    occupations: (_: unknown, __: unknown, ctx: CampaignContext) => ctx.db.getRepository(OccupationEntity).find({ order: { code: 'ASC' } }),
    member: (_: unknown, { id }: { id: string }, ctx: CampaignContext) => visibleMember(ctx, id),
    members: (_: unknown, args: Args<{ unitId: string }>, ctx: CampaignContext) => membersOfSubtree(ctx, args.unitId, args),
    campaign: (_: unknown, { id }: { id: string }, ctx: CampaignContext) => visibleCampaign(ctx, id),
    campaigns: (_: unknown, args: Args<{ unitId?: string | null; status?: CampaignStatus | null }>, ctx: CampaignContext) =>
      listCampaigns(ctx, { unitId: args.unitId ?? null, status: args.status ?? null }, args),
  },
  Mutation: {
    createUnionUnit: (_: unknown, { input }: { input: CreateUnionUnitInput }, ctx: CampaignContext) => createUnionUnit(ctx, input),
    createMember: (_: unknown, { input }: { input: CreateMemberInput }, ctx: CampaignContext) => createMember(ctx, input),
    createCampaign: (_: unknown, { input }: { input: CreateCampaignInput }, ctx: CampaignContext) => createCampaign(ctx, input),
    launchCampaign: (_: unknown, { id }: { id: string }, ctx: CampaignContext) => launchCampaign(ctx, id),
  },
  UnionUnit: {
    __resolveReference: (ref: { id: string }, ctx: CampaignContext) => ctx.loaders.unit.load(ref.id),
    parent: (unit: UnionUnitRow, _: unknown, ctx: CampaignContext) => (unit.parentId ? ctx.loaders.unit.load(unit.parentId) : null),
    children: (unit: UnionUnitRow, args: PageRequest, ctx: CampaignContext) => childUnits(ctx, unit.id, args),
  },
  Member: {
    __resolveReference: async (ref: { id: string }, ctx: CampaignContext) => {
      const member = await ctx.loaders.member.load(ref.id);
      return member && canSeeMember(ctx.identity, member) ? member : null;
    },
    unit: (member: MemberRow, _: unknown, ctx: CampaignContext) => ctx.loaders.unit.load(member.unitId),
    occupation: (member: MemberRow, _: unknown, ctx: CampaignContext) => ctx.loaders.occupation.load(member.occupationCode),
  },
  Campaign: {
    __resolveReference: async (ref: { id: string }, ctx: CampaignContext) => {
      const campaign = await ctx.loaders.campaign.load(ref.id);
      return campaign && canSeeCampaign(ctx.identity, campaign) ? campaign : null;
    },
    launchingUnit: (campaign: CampaignRow, _: unknown, ctx: CampaignContext) => ctx.loaders.unit.load(campaign.launchingUnitId),
    targets: (campaign: CampaignRow, _: unknown, ctx: CampaignContext) => ctx.loaders.targets.load(campaign.id),
    scope: (campaign: CampaignRow, _: unknown, ctx: CampaignContext) => ({
      unit: ctx.loaders.unit.load(campaign.scopeUnitId),
      organisationTypes: campaign.scopeOrganisationTypes,
      occupations: Promise.all(campaign.scopeOccupationCodes.map((code) => ctx.loaders.occupation.load(code))),
    }),
  },
};
