import { scalarResolvers, type GraphQLResolverMap, type PageRequest } from '@thidua/common';
import { campaignStories, storyCandidates, type MediaContext } from '../application/stories';

export const resolvers: GraphQLResolverMap<MediaContext> = {
  ...scalarResolvers,
  Query: {
    storyCandidates: (_: unknown, args: PageRequest, ctx: MediaContext) => storyCandidates(ctx, args),
  },
  Campaign: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    stories: (campaign: { id: string }, args: PageRequest, ctx: MediaContext) => campaignStories(ctx, campaign.id, args),
  },
};
