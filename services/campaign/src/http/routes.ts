import {
  DownloadNotFoundError,
  ValidationError,
  documentIssuer,
  downloadContext,
  downloadRoute,
  idSegment,
  type Download,
  type DownloadRequest,
  type RouteDependencies,
  type RouteHandler,
} from '@thidua/common';
import { todayInVietnam as today } from '@thidua/common';
import type { CampaignContext } from '../application/context';
import { annualReportDocument, movementPlan, movementReport, visibleCampaignFor } from '../application/documents';
import { accountsSheet, annualReportSheet, proceedingsSheet, reportsToConfirmSheet, inspectionSheets, membersSheet, movementsSheet } from '../application/exports';
import { CAMPAIGN_STATUS_NAMES } from '../domain/campaign-names';
import type { CampaignStatus } from '../domain/campaigns';
import { createLoaders } from '../application/loaders';
import type { UnionUnitRow } from '../entities';

/**
 * Campaign's downloads (through the gateway):
 *   /documents/campaigns/<id>/plan.pdf            the movement's plan (public once launched)
 *   /documents/campaigns/<id>/report.pdf          its summary report (public), or the interim report before (officers)
 *   /documents/units/<id>/annual-report.pdf?year= the unit's annual report (officers of the unit and above)
 *   /exports/campaigns/movements.xlsx?unitId=&status=  the movements of the home page, as the caller sees them (public)
 *   /exports/campaigns/reports-to-confirm.xlsx   members' own progress reports waiting for the officer
 *   /exports/campaigns/<id>/inspection.xlsx       behind target, silent, completion by group (officers)
 *   /exports/units/<id>/annual-report.xlsx?year=  the annual report's figures (officers)
 *   /exports/units/<id>/members.xlsx              members of the unit's subtree (officers of it)
 *   /exports/units/<id>/proceedings.xlsx?includeClosed=  pending proceedings in the unit's subtree (officers of it)
 *   /exports/accounts/list.xlsx?unitId=&search=   the accounts the caller manages, as the accounts screen finds them
 */
function context(deps: RouteDependencies, request: DownloadRequest): CampaignContext {
  return downloadContext(deps, request.identity, createLoaders(deps.dataSource));
}

async function unitFor(ctx: CampaignContext, segment: string | undefined): Promise<UnionUnitRow> {
  const unit = await ctx.loaders.unit.load(idSegment(segment, 'đơn vị công đoàn'));
  if (!unit) throw new DownloadNotFoundError('Không có đơn vị công đoàn này');
  return unit;
}

function yearParam(query: URLSearchParams): number {
  const raw = query.get('year') ?? today().slice(0, 4);
  if (!/^\d{4}$/.test(raw)) throw ValidationError.single('year', `"${raw.slice(0, 20)}" không phải một năm`);
  return Number(raw);
}

function statusParam(query: URLSearchParams): CampaignStatus | null {
  const raw = query.get('status');
  if (raw === null || raw === '') return null;
  if (!Object.hasOwn(CAMPAIGN_STATUS_NAMES, raw)) throw ValidationError.single('status', `trạng thái là một trong ${Object.keys(CAMPAIGN_STATUS_NAMES).join(', ')}`);
  return raw as CampaignStatus;
}

function documents(deps: RouteDependencies) {
  return async (request: DownloadRequest): Promise<Download> => {
    const ctx = context(deps, request);
    const [collection, id, file, extra] = request.segments;
    if (extra !== undefined) throw new DownloadNotFoundError('Không có văn bản này');
    if (collection === 'campaigns' && (file === 'plan.pdf' || file === 'report.pdf')) {
      const campaign = await visibleCampaignFor(ctx, idSegment(id, 'phong trào thi đua'));
      return { kind: 'pdf', db: deps.dataSource, document: file === 'plan.pdf' ? await movementPlan(ctx, campaign) : await movementReport(ctx, campaign) };
    }
    if (collection === 'units' && file === 'annual-report.pdf') {
      return { kind: 'pdf', db: deps.dataSource, document: await annualReportDocument(ctx, await unitFor(ctx, id), yearParam(request.query)) };
    }
    throw new DownloadNotFoundError('Không có văn bản này');
  };
}

