import { ORGANISATION_TYPE_NAMES, ROLE_NAMES, allPages, dateCell, vietnamDayCell, inSentence, type SheetColumn, type SheetSpec } from '@thidua/common';
import { CAMPAIGN_CATEGORY_NAMES, CAMPAIGN_STATUS_NAMES } from '../domain/campaign-names';
import type { CampaignStatus } from '../domain/campaigns';
import { ANNUAL_FIGURES } from '../documents/annual';
import type { AccountRow, CampaignRow, CampaignSpreadRow, EnrollmentRow, MemberRow, PendingProceedingRow, ProgressReportRow, UnionUnitRow } from '../entities';
import { accounts, type AccountFilter } from './accounts';
import { listCampaigns } from './campaigns';
import type { CampaignContext } from './context';
import { enrollmentCompletion, inspection } from './enrollments';
import { membersOfSubtree } from './members';
import { reportsToConfirm } from './progress-checks';
import { proceedingsOf } from './proceedings';
import { annualReport } from './reports';

/** Spreadsheets of the organisation and movement screens, read through the queries those screens use. */
const yesNo = (value: boolean): string => (value ? 'có' : 'không');

interface MovementLine {
  campaign: CampaignRow;
  launchingUnitName: string;
  derivedFromTitle: string;
  spread: CampaignSpreadRow | null;
}

const MOVEMENT_COLUMNS: SheetColumn<MovementLine>[] = [
  { header: 'Phong trào thi đua', width: 50, value: (l) => l.campaign.title },
  { header: 'Đơn vị phát động', width: 40, value: (l) => l.launchingUnitName },
  { header: 'Loại phong trào', width: 36, value: (l) => CAMPAIGN_CATEGORY_NAMES[l.campaign.category] ?? l.campaign.category },
  { header: 'Trạng thái', width: 20, value: (l) => CAMPAIGN_STATUS_NAMES[l.campaign.status] ?? l.campaign.status },
  { header: 'Bắt đầu', width: 12, format: 'date', value: (l) => dateCell(l.campaign.startsOn) },
  { header: 'Kết thúc', width: 12, format: 'date', value: (l) => dateCell(l.campaign.endsOn) },
  { header: 'Đơn vị tham gia', width: 14, format: 'integer', value: (l) => l.spread?.units ?? 0 },
  { header: 'Đoàn viên tham gia', width: 16, format: 'integer', value: (l) => l.spread?.members ?? 0 },
  { header: 'Nhân rộng từ', width: 40, value: (l) => l.derivedFromTitle },
];

async function movementLines(ctx: CampaignContext, campaigns: CampaignRow[]): Promise<MovementLine[]> {
  const [units, sources, spreads] = await Promise.all([
    ctx.loaders.unit.loadMany(campaigns.map((c) => c.launchingUnitId)),
    ctx.loaders.campaign.loadMany(campaigns.flatMap((c) => (c.derivedFromId ? [c.derivedFromId] : []))),
    ctx.loaders.spread.loadMany(campaigns.map((c) => c.id)),
  ]);
  const sourceTitles = new Map(sources.flatMap((s) => (s && !(s instanceof Error) ? [[s.id, s.title] as const] : [])));
  return campaigns.map((campaign, i) => {
    const unit = units[i];
    const spread = spreads[i];
    return {
      campaign,
      launchingUnitName: unit && !(unit instanceof Error) ? unit.name : '',
      derivedFromTitle: campaign.derivedFromId ? (sourceTitles.get(campaign.derivedFromId) ?? '') : '',
      spread: spread && !(spread instanceof Error) ? spread : null,
    };
  });
}

/** The movements the caller sees on the home page (drafts only within their own scope), newest first, every page. */
export async function movementsSheet(ctx: CampaignContext, filter: { unitId: string | null; status: CampaignStatus | null }): Promise<SheetSpec<MovementLine>> {
  const pages = await allPages((after) => listCampaigns(ctx, filter, { first: 100, after }));
  async function* lines(): AsyncGenerator<MovementLine[]> {
    for await (const page of pages) yield movementLines(ctx, page);
  }
  return { name: 'Phong trào thi đua', columns: MOVEMENT_COLUMNS, rows: lines() };
}

interface InspectedLine {
  unitName: string;
  memberName: string;
  completion: number;
  enrolledAt: Date;
}

const INSPECTION_COLUMNS: SheetColumn<InspectedLine>[] = [
  { header: 'Đơn vị', width: 40, value: (l) => l.unitName },
  { header: 'Đoàn viên', width: 28, value: (l) => l.memberName },
  { header: 'Mức hoàn thành', width: 14, format: 'percent', value: (l) => l.completion },
  { header: 'Ngày đăng ký', width: 14, format: 'date', value: (l) => vietnamDayCell(l.enrolledAt) },
];

