import type { GraphQLResolverMap } from '@thidua/common';
import type { RewardContext } from '../application/context';
import { returnNomination, revokeRewardDecision, withdrawNomination, type RevokeInput } from '../application/corrections';
import { decisionIssuerCode, setDecisionIssuerCode, type IssuerCode } from '../application/numbering';
import { LEGAL_GROUNDS, type LegalGround } from '../domain/corrections';
import type { DecisionRow, RevocationRow } from '../entities';

type Ctx = RewardContext;
type Id = { id: string };

/** The resolvers of corrections (schema.graphql, its own section), merged into the subgraph's. */
export const correctionResolvers: GraphQLResolverMap<Ctx> = {
  Query: {
    decisionLegalGrounds: () => Object.entries(LEGAL_GROUNDS).map(([code, rule]) => ({ code, ...rule })),
    decisionIssuerCode: (_: unknown, { unitId }: { unitId: string }, ctx: Ctx) => decisionIssuerCode(ctx, unitId),
  },
  Mutation: {
    withdrawNomination: (_: unknown, args: Id & { reason: string }, ctx: Ctx) => withdrawNomination(ctx, args.id, args.reason),
    returnNomination: (_: unknown, args: Id & { reason: string }, ctx: Ctx) => returnNomination(ctx, args.id, args.reason),
    revokeRewardDecision: (_: unknown, args: Id & { input: RevokeInput }, ctx: Ctx) => revokeRewardDecision(ctx, args.id, args.input),
    setDecisionIssuerCode: (_: unknown, args: { unitId: string; code: string }, ctx: Ctx) => setDecisionIssuerCode(ctx, args.unitId, args.code),
  },
  RewardDecision: {
    revocation: (decision: DecisionRow, _: unknown, ctx: Ctx) => ctx.loaders.revocation.load(decision.id),
  },
  DecisionRevocation: {
    legalGroundLabel: (revocation: RevocationRow) => LEGAL_GROUNDS[revocation.legalGround as LegalGround]?.label ?? revocation.legalGround,
  },
  DecisionIssuerCode: {
    unit: (code: IssuerCode) => ({ id: code.unitId }),
  },
};
