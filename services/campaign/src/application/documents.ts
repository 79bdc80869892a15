import {
  DownloadNotFoundError,
  ORGANISATION_TYPE_NAMES,
  inSentence,
  ForbiddenError,
  UnauthenticatedError,
  ValidationError,
  documentIssuer,
  isAnonymous,
  officerScope,
  placeOf,
  type IssuedDocument,
  type Issuer,
} from '@thidua/common';
import { canSeeCampaign } from '../domain/access';
import { meets } from '../domain/campaigns';
import { annualReportPage } from '../documents/annual';
import { movementReportPage, planPage, type MovementModel, type MovementReportModel } from '../documents/movement';
import type { CampaignRow, UnionUnitRow } from '../entities';
import { todayInVietnam as today } from '@thidua/common';
import type { CampaignContext } from './context';
import { inspection } from './enrollments';
import { annualReport } from './reports';

/** Vietnamese names of the codes documents print. */
export const CATEGORY_LABELS: Record<string, string> = {
  UNION_WORK: 'thi đua thực hiện nhiệm vụ công đoàn',
  FOR_WORKERS: 'thi đua trong công nhân, viên chức, lao động',
  FOR_WORKERS_IN_UNION_BODIES: 'thi đua trong cán bộ cơ quan công đoàn',
};
const CADENCE_LABELS: Record<string, string> = { WEEKLY: 'hằng tuần', MONTHLY: 'hằng tháng', QUARTERLY: 'hằng quý', YEARLY: 'hằng năm' };