async function inspectedLines(ctx: CampaignContext, enrollments: EnrollmentRow[]): Promise<InspectedLine[]> {
  const [units, members] = await Promise.all([
    ctx.loaders.unit.loadMany(enrollments.map((e) => e.unitId)),
    ctx.loaders.member.loadMany(enrollments.flatMap((e) => (e.memberId ? [e.memberId] : []))),
  ]);
  const memberNames = new Map(members.flatMap((m) => (m && !(m instanceof Error) ? [[m.id, m.fullName] as const] : [])));
  return Promise.all(
    enrollments.map(async (e, i) => {
      const unit = units[i];
      return {
        unitName: unit && !(unit instanceof Error) ? unit.name : '',
        memberName: e.memberId ? (memberNames.get(e.memberId) ?? '') : '',
        completion: await enrollmentCompletion(ctx, e),
        enrolledAt: e.enrolledAt,
      };
    }),
  );
}

/** The inspection (kiểm tra, đôn đốc) of a movement: all who are behind target, all who stopped reporting, completion by type. */
export async function inspectionSheets(ctx: CampaignContext, campaign: CampaignRow): Promise<SheetSpec<any>[]> {
  const inspected = await inspection(ctx, campaign, Number.POSITIVE_INFINITY);
  const groups: SheetColumn<{ key: string; enrollments: number; completionRate: number }>[] = [
    { header: 'Nhóm', width: 32, value: (g) => inSentence(ORGANISATION_TYPE_NAMES[g.key] ?? g.key) },
    { header: 'Lượt tham gia', width: 14, format: 'integer', value: (g) => g.enrollments },
    { header: 'Mức hoàn thành bình quân', width: 16, format: 'percent', value: (g) => g.completionRate },
  ];
  return [
    { name: 'Chậm tiến độ', columns: INSPECTION_COLUMNS, rows: [await inspectedLines(ctx, inspected.behindTarget)] },
    { name: 'Chưa báo cáo', columns: INSPECTION_COLUMNS, rows: [await inspectedLines(ctx, inspected.silent)] },
    { name: 'Theo loại hình', columns: groups, rows: [inspected.byOrganisationType] },
    { name: 'Theo ngành nghề', columns: groups, rows: [inspected.byOccupation] },
  ];
}

interface AnnualLine {
  unitName: string;
  figures: Record<string, number>;
}

/** The annual report: the unit's own figures on the first row, then each unit one level down. */
export async function annualReportSheet(ctx: CampaignContext, unit: UnionUnitRow, year: number): Promise<SheetSpec<AnnualLine>> {
  const report = await annualReport(ctx, unit, year);
  const columns: SheetColumn<AnnualLine>[] = [
    { header: 'Đơn vị', width: 44, value: (l) => l.unitName },
    ...ANNUAL_FIGURES.map((figure): SheetColumn<AnnualLine> => ({ header: figure.label, width: 14, format: 'integer', value: (l) => l.figures[figure.key] ?? 0 })),
  ];
  const lines: AnnualLine[] = [
    { unitName: `${unit.name} (toàn đơn vị)`, figures: { ...report.figures } },
    ...report.byChildUnit.map((line) => ({ unitName: line.unit.name, figures: { ...line.figures } })),
  ];
  return { name: `Báo cáo năm ${year}`, columns, rows: [lines] };
}

type MemberLine = MemberRow & { unitName: string; occupationName: string };

/** Headers as the member import reads them, so an exported list can be corrected and imported again. */
const MEMBER_COLUMNS: SheetColumn<MemberLine>[] = [
  { header: 'Họ tên', width: 28, value: (m) => m.fullName },
  { header: 'Mã nghề', width: 16, value: (m) => m.occupationCode },
  { header: 'Trực tiếp sản xuất', width: 12, value: (m) => yesNo(m.isDirectProductionWorker) },
  { header: 'Giữ chức vụ', width: 12, value: (m) => yesNo(m.holdsLeadershipPost) },
  { header: 'Ngày vào công đoàn', width: 14, format: 'date', value: (m) => dateCell(m.joinedUnionOn) },
  { header: 'Ngày ra công đoàn', width: 14, format: 'date', value: (m) => dateCell(m.leftUnionOn) },
  { header: 'Giới tính', width: 8, value: (m) => (m.gender === null ? '' : m.gender === 'FEMALE' ? 'Nữ' : 'Nam') },
  { header: 'Tên nghề', width: 28, value: (m) => m.occupationName },
  { header: 'Công đoàn cơ sở', width: 40, value: (m) => m.unitName },
];