function spreadsheets(deps: RouteDependencies) {
  return async (request: DownloadRequest): Promise<Download> => {
    const ctx = context(deps, request);
    const [collection, id, file, extra] = request.segments;
    if (extra !== undefined) throw new DownloadNotFoundError('Không có bảng tính này');
    if (collection === 'campaigns' && id === 'movements.xlsx' && file === undefined) {
      const unitId = request.query.get('unitId') || null;
      return { kind: 'xlsx', fileName: 'Phong trào thi đua.xlsx', title: 'Các phong trào thi đua', sheets: [await movementsSheet(ctx, { unitId, status: statusParam(request.query) })] };
    }
    if (collection === 'accounts' && id === 'list.xlsx' && file === undefined) {
      const filter = { unitId: request.query.get('unitId') || null, search: request.query.get('search') || null };
      return { kind: 'xlsx', fileName: 'Tài khoản.xlsx', title: 'Danh sách tài khoản', sheets: [await accountsSheet(ctx, filter)] };
    }
    if (collection === 'campaigns' && id === 'reports-to-confirm.xlsx' && file === undefined) {
      return { kind: 'xlsx', fileName: 'Báo cáo chờ xác nhận.xlsx', title: 'Báo cáo của đoàn viên chờ xác nhận', sheets: [await reportsToConfirmSheet(ctx)] };
    }
    if (collection === 'campaigns' && file === 'inspection.xlsx') {
      const campaign = await visibleCampaignFor(ctx, idSegment(id, 'phong trào thi đua'));
      return { kind: 'xlsx', fileName: `Kiểm tra tiến độ - ${campaign.title.slice(0, 80)}.xlsx`, title: `Kiểm tra, đôn đốc: ${campaign.title}`, sheets: await inspectionSheets(ctx, campaign) };
    }
    if (collection === 'units' && file === 'proceedings.xlsx') {
      const includeClosed = request.query.get('includeClosed') ?? 'false';
      if (includeClosed !== 'true' && includeClosed !== 'false') throw ValidationError.single('includeClosed', 'includeClosed là true hoặc false');
      const sheet = await proceedingsSheet(ctx, idSegment(id, 'đơn vị công đoàn'), includeClosed === 'true');
      return { kind: 'xlsx', fileName: 'Việc đang xem xét.xlsx', title: 'Việc đang xem xét kỷ luật, thanh tra, khiếu nại', sheets: [sheet] };
    }
    if (collection === 'units' && (file === 'annual-report.xlsx' || file === 'members.xlsx')) {
      const unit = await unitFor(ctx, id);
      if (file === 'members.xlsx') return { kind: 'xlsx', fileName: `Đoàn viên - ${unit.name}.xlsx`, title: `Danh sách đoàn viên: ${unit.name}`, sheets: [await membersSheet(ctx, unit.id)] };
      const year = yearParam(request.query);
      return { kind: 'xlsx', fileName: `Báo cáo năm ${year} - ${unit.name}.xlsx`, title: `Báo cáo năm ${year}: ${unit.name}`, sheets: [await annualReportSheet(ctx, unit, year)] };
    }
    throw new DownloadNotFoundError('Không có bảng tính này');
  };
}

export function campaignRoutes(deps: RouteDependencies): Record<string, RouteHandler> {
  // refuse to start when the signing keys are misconfigured (production with development keys)
  documentIssuer();
  const documentRoute = downloadRoute(deps, '/documents/', documents(deps));
  const exportRoute = downloadRoute(deps, '/exports/', spreadsheets(deps));
  return { '/documents/campaigns/': documentRoute, '/documents/units/': documentRoute, '/exports/campaigns/': exportRoute, '/exports/units/': exportRoute, '/exports/accounts/': exportRoute };
}
