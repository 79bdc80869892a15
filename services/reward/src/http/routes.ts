import {
  DownloadNotFoundError,
  ValidationError,
  dateParam,
  documentIssuer,
  downloadContext,
  downloadRoute,
  idSegment,
  type Download,
  type DownloadRequest,
  type RouteDependencies,
  type RouteHandler,
} from '@thidua/common';
import { todayInVietnam } from '@thidua/common';
import { createLoaders } from '../application/loaders';
import { councilMinutes, councilUnit, decisionDocument, proposalDossier } from '../application/documents';
import { proposalMemo } from '../application/proposals';
import { revocationProposalMemo } from '../application/revocation-proposals';
import { blocsSheet, colleagueProposalsSheet, fairnessSheet, longServiceSheet, myNominationsSheet, nominationsSheet, registerSheet, registrationsSheet } from '../application/exports';

/**
 * Reward's downloads (through the gateway):
 *   /documents/rewards/decisions/<id>.pdf              the signed decision with its annexed list (public)
 *   /documents/rewards/decisions/<id>/certificate.pdf  the signed certificate (public)
 *   /documents/rewards/councils/<unit>/minutes.pdf?from=&to=   council minutes (council members, officers over the unit)
 *   /documents/rewards/councils/<unit>/proposal.pdf    the dossier to the level above (same)
 *   /documents/rewards/proposals/<id>.pdf               one proposal's tờ trình (those who see the proposal)
 *   /documents/rewards/proposals/<id>/<seq>.pdf         the tờ trình a level sent with it at step <seq> (ProposalStep.memo)
 *   /documents/rewards/proposals/<id>/revocation.pdf    the union's tờ trình asking the authority to annul its decision (same)
 *   /exports/rewards/register.xlsx?search=&formCode=&unitId=&from=&to=&adHoc=&campaignId=   the register as filtered
 *   /exports/rewards/nominations.xlsx?status=&source=  nominations the caller sees
 *   /exports/rewards/fairness.xlsx?unitId=&from=&to=   fairness figures (officers over the unit)
 *   /exports/rewards/registrations.xlsx?year=&status=  a year's emulation registrations of the officer's subtree
 *   /exports/rewards/colleague-proposals.xlsx?status=  colleagues' proposals about members of the officer's subtree
 *   /exports/rewards/long-service.xlsx?unitId=&year=   members of the officer's unit due the long-service medal
 *   /exports/rewards/my-nominations.xlsx               the signed-in member's own nominations
 *   /exports/rewards/blocs.xlsx?organiserUnitId=&year= the blocs a unit organises, each member unit's score and rank (public)
 */
function documents(deps: RouteDependencies) {
  const db = deps.dataSource.manager;
  return async ({ identity, segments, query }: DownloadRequest): Promise<Download> => {
    const [collection, id, file, extra] = segments;
    if (collection === 'decisions' && id?.endsWith('.pdf') && file === undefined) {
      return { kind: 'pdf', db: deps.dataSource, document: await decisionDocument(db, idSegment(id.slice(0, -4), 'quyết định khen thưởng'), 'decision') };
    }
    if (collection === 'decisions' && file === 'certificate.pdf' && extra === undefined) {
      return { kind: 'pdf', db: deps.dataSource, document: await decisionDocument(db, idSegment(id, 'quyết định khen thưởng'), 'certificate') };
    }
    if (collection === 'proposals' && id?.endsWith('.pdf') && file === undefined) {
      return { kind: 'pdf', db: deps.dataSource, document: await proposalMemo(db, identity, idSegment(id.slice(0, -4), 'hồ sơ đề nghị')) };
    }
    if (collection === 'proposals' && file === 'revocation.pdf' && extra === undefined) {
      return { kind: 'pdf', db: deps.dataSource, document: await revocationProposalMemo(db, identity, idSegment(id, 'hồ sơ đề nghị')) };
    }
    if (collection === 'proposals' && file !== undefined && /^[1-9]\d{0,3}\.pdf$/.test(file) && extra === undefined) {
      return { kind: 'pdf', db: deps.dataSource, document: await proposalMemo(db, identity, idSegment(id, 'hồ sơ đề nghị'), Number(file.slice(0, -4))) };
    }
    if (collection === 'councils' && (file === 'minutes.pdf' || file === 'proposal.pdf') && extra === undefined) {
      const unit = await councilUnit(db, identity, idSegment(id, 'đơn vị công đoàn'));
      if (file === 'proposal.pdf') return { kind: 'pdf', db: deps.dataSource, document: await proposalDossier(db, unit) };
      const to = dateParam(query, 'to') ?? todayInVietnam();
      const from = dateParam(query, 'from') ?? `${to.slice(0, 4)}-01-01`;
      if (from > to) throw ValidationError.single('from', 'ngày bắt đầu sau ngày kết thúc');
      return { kind: 'pdf', db: deps.dataSource, document: await councilMinutes(db, unit, from, to) };
    }
    throw new DownloadNotFoundError('Không có văn bản này');
  };
}