async function* memberLines(ctx: CampaignContext, pages: AsyncGenerator<MemberRow[]>): AsyncGenerator<MemberLine[]> {
  for await (const page of pages) {
    const [units, occupations] = await Promise.all([ctx.loaders.unit.loadMany(page.map((m) => m.unitId)), ctx.loaders.occupation.loadMany(page.map((m) => m.occupationCode))]);
    yield page.map((m, i) => {
      const unit = units[i];
      const occupation = occupations[i];
      return { ...m, unitName: unit && !(unit instanceof Error) ? unit.name : '', occupationName: occupation && !(occupation instanceof Error) ? occupation.name : '' };
    });
  }
}

/** Members of a unit's subtree (officers of that subtree), streamed page by page. */
export async function membersSheet(ctx: CampaignContext, unitId: string): Promise<SheetSpec<MemberLine>> {
  const pages = await allPages((after) => membersOfSubtree(ctx, unitId, { first: 100, after }));
  return { name: 'Đoàn viên', columns: MEMBER_COLUMNS, rows: memberLines(ctx, pages) };
}

type AccountLine = AccountRow & { unitName: string; memberName: string };

const ACCOUNT_COLUMNS: SheetColumn<AccountLine>[] = [
  { header: 'Họ và tên', width: 28, value: (a) => a.fullName },
  { header: 'Tên đăng nhập', width: 24, value: (a) => a.username },
  { header: 'Thư điện tử', width: 30, value: (a) => a.email ?? '' },
  { header: 'Đơn vị', width: 40, value: (a) => a.unitName },
  { header: 'Vai trò', width: 40, value: (a) => a.roles.map((role) => ROLE_NAMES[role] ?? role).join(', ') },
  { header: 'Đoàn viên', width: 28, value: (a) => a.memberName },
  { header: 'Trạng thái', width: 14, value: (a) => (a.enabled ? 'Đang hoạt động' : 'Đã khóa') },
  { header: 'Ngày tạo', width: 12, format: 'date', value: (a) => vietnamDayCell(a.createdAt) },
];

/** Quản lý tài khoản: the accounts the caller manages, found as the accounts query finds them, every page. */
export async function accountsSheet(ctx: CampaignContext, filter: AccountFilter): Promise<SheetSpec<AccountLine>> {
  const pages = await allPages((after) => accounts(ctx, filter, { first: 100, after }));
  async function* lines(): AsyncGenerator<AccountLine[]> {
    for await (const page of pages) {
      const [units, members] = await Promise.all([
        ctx.loaders.unit.loadMany(page.flatMap((a) => (a.unitId ? [a.unitId] : []))),
        ctx.loaders.member.loadMany(page.flatMap((a) => (a.memberId ? [a.memberId] : []))),
      ]);
      const unitNames = new Map(units.flatMap((u) => (u && !(u instanceof Error) ? [[u.id, u.name] as const] : [])));
      const memberNames = new Map(members.flatMap((m) => (m && !(m instanceof Error) ? [[m.id, m.fullName] as const] : [])));
      yield page.map((a) => ({ ...a, unitName: a.unitId ? (unitNames.get(a.unitId) ?? '') : '', memberName: a.memberId ? (memberNames.get(a.memberId) ?? '') : '' }));
    }
  }
  return { name: 'Tài khoản', columns: ACCOUNT_COLUMNS, rows: lines() };
}

interface PendingReportLine {
  report: ProgressReportRow;
  campaignTitle: string;
  unitName: string;
  memberName: string;
  targetName: string;
  unitOfMeasure: string;
}

const PENDING_REPORT_COLUMNS: SheetColumn<PendingReportLine>[] = [
  { header: 'Phong trào thi đua', width: 44, value: (l) => l.campaignTitle },
  { header: 'Đơn vị', width: 36, value: (l) => l.unitName },
  { header: 'Đoàn viên', width: 28, value: (l) => l.memberName },
  { header: 'Chỉ tiêu', width: 32, value: (l) => l.targetName },
  { header: 'Từ ngày', width: 12, format: 'date', value: (l) => dateCell(l.report.periodStart) },
  { header: 'Đến ngày', width: 12, format: 'date', value: (l) => dateCell(l.report.periodEnd) },
  { header: 'Kết quả', width: 12, format: 'decimal', value: (l) => l.report.value },
  { header: 'Đơn vị tính', width: 14, value: (l) => l.unitOfMeasure },
  { header: 'Minh chứng', width: 50, value: (l) => l.report.evidenceUrl ?? '' },
  { header: 'Ngày báo cáo', width: 12, format: 'date', value: (l) => vietnamDayCell(l.report.reportedAt) },
];

