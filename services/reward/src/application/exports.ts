import { ValidationError, allPages, dateCell, vietnamDayCell, queryRows, type SheetColumn, type SheetSpec } from '@thidua/common';
import type { RewardContext } from './context';
import type { BlocRow, BlocUnitRow, ColleagueProposalRow, DecisionRow, NominationRow, RegistrationRow, RevocationRow } from '../entities';
import type { ColleagueProposalStatus } from '../domain/colleague-proposals';
import type { RegistrationStatus } from '../domain/registration';
import { BLOC_KIND_NAMES, BLOC_STATUS_NAMES, COLLEAGUE_DEED_NAMES, COLLEAGUE_STATUS_NAMES, CORRECTED_DECISION_NAMES, NOMINATION_SOURCE_NAMES, NOMINATION_STATUS_NAMES, REGISTRATION_STATUS_NAMES } from '../domain/reward-names';
import { emulationBlocs } from './blocs';
import { colleagueProposals, myNominations } from './colleague-proposals';
import { register, type RegisterFilter } from './decisions';
import { rewardFairness } from './fairness';
import { longServiceCandidates, type LongServiceCandidate } from './long-service';
import { nominations } from './nominations';
import { registrations } from './registrations';
import { councilVotesOf } from './votes';

/**
 * Spreadsheets of the reward screens. Each reads through the query its screen uses, page after page, so it shows
 * exactly what the screen shows the same caller (the register as filtered, the nominations they may see).
 */
const PAGE = 100;
const yesNo = (value: boolean | null): string => (value === null ? '' : value ? 'Có' : 'Không');

type RegisterLine = DecisionRow & { revocation: RevocationRow | null };


const REGISTER_COLUMNS: SheetColumn<RegisterLine>[] = [
  { header: 'Số quyết định', width: 20, value: (d) => d.number },
  { header: 'Ngày quyết định', width: 14, format: 'date', value: (d) => dateCell(d.decidedOn) },
  { header: 'Hình thức khen thưởng', width: 28, value: (d) => d.formName },
  { header: 'Khen thưởng đột xuất', width: 12, value: (d) => yesNo(d.adHoc) },
  { header: 'Cá nhân, tập thể', width: 28, value: (d) => d.subjectName },
  { header: 'Đơn vị', width: 32, value: (d) => d.unitName },
  { header: 'Đơn vị quyết định', width: 32, value: (d) => d.grantingUnitName },
  { header: 'Người ký (chức danh)', width: 28, value: (d) => d.signerRole },
  { header: 'Thành tích', width: 48, value: (d) => d.reason },
  { header: 'Mức thưởng (đồng)', width: 16, format: 'vnd', value: (d) => d.amountVnd },
  { header: 'Năm thi đua', width: 10, format: 'integer', value: (d) => d.awardYear },
  { header: 'Số ngày đến quyết định', width: 12, format: 'integer', value: (d) => d.daysToDecision },
  { header: 'Hiệu lực', width: 14, value: (d) => (d.revocation ? CORRECTED_DECISION_NAMES[d.revocation.kind] : 'Còn hiệu lực') },
  { header: 'Quyết định hủy bỏ, thu hồi', width: 20, value: (d) => d.revocation?.number ?? '' },
  { header: 'Ngày hủy bỏ, thu hồi', width: 14, format: 'date', value: (d) => (d.revocation ? dateCell(d.revocation.revokedOn) : null) },
  { header: 'Số tiền thu hồi (đồng)', width: 16, format: 'vnd', value: (d) => d.revocation?.amountReclaimedVnd ?? null },
];

async function* registerLines(ctx: RewardContext, pages: AsyncGenerator<DecisionRow[]>): AsyncGenerator<RegisterLine[]> {
  for await (const page of pages) {
    const revocations = await ctx.loaders.revocation.loadMany(page.map((d) => d.id));
    yield page.map((d, i) => {
      const revocation = revocations[i];
      return { ...d, revocation: revocation && !(revocation instanceof Error) ? revocation : null };
    });
  }
}

