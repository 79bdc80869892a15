import { isAnonymous, type GraphQLResolverMap, type PageRequest } from '@thidua/common';
import { createEmulationBloc, emulationBloc, emulationBlocs, rankEmulationBloc, signBlocCovenant, type BlocInput } from '../application/blocs';
import {
  colleagueProposals,
  declineColleagueProposal,
  forwardColleagueProposalToMedia,
  myColleagueProposals,
  myColleagues,
  myNominations,
  nominateFromColleagueProposal,
  proposeColleague,
  type ColleagueProposalInput,
  type NominateFromProposalInput,
} from '../application/colleague-proposals';
import type { RewardContext } from '../application/context';
import { confirmLongServiceProposals, longServiceCandidates, type LongServiceCandidate, type LongServiceList } from '../application/long-service';
import { visibleNomination } from '../application/nominations';
import { suspensionView } from '../application/suspensions';
import { myRegistration, registerEmulationTitles, registrations, reviewEmulationRegistration, type RegistrationInput } from '../application/registrations';
import { BLOC_RULES } from '../domain/blocs';
import { countedToDay } from '../domain/long-service';
import { REGISTRATION_RULE, registrationWindow, type RegistrationStatus } from '../domain/registration';
import type { BlocRow, BlocUnitRow, ColleagueProposalRow, NominationRow, RegistrationRow } from '../entities';
import type { ColleagueProposalStatus } from '../domain/colleague-proposals';

type Ctx = RewardContext;
type Id = { id: string };

/** What a member may read of a nomination: its form's name and the decision's number, not the council's votes. */
async function summary(ctx: Ctx, nomination: NominationRow | null) {
  if (!nomination) return null;
  const [form, decision] = await Promise.all([
    nomination.formCode ? ctx.loaders.form.load(nomination.formCode) : null,
    nomination.status === 'GRANTED' ? ctx.loaders.decisionByNomination.load(nomination.id) : null,
  ]);
  return { ...nomination, formName: form?.name ?? null, decisionNumber: decision?.number ?? null, decidedOn: decision?.decidedOn ?? null };
}

