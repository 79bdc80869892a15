import { allPages, dateCell, type SheetColumn, type SheetSpec } from '@thidua/common';
import { ANNUAL_FIGURES } from '../documents/annual';
import type { CampaignRow, EnrollmentRow, MemberRow, UnionUnitRow } from '../entities';
import type { CampaignContext } from './context';
import { ORGANISATION_TYPE_LABELS } from './documents';
import { enrollmentCompletion, inspection } from './enrollments';
import { membersOfSubtree } from './members';
import { annualReport } from './reports';

/** Spreadsheets of the organisation and movement screens, read through the queries those screens use. */
const yesNo = (value: boolean): string => (value ? 'có' : 'không');

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
  { header: 'Ngày đăng ký', width: 14, format: 'date', value: (l) => dateCell(l.enrolledAt.toISOString()) },
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

/** The inspection (kiểm tra, đôn đốc) of a movement: who is behind target, who stopped reporting, completion by type. */
export async function inspectionSheets(ctx: CampaignContext, campaign: CampaignRow): Promise<SheetSpec<any>[]> {
  const inspected = await inspection(ctx, campaign);
  const groups: SheetColumn<{ key: string; enrollments: number; completionRate: number }>[] = [
    { header: 'Nhóm', width: 32, value: (g) => ORGANISATION_TYPE_LABELS[g.key] ?? g.key },
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
