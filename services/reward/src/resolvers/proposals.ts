import type { GraphQLResolverMap } from '@thidua/common';
import type { RewardContext } from '../application/context';
import { decisionById } from '../application/decisions';
import { authorityRefusal, forwardProposal, proposalActions, proposeReward, recordsAuthorityAnswers, recordAuthorityDecision, recordAuthorityRefusal, recordAuthorityReturn, resendProposal, returnProposal, rewardProposals, stepDays, stepHasMemo, visibleProposal, type ProposeInput } from '../application/proposals';
import { AUTHORITY_NAMES, authorityRoute, type AuthorityDecisionInput, type AuthorityRefusalInput, type AuthorityReturnInput, type MemoSigner } from '../domain/authority';
import { LEGAL_GROUNDS, type LegalGround, type RevocationProposalInput } from '../domain/corrections';
import type { NominationRow, ProposalRow, ProposalStepRow, RevocationProposalRow, RewardFormRow } from '../entities';
import { mayProposeRevocation, proposeRevocation } from '../application/revocation-proposals';
import { suspensionView } from '../application/suspensions';

type Ctx = RewardContext;
type Id = { id: string };

/** The resolvers of "Who decides" (schema.graphql, its own section), merged into the subgraph's. */
export const proposalResolvers: GraphQLResolverMap<Ctx> = {
  Query: {
    rewardProposals: (_: unknown, args: { waiting?: boolean | null }, ctx: Ctx) => rewardProposals(ctx, args.waiting ?? false),
    rewardProposal: (_: unknown, { id }: Id, ctx: Ctx) => visibleProposal(ctx, id),
  },
  Mutation: {
    proposeReward: (_: unknown, args: { nominationId: string; input: ProposeInput }, ctx: Ctx) => proposeReward(ctx, args.nominationId, args.input),
    forwardProposal: (_: unknown, args: Id & MemoSigner & { note?: string | null }, ctx: Ctx) => forwardProposal(ctx, args.id, args.note ?? null, { signerRole: args.signerRole, signerName: args.signerName }),
    returnProposal: (_: unknown, args: Id & { reason: string }, ctx: Ctx) => returnProposal(ctx, args.id, args.reason),
    resendProposal: (_: unknown, args: Id & MemoSigner & { correction: string; reason?: string | null }, ctx: Ctx) =>
      resendProposal(ctx, args.id, args.correction, args.reason ?? null, { signerRole: args.signerRole, signerName: args.signerName }),
    recordAuthorityDecision: (_: unknown, args: Id & { input: AuthorityDecisionInput }, ctx: Ctx) => recordAuthorityDecision(ctx, args.id, args.input),
    recordAuthorityRefusal: (_: unknown, args: Id & { input: AuthorityRefusalInput }, ctx: Ctx) => recordAuthorityRefusal(ctx, args.id, args.input),
    recordAuthorityReturn: (_: unknown, args: Id & { input: AuthorityReturnInput }, ctx: Ctx) => recordAuthorityReturn(ctx, args.id, args.input),
    proposeRevocation: (_: unknown, args: Id & { input: RevocationProposalInput }, ctx: Ctx) => proposeRevocation(ctx, args.id, args.input),
  },
  RewardForm: {
    decidingAuthorityName: (form: RewardFormRow) => AUTHORITY_NAMES[form.decidingAuthority],
  },
  Nomination: {
    proposal: (nomination: NominationRow, _: unknown, ctx: Ctx) => ctx.loaders.proposalByNomination.load(nomination.id),
  },
  RewardProposal: {
    form: (proposal: ProposalRow, _: unknown, ctx: Ctx) => ctx.loaders.form.load(proposal.formCode),
    authorityName: (proposal: ProposalRow) => AUTHORITY_NAMES[proposal.authority],
    authorityRoute: (proposal: ProposalRow) => authorityRoute(proposal.authority, proposal.proposingUnitName),
    steps: (proposal: ProposalRow, _: unknown, ctx: Ctx) => ctx.loaders.proposalSteps.load(proposal.id),
    returnReason: async (proposal: ProposalRow, _: unknown, ctx: Ctx) =>
      proposal.status === 'RETURNED' ? ((await ctx.loaders.proposalSteps.load(proposal.id)).findLast((step) => step.outcome === 'RETURNED')?.note ?? null) : null,
    decision: (proposal: ProposalRow, _: unknown, ctx: Ctx) => (proposal.decisionId ? decisionById(ctx.db.manager, proposal.decisionId) : null),
    refusal: (proposal: ProposalRow) => authorityRefusal(proposal),
    actions: (proposal: ProposalRow, _: unknown, ctx: Ctx) => proposalActions(ctx.identity, proposal),
    recordsAuthority: (proposal: ProposalRow, _: unknown, ctx: Ctx) => recordsAuthorityAnswers(ctx.identity, proposal),
    revocationProposal: (proposal: ProposalRow, _: unknown, ctx: Ctx) => ctx.loaders.revocationProposal.load(proposal.id),
    suspension: async (proposal: ProposalRow, _: unknown, ctx: Ctx) => {
      if (proposal.status === 'DECIDED' || proposal.status === 'REFUSED') return null;
      const nomination = (await ctx.loaders.nomination.load(proposal.nominationId))!;
      return suspensionView(await ctx.loaders.pendingCases.load(nomination.memberId ?? nomination.unitId), nomination);
    },
    mayProposeRevocation: async (proposal: ProposalRow, _: unknown, ctx: Ctx) => proposal.status === 'DECIDED'
      && mayProposeRevocation(ctx.identity, proposal, (await ctx.loaders.revocationProposal.load(proposal.id)) !== null, (await ctx.loaders.revocation.load(proposal.decisionId!)) !== null),
  },
  RevocationProposal: {
    legalGroundLabel: (asked: RevocationProposalRow) => LEGAL_GROUNDS[asked.legalGround as LegalGround].label,
    legalSource: (asked: RevocationProposalRow) => LEGAL_GROUNDS[asked.legalGround as LegalGround].source,
  },
  ProposalStep: {
    days: (step: ProposalStepRow) => stepDays(step),
    memo: (step: ProposalStepRow) => stepHasMemo(step),
  },
};
