import { parseId, scalarResolvers, type GraphQLResolverMap } from '@thidua/common';
import type { EvaluationContext } from '../application/loaders';
import type { EvaluationRoundRow } from '../entities';

export const resolvers: GraphQLResolverMap<EvaluationContext> = {
  ...scalarResolvers,
  Query: {
    evaluationRound: (_: unknown, { campaignId }: { campaignId: string }, ctx: EvaluationContext) =>
      ctx.loaders.roundByCampaign.load(parseId('campaignId', campaignId)),
  },
  Campaign: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    evaluationRound: (campaign: { id: string }, _: unknown, ctx: EvaluationContext) => ctx.loaders.roundByCampaign.load(campaign.id),
  },
  EvaluationRound: {
    targets: (round: EvaluationRoundRow, _: unknown, ctx: EvaluationContext) => ctx.loaders.targetsByRound.load(round.id),
  },
};
