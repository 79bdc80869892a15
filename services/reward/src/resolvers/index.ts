import { scalarResolvers, type GraphQLResolverMap, type PageRequest } from '@thidua/common';
import type { RewardContext } from '../application/loaders';
import { nominations, type NominationRow } from '../application/nominations';

export const resolvers: GraphQLResolverMap<RewardContext> = {
  ...scalarResolvers,
  Query: {
    nominations: (_: unknown, args: PageRequest & { status?: string | null }, ctx: RewardContext) => nominations(ctx, args.status ?? null, args),
  },
  Campaign: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    nominationsOpen: async (campaign: { id: string }, _: unknown, ctx: RewardContext) => (await ctx.loaders.campaignRef.load(campaign.id))?.nominationsOpen ?? false,
  },
  Nomination: {
    member: (nomination: NominationRow) => (nomination.memberId ? { id: nomination.memberId } : null),
    unit: (nomination: NominationRow) => ({ id: nomination.unitId }),
    campaign: (nomination: NominationRow) => (nomination.campaignId ? { id: nomination.campaignId } : null),
  },
};