/** The public register, filtered as on the screen, with each decision's annulment or revocation. */
export async function registerSheet(ctx: RewardContext, filter: RegisterFilter): Promise<SheetSpec<RegisterLine>> {
  return { name: 'Sổ khen thưởng', columns: REGISTER_COLUMNS, rows: registerLines(ctx, await allPages((after) => register(ctx, filter, { first: PAGE, after }))) };
}


type NominationLine = NominationRow & { formName: string; votesFor: number; votesAgainst: number };

const NOMINATION_COLUMNS: SheetColumn<NominationLine>[] = [
  { header: 'Ngày đề nghị', width: 14, format: 'date', value: (n) => vietnamDayCell(n.createdAt) },
  { header: 'Nguồn', width: 20, value: (n) => NOMINATION_SOURCE_NAMES[n.source] },
  { header: 'Trạng thái', width: 18, value: (n) => NOMINATION_STATUS_NAMES[n.status] },
  { header: 'Cá nhân, tập thể', width: 28, value: (n) => n.subjectName },
  { header: 'Lao động trực tiếp sản xuất', width: 12, value: (n) => yesNo(n.isDirectProductionWorker) },
  { header: 'Giữ chức vụ quản lý', width: 12, value: (n) => yesNo(n.holdsLeadershipPost) },
  { header: 'Hình thức đề nghị', width: 26, value: (n) => n.formName },
  { header: 'Thành tích', width: 48, value: (n) => n.reason },
  { header: 'Ngày thành tích', width: 14, format: 'date', value: (n) => dateCell(n.achievedOn) },
  { header: 'Năm thi đua', width: 10, format: 'integer', value: (n) => n.awardYear },
  { header: 'Xếp hạng', width: 10, format: 'integer', value: (n) => n.resultRank },
  { header: 'Phiếu tán thành', width: 10, format: 'integer', value: (n) => n.votesFor },
  { header: 'Phiếu không tán thành', width: 12, format: 'integer', value: (n) => n.votesAgainst },
];

async function* nominationLines(ctx: RewardContext, pages: AsyncGenerator<NominationRow[]>): AsyncGenerator<NominationLine[]> {
  for await (const page of pages) {
    const [forms, votes] = await Promise.all([ctx.loaders.form.loadMany(page.map((n) => n.formCode ?? '')), councilVotesOf(ctx.db.manager, page.map((n) => n.id))]);
    yield page.map((n, i) => {
      const form = forms[i];
      return { ...n, formName: form && !(form instanceof Error) ? form.name : '', ...votes[i]! };
    });
  }
}

/** The nominations the caller sees (officers: their subtree; council members: before their council). */
export async function nominationsSheet(ctx: RewardContext, filter: { status: string | null; source: string | null }): Promise<SheetSpec<NominationLine>> {
  if (filter.status && !(filter.status in NOMINATION_STATUS_NAMES)) throw ValidationError.single('status', `trạng thái "${filter.status.slice(0, 20)}" không có; dùng ${Object.keys(NOMINATION_STATUS_NAMES).join(', ')}`);
  if (filter.source && !(filter.source in NOMINATION_SOURCE_NAMES)) throw ValidationError.single('source', `nguồn "${filter.source.slice(0, 20)}" không có; dùng ${Object.keys(NOMINATION_SOURCE_NAMES).join(', ')}`);
  const pages = await allPages((after) => nominations(ctx, filter, { first: PAGE, after }));
  return { name: 'Đề nghị khen thưởng', columns: NOMINATION_COLUMNS, rows: nominationLines(ctx, pages) };
}

interface FigureLine {
  label: string;
  value: number | null;
  unit: string;
}

const FIGURE_COLUMNS: SheetColumn<FigureLine>[] = [
  { header: 'Chỉ số', width: 60, value: (f) => f.label },
  { header: 'Giá trị', width: 18, format: 'decimal', value: (f) => f.value },
  { header: 'Đơn vị tính', width: 14, value: (f) => f.unit },
];

const percentOf = (share: number | null): number | null => (share === null ? null : Math.round(share * 1000) / 10);

