import { ForbiddenError, isUuid, scalarResolvers, todayInVietnam, type GraphQLResolverMap, type PageRequest } from '@thidua/common';
import type { CampaignContext } from '../application/context';
import {
  beginCampaignSummary,
  closeCampaign,
  createCampaign,
  discardCampaignDraft,
  launchCampaign,
  listCampaigns,
  overdueSummaries,
  startCampaign,
  submitCampaignSummary,
  updateCampaign,
  visibleCampaign,
  type CreateCampaignInput,
  type SummaryInput,
  type UpdateCampaignInput,
} from '../application/campaigns';
import { auditLog, type AuditFilter } from '../application/audit';
import { Account, accountMutations, accountQueries } from './accounts';
import {
  campaignEnrollments,
  enrollMember,
  enrollUnit,
  enrollmentCompletion,
  enrollmentProgress,
  inspection,
  memberEnrollments,
  myEnrollments,
  reportProgress,
  reportsOf,
  visibleEnrollment,
  type ReportProgressInput,
} from '../application/enrollments';
import { createMember, importMembers, importMembersFromSpreadsheet, membersOfSubtree, updateMember, visibleMember, type CreateMemberInput, type UpdateMemberInput } from '../application/members';
import { closePendingProceeding, proceedingsOf, recordPendingProceeding, type RecordProceedingInput } from '../application/proceedings';
import { confirmProgressReport, correctProgressReport, reportsToConfirm, type CorrectionInput } from '../application/progress-checks';
import { derivatives, replicateCampaign, spreadOf, type ReplicateCampaignInput } from '../application/replication';
import { annualReport } from '../application/reports';
import { childUnits, createUnionUnit, searchUnits, subtreeUnits, updateUnionUnit, type CreateUnionUnitInput, type SubtreeFilter, type UnitSearch, type UpdateUnionUnitInput } from '../application/units';
import { canSeeCampaign, canSeeMember, personalFieldRefusal, type MemberPersonalField } from '../domain/access';
import { isSummaryOverdue, meets, type CampaignStatus } from '../domain/campaigns';
import { TARGET_RULES } from '../domain/targets';
import type { TargetProgress } from '../domain/progress';
import {
  OccupationEntity,
  type CampaignRow,
  type CampaignSummaryRow,
  type EnrollmentRow,
  type ExemplarRecord,
  type MemberRow,
  type PendingProceedingRow,
  type ProgressReportRow,
  type SummaryResultRow,
  type UnionUnitRow,
} from '../entities';

type Ctx = CampaignContext;
type Id = { id: string };
type Input<T> = { input: T };

async function targetById(ctx: Ctx, campaignId: string, targetId: string) {
  return (await ctx.loaders.targets.load(campaignId)).find((t) => t.id === targetId) ?? null;
}

/** A personal field of a member: read only by the member and officers over them (decision 0021). */
function personal<T, A = unknown>(field: MemberPersonalField, read: (member: MemberRow, ctx: Ctx, args: A) => T) {
  return (member: MemberRow, args: A, ctx: Ctx): T => {
    if (!canSeeMember(ctx.identity, member)) throw new ForbiddenError(personalFieldRefusal(field), { field });
    return read(member, ctx, args);
  };
}

