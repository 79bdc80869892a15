import { scalarResolvers, type GraphQLResolverMap, type IssuedDocument, type PageRequest } from '@thidua/common';
import { periodEndOf } from '../domain/periods';
import { collectiveAgreements, employerRewards, enterpriseMembers, visibleAgreement, recordEmployerRewards, registerCollectiveAgreement, type AgreementInput, type EmployerRewardInput } from '../application/agreements';
import { amountOn, baseSalaries, formHistory, rewardForms, saveRewardForm, setBaseSalary, type RewardFormInput } from '../application/catalogue';
import type { RewardContext } from '../application/context';
import { decisionStatus, documentUrl, issuedDocumentsOf } from '../application/documents';
import { decisionById, decisionMember, decisionsOf, grantReward, nominationDecision, register, type GrantInput, type RegisterFilter } from '../application/decisions';
import { rewardFairness, setRewardBudget } from '../application/fairness';
import { assessInitiative, initiatives, registerInitiative, visibleInitiative, type AssessInput } from '../application/initiatives';
import { nominate, nominations, refuseNomination, reviewNomination, visibleNomination, type NominateInput } from '../application/nominations';
import { campaignPlan, setCampaignRewardPlan } from '../application/plans';
import { grantingCouncils } from '../application/councils';
import { confirmDecisionAfterReview, decisionsUnderReview } from '../application/decision-reviews';
import { correctionResolvers } from './corrections';
import { proposalResolvers } from './proposals';
import { councilResolvers } from './council';
import { recognitionResolvers } from './recognition';
import type { AgreementRow, DecisionReviewRow, DecisionRow, EmployerRewardRow, InitiativeRow, NominationRow, RewardFormRow, RewardPlan, UnitRef } from '../entities';

type Ctx = RewardContext;
type Id = { id: string };

const unitRef = (id: string) => ({ id });