/** The resolvers of the new sources of recognition (schema.graphql, its own section), merged into the subgraph's. */
export const recognitionResolvers: GraphQLResolverMap<Ctx> = {
  Query: {
    myNominations: async (_: unknown, args: PageRequest, ctx: Ctx) => {
      const page = await myNominations(ctx, args);
      return { ...page, edges: await Promise.all(page.edges.map(async (e) => ({ ...e, node: await summary(ctx, e.node) }))) };
    },
    myColleagueProposals: (_: unknown, args: PageRequest, ctx: Ctx) => myColleagueProposals(ctx, args),
    myColleagues: (_: unknown, args: PageRequest & { search?: string | null }, ctx: Ctx) => myColleagues(ctx, args.search ?? null, args),
    colleagueProposals: (_: unknown, args: PageRequest & { status?: ColleagueProposalStatus | null }, ctx: Ctx) => colleagueProposals(ctx, args.status ?? null, args),
    longServiceCandidates: (_: unknown, args: PageRequest & { unitId: string; year?: number | null }, ctx: Ctx) => longServiceCandidates(ctx, args.unitId, args.year ?? null, args),
    emulationBlocs: (_: unknown, args: PageRequest & { organiserUnitId?: string | null; year?: number | null }, ctx: Ctx) =>
      emulationBlocs(ctx, { organiserUnitId: args.organiserUnitId ?? null, year: args.year ?? null }, args),
    emulationBloc: (_: unknown, { id }: Id, ctx: Ctx) => emulationBloc(ctx, id),
    emulationRegistrations: (_: unknown, args: PageRequest & { year: number; status?: RegistrationStatus | null }, ctx: Ctx) =>
      registrations(ctx, { year: args.year, status: args.status ?? null }, args),
    myEmulationRegistration: (_: unknown, { year }: { year: number }, ctx: Ctx) => myRegistration(ctx, year),
    registrationWindow: (_: unknown, { year }: { year: number }) => ({
      year, ...registrationWindow(year), source: REGISTRATION_RULE.source, windowSource: REGISTRATION_RULE.windowSource, verified: REGISTRATION_RULE.verified,
    }),
  },
  Mutation: {
    confirmLongServiceProposals: (_: unknown, args: { unitId: string; year: number; memberIds: string[] }, ctx: Ctx) =>
      confirmLongServiceProposals(ctx, args.unitId, args.year, args.memberIds),
    proposeColleague: (_: unknown, { input }: { input: ColleagueProposalInput }, ctx: Ctx) => proposeColleague(ctx, input),
    nominateFromColleagueProposal: (_: unknown, args: Id & { input: NominateFromProposalInput }, ctx: Ctx) => nominateFromColleagueProposal(ctx, args.id, args.input),
    forwardColleagueProposalToMedia: (_: unknown, { id }: Id, ctx: Ctx) => forwardColleagueProposalToMedia(ctx, id),
    declineColleagueProposal: (_: unknown, args: Id & { reason: string }, ctx: Ctx) => declineColleagueProposal(ctx, args.id, args.reason),
    createEmulationBloc: (_: unknown, { input }: { input: BlocInput }, ctx: Ctx) => createEmulationBloc(ctx, input),
    signBlocCovenant: (_: unknown, args: Id & { input: { signedOn: string; commitments: string[] } }, ctx: Ctx) => signBlocCovenant(ctx, args.id, args.input),
    rankEmulationBloc: (_: unknown, args: Id & { scores: { unitId: string; score: number }[] }, ctx: Ctx) => rankEmulationBloc(ctx, args.id, { scores: args.scores }),
    registerEmulationTitles: (_: unknown, { input }: { input: RegistrationInput }, ctx: Ctx) => registerEmulationTitles(ctx, input),
    reviewEmulationRegistration: (_: unknown, args: Id & { approve: boolean; reason?: string | null }, ctx: Ctx) =>
      reviewEmulationRegistration(ctx, args.id, args.approve, args.reason ?? null),
  },
  Nomination: {
    suspension: async (nomination: NominationRow, _: unknown, ctx: Ctx) => suspensionView(await ctx.loaders.pendingCases.load(nomination.memberId ?? nomination.unitId), nomination),
  },
  LongServiceList: {
    rule: (list: LongServiceList) => ({
      formCode: list.form.code, formName: list.form.name, years: list.rule.years, countedTo: countedToDay(list.rule, list.year), source: list.rule.source ?? list.form.source, verified: list.form.verified,
    }),
  },
  LongServiceCandidate: {
    member: (candidate: LongServiceCandidate) => ({ id: candidate.memberId }),
  },
  ColleagueProposal: {
    colleague: (proposal: ColleagueProposalRow) => ({ id: proposal.memberId }),
    colleagueName: (proposal: ColleagueProposalRow) => proposal.subjectName,
    unit: (proposal: ColleagueProposalRow) => ({ id: proposal.unitId }),
    nomination: async (proposal: ColleagueProposalRow, _: unknown, ctx: Ctx) => (proposal.nominationId ? summary(ctx, await ctx.loaders.nomination.load(proposal.nominationId)) : null),
  },
  EmulationBloc: {
    organiser: (bloc: BlocRow) => ({ id: bloc.organiserUnitId }),
    units: (bloc: BlocRow, _: unknown, ctx: Ctx) => ctx.loaders.blocUnits.load(bloc.id),
    covenant: (bloc: BlocRow) => (bloc.covenantSignedOn ? { signedOn: bloc.covenantSignedOn, commitments: bloc.covenantCommitments ?? [] } : null),
    leader: async (bloc: BlocRow, _: unknown, ctx: Ctx) => (await ctx.loaders.blocUnits.load(bloc.id)).find((unit) => unit.rank === 1) ?? null,
    flagNomination: (bloc: BlocRow, _: unknown, ctx: Ctx) => (bloc.flagNominationId && !isAnonymous(ctx.identity) ? visibleNomination(ctx, bloc.flagNominationId) : null),
    source: () => `${BLOC_RULES.organisedBy.source}; ${BLOC_RULES.flag.source}`,
  },
  EmulationBlocUnit: {
    unit: (unit: BlocUnitRow) => ({ id: unit.unitId }),
  },
  EmulationRegistration: {
    member: (registration: RegistrationRow) => (registration.memberId ? { id: registration.memberId } : null),
    unit: (registration: RegistrationRow) => ({ id: registration.unitId }),
    forms: async (registration: RegistrationRow, _: unknown, ctx: Ctx) => (await ctx.loaders.form.loadMany(registration.formCodes)).filter((f) => f && !(f instanceof Error)),
  },
};