/** Members' own reports waiting for the officer's confirmation, oldest first, as the progress checks screen lists them. */
export async function reportsToConfirmSheet(ctx: CampaignContext): Promise<SheetSpec<PendingReportLine>> {
  const pages = await allPages((after) => reportsToConfirm(ctx, { first: 100, after }));
  async function* lines(): AsyncGenerator<PendingReportLine[]> {
    for await (const page of pages) {
      const enrollments = await ctx.loaders.enrollment.loadMany(page.map((r) => r.enrollmentId));
      const found = enrollments.flatMap((e) => (e && !(e instanceof Error) ? [e] : []));
      const [campaigns, units, members, targets] = await Promise.all([
        ctx.loaders.campaign.loadMany(found.map((e) => e.campaignId)),
        ctx.loaders.unit.loadMany(found.map((e) => e.unitId)),
        ctx.loaders.member.loadMany(found.flatMap((e) => (e.memberId ? [e.memberId] : []))),
        ctx.loaders.targets.loadMany(found.map((e) => e.campaignId)),
      ]);
      const named = <R extends { id: string }>(rows: (R | null | Error)[], name: (row: R) => string) =>
        new Map(rows.flatMap((row) => (row && !(row instanceof Error) ? [[row.id, name(row)] as const] : [])));
      const enrollmentById = new Map(found.map((e) => [e.id, e]));
      const campaignTitles = named(campaigns, (c) => c.title);
      const unitNames = named(units, (u) => u.name);
      const memberNames = named(members, (m) => m.fullName);
      const targetById = new Map(targets.flatMap((list) => (list instanceof Error ? [] : list.map((t) => [t.id, t] as const))));
      yield page.map((report) => {
        const enrollment = enrollmentById.get(report.enrollmentId);
        const target = targetById.get(report.targetId);
        return {
          report,
          campaignTitle: enrollment ? (campaignTitles.get(enrollment.campaignId) ?? '') : '',
          unitName: enrollment ? (unitNames.get(enrollment.unitId) ?? '') : '',
          memberName: enrollment?.memberId ? (memberNames.get(enrollment.memberId) ?? '') : '',
          targetName: target?.name ?? '',
          unitOfMeasure: target?.unitOfMeasure ?? '',
        };
      });
    }
  }
  return { name: 'Báo cáo chờ xác nhận', columns: PENDING_REPORT_COLUMNS, rows: lines() };
}

const PROCEEDING_KINDS = { DISCIPLINE: 'Đang xem xét kỷ luật', INSPECTION: 'Đang thanh tra, kiểm tra', COMPLAINT: 'Có đơn thư khiếu nại, tố cáo' } as const;

type ProceedingLine = PendingProceedingRow & { memberName: string; unitName: string };

const PROCEEDING_COLUMNS: SheetColumn<ProceedingLine>[] = [
  { header: 'Đoàn viên', width: 28, value: (p) => p.memberName },
  { header: 'Đơn vị', width: 40, value: (p) => p.unitName },
  { header: 'Việc đang xem xét', width: 28, value: (p) => PROCEEDING_KINDS[p.kind] ?? p.kind },
  { header: 'Nội dung', width: 60, value: (p) => p.note },
  { header: 'Ngày bắt đầu', width: 12, format: 'date', value: (p) => dateCell(p.openedOn) },
  { header: 'Ngày kết thúc', width: 12, format: 'date', value: (p) => dateCell(p.closedOn) },
  { header: 'Kết quả', width: 40, value: (p) => p.outcome ?? '' },
];

/** Pending proceedings (việc đang xem xét) in a unit's subtree, newest first, as the proceedings screen lists them. */
export async function proceedingsSheet(ctx: CampaignContext, unitId: string, includeClosed: boolean): Promise<SheetSpec<ProceedingLine>> {
  const pages = await allPages((after) => proceedingsOf(ctx, unitId, includeClosed, { first: 100, after }));
  async function* lines(): AsyncGenerator<ProceedingLine[]> {
    for await (const page of pages) {
      const [units, members] = await Promise.all([
        ctx.loaders.unit.loadMany(page.map((p) => p.unitId)),
        ctx.loaders.member.loadMany(page.flatMap((p) => (p.memberId ? [p.memberId] : []))),
      ]);
      const unitNames = new Map(units.flatMap((u) => (u && !(u instanceof Error) ? [[u.id, u.name] as const] : [])));
      const memberNames = new Map(members.flatMap((m) => (m && !(m instanceof Error) ? [[m.id, m.fullName] as const] : [])));
      yield page.map((p) => ({ ...p, unitName: unitNames.get(p.unitId) ?? '', memberName: p.memberId ? (memberNames.get(p.memberId) ?? '') : '' }));
    }
  }
  return { name: 'Việc đang xem xét', columns: PROCEEDING_COLUMNS, rows: lines() };
}