const coreResolvers: GraphQLResolverMap<Ctx> = {
  ...scalarResolvers,
  Query: {
    rewardForms: (_: unknown, args: { includeInactive?: boolean | null }, ctx: Ctx) => rewardForms(ctx, args.includeInactive ?? false),
    rewardForm: (_: unknown, { code }: { code: string }, ctx: Ctx) => ctx.loaders.form.load(code),
    baseSalaries: (_: unknown, __: unknown, ctx: Ctx) => baseSalaries(ctx.db.manager),
    nominations: (_: unknown, args: PageRequest & { status?: string | null; source?: string | null; search?: string | null }, ctx: Ctx) =>
      nominations(ctx, { status: args.status ?? null, source: args.source ?? null, search: args.search ?? null }, args),
    nomination: (_: unknown, { id }: Id, ctx: Ctx) => visibleNomination(ctx, id),
    rewardDecisions: (_: unknown, args: PageRequest & { filter?: RegisterFilter | null }, ctx: Ctx) => register(ctx, args.filter ?? {}, args),
    rewardDecision: (_: unknown, { id }: Id, ctx: Ctx) => decisionById(ctx.db.manager, id),
    collectiveAgreements: (_: unknown, args: PageRequest, ctx: Ctx) => collectiveAgreements(ctx, args),
    employerRewards: (_: unknown, args: PageRequest & { agreementId: string }, ctx: Ctx) => employerRewards(ctx, args.agreementId, args),
    initiatives: (_: unknown, args: PageRequest & { status?: string | null }, ctx: Ctx) => initiatives(ctx, args.status ?? null, args),
    initiative: (_: unknown, { id }: Id, ctx: Ctx) => visibleInitiative(ctx, id),
    collectiveAgreement: (_: unknown, { id }: Id, ctx: Ctx) => visibleAgreement(ctx, id),
    rewardFairness: (_: unknown, args: { unitId: string; from: string; to: string }, ctx: Ctx) => rewardFairness(ctx, args.unitId, args.from, args.to),
    decisionsUnderReview: (_: unknown, args: PageRequest, ctx: Ctx) => decisionsUnderReview(ctx, args),
    grantingCouncils: (_: unknown, args: { formCode: string; memberId?: string | null; unitId?: string | null }, ctx: Ctx) => grantingCouncils(ctx, args.formCode, args),
  },
  Mutation: {
    saveRewardForm: (_: unknown, args: { input: RewardFormInput; note: string }, ctx: Ctx) => saveRewardForm(ctx, args.input, args.note),
    setBaseSalary: (_: unknown, { input }: { input: Parameters<typeof setBaseSalary>[1] }, ctx: Ctx) => setBaseSalary(ctx, input),
    setCampaignRewardPlan: (_: unknown, args: { campaignId: string; input: Parameters<typeof setCampaignRewardPlan>[2] }, ctx: Ctx) =>
      setCampaignRewardPlan(ctx, args.campaignId, args.input),
    nominate: (_: unknown, { input }: { input: NominateInput }, ctx: Ctx) => nominate(ctx, input),
    reviewNomination: (_: unknown, args: Id & { vote?: string | null; comment?: string | null }, ctx: Ctx) => reviewNomination(ctx, args.id, args.vote ?? null, args.comment ?? null),
    grantReward: (_: unknown, args: { nominationId: string; input: GrantInput }, ctx: Ctx) => grantReward(ctx, args.nominationId, args.input),
    refuseNomination: (_: unknown, args: { nominationId: string; reason: string }, ctx: Ctx) => refuseNomination(ctx, args.nominationId, args.reason),
    registerCollectiveAgreement: (_: unknown, { input }: { input: AgreementInput }, ctx: Ctx) => registerCollectiveAgreement(ctx, input),
    recordEmployerRewards: (_: unknown, { input }: { input: EmployerRewardInput }, ctx: Ctx) => recordEmployerRewards(ctx, input),
    registerInitiative: (_: unknown, { input }: { input: Parameters<typeof registerInitiative>[1] }, ctx: Ctx) => registerInitiative(ctx, input),
    assessInitiative: (_: unknown, args: Id & { input: AssessInput }, ctx: Ctx) => assessInitiative(ctx, args.id, args.input),
    setRewardBudget: (_: unknown, args: { unitId: string; year: number; amountVnd: number }, ctx: Ctx) => setRewardBudget(ctx, args.unitId, args.year, args.amountVnd),
    confirmDecisionAfterReview: (_: unknown, args: { decisionId: string; note: string }, ctx: Ctx) => confirmDecisionAfterReview(ctx, args.decisionId, args.note),
  },
  Campaign: {
    __resolveReference: (ref: Id) => ({ id: ref.id }),
    nominationsOpen: async (campaign: Id, _: unknown, ctx: Ctx) => (await ctx.loaders.campaignRef.load(campaign.id))?.nominationsOpen ?? false,
    rewardPlan: (campaign: Id, _: unknown, ctx: Ctx) => campaignPlan(ctx, campaign.id),
    rewards: (campaign: Id, args: PageRequest, ctx: Ctx) => decisionsOf(ctx, 'campaignId', campaign.id, args),
  },
  Member: {
    __resolveReference: (ref: Id) => ({ id: ref.id }),
    rewards: (member: Id, args: PageRequest, ctx: Ctx) => decisionsOf(ctx, 'memberId', member.id, args),
  },
  UnionUnit: {
    __resolveReference: (ref: Id) => ({ id: ref.id }),
    rewards: (unit: Id, args: PageRequest, ctx: Ctx) => decisionsOf(ctx, 'unitId', unit.id, args),
  },
  RewardForm: {
    amountOn: (form: RewardFormRow, args: { date?: string | null }, ctx: Ctx) => amountOn(ctx, form, args.date ?? null),
    history: (form: RewardFormRow, _: unknown, ctx: Ctx) => formHistory(ctx, form.code),
  },
  CampaignRewardPlan: {
    form: async (plan: RewardPlan, _: unknown, ctx: Ctx) => ctx.loaders.form.load(plan.formCode),
  },
  Nomination: {
    member: (nomination: NominationRow) => (nomination.memberId ? { id: nomination.memberId } : null),
    unit: (nomination: NominationRow) => unitRef(nomination.unitId),
    grantingUnit: (nomination: NominationRow) => unitRef(nomination.grantingUnitId),
    campaign: (nomination: NominationRow) => (nomination.campaignId ? { id: nomination.campaignId } : null),
    form: (nomination: NominationRow, _: unknown, ctx: Ctx) => (nomination.formCode ? ctx.loaders.form.load(nomination.formCode) : null),
    reviews: (nomination: NominationRow, _: unknown, ctx: Ctx) => ctx.loaders.reviewsByNomination.load(nomination.id),
    votesFor: async (nomination: NominationRow, _: unknown, ctx: Ctx) => (await ctx.loaders.votesByNomination.load(nomination.id)).votesFor,
    votesAgainst: async (nomination: NominationRow, _: unknown, ctx: Ctx) => (await ctx.loaders.votesByNomination.load(nomination.id)).votesAgainst,
    decision: (nomination: NominationRow, _: unknown, ctx: Ctx) => nominationDecision(ctx, nomination),
    basedOn: (nomination: NominationRow) =>
      nomination.publicationVersion === null ? null : { publicationVersion: nomination.publicationVersion, score: nomination.resultScore, rank: nomination.resultRank },
  },
  RewardDecision: {
    collective: (decision: DecisionRow) => decision.memberId === null,
    campaign: (decision: DecisionRow) => (decision.campaignId ? { id: decision.campaignId } : null),
    member: (decision: DecisionRow, _: unknown, ctx: Ctx) => decisionMember(ctx.identity, decision),
    status: (decision: DecisionRow, _: unknown, ctx: Ctx) => decisionStatus(ctx, decision),
    documents: (decision: DecisionRow, _: unknown, ctx: Ctx) => issuedDocumentsOf(ctx, decision.id),
    basedOn: (decision: DecisionRow) =>
      decision.basedOnVersion === null ? null : { publicationVersion: decision.basedOnVersion, score: decision.basedOnScore, rank: decision.basedOnRank },
    review: (decision: DecisionRow, _: unknown, ctx: Ctx) => ctx.loaders.reviewByDecision.load(decision.id),
  },
  DecisionReview: {
    open: (review: DecisionReviewRow) => review.resolvedAt === null,
  },
  GrantingCouncil: {
    unit: (unit: UnitRef) => unitRef(unit.id),
  },
  IssuedDocument: {
    kind: (document: IssuedDocument) => document.kind.toUpperCase(),
    url: (document: IssuedDocument) => documentUrl(document),
  },
  CollectiveAgreement: {
    unit: (agreement: AgreementRow) => unitRef(agreement.unitId),
    initiativeRate: (agreement: AgreementRow) => (agreement.initiativeRateBp === null ? null : agreement.initiativeRateBp / 10_000),
    members: (agreement: AgreementRow, args: { search?: string | null; first?: number | null }, ctx: Ctx) => enterpriseMembers(ctx, agreement, args.search ?? null, args.first),
  },
  EmployerReward: {
    member: (reward: EmployerRewardRow) => ({ id: reward.memberId }),
    periodEnd: (reward: EmployerRewardRow) => periodEndOf(reward.period, reward.periodStart),
  },
  Initiative: {
    author: (initiative: InitiativeRow) => ({ id: initiative.memberId }),
    unit: (initiative: InitiativeRow) => unitRef(initiative.unitId),
    rate: (initiative: InitiativeRow) => (initiative.rateBp === null ? null : initiative.rateBp / 10_000),
  },
};

/** The subgraph's resolvers: the core ones, with those of the new sources of recognition, of corrections, of who decides and of councils merged type by type (scalars kept as they are). */
export const resolvers: GraphQLResolverMap<Ctx> = { ...coreResolvers };
type FieldResolvers = Record<string, unknown>;
for (const [type, fields] of [...Object.entries(recognitionResolvers), ...Object.entries(correctionResolvers), ...Object.entries(proposalResolvers), ...Object.entries(councilResolvers)]) {
  resolvers[type] = { ...(resolvers[type] as FieldResolvers | undefined), ...(fields as FieldResolvers) } as GraphQLResolverMap<Ctx>[string];
}
