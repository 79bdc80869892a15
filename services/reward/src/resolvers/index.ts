import { scalarResolvers, type GraphQLResolverMap } from '@thidua/common';
import type { RewardContext } from '../application/loaders';

export const resolvers: GraphQLResolverMap<RewardContext> = {
  ...scalarResolvers,
  Campaign: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    nominationsOpen: async (campaign: { id: string }, _: unknown, ctx: RewardContext) =>
      (await ctx.loaders.campaignRef.load(campaign.id))?.nominationsOpen ?? false,
  },
};
