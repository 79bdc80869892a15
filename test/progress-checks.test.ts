/**
 * A member's own progress report counts only once the grassroots officer confirms it, and a report's value can be
 * corrected with a reason, its history kept, the score following in evaluation: through the real gateway, campaign
 * and evaluation on the real databases and broker.
 */
import ExcelJS from 'exceljs';
import type { Role } from '@thidua/common';
import { issueTestToken } from './support/tokens';
import { eventually } from './support/graphql';
import { usePlatform } from './support/platform';
import { eventuallyCounted } from './support/read-models';
import { TWO_PROVINCES, buildUnionTree, type UnionTree } from './support/union-tree';

const env = usePlatform();
const year = new Date().getUTCFullYear();
let tree: UnionTree;
let tokens: Record<'admin' | 'officerMay' | 'officerBn' | 'officerKh' | 'nhung' | 'nhungAsOfficer', string>;
let campaignId: string;
let targetId: string;
let enrollmentId: string;

const token = (roles: Role[], unitPath: string, sub: string, memberId: string | null = null) => issueTestToken({ sub, name: sub, roles, unitPath, memberId });
const REPORT = `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id status } }`;
const CONFIRM = `mutation($id: ID!) { confirmProgressReport(id: $id) { id status confirmedAt } }`;
const CORRECT = `mutation($id: ID!, $input: CorrectProgressReportInput!) {
  correctProgressReport(id: $id, input: $input) { id status value evidenceUrl revisions { previousValue value previousEvidenceUrl evidenceUrl reason } }
}`;
const TO_CONFIRM = `{ progressReportsToConfirm(first: 50) { edges { node { id value status enrollment { member { fullName } } target { name } } } } }`;
const PROGRESS = `query($id: ID!) { enrollment(id: $id) { progress { currentValue } } }`;
const SCORE = `query($id: ID!) { participantScore(enrollmentId: $id) { total } }`;

const currentValue = async () => (await env.api.ok(PROGRESS, { id: enrollmentId }, tokens.officerMay)).enrollment.progress[0].currentValue;
const scoreReaches = (total: number) =>
  eventually(async () => ((await env.api.ok(SCORE, { id: enrollmentId }, tokens.officerMay)).participantScore.total === total ? true : null), 30000, `a score of ${total}`);