/** Thin: parse arguments, call the application layer, map rows to the schema. */
export const resolvers: GraphQLResolverMap<Ctx> = {
  ...scalarResolvers,
  Query: {
    targetRules: () => TARGET_RULES,
    unionUnit: (_: unknown, { id }: Id, ctx: Ctx) => (isUuid(id) ? ctx.loaders.unit.load(id.toLowerCase()) : null),
    myUnit: async (_: unknown, __: unknown, ctx: Ctx) => {
      if (!ctx.identity.unitPath) return null;
      const [row] = (await ctx.db.query(`SELECT id FROM union_units WHERE path = $1`, [ctx.identity.unitPath])) as Id[];
      return row ? ctx.loaders.unit.load(row.id) : null;
    },
    unionUnitByCode: async (_: unknown, { code }: { code: string }, ctx: Ctx) => {
      const [row] = (await ctx.db.query(`SELECT id FROM union_units WHERE code = $1`, [code])) as Id[];
      return row ? ctx.loaders.unit.load(row.id) : null;
    },
    searchUnionUnits: (_: unknown, args: PageRequest & UnitSearch & { text: string }, ctx: Ctx) => searchUnits(ctx, args.text, args, args),
    occupations: (_: unknown, __: unknown, ctx: Ctx) => ctx.db.getRepository(OccupationEntity).find({ order: { code: 'ASC' } }),
    member: (_: unknown, { id }: Id, ctx: Ctx) => visibleMember(ctx, id),
    members: (_: unknown, args: PageRequest & { unitId: string; search?: string | null }, ctx: Ctx) => membersOfSubtree(ctx, args.unitId, args, args.search ?? null),
    campaign: (_: unknown, { id }: Id, ctx: Ctx) => visibleCampaign(ctx, id),
    campaigns: (_: unknown, args: PageRequest & { unitId?: string | null; status?: CampaignStatus | null }, ctx: Ctx) =>
      listCampaigns(ctx, { unitId: args.unitId ?? null, status: args.status ?? null }, args),
    overdueSummaries: (_: unknown, args: PageRequest & { unitId: string }, ctx: Ctx) => overdueSummaries(ctx, args.unitId, args),
    enrollment: (_: unknown, { id }: Id, ctx: Ctx) => visibleEnrollment(ctx, id),
    myEnrollments: (_: unknown, args: PageRequest, ctx: Ctx) => myEnrollments(ctx, args),
    auditLog: (_: unknown, args: PageRequest & AuditFilter, ctx: Ctx) => auditLog(ctx, args, args),
    ...accountQueries,
    progressReportsToConfirm: (_: unknown, args: PageRequest, ctx: Ctx) => reportsToConfirm(ctx, args),
    pendingProceedings: (_: unknown, args: PageRequest & { unitId: string; includeClosed?: boolean | null }, ctx: Ctx) =>
      proceedingsOf(ctx, args.unitId, args.includeClosed ?? false, args),
  },
  Mutation: {
    createUnionUnit: (_: unknown, { input }: Input<CreateUnionUnitInput>, ctx: Ctx) => createUnionUnit(ctx, input),
    updateUnionUnit: (_: unknown, { id, input }: Id & Input<UpdateUnionUnitInput>, ctx: Ctx) => updateUnionUnit(ctx, id, input),
    createMember: (_: unknown, { input }: Input<CreateMemberInput>, ctx: Ctx) => createMember(ctx, input),
    updateMember: (_: unknown, { id, input }: Id & Input<UpdateMemberInput>, ctx: Ctx) => updateMember(ctx, id, input),
    importMembers: (_: unknown, { unitId, csv }: { unitId: string; csv: string }, ctx: Ctx) => importMembers(ctx, unitId, csv),
    importMembersFromSpreadsheet: (_: unknown, args: { unitId: string; contentBase64: string }, ctx: Ctx) => importMembersFromSpreadsheet(ctx, args.unitId, args.contentBase64),
    createCampaign: (_: unknown, { input, launch }: Input<CreateCampaignInput> & { launch?: boolean | null }, ctx: Ctx) => createCampaign(ctx, input, launch ?? false),
    discardCampaignDraft: (_: unknown, { id }: Id, ctx: Ctx) => discardCampaignDraft(ctx, id),
    updateCampaign: (_: unknown, { id, input }: Id & Input<UpdateCampaignInput>, ctx: Ctx) => updateCampaign(ctx, id, input),
    launchCampaign: (_: unknown, { id }: Id, ctx: Ctx) => launchCampaign(ctx, id),
    startCampaign: (_: unknown, { id }: Id, ctx: Ctx) => startCampaign(ctx, id),
    beginCampaignSummary: (_: unknown, { id }: Id, ctx: Ctx) => beginCampaignSummary(ctx, id),
    submitCampaignSummary: (_: unknown, { id, input }: Id & Input<SummaryInput>, ctx: Ctx) => submitCampaignSummary(ctx, id, input),
    closeCampaign: (_: unknown, { id }: Id, ctx: Ctx) => closeCampaign(ctx, id),
    replicateCampaign: (_: unknown, { input }: Input<ReplicateCampaignInput>, ctx: Ctx) => replicateCampaign(ctx, input),
    enrollUnit: (_: unknown, { input }: Input<Parameters<typeof enrollUnit>[1]>, ctx: Ctx) => enrollUnit(ctx, input),
    enrollMember: (_: unknown, { input }: Input<Parameters<typeof enrollMember>[1]>, ctx: Ctx) => enrollMember(ctx, input),
    reportProgress: (_: unknown, { input }: Input<ReportProgressInput>, ctx: Ctx) => reportProgress(ctx, input),
    ...accountMutations,
    confirmProgressReport: (_: unknown, { id }: Id, ctx: Ctx) => confirmProgressReport(ctx, id),
    correctProgressReport: (_: unknown, { id, input }: Id & Input<CorrectionInput>, ctx: Ctx) => correctProgressReport(ctx, id, input),
    recordPendingProceeding: (_: unknown, { input }: Input<RecordProceedingInput>, ctx: Ctx) => recordPendingProceeding(ctx, input),
    closePendingProceeding: (_: unknown, { id, input }: Id & Input<{ outcome: string; closedOn?: string | null }>, ctx: Ctx) => closePendingProceeding(ctx, id, input),
  },
  Account,
  UnionUnit: {
    __resolveReference: (ref: Id, ctx: Ctx) => ctx.loaders.unit.load(ref.id),
    parent: (unit: UnionUnitRow, _: unknown, ctx: Ctx) => (unit.parentId ? ctx.loaders.unit.load(unit.parentId) : null),
    children: (unit: UnionUnitRow, args: PageRequest, ctx: Ctx) => childUnits(ctx, unit.id, args),
    subtree: (unit: UnionUnitRow, args: PageRequest & SubtreeFilter, ctx: Ctx) => subtreeUnits(ctx, unit, args, args),
    annualReport: (unit: UnionUnitRow, { year }: { year: number }, ctx: Ctx) => annualReport(ctx, unit, year),
  },
  // a member referenced by another subgraph (a story's subject, a nomination's) resolves whole; each personal field
  // is null with FORBIDDEN at its own path for callers who may not see it, so the rest of the answer stands
  Member: {
    __resolveReference: (ref: Id, ctx: Ctx) => (isUuid(ref.id) ? ctx.loaders.member.load(ref.id.toLowerCase()) : null),
    fullName: personal('fullName', (member) => member.fullName),
    unit: personal('unit', (member, ctx) => ctx.loaders.unit.load(member.unitId)),
    occupation: personal('occupation', (member, ctx) => ctx.loaders.occupation.load(member.occupationCode)),
    isDirectProductionWorker: personal('isDirectProductionWorker', (member) => member.isDirectProductionWorker),
    holdsLeadershipPost: personal('holdsLeadershipPost', (member) => member.holdsLeadershipPost),
    joinedUnionOn: personal('joinedUnionOn', (member) => member.joinedUnionOn),
    leftUnionOn: personal('leftUnionOn', (member) => member.leftUnionOn),
    enrollments: personal('enrollments', (member, ctx, args: PageRequest) => memberEnrollments(ctx, member.id, args)),
  },
  Campaign: {
    __resolveReference: (ref: Id, ctx: Ctx) => visibleCampaign(ctx, ref.id),
    launchingUnit: (campaign: CampaignRow, _: unknown, ctx: Ctx) => ctx.loaders.unit.load(campaign.launchingUnitId),
    targets: (campaign: CampaignRow, _: unknown, ctx: Ctx) => ctx.loaders.targets.load(campaign.id),
    scope: (campaign: CampaignRow, _: unknown, ctx: Ctx) => ({
      unit: ctx.loaders.unit.load(campaign.scopeUnitId),
      organisationTypes: campaign.scopeOrganisationTypes,
      occupations: Promise.all(campaign.scopeOccupationCodes.map((code) => ctx.loaders.occupation.load(code))),
    }),
    summary: async (campaign: CampaignRow, _: unknown, ctx: Ctx) => {
      const summary = await ctx.loaders.summary.load(campaign.id);
      return summary ? { ...summary, campaign } : null;
    },
    summaryOverdue: async (campaign: CampaignRow, _: unknown, ctx: Ctx) =>
      isSummaryOverdue(campaign.status, campaign.endsOn, (await ctx.loaders.summary.load(campaign.id)) !== null, todayInVietnam()),
    derivedFrom: async (campaign: CampaignRow, _: unknown, ctx: Ctx) => {
      const source = campaign.derivedFromId ? await ctx.loaders.campaign.load(campaign.derivedFromId) : null;
      return source && canSeeCampaign(ctx.identity, source) ? source : null;
    },
    derivatives: (campaign: CampaignRow, args: PageRequest, ctx: Ctx) => derivatives(ctx, campaign, args),
    spread: (campaign: CampaignRow, _: unknown, ctx: Ctx) => spreadOf(ctx, campaign),
    participation: (campaign: CampaignRow, _: unknown, ctx: Ctx) => ctx.loaders.participation.load(campaign.id),
    enrollments: (campaign: CampaignRow, args: PageRequest & { search?: string | null }, ctx: Ctx) => campaignEnrollments(ctx, campaign, args, args.search ?? null),
    inspection: (campaign: CampaignRow, _: unknown, ctx: Ctx) => inspection(ctx, campaign),
  },
  CampaignSummary: {
    results: async (summary: CampaignSummaryRow & { campaign: CampaignRow }, _: unknown, ctx: Ctx) => {
      const [results, targets] = await Promise.all([ctx.loaders.summaryResults.load(summary.campaignId), ctx.loaders.targets.load(summary.campaignId)]);
      return targets.map((target) => {
        const result = results.find((r: SummaryResultRow) => r.targetId === target.id)!;
        return { target, achievedValue: result.achievedValue, met: meets(target.direction, result.achievedValue, target.targetValue), comment: result.comment };
      });
    },
  },
  Exemplar: {
    member: async (exemplar: ExemplarRecord, _: unknown, ctx: Ctx) => {
      const member = exemplar.memberId ? await ctx.loaders.member.load(exemplar.memberId) : null;
      return member && canSeeMember(ctx.identity, member) ? member : null;
    },
    unit: (exemplar: ExemplarRecord, _: unknown, ctx: Ctx) => (exemplar.unitId ? ctx.loaders.unit.load(exemplar.unitId) : null),
  },
  Enrollment: {
    campaign: (enrollment: EnrollmentRow, _: unknown, ctx: Ctx) => ctx.loaders.campaign.load(enrollment.campaignId),
    unit: (enrollment: EnrollmentRow, _: unknown, ctx: Ctx) => ctx.loaders.unit.load(enrollment.unitId),
    member: (enrollment: EnrollmentRow, _: unknown, ctx: Ctx) => (enrollment.memberId ? ctx.loaders.member.load(enrollment.memberId) : null),
    progress: async (enrollment: EnrollmentRow, _: unknown, ctx: Ctx) =>
      Promise.all(
        (await enrollmentProgress(ctx, enrollment)).map(async (p: TargetProgress) => ({ ...p, target: await targetById(ctx, enrollment.campaignId, p.targetId) })),
      ),
    completion: (enrollment: EnrollmentRow, _: unknown, ctx: Ctx) => enrollmentCompletion(ctx, enrollment),
    reports: (enrollment: EnrollmentRow, args: PageRequest, ctx: Ctx) => reportsOf(ctx, enrollment, args),
  },
  ProgressReport: {
    target: async (report: ProgressReportRow, _: unknown, ctx: Ctx) => {
      const enrollment = await ctx.loaders.enrollment.load(report.enrollmentId);
      return targetById(ctx, enrollment!.campaignId, report.targetId);
    },
    enrollment: (report: ProgressReportRow, _: unknown, ctx: Ctx) => ctx.loaders.enrollment.load(report.enrollmentId),
    status: (report: ProgressReportRow) => (report.confirmedAt ? 'CONFIRMED' : 'PENDING_CONFIRMATION'),
    revisions: (report: ProgressReportRow, _: unknown, ctx: Ctx) => ctx.loaders.revisions.load(report.id),
  },
  PendingProceeding: {
    member: (row: PendingProceedingRow, _: unknown, ctx: Ctx) => (row.memberId ? ctx.loaders.member.load(row.memberId) : null),
    unit: (row: PendingProceedingRow, _: unknown, ctx: Ctx) => ctx.loaders.unit.load(row.unitId),
  },
};