/** Fairness and timeliness of a subtree's rewards over a period (officers over the unit), one figure a row. */
export async function fairnessSheet(ctx: RewardContext, unitId: string, from: string, to: string): Promise<SheetSpec<FigureLine>> {
  const f = await rewardFairness(ctx, unitId, from, to);
  const lines: FigureLine[] = [
    { label: 'Số quyết định khen thưởng', value: f.decisions, unit: 'quyết định' },
    { label: 'Trong đó khen thưởng cá nhân', value: f.individualDecisions, unit: 'quyết định' },
    { label: 'Tỷ lệ lao động trực tiếp sản xuất trong số cá nhân được khen thưởng', value: percentOf(f.directWorkerShareOfRewards), unit: '%' },
    { label: 'Tỷ lệ lao động trực tiếp sản xuất trong số đoàn viên', value: percentOf(f.directWorkerShareOfMembers), unit: '%' },
    { label: 'Tỷ lệ người không giữ chức vụ quản lý trong số cá nhân được khen thưởng', value: percentOf(f.nonLeaderShareOfRewards), unit: '%' },
    { label: 'Tỷ lệ người không giữ chức vụ quản lý trong số đoàn viên', value: percentOf(f.nonLeaderShareOfMembers), unit: '%' },
    { label: 'Số ngày từ thành tích đến quyết định (trung vị)', value: f.medianDaysToDecision, unit: 'ngày' },
    { label: 'Số ngày từ thành tích đến quyết định (90% quyết định)', value: f.p90DaysToDecision, unit: 'ngày' },
    { label: 'Khen thưởng đột xuất', value: f.adHocDecisions, unit: 'quyết định' },
    { label: 'Tiền thưởng đã chi', value: f.spentVnd, unit: 'đồng' },
    { label: 'Kế hoạch kinh phí khen thưởng', value: f.plannedVnd, unit: 'đồng' },
    { label: 'Khen thưởng của người sử dụng lao động', value: f.employerRewards, unit: 'lượt' },
    { label: 'Tiền thưởng của người sử dụng lao động', value: f.employerRewardsVnd, unit: 'đồng' },
  ];
  return { name: 'Công bằng khen thưởng', columns: FIGURE_COLUMNS, rows: [lines] };
}


type RegistrationLine = RegistrationRow & { formNames: string };

const REGISTRATION_COLUMNS: SheetColumn<RegistrationLine>[] = [
  { header: 'Cá nhân, tập thể', width: 32, value: (r) => r.subjectName },
  { header: 'Năm thi đua', width: 10, format: 'integer', value: (r) => r.year },
  { header: 'Danh hiệu đăng ký', width: 48, value: (r) => r.formNames },
  { header: 'Ngày đăng ký', width: 14, format: 'date', value: (r) => dateCell(r.registeredOn) },
  { header: 'Trạng thái', width: 18, value: (r) => REGISTRATION_STATUS_NAMES[r.status] ?? r.status },
  { header: 'Lý do trả lại', width: 40, value: (r) => r.reviewReason ?? '' },
  { header: 'Ghi chú', width: 40, value: (r) => r.note ?? '' },
];

/** Đăng ký thi đua of a year within the officer's subtree, newest first, as the registrations screen lists them. */
export async function registrationsSheet(ctx: RewardContext, filter: { year: number; status: string | null }): Promise<SheetSpec<RegistrationLine>> {
  if (filter.status && !Object.hasOwn(REGISTRATION_STATUS_NAMES, filter.status)) {
    throw ValidationError.single('status', `trạng thái "${filter.status.slice(0, 20)}" không có; dùng ${Object.keys(REGISTRATION_STATUS_NAMES).join(', ')}`);
  }
  const status = filter.status as RegistrationStatus | null;
  const pages = await allPages((after) => registrations(ctx, { year: filter.year, status }, { first: PAGE, after }));
  async function* lines(): AsyncGenerator<RegistrationLine[]> {
    for await (const page of pages) {
      const forms = await ctx.loaders.form.loadMany([...new Set(page.flatMap((r) => r.formCodes))]);
      const names = new Map(forms.flatMap((f) => (f && !(f instanceof Error) ? [[f.code, f.name] as const] : [])));
      yield page.map((r) => ({ ...r, formNames: r.formCodes.map((code) => names.get(code) ?? code).join('; ') }));
    }
  }
  return { name: `Đăng ký thi đua ${filter.year}`, columns: REGISTRATION_COLUMNS, rows: lines() };
}


