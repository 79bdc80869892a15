import { isUuid, parseId, scalarResolvers, type GraphQLResolverMap, type PageRequest } from '@thidua/common';
import { appealsOf, fileAppeal, resolveAppeal } from '../application/appeals';
import type { EvaluationContext } from '../application/context';
import { criterionById } from '../application/criteria';
import { publishResults, rankings } from '../application/publications';
import { assignReviewer, campaignSubmissions, conflictWith, declareConflict, myReviewAssignments, reviewSubmission, submitEvidence, visibleSubmission } from '../application/reviews';
import { participantScore, scoreHistory } from '../application/scores';
import { createCriteriaSet, loadSet, publishCriteriaSet, updateCriteriaSet, visibleSets, type CriteriaSetInput } from '../application/sets';
import { currentRoundStatus } from '../domain/rounds';
import type { CriteriaSetRow, EvaluationRoundRow, RankingDimension, SubmissionRow } from '../entities';

type Ctx = EvaluationContext;
type Id = { id: string };

export const resolvers: GraphQLResolverMap<Ctx> = {
  ...scalarResolvers,
  Query: {
    evaluationRound: (_: unknown, { campaignId }: { campaignId: string }, ctx: Ctx) => ctx.loaders.roundByCampaign.load(parseId('campaignId', campaignId)),
    criteriaSet: async (_: unknown, { id }: Id, ctx: Ctx) => {
      if (!isUuid(id)) return null;
      const set = await loadSet(ctx.db.manager, id.toLowerCase()).catch(() => null);
      return set && (await visibleSets(ctx, set.campaignId)).some((s) => s.id === set.id) ? set : null;
    },
    participantScore: (_: unknown, { enrollmentId }: { enrollmentId: string }, ctx: Ctx) => participantScore(ctx, enrollmentId),
    scoreHistory: (_: unknown, { enrollmentId }: { enrollmentId: string }, ctx: Ctx) => scoreHistory(ctx, enrollmentId),
    submission: (_: unknown, { id }: Id, ctx: Ctx) => visibleSubmission(ctx, id),
    myReviewAssignments: (_: unknown, args: PageRequest, ctx: Ctx) => myReviewAssignments(ctx, args),
  },
  Mutation: {
    createCriteriaSet: (_: unknown, { input }: { input: CriteriaSetInput }, ctx: Ctx) => createCriteriaSet(ctx, input),
    updateCriteriaSet: (_: unknown, { id, input }: Id & { input: CriteriaSetInput }, ctx: Ctx) => updateCriteriaSet(ctx, id, input),
    publishCriteriaSet: (_: unknown, { id }: Id, ctx: Ctx) => publishCriteriaSet(ctx, id),
    submitEvidence: (_: unknown, { input }: { input: Parameters<typeof submitEvidence>[1] }, ctx: Ctx) => submitEvidence(ctx, input),
    assignReviewer: (_: unknown, args: { submissionId: string; reviewer: Parameters<typeof assignReviewer>[2] }, ctx: Ctx) => assignReviewer(ctx, args.submissionId, args.reviewer),
    declareConflict: (_: unknown, args: { enrollmentId: string; reason: string }, ctx: Ctx) => declareConflict(ctx, args.enrollmentId, args.reason),
    reviewSubmission: (_: unknown, args: { submissionId: string; score: number; comment?: string | null }, ctx: Ctx) =>
      reviewSubmission(ctx, args.submissionId, args.score, args.comment ?? null),
    publishResults: (_: unknown, { campaignId }: { campaignId: string }, ctx: Ctx) => publishResults(ctx, campaignId),
    fileAppeal: (_: unknown, args: { campaignId: string; enrollmentId: string; reason: string }, ctx: Ctx) => fileAppeal(ctx, args.campaignId, args.enrollmentId, args.reason),
    resolveAppeal: (_: unknown, args: Id & { accept: boolean; resolution: string; corrections?: { criterionId: string; points: number }[] | null }, ctx: Ctx) =>
      resolveAppeal(ctx, args.id, args.accept, args.resolution, args.corrections ?? []),
  },
  Campaign: {
    __resolveReference: (ref: Id) => ({ id: ref.id }),
    evaluationRound: (campaign: Id, _: unknown, ctx: Ctx) => ctx.loaders.roundByCampaign.load(campaign.id),
    criteriaSets: (campaign: Id, _: unknown, ctx: Ctx) => visibleSets(ctx, campaign.id),
    rankings: (campaign: Id, args: PageRequest & { by?: RankingDimension | null; key?: string | null; version?: number | null }, ctx: Ctx) =>
      rankings(ctx, campaign.id, args.by ?? 'CAMPAIGN', args.key ?? null, args, args.version ?? null),
    publications: (campaign: Id, _: unknown, ctx: Ctx) => ctx.loaders.publications.load(campaign.id),
    appeals: (campaign: Id, _: unknown, ctx: Ctx) => appealsOf(ctx, campaign.id),
    submissions: (campaign: Id, _: unknown, ctx: Ctx) => campaignSubmissions(ctx, campaign.id),
  },
  Member: {
    __resolveReference: (ref: Id) => ({ id: ref.id }),
    scores: (member: Id, _: unknown, ctx: Ctx) => ctx.loaders.publishedByMember.load(member.id),
  },
  UnionUnit: {
    __resolveReference: (ref: Id) => ({ id: ref.id }),
    scores: (unit: Id, _: unknown, ctx: Ctx) => ctx.loaders.publishedByUnit.load(unit.id),
  },
  EvaluationRound: {
    status: async (round: EvaluationRoundRow, _: unknown, ctx: Ctx) =>
      round.status === 'CLOSING' ? currentRoundStatus(round.status, await ctx.loaders.appealState.load(round.campaignId), new Date()) : round.status,
    targets: (round: EvaluationRoundRow, _: unknown, ctx: Ctx) => ctx.loaders.targetsByRound.load(round.id),
  },
  CriteriaSet: {
    criteria: (set: CriteriaSetRow, _: unknown, ctx: Ctx) => ctx.loaders.criteriaBySet.load(set.id),
  },
  Submission: {
    criterion: (submission: SubmissionRow, _: unknown, ctx: Ctx) => criterionById(ctx.db.manager, submission.criterionId),
    conflictWith: (submission: SubmissionRow, { reviewer }: { reviewer: Parameters<typeof conflictWith>[2] }, ctx: Ctx) => conflictWith(ctx, submission, reviewer),
  },
};