const fileSafe = (text: string): string => text.replace(/[\\/:*?"<>|]+/g, '-').slice(0, 120);
const vietnamDay = (at: Date): string => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/** A unit as the heading of its documents names it. */
async function issuerOf(ctx: CampaignContext, unit: UnionUnitRow): Promise<Issuer> {
  const parent = unit.parentId ? await ctx.loaders.unit.load(unit.parentId) : null;
  return { id: unit.id, name: unit.name, path: unit.path, level: unit.level, place: placeOf(unit.provinceCode), superiorName: parent?.name ?? null };
}

/** A campaign the caller may see (drafts only inside the launching unit's subtree); others are not found. */
export async function visibleCampaignFor(ctx: CampaignContext, campaignId: string): Promise<CampaignRow> {
  const campaign = await ctx.loaders.campaign.load(campaignId);
  if (!campaign || !canSeeCampaign(ctx.identity, campaign)) throw new DownloadNotFoundError('Không có phong trào thi đua này');
  return campaign;
}

async function movementModel(ctx: CampaignContext, campaign: CampaignRow, date: string): Promise<MovementModel> {
  const [launcher, scopeUnit, targets, occupations] = await Promise.all([
    ctx.loaders.unit.load(campaign.launchingUnitId),
    ctx.loaders.unit.load(campaign.scopeUnitId),
    ctx.loaders.targets.load(campaign.id),
    ctx.loaders.occupation.loadMany(campaign.scopeOccupationCodes),
  ]);
  return {
    id: campaign.id,
    title: campaign.title,
    issuer: await issuerOf(ctx, launcher!),
    date,
    category: CATEGORY_LABELS[campaign.category] ?? campaign.category,
    goal: campaign.goal,
    content: campaign.content,
    participants: campaign.participants,
    organisingMeasures: campaign.organisingMeasures,
    scope: {
      unitName: scopeUnit?.name ?? '',
      organisationTypes: campaign.scopeOrganisationTypes.map((type) => inSentence(ORGANISATION_TYPE_NAMES[type] ?? type)),
      occupations: occupations.map((o, i) => (o && !(o instanceof Error) ? o.name : campaign.scopeOccupationCodes[i]!)),
    },
    targets: targets.map((t) => ({ name: t.name, unitOfMeasure: t.unitOfMeasure, targetValue: t.targetValue, higherIsBetter: t.direction === 'HIGHER_IS_BETTER', weight: t.weight })),
    startsOn: campaign.startsOn,
    endsOn: campaign.endsOn,
    cadence: CADENCE_LABELS[campaign.reportingCadence] ?? campaign.reportingCadence,
  };
}

/** The movement's plan (kế hoạch phát động), dated the day it was launched (a draft's: today); public once launched. */
export async function movementPlan(ctx: CampaignContext, campaign: CampaignRow): Promise<IssuedDocument> {
  const model = await movementModel(ctx, campaign, campaign.launchedAt ? vietnamDay(campaign.launchedAt) : today());
  return documentIssuer().issue(ctx.db.manager, {
    kind: 'movement-plan',
    subjectKey: campaign.id,
    policy: 'current',
    templateVersion: 1,
    model,
    title: `Kế hoạch phát động phong trào thi đua ${campaign.title}`,
    fileName: `Kế hoạch phát động - ${fileSafe(campaign.title)}.pdf`,
    issuer: model.issuer,
    render: planPage,
    signatureReason: 'Kế hoạch phát động phong trào thi đua',
  });
}

/**
 * The movement's report: the final summary (tổng kết, public) once submitted; before that an interim report (sơ kết)
 * from the inspection, for the officers who may inspect the movement.
 */
export async function movementReport(ctx: CampaignContext, campaign: CampaignRow): Promise<IssuedDocument> {
  const summary = await ctx.loaders.summary.load(campaign.id);
  if (!summary && campaign.status === 'DRAFT') throw new DownloadNotFoundError('Phong trào chưa phát động nên chưa có báo cáo');
  if (!summary && officerScope(ctx.identity) === null) {
    if (isAnonymous(ctx.identity)) throw new UnauthenticatedError('Báo cáo sơ kết dành cho cán bộ công đoàn: hãy đăng nhập; báo cáo tổng kết công khai khi phong trào đã tổng kết');
    throw new ForbiddenError('Báo cáo sơ kết dành cho cán bộ công đoàn phụ trách phong trào');
  }
  const base = await movementModel(ctx, campaign, today());
  const participation = await ctx.loaders.participation.load(campaign.id);
  const targets = await ctx.loaders.targets.load(campaign.id);
  let model: MovementReportModel;
  if (summary) {
    const results = await ctx.loaders.summaryResults.load(campaign.id);
    model = {
      ...base, final: true, participation, lessons: summary.lessons, interim: null,
      exemplars: summary.exemplars.map((e) => ({ name: e.name, achievement: e.achievement })),
      results: targets.map((t) => {
        const result = results.find((r) => r.targetId === t.id);
        const achieved = result?.achievedValue ?? 0;
        return { name: t.name, unitOfMeasure: t.unitOfMeasure, targetValue: t.targetValue, achievedValue: achieved, met: meets(t.direction, achieved, t.targetValue), comment: result?.comment ?? null };
      }),
    };
  } else {
    const inspected = await inspection(ctx, campaign);
    const names = async (enrollments: typeof inspected.behindTarget) =>
      Promise.all(enrollments.map(async (e) => (await ctx.loaders.unit.load(e.unitId))?.name + (e.memberId ? ` – ${(await ctx.loaders.member.load(e.memberId))?.fullName ?? ''}` : '')));
    model = {
      ...base, final: false, participation, lessons: null, exemplars: [], results: [],
      interim: {
        enrolled: inspected.enrolled,
        behind: await names(inspected.behindTarget),
        silent: await names(inspected.silent),
        byOrganisationType: inspected.byOrganisationType.map((g) => ({ label: inSentence(ORGANISATION_TYPE_NAMES[g.key] ?? g.key), enrollments: g.enrollments, completion: g.completionRate })),
      },
    };
  }
  const kind = model.final ? 'tổng kết' : 'sơ kết';
  return documentIssuer().issue(ctx.db.manager, {
    kind: model.final ? 'movement-summary' : 'movement-interim-report',
    subjectKey: campaign.id,
    policy: 'current',
    templateVersion: 1,
    // the interim report reflects the caller's scope, so two officers' copies differ; the day drawn up is not a change
    model: { ...model, date: null, scope: officerScope(ctx.identity) },
    title: `Báo cáo ${kind} phong trào thi đua ${campaign.title}`,
    fileName: `Báo cáo ${kind} - ${fileSafe(campaign.title)}.pdf`,
    issuer: model.issuer,
    render: () => movementReportPage(model),
    signatureReason: `Báo cáo ${kind} phong trào thi đua`,
  });
}

/** The unit's annual report (officers of the unit and above, as `annualReport`). */
export async function annualReportDocument(ctx: CampaignContext, unit: UnionUnitRow, year: number): Promise<IssuedDocument> {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw ValidationError.single('year', 'năm từ 2000 đến 2100');
  const report = await annualReport(ctx, unit, year);
  const issuer = await issuerOf(ctx, unit);
  const model = { issuer, year, date: today(), figures: report.figures, children: report.byChildUnit.map((line) => ({ name: line.unit.name, figures: line.figures })) };
  return documentIssuer().issue(ctx.db.manager, {
    kind: 'annual-report',
    subjectKey: `${unit.id}:${year}`,
    policy: 'current',
    templateVersion: 1,
    model: { ...model, date: null },
    title: `Báo cáo kết quả phong trào thi đua năm ${year}: ${unit.name}`,
    fileName: `Báo cáo năm ${year} - ${fileSafe(unit.name)}.pdf`,
    issuer,
    render: () => annualReportPage(model),
    signatureReason: `Báo cáo kết quả phong trào thi đua năm ${year}`,
  });
}