type ProposalLine = ColleagueProposalRow & { unitName: string };

const PROPOSAL_COLUMNS: SheetColumn<ProposalLine>[] = [
  { header: 'Ngày đề xuất', width: 12, format: 'date', value: (p) => vietnamDayCell(p.createdAt) },
  { header: 'Người được đề xuất', width: 28, value: (p) => p.subjectName },
  { header: 'Công đoàn cơ sở', width: 36, value: (p) => p.unitName },
  { header: 'Người đề xuất', width: 28, value: (p) => p.proposerName },
  { header: 'Loại', width: 24, value: (p) => COLLEAGUE_DEED_NAMES[p.kind] ?? p.kind },
  { header: 'Ngày diễn ra', width: 12, format: 'date', value: (p) => dateCell(p.occurredOn) },
  { header: 'Nội dung', width: 60, value: (p) => p.description },
  { header: 'Minh chứng', width: 50, value: (p) => p.evidence.map((e) => (e.url ? `${e.description} (${e.url})` : e.description)).join('\n') },
  { header: 'Trạng thái', width: 26, value: (p) => COLLEAGUE_STATUS_NAMES[p.status] ?? p.status },
  { header: 'Lý do không đề nghị', width: 40, value: (p) => p.declineReason ?? '' },
];

/** Colleagues' proposals about members of the officer's subtree, newest first, as the proposals screen lists them. */
export async function colleagueProposalsSheet(ctx: RewardContext, filter: { status: string | null }): Promise<SheetSpec<ProposalLine>> {
  if (filter.status && !Object.hasOwn(COLLEAGUE_STATUS_NAMES, filter.status)) {
    throw ValidationError.single('status', `trạng thái "${filter.status.slice(0, 20)}" không có; dùng ${Object.keys(COLLEAGUE_STATUS_NAMES).join(', ')}`);
  }
  const pages = await allPages((after) => colleagueProposals(ctx, filter.status as ColleagueProposalStatus | null, { first: PAGE, after }));
  async function* lines(): AsyncGenerator<ProposalLine[]> {
    for await (const page of pages) {
      const units = await queryRows<{ id: string; name: string }>(ctx.db, `SELECT id, name FROM unit_refs WHERE id = ANY($1::uuid[])`, [page.map((p) => p.unitId)]);
      const names = new Map(units.map((u) => [u.id, u.name]));
      yield page.map((p) => ({ ...p, unitName: names.get(p.unitId) ?? '' }));
    }
  }
  return { name: 'Đề xuất của đồng nghiệp', columns: PROPOSAL_COLUMNS, rows: lines() };
}

const LONG_SERVICE_COLUMNS: SheetColumn<LongServiceCandidate>[] = [
  { header: 'Họ và tên', width: 28, value: (c) => c.fullName },
  { header: 'Công đoàn cơ sở', width: 40, value: (c) => c.unitName },
  { header: 'Ngày vào công đoàn', width: 14, format: 'date', value: (c) => dateCell(c.joinedUnionOn) },
  { header: 'Số năm trong tổ chức công đoàn', width: 14, format: 'integer', value: (c) => c.years },
  { header: 'Tình trạng', width: 20, value: (c) => (c.status === 'PROPOSED' ? 'Đã đề nghị' : 'Đủ điều kiện') },
];

/** Members of the officer's unit due the long-service medal in a year, by day of joining, as the long-service screen lists them. */
export async function longServiceSheet(ctx: RewardContext, unitId: string, year: number | null): Promise<SheetSpec<LongServiceCandidate>> {
  const pages = await allPages(async (after) => (await longServiceCandidates(ctx, unitId, year, { first: PAGE, after })).candidates);
  return { name: 'Kỷ niệm chương', columns: LONG_SERVICE_COLUMNS, rows: pages };
}

type OwnNominationLine = NominationRow & { formName: string; decision: DecisionRow | null };