/** The year asked for, this year when none is. */
function yearParam(query: URLSearchParams): number {
  const raw = query.get('year') || todayInVietnam().slice(0, 4);
  if (!/^\d{4}$/.test(raw)) throw ValidationError.single('year', `"${raw.slice(0, 20)}" không phải một năm`);
  return Number(raw);
}

const flag = (value: string | null): boolean | null => (value === 'true' ? true : value === 'false' ? false : null);

function spreadsheets(deps: RouteDependencies) {
  return async ({ identity, segments, query }: DownloadRequest): Promise<Download> => {
    const ctx = downloadContext(deps, identity, createLoaders(deps.dataSource));
    const today = todayInVietnam();
    switch (segments.join('/')) {
      case 'register.xlsx':
        return {
          kind: 'xlsx',
          fileName: `Sổ khen thưởng ${today}.xlsx`,
          title: 'Sổ khen thưởng công khai',
          sheets: [await registerSheet(ctx, {
            search: query.get('search'), formCode: query.get('formCode') || null, unitId: query.get('unitId') || null, from: dateParam(query, 'from'),
            to: dateParam(query, 'to'), adHoc: flag(query.get('adHoc')), campaignId: query.get('campaignId') || null,
          })],
        };
      case 'nominations.xlsx':
        return { kind: 'xlsx', fileName: `Đề nghị khen thưởng ${today}.xlsx`, title: 'Đề nghị khen thưởng', sheets: [await nominationsSheet(ctx, { status: query.get('status') || null, source: query.get('source') || null })] };
      case 'fairness.xlsx': {
        const unitId = query.get('unitId') ?? '';
        const to = dateParam(query, 'to') ?? today;
        const from = dateParam(query, 'from') ?? `${to.slice(0, 4)}-01-01`;
        return { kind: 'xlsx', fileName: `Công bằng khen thưởng ${from} - ${to}.xlsx`, title: 'Công bằng và kịp thời trong khen thưởng', sheets: [await fairnessSheet(ctx, unitId, from, to)] };
      }
      case 'registrations.xlsx': {
        const year = yearParam(query);
        return { kind: 'xlsx', fileName: `Đăng ký thi đua ${year}.xlsx`, title: `Đăng ký thi đua năm ${year}`, sheets: [await registrationsSheet(ctx, { year, status: query.get('status') || null })] };
      }
      case 'long-service.xlsx': {
        const year = yearParam(query);
        return { kind: 'xlsx', fileName: `Kỷ niệm chương ${year}.xlsx`, title: `Đoàn viên đủ điều kiện tặng Kỷ niệm chương năm ${year}`, sheets: [await longServiceSheet(ctx, query.get('unitId') ?? '', year)] };
      }
      case 'blocs.xlsx': {
        const year = query.get('year') ? yearParam(query) : null;
        return { kind: 'xlsx', fileName: `Khối, cụm thi đua ${today}.xlsx`, title: 'Khối, cụm thi đua', sheets: [await blocsSheet(ctx, { organiserUnitId: query.get('organiserUnitId') || null, year })] };
      }
      case 'my-nominations.xlsx':
        return { kind: 'xlsx', fileName: `Đề nghị khen thưởng của tôi ${today}.xlsx`, title: 'Đề nghị khen thưởng về tôi', sheets: [await myNominationsSheet(ctx)] };
      case 'colleague-proposals.xlsx':
        return { kind: 'xlsx', fileName: `Đề xuất của đồng nghiệp ${today}.xlsx`, title: 'Đề xuất khen thưởng của đồng nghiệp', sheets: [await colleagueProposalsSheet(ctx, { status: query.get('status') || null })] };
      default:
        throw new DownloadNotFoundError('Không có bảng tính này');
    }
  };
}

export function rewardRoutes(deps: RouteDependencies): Record<string, RouteHandler> {
  // refuse to start when the signing keys are misconfigured (production with development keys)
  documentIssuer();
  return {
    '/documents/rewards/': downloadRoute(deps, '/documents/rewards/', documents(deps)),
    '/exports/rewards/': downloadRoute(deps, '/exports/rewards/', spreadsheets(deps)),
  };
}