async function download(urlPath: string, bearer?: string): Promise<{ status: number; body: Buffer }> {
  const response = await fetch(env.platform.gatewayUrl.replace(/\/graphql$/, '') + urlPath, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}
const report = (periodStart: string, value: number, by: string) => env.api.ok(REPORT, { input: { enrollmentId, targetId, periodStart, value } }, by);

beforeAll(async () => {
  const admin = await env.platform.token(['NATIONAL_ADMIN'], '/');
  tree = await buildUnionTree(env.api, admin, {
    units: { ...TWO_PROVINCES, may: { parent: 'bn', name: 'Công đoàn Công ty May Bắc Giang', level: 'GRASSROOTS', organisationType: 'PRIVATE_ENTERPRISE' } },
    members: { nhung: { unit: 'may', fullName: 'Nguyễn Thị Hồng Nhung', occupationCode: 'CN_DET_MAY', direct: true, gender: 'FEMALE' } },
  });
  const { units, members } = tree;
  tokens = {
    admin,
    officerMay: await token(['UNIT_OFFICER'], units.may!.path, 'officer-may'),
    officerBn: await token(['UNIT_OFFICER'], units.bn!.path, 'officer-bn'),
    officerKh: await token(['UNIT_OFFICER'], units.kh!.path, 'officer-kh'),
    nhung: await token(['MEMBER'], units.may!.path, 'member-nhung', members.nhung!),
    // the union's own officer who is also the enrolled member: she may not confirm herself
    nhungAsOfficer: await token(['UNIT_OFFICER', 'MEMBER'], units.may!.path, 'officer-nhung', members.nhung!),
  };
  const created = (await env.api.ok(`mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id targets { id } } }`, {
    input: {
      launchingUnitId: units.bn!.id, title: `Sáng kiến tiết kiệm ${tree.run}`, goal: 'Mỗi công nhân một sáng kiến tiết kiệm vật tư', category: 'FOR_WORKERS',
      startsOn: `${year}-01-01`, endsOn: `${year + 1}-12-31`,
      targets: [{ name: 'Sáng kiến', unitOfMeasure: 'sáng kiến', targetValue: 10, direction: 'HIGHER_IS_BETTER', aggregation: 'SUM', weight: 100 }],
    },
  }, tokens.officerBn)).createCampaign;
  campaignId = created.id;
  targetId = created.targets[0].id;
  await env.api.ok(`mutation($id: ID!) { launchCampaign(id: $id) { id } }`, { id: campaignId }, tokens.officerBn);
  await eventuallyCounted('evaluation', 'evaluation_rounds WHERE campaign_id = $1', [campaignId], 1, 'the evaluation round');
  const set = (await env.api.ok(`mutation($input: CriteriaSetInput!) { createCriteriaSet(input: $input) { id } }`, {
    input: { campaignId, variant: 'GENERAL', criteria: [{ name: 'Sáng kiến', method: 'LINEAR', weight: 100, unitOfMeasure: 'sáng kiến', targetValue: 10, targetId }] },
  }, tokens.officerBn)).createCriteriaSet;
  await env.api.ok(`mutation($id: ID!) { publishCriteriaSet(id: $id) { id } }`, { id: set.id }, tokens.officerBn);
  enrollmentId = (await env.api.ok(`mutation($input: EnrollMemberInput!) { enrollMember(input: $input) { id } }`, { input: { campaignId, memberId: members.nhung } }, tokens.nhung)).enrollMember.id;
});

describe('a member’s own progress report', () => {
  let januaryId: string;

  it('waits for the grassroots officer and does not count before', async () => {
    const january = (await report(`${year}-01-01`, 4, tokens.nhung)).reportProgress;
    januaryId = january.id;
    expect(january.status).toBe('PENDING_CONFIRMATION');
    expect(await currentValue()).toBeNull();
    const waiting = (await env.api.ok(TO_CONFIRM, {}, tokens.officerMay)).progressReportsToConfirm.edges.map((e: any) => e.node);
    expect(waiting).toContainEqual({ id: januaryId, value: 4, status: 'PENDING_CONFIRMATION', enrollment: { member: { fullName: 'Nguyễn Thị Hồng Nhung' } }, target: { name: 'Sáng kiến' } });
    // her own report is not in her own list to confirm
    expect((await env.api.ok(TO_CONFIRM, {}, tokens.nhungAsOfficer)).progressReportsToConfirm.edges.map((e: any) => e.node.id)).not.toContain(januaryId);
  });

  it('is in the officer’s Excel of reports to confirm, as the screen lists it; not in another province’s', async () => {
    expect((await download('/exports/campaigns/reports-to-confirm.xlsx')).status).toBe(401);
    const { status, body } = await download('/exports/campaigns/reports-to-confirm.xlsx', tokens.officerMay);
    expect(status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['Phong trào thi đua', 'Đơn vị', 'Đoàn viên', 'Chỉ tiêu', 'Từ ngày', 'Đến ngày', 'Kết quả', 'Đơn vị tính', 'Minh chứng', 'Ngày báo cáo']);
    expect(sheet.actualRowCount).toBe(2);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 9)).toEqual([
      `Sáng kiến tiết kiệm ${tree.run}`, 'Công đoàn Công ty May Bắc Giang', 'Nguyễn Thị Hồng Nhung', 'Sáng kiến', new Date(`${year}-01-01T00:00:00Z`), new Date(`${year}-01-31T00:00:00Z`), 4, 'sáng kiến',
    ]);
    const outsider = await download('/exports/campaigns/reports-to-confirm.xlsx', tokens.officerKh);
    const other = new ExcelJS.Workbook();
    await other.xlsx.load(outsider.body as unknown as ExcelJS.Buffer);
    expect(other.worksheets[0]!.actualRowCount).toBe(1);
    expect((await download('/exports/campaigns/reports-to-confirm.xlsx', tokens.nhung)).status).toBe(403);
  });

  it('is not confirmed by the member herself, by an officer who is that member, nor by another province', async () => {
    const herself = await env.api.refused(CONFIRM, { id: januaryId }, tokens.nhung);
    expect([herself.code, herself.message]).toEqual(['FORBIDDEN', 'Báo cáo của chính bạn phải do cán bộ công đoàn cơ sở khác xác nhận']);
    expect((await env.api.refused(CONFIRM, { id: januaryId }, tokens.nhungAsOfficer)).code).toBe('FORBIDDEN');
    expect((await env.api.refused(CONFIRM, { id: januaryId }, tokens.officerKh)).code).toBe('NOT_FOUND');
    expect((await env.api.refused(CONFIRM, { id: 'not-an-id' }, tokens.officerMay)).problems.map((p) => p.field)).toEqual(['id']);
    expect(await currentValue()).toBeNull();
  });

  it('counts once the grassroots officer confirms it, and evaluation scores it; it is confirmed once', async () => {
    expect((await env.api.ok(CONFIRM, { id: januaryId }, tokens.officerMay)).confirmProgressReport.status).toBe('CONFIRMED');
    expect(await currentValue()).toBe(4);
    await scoreReaches(40);
    const again = await env.api.refused(CONFIRM, { id: januaryId }, tokens.officerMay);
    expect([again.code, again.message]).toEqual(['CONFLICT', 'Báo cáo này đã được xác nhận']);
    expect((await env.api.ok(TO_CONFIRM, {}, tokens.officerMay)).progressReportsToConfirm.edges.map((e: any) => e.node.id)).not.toContain(januaryId);
  });

  it('is corrected with a reason, the earlier value kept, and the score follows in evaluation with the reason in its history', async () => {
    const input = { value: 6, evidenceUrl: 'https://congdoan.vn/bien-ban/sang-kien-6', reason: 'Hội đồng sáng kiến công nhận thêm 2 sáng kiến tháng 1' };
    const corrected = (await env.api.ok(CORRECT, { id: januaryId, input }, tokens.officerMay)).correctProgressReport;
    expect(corrected).toEqual({ id: januaryId, status: 'CONFIRMED', value: 6, evidenceUrl: input.evidenceUrl,
      revisions: [{ previousValue: 4, value: 6, previousEvidenceUrl: null, evidenceUrl: input.evidenceUrl, reason: input.reason }] });
    expect(await currentValue()).toBe(6);
    await scoreReaches(60);
    const history = (await env.api.ok(`query($id: ID!) { scoreHistory(enrollmentId: $id) { before after reason } }`, { id: enrollmentId }, tokens.officerMay)).scoreHistory;
    expect(history.at(-1)).toEqual({ before: 40, after: 60, reason: `correction of progress report ${januaryId}: ${input.reason}` });
  });

  it('refuses a correction without a reason, without a change, below zero, or by the member once counted; nothing is written', async () => {
    const attempt = (input: Record<string, unknown>, by = tokens.officerMay) => env.api.refused(CORRECT, { id: januaryId, input }, by);
    expect((await attempt({ value: 7, reason: 'sửa' })).problems.map((p) => p.field)).toEqual(['reason']);
    expect((await attempt({ value: 6, reason: 'Kiểm tra lại, vẫn là sáu sáng kiến' })).problems.map((p) => p.field)).toEqual(['value']);
    expect((await attempt({ value: -1, reason: 'Trừ sáng kiến bị hủy công nhận' })).problems.map((p) => p.field)).toEqual(['value']);
    const herself = await attempt({ value: 9, reason: 'Tôi có thêm ba sáng kiến nữa' }, tokens.nhung);
    expect([herself.code, herself.message]).toEqual(['FORBIDDEN', 'Báo cáo đã được xác nhận: nhờ cán bộ công đoàn cơ sở sửa, kèm lý do']);
    expect((await attempt({ value: 9, reason: 'Sửa trái phép từ tỉnh khác' }, tokens.officerKh)).code).toBe('NOT_FOUND');
    const revisions = (await env.api.ok(`query($id: ID!) { enrollment(id: $id) { reports { edges { node { id revisions { value } } } } } }`, { id: enrollmentId }, tokens.officerMay))
      .enrollment.reports.edges.find((e: any) => e.node.id === januaryId).node.revisions;
    expect(revisions).toEqual([{ value: 6 }]);
    expect(await currentValue()).toBe(6);
  });

  it('may be corrected by the member while it waits (it still waits); an officer’s correction of a waiting report confirms it', async () => {
    const february = (await report(`${year}-02-01`, 5, tokens.nhung)).reportProgress;
    const mine = (await env.api.ok(CORRECT, { id: february.id, input: { value: 3, reason: 'Tôi ghi nhầm: tháng 2 có ba sáng kiến' } }, tokens.nhung)).correctProgressReport;
    expect(mine).toMatchObject({ status: 'PENDING_CONFIRMATION', value: 3, revisions: [{ previousValue: 5, value: 3 }] });
    expect(await currentValue()).toBe(6);
    const officers = (await env.api.ok(CORRECT, { id: february.id, input: { value: 2, reason: 'Một sáng kiến chưa được hội đồng công nhận' } }, tokens.officerMay)).correctProgressReport;
    expect(officers).toMatchObject({ status: 'CONFIRMED', value: 2, revisions: [{ previousValue: 5, value: 3 }, { previousValue: 3, value: 2 }] });
    expect(await currentValue()).toBe(8);
    await scoreReaches(80);
  });

  it('made by an officer counts at once', async () => {
    expect((await report(`${year}-03-01`, 1, tokens.officerMay)).reportProgress.status).toBe('CONFIRMED');
    expect(await currentValue()).toBe(9);
  });
});