const OWN_NOMINATION_COLUMNS: SheetColumn<OwnNominationLine>[] = [
  { header: 'Hình thức khen thưởng', width: 32, value: (n) => n.formName || 'Chưa chọn' },
  { header: 'Nguồn', width: 24, value: (n) => NOMINATION_SOURCE_NAMES[n.source] },
  { header: 'Thành tích', width: 60, value: (n) => n.reason },
  { header: 'Ngày thành tích', width: 14, format: 'date', value: (n) => dateCell(n.achievedOn) },
  { header: 'Trạng thái', width: 18, value: (n) => NOMINATION_STATUS_NAMES[n.status] },
  { header: 'Số quyết định', width: 18, value: (n) => n.decision?.number ?? '' },
  { header: 'Ngày quyết định', width: 14, format: 'date', value: (n) => dateCell(n.decision?.decidedOn) },
  { header: 'Lý do không khen thưởng', width: 40, value: (n) => n.refusalReason ?? '' },
];

/** A member's own nominations, newest first, with the decision or the refusal, as the member's rewards screen lists them. */
export async function myNominationsSheet(ctx: RewardContext): Promise<SheetSpec<OwnNominationLine>> {
  const pages = await allPages((after) => myNominations(ctx, { first: PAGE, after }));
  async function* lines(): AsyncGenerator<OwnNominationLine[]> {
    for await (const page of pages) {
      const [forms, decisions] = await Promise.all([
        ctx.loaders.form.loadMany(page.flatMap((n) => (n.formCode ? [n.formCode] : []))),
        ctx.loaders.decisionByNomination.loadMany(page.filter((n) => n.status === 'GRANTED').map((n) => n.id)),
      ]);
      const formNames = new Map(forms.flatMap((f) => (f && !(f instanceof Error) ? [[f.code, f.name] as const] : [])));
      const decisionOf = new Map(decisions.flatMap((d) => (d && !(d instanceof Error) ? [[d.nominationId, d] as const] : [])));
      yield page.map((n) => ({ ...n, formName: n.formCode ? (formNames.get(n.formCode) ?? '') : '', decision: decisionOf.get(n.id) ?? null }));
    }
  }
  return { name: 'Đề nghị khen thưởng về tôi', columns: OWN_NOMINATION_COLUMNS, rows: lines() };
}


type BlocLine = { bloc: BlocRow; unit: BlocUnitRow };

const BLOC_COLUMNS: SheetColumn<BlocLine>[] = [
  { header: 'Khối, cụm thi đua', width: 40, value: (l) => l.bloc.name },
  { header: 'Loại', width: 14, value: (l) => BLOC_KIND_NAMES[l.bloc.kind] },
  { header: 'Năm thi đua', width: 10, format: 'integer', value: (l) => l.bloc.year },
  { header: 'Trạng thái', width: 16, value: (l) => BLOC_STATUS_NAMES[l.bloc.status] },
  { header: 'Ngày ký giao ước', width: 14, format: 'date', value: (l) => dateCell(l.bloc.covenantSignedOn) },
  { header: 'Đơn vị thành viên', width: 40, value: (l) => l.unit.unitName },
  { header: 'Điểm', width: 10, format: 'decimal', value: (l) => l.unit.score },
  { header: 'Xếp hạng', width: 10, format: 'integer', value: (l) => l.unit.rank },
];

/** The blocs a unit organises, newest first, one row per member unit with its score and rank, as the blocs screen shows them. */
export async function blocsSheet(ctx: RewardContext, filter: { organiserUnitId: string | null; year: number | null }): Promise<SheetSpec<BlocLine>> {
  const pages = await allPages((after) => emulationBlocs(ctx, filter, { first: PAGE, after }));
  async function* lines(): AsyncGenerator<BlocLine[]> {
    for await (const page of pages) {
      const units = await ctx.loaders.blocUnits.loadMany(page.map((b) => b.id));
      yield page.flatMap((bloc, i) => {
        const members = units[i];
        return members && !(members instanceof Error) ? members.map((unit) => ({ bloc, unit })) : [];
      });
    }
  }
  return { name: 'Khối, cụm thi đua', columns: BLOC_COLUMNS, rows: lines() };
}
