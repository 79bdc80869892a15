/**
 * Documents through the real gateway: a council's decision is issued, once, as a PDF in the Decree 30 layout signed
 * (PAdES) by the granting unit's key, with its certificate; poppler reads the text back (number, names with their
 * diacritics, amounts), pdfsig checks the signature and catches a one-byte change, and the certificate's QR code
 * decodes to the decision's public page. Council papers, movement plans and reports are refused to those who may not
 * see them, and a report is issued anew only when its data changes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { databaseUrl, testCaDirectory, vietnameseDate, type Role } from '@thidua/common';
import { issueTestToken } from './support/tokens';
import { Api } from './support/api';
import { eventually, graphql } from './support/graphql';
import ExcelJS from 'exceljs';
import { pdfInfo, pdfSig, pdfText, qrOnFirstPage, tampered, trustStore } from './support/pdf';
import { startTestPlatform, type TestPlatform } from './support/platform';

let platform: TestPlatform;
let api: Api;
let base: string;
let rewardDb: Client;
let nssDir: string;
const run = Date.now().toString(36);
const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const units: Record<string, { id: string; path: string }> = {};
const members: Record<string, string> = {};
const tokens: Record<string, string> = {};
const token = (roles: Role[], unitKey: string, sub: string, name = sub) => issueTestToken({ sub, name, roles, unitPath: units[unitKey]!.path });

async function download(urlPath: string, bearer?: string, method = 'GET'): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const response = await fetch(`${base}${urlPath}`, { method, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}
const json = (body: Buffer) => JSON.parse(body.toString('utf8')) as { error: { code: string; message: string } };
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const NOMINATE = `mutation($input: NominateInput!) { nominate(input: $input) { id } }`;
const REVIEW = `mutation($id: ID!, $vote: CouncilVote, $comment: String) { reviewNomination(id: $id, vote: $vote, comment: $comment) { status } }`;
const GRANT = `mutation($id: ID!, $input: GrantRewardInput!) { grantReward(nominationId: $id, input: $input) { id number amountVnd } }`;

async function nominate(memberKey: string, reason: string): Promise<string> {
  const input = { source: 'OFFICER', memberId: members[memberKey], grantingUnitId: units.bn!.id, formCode: 'BK_TINH', achievedOn: today, reason };
  return (await api.ok(NOMINATE, { input }, tokens.officerBn)).nominate.id;
}

let decision: { id: string; number: string; amountVnd: number };

beforeAll(async () => {
  platform = await startTestPlatform();
  api = new Api(platform.gatewayUrl);
  base = platform.gatewayUrl.replace(/\/graphql$/, '');
  tokens.admin = await platform.token(['NATIONAL_ADMIN'], '/');
  rewardDb = new Client({ connectionString: databaseUrl('reward') });
  await rewardDb.connect();
  const unit = async (key: string, input: Record<string, unknown>) => (units[key] = await api.createUnit({ code: `${key}-${run}`, ...input }, tokens.admin));
  await unit('vn', { name: 'Tổng Liên đoàn Lao động Việt Nam', level: 'NATIONAL' });
  await unit('bn', { parentId: units.vn!.id, name: 'Liên đoàn Lao động tỉnh Bắc Ninh', level: 'PROVINCIAL', provinceCode: 'BN' });
  await unit('kh', { parentId: units.vn!.id, name: 'Liên đoàn Lao động tỉnh Khánh Hòa', level: 'PROVINCIAL', provinceCode: 'KH' });
  await unit('may', { parentId: units.bn!.id, name: 'Công đoàn Công ty Cổ phần May Bắc Giang', level: 'GRASSROOTS', organisationType: 'PRIVATE_ENTERPRISE' });
  for (const [key, fullName] of [['nhung', 'Nguyễn Thị Hồng Nhung'], ['tram', 'Đặng Thùy Trâm'], ['phuc', 'Ưng Hoàng Phúc']]) {
    const input = { unitId: units.may!.id, fullName, occupationCode: 'CN_DET_MAY', isDirectProductionWorker: true, holdsLeadershipPost: false };
    members[key!] = (await api.ok(`mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }`, { input }, tokens.admin)).createMember.id;
  }
  tokens.officerBn = await token(['UNIT_OFFICER'], 'bn', `officer-bn-${run}`);
  tokens.officerKh = await token(['UNIT_OFFICER'], 'kh', `officer-kh-${run}`);
  tokens.councilBn1 = await token(['COUNCIL_MEMBER'], 'bn', `council-bn-1-${run}`, 'Trần Văn Hải');
  tokens.councilBn2 = await token(['COUNCIL_MEMBER'], 'bn', `council-bn-2-${run}`, 'Lê Thị Mai');
  tokens.councilKh = await token(['COUNCIL_MEMBER'], 'kh', `council-kh-${run}`);
  await eventually(async () => {
    const { rows } = await rewardDb.query(`SELECT (SELECT count(*) FROM member_refs WHERE id = ANY($1::uuid[]))::int AS m, (SELECT count(*) FROM unit_refs WHERE id = ANY($2::uuid[]))::int AS u`, [
      Object.values(members), Object.values(units).map((u) => u.id),
    ]);
    return rows[0].m === 3 && rows[0].u === 4 ? true : null;
  }, 30000, 'members and units in reward’s read model');

  // Bắc Ninh's council: three members, two of them at the meeting (2/3, its quorum)
  const seats: string[] = [];
  for (const [sub, fullName, position] of [[`council-bn-1-${run}`, 'Trần Văn Hải', 'CHAIR'], [`council-bn-2-${run}`, 'Lê Thị Mai', 'MEMBER'], [`council-bn-3-${run}`, 'Phan Văn Bảy', 'MEMBER']]) {
    seats.push((await api.ok(`mutation($u: ID!, $i: CouncilMemberInput!) { addCouncilMember(unitId: $u, input: $i) { id } }`, { u: units.bn!.id, i: { accountId: sub, fullName, position } }, tokens.officerBn)).addCouncilMember.id);
  }
  await api.ok(`mutation($u: ID!, $i: CouncilMeetingInput!) { openCouncilMeeting(unitId: $u, input: $i) { id } }`, { u: units.bn!.id, i: { attendeeIds: seats.slice(0, 2) } }, tokens.officerBn);
  const nomination = await nominate('nhung', 'Có 3 sáng kiến cải tiến dây chuyền may, làm lợi 450 triệu đồng');
  await api.ok(REVIEW, { id: nomination, vote: 'FOR', comment: 'Thành tích nổi bật, đúng đối tượng trực tiếp sản xuất' }, tokens.councilBn1);
  await api.ok(REVIEW, { id: nomination, vote: 'FOR' }, tokens.councilBn2);
  decision = (await api.ok(GRANT, { id: nomination, input: { signerRole: 'Chủ tịch', signerName: 'Nguyễn Văn Dũng' } }, tokens.councilBn1)).grantReward;
  nssDir = await trustStore(readFileSync(path.join(testCaDirectory(), 'ca.crt'), 'utf8'));
}, 120_000);

afterAll(async () => {
  await rewardDb?.end();
  await platform?.stop();
});

describe('a reward decision', () => {
  it('is issued as a signed PDF in the Decree 30 layout, downloadable by anyone from the register', async () => {
    const { status, headers, body } = await download(`/documents/rewards/decisions/${decision.id}.pdf`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/pdf');
    expect(headers.get('x-document-sha256')).toBe(sha256(body));
    const text = await pdfText(body);
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM', 'LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC NINH',
      `Số: ${decision.number}`, `Bắc Ninh, ${vietnameseDate(today)}`, 'QUYẾT ĐỊNH', 'Căn cứ Luật Thi đua, khen thưởng', '2 phiếu tán thành, 0 phiếu không tán thành',
      'Điều 1.', 'Nguyễn Thị Hồng Nhung', 'Công đoàn Công ty Cổ phần May Bắc Giang', 'tiền thưởng 3.510.000 đồng', '1,5 lần mức lương cơ sở 2.340.000 đồng',
      'TM. BAN THƯỜNG VỤ', 'Nguyễn Văn Dũng', 'Nơi nhận:', `(Kèm theo Quyết định số ${decision.number}`, 'Tổng cộng: 1 cá nhân 3.510.000',
    ]) expect(text).toContain(expected);
    expect(decision.amountVnd).toBe(3_510_000);
  });

  it('is signed as PAdES by the granting unit; a copy changed by one byte fails the check', async () => {
    const { body } = await download(`/documents/rewards/decisions/${decision.id}.pdf`);
    const report = await pdfSig(body, nssDir);
    expect(report).toContain('Signer Certificate Common Name: Liên đoàn Lao động tỉnh Bắc Ninh');
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Certificate Validation: Certificate is Trusted.');
    const broken = await pdfSig(tampered(body), nssDir);
    expect(broken).not.toContain('Signature is Valid.');
    expect(broken).toContain('Digest Mismatch');
  });

  it('is issued once: the register shows its status and the hashes of the files it serves', async () => {
    const first = await download(`/documents/rewards/decisions/${decision.id}.pdf`);
    const certificate = await download(`/documents/rewards/decisions/${decision.id}/certificate.pdf`);
    const { rewardDecision } = await api.ok(`query($id: ID!) { rewardDecision(id: $id) { number status signerName documents { kind sha256 sizeBytes signedBy url } } }`, { id: decision.id });
    expect(rewardDecision).toMatchObject({ number: decision.number, status: 'VALID', signerName: 'Nguyễn Văn Dũng' });
    expect(rewardDecision.documents).toEqual([
      { kind: 'DECISION', sha256: sha256(first.body), sizeBytes: first.body.length, signedBy: 'Liên đoàn Lao động tỉnh Bắc Ninh', url: expect.stringMatching(new RegExp(`/documents/rewards/decisions/${decision.id}\\.pdf$`)) },
      { kind: 'CERTIFICATE', sha256: sha256(certificate.body), sizeBytes: certificate.body.length, signedBy: 'Liên đoàn Lao động tỉnh Bắc Ninh', url: expect.stringMatching(/\/certificate\.pdf$/) },
    ]);
    const { rows } = await rewardDb.query(`SELECT count(*)::int AS n FROM issued_documents WHERE subject_key = $1`, [decision.id]);
    expect(rows[0].n).toBe(2);
    expect(sha256((await download(`/documents/rewards/decisions/${decision.id}.pdf`)).body)).toBe(sha256(first.body));
  });

  it('has a landscape certificate whose QR code opens the decision’s public page', async () => {
    const { status, body } = await download(`/documents/rewards/decisions/${decision.id}/certificate.pdf`);
    expect(status).toBe(200);
    expect(await pdfInfo(body)).toMatch(/Page size:\s+841\.92 x 594\.96 pts \(A4\)/);
    const text = await pdfText(body);
    for (const expected of ['BẰNG KHEN', 'Nguyễn Thị Hồng Nhung', 'Có 3 sáng kiến cải tiến dây chuyền may, làm lợi 450 triệu đồng', `Quyết định số ${decision.number}`]) expect(text).toContain(expected);
    expect(await pdfSig(body, nssDir)).toContain('Signature is Valid.');
    expect(await qrOnFirstPage(body)).toBe(`http://127.0.0.1:4000/rewards/decisions/${decision.id}`);
  });

  it('refuses what is not a decision of the register, with a reason, and only answers GET', async () => {
    for (const bad of [`/documents/rewards/decisions/abc.pdf`, `/documents/rewards/decisions/${units.bn!.id}.pdf`, `/documents/rewards/decisions/${decision.id}`,
      `/documents/rewards/decisions/${decision.id}/certificate.pdf/x`, `/documents/rewards/`]) {
      const { status, body } = await download(bad);
      expect([bad, status]).toEqual([bad, 404]);
      expect(json(body).error.message).toMatch(/^Không có/);
    }
    // a malformed target (bad percent-encoding, encoded dot segments) is the HTTP edge's 400 before any route
    expect((await download(`/documents/rewards/decisions/%E0%A4%A.pdf`)).status).toBe(400);
    expect((await download(`/documents/rewards/decisions/..%2F..%2Fetc%2Fpasswd.pdf`)).status).toBe(400);
    expect((await download(`/documents/rewards/decisions/${decision.id}.pdf`, undefined, 'POST')).status).toBe(405);
    const head = await download(`/documents/rewards/decisions/${decision.id}.pdf`, undefined, 'HEAD');
    expect([head.status, head.body.length, Number(head.headers.get('content-length'))]).toEqual([200, 0, expect.any(Number)]);
  });
});

describe('council papers', () => {
  it('are for the council and the officers over its unit only', async () => {
    const minutes = `/documents/rewards/councils/${units.bn!.id}/minutes.pdf`;
    expect((await download(minutes)).status).toBe(401);
    expect((await download(minutes, tokens.officerKh)).status).toBe(403);
    expect((await download(minutes, tokens.councilKh)).status).toBe(403);
    expect(json((await download(minutes, tokens.councilKh)).body).error.message).toContain('Liên đoàn Lao động tỉnh Bắc Ninh');
    expect((await download(`${minutes}?from=2026-02-30`, tokens.councilBn1)).status).toBe(400);
    const { status, body } = await download(minutes, tokens.councilBn1);
    expect(status).toBe(200);
    const text = await pdfText(body);
    for (const expected of ['BIÊN BẢN', 'Trần Văn Hải', 'Lê Thị Mai', 'Nguyễn Thị Hồng Nhung', '2/3 thành viên dự họp', 'đủ số thành viên dự họp', 'Đã quyết định khen thưởng (Quyết định số ', `Quyết định số ${decision.number}`, 'Thành tích nổi bật, đúng đối tượng trực tiếp sản xuất']) {
      expect(text).toContain(expected);
    }
    expect(await pdfSig(body, nssDir)).toContain('Signature is Valid.');
  });

  it('include the dossier to the level above, once the council approved a pending nomination, issued anew when it changes', async () => {
    const dossier = `/documents/rewards/councils/${units.bn!.id}/proposal.pdf`;
    const nothing = await download(dossier, tokens.officerBn);
    expect([nothing.status, json(nothing.body).error.code]).toEqual([409, 'CONFLICT']);
    const tram = await nominate('tram', 'Cứu người trong vụ cháy xưởng, bảo vệ tài sản của doanh nghiệp');
    await api.ok(REVIEW, { id: tram, vote: 'FOR' }, tokens.councilBn1);
    // one vote of three members passes nothing
    const oneVote = await download(dossier, tokens.officerBn);
    expect([oneVote.status, json(oneVote.body).error.code]).toEqual([409, 'CONFLICT']);
    await api.ok(REVIEW, { id: tram, vote: 'FOR' }, tokens.councilBn2);
    const first = await download(dossier, tokens.officerBn);
    expect(first.status).toBe(200);
    const text = await pdfText(first.body);
    for (const expected of ['TỜ TRÌNH', 'Về việc đề nghị khen thưởng', 'Kính gửi: Tổng Liên đoàn Lao động Việt Nam', 'DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG', 'Đặng Thùy Trâm', 'BIÊN BẢN']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Nguyễn Thị Hồng Nhung');
    expect(sha256((await download(dossier, tokens.councilBn2)).body)).toBe(sha256(first.body));
    const phuc = await nominate('phuc', 'Vượt 130% định mức năng suất trong 12 tháng liên tục');
    await api.ok(REVIEW, { id: phuc, vote: 'FOR' }, tokens.councilBn1);
    await api.ok(REVIEW, { id: phuc, vote: 'FOR' }, tokens.councilBn2);
    const second = await download(dossier, tokens.officerBn);
    expect(sha256(second.body)).not.toBe(sha256(first.body));
    expect(await pdfText(second.body)).toContain('Ưng Hoàng Phúc');
  });
});


describe('movement papers', () => {
  const year = Number(today.slice(0, 4));
  let campaign: { id: string; targets: { id: string }[] };
  let draft: string;

  beforeAll(async () => {
    const input = {
      launchingUnitId: units.bn!.id, title: `Lao động giỏi – Lao động sáng tạo ${run}`, goal: 'Nâng cao năng suất lao động, khuyến khích sáng kiến trong công nhân ngành may',
      content: 'Thi đua phát huy sáng kiến, cải tiến kỹ thuật', participants: 'Đoàn viên, người lao động trực tiếp sản xuất', organisingMeasures: 'Công đoàn cơ sở đăng ký, báo cáo hằng tháng',
      category: 'FOR_WORKERS', startsOn: `${year}-01-01`, endsOn: `${year}-12-31`,
      targets: [{ name: 'Sáng kiến được công nhận', unitOfMeasure: 'sáng kiến', targetValue: 12, direction: 'HIGHER_IS_BETTER', weight: 100 }],
    };
    campaign = (await api.ok(`mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id targets { id } } }`, { i: input }, tokens.officerBn)).createCampaign;
    campaignIds.set(input.title, campaign.id);
    await api.ok(`mutation($id: ID!) { launchCampaign(id: $id) { id } }`, { id: campaign.id }, tokens.officerBn);
    draft = (await api.ok(`mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`, { i: { launchingUnitId: units.bn!.id, title: `Bản nháp ${run}`, category: 'UNION_WORK' } }, tokens.officerBn)).createCampaign.id;
    const enrolment = (await api.ok(`mutation($i: EnrollUnitInput!) { enrollUnit(input: $i) { id } }`, { i: { campaignId: campaign.id, unitId: units.may!.id } }, tokens.officerBn)).enrollUnit.id;
    await api.ok(`mutation($i: ReportProgressInput!) { reportProgress(input: $i) { id } }`, { i: { enrollmentId: enrolment, targetId: campaign.targets[0]!.id, periodStart: `${year}-01-01`, value: 4 } }, tokens.officerBn);
  });

  it('include the plan, public once launched; a draft’s only for its officers', async () => {
    const { status, body } = await download(`/documents/campaigns/${campaign.id}/plan.pdf`);
    expect(status).toBe(200);
    const text = await pdfText(body);
    for (const expected of ['KẾ HOẠCH', `Phát động phong trào thi đua "Lao động giỏi – Lao động sáng tạo ${run}"`, 'I. MỤC ĐÍCH, YÊU CẦU', 'Sáng kiến được công nhận', '12', `Từ ngày 01/01/${year} đến ngày 31/12/${year}`, 'Số: /KH-BN']) {
      expect(text).toContain(expected);
    }
    expect((await download(`/documents/campaigns/${draft}/plan.pdf`)).status).toBe(404);
    expect((await download(`/documents/campaigns/${draft}/plan.pdf`, tokens.officerKh)).status).toBe(404);
    expect((await download(`/documents/campaigns/${draft}/plan.pdf`, tokens.officerBn)).status).toBe(200);
  });

  it('include the interim report for officers while it runs, then the public summary report', async () => {
    const report = `/documents/campaigns/${campaign.id}/report.pdf`;
    expect((await download(report)).status).toBe(401);
    const interim = await download(report, tokens.officerBn);
    expect(interim.status).toBe(200);
    expect(await pdfText(interim.body)).toContain('Sơ kết phong trào thi đua');
    await api.ok(`mutation($id: ID!) { beginCampaignSummary(id: $id) { status } }`, { id: campaign.id }, tokens.officerBn);
    await api.ok(`mutation($id: ID!, $input: CampaignSummaryInput!) { submitCampaignSummary(id: $id, input: $input) { status } }`, {
      id: campaign.id,
      input: { results: [{ targetId: campaign.targets[0]!.id, achievedValue: 14 }], lessons: 'Gắn thi đua với năng suất và thu nhập của người lao động', exemplars: [{ name: 'Nguyễn Thị Hồng Nhung', achievement: '3 sáng kiến làm lợi 450 triệu đồng' }] },
    }, tokens.officerBn);
    const final = await download(report);
    expect(final.status).toBe(200);
    const text = await pdfText(final.body);
    for (const expected of ['Tổng kết phong trào thi đua', '14 sáng kiến', 'Đạt', 'Nguyễn Thị Hồng Nhung: 3 sáng kiến làm lợi 450 triệu đồng', 'Gắn thi đua với năng suất']) expect(text).toContain(expected);
  });

  it('include the annual report of a unit, for officers of the unit and above', async () => {
    const path = `/documents/units/${units.bn!.id}/annual-report.pdf?year=${year}`;
    expect((await download(path)).status).toBe(401);
    expect((await download(path, tokens.officerKh)).status).toBe(403);
    expect((await download(`/documents/units/${units.bn!.id}/annual-report.pdf?year=20x6`, tokens.officerBn)).status).toBe(400);
    const { status, body } = await download(path, tokens.officerBn);
    expect(status).toBe(200);
    const text = await pdfText(body);
    for (const expected of [`Kết quả phong trào thi đua năm ${year}`, 'Công đoàn Công ty Cổ phần May Bắc Giang', 'Phong trào phát động']) expect(text).toContain(expected);
    expect(await pdfSig(body, nssDir)).toContain('Signer Certificate Common Name: Liên đoàn Lao động tỉnh Bắc Ninh');
  });
});

async function workbook(urlPath: string, bearer?: string): Promise<ExcelJS.Worksheet[]> {
  const { status, headers, body } = await download(urlPath, bearer);
  expect([urlPath, status]).toEqual([urlPath, 200]);
  expect(headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ExcelJS.Buffer);
  return book.worksheets;
}
const rowValues = (sheet: ExcelJS.Worksheet, row: number) => (sheet.getRow(row).values as unknown[]).slice(1);

describe('spreadsheets', () => {
  it('of the register follow the screen’s filter, with Vietnamese headers, frozen and filtered, numbers and dates typed', async () => {
    const [sheet] = await workbook(`/exports/rewards/register.xlsx?search=${encodeURIComponent('nguyen thi hong nhung')}&unitId=${units.bn!.id}`);
    expect(sheet!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet!.autoFilter).toBeTruthy();
    expect(rowValues(sheet!, 1).slice(0, 4)).toEqual(['Số quyết định', 'Ngày quyết định', 'Hình thức khen thưởng', 'Khen thưởng đột xuất']);
    expect(sheet!.actualRowCount).toBe(2);
    const line = sheet!.getRow(2);
    expect(line.getCell(1).value).toBe(decision.number);
    expect(line.getCell(2).value).toEqual(new Date(`${today}T00:00:00Z`));
    expect(line.getCell(5).value).toBe('Nguyễn Thị Hồng Nhung');
    expect([line.getCell(10).value, line.getCell(10).numFmt]).toEqual([3_510_000, '#,##0']);
    expect(line.getCell(13).value).toBe('Còn hiệu lực');
    expect((await download('/exports/rewards/register.xlsx?from=yesterday')).status).toBe(400);
  });

  it('of nominations and fairness figures are for the officers and councils who see them', async () => {
    expect((await download('/exports/rewards/nominations.xlsx')).status).toBe(401);
    expect((await download('/exports/rewards/nominations.xlsx?status=NOPE', tokens.officerBn)).status).toBe(400);
    const [nominations] = await workbook('/exports/rewards/nominations.xlsx?status=IN_COUNCIL', tokens.councilBn1);
    const names = nominations!.getColumn(4).values.slice(2);
    expect(names).toEqual(expect.arrayContaining(['Đặng Thùy Trâm', 'Ưng Hoàng Phúc']));
    expect(names).not.toContain('Nguyễn Thị Hồng Nhung');
    const [khSees] = await workbook('/exports/rewards/nominations.xlsx', tokens.officerKh);
    expect(khSees!.actualRowCount).toBe(1);
    expect((await download(`/exports/rewards/fairness.xlsx?unitId=${units.bn!.id}`, tokens.officerKh)).status).toBe(403);
    const [fairness] = await workbook(`/exports/rewards/fairness.xlsx?unitId=${units.bn!.id}&from=${today.slice(0, 4)}-01-01&to=${today}`, tokens.officerBn);
    expect(rowValues(fairness!, 2)).toEqual(['Số quyết định khen thưởng', 1, 'quyết định']);
    expect(rowValues(fairness!, 4)).toEqual(['Tỷ lệ lao động trực tiếp sản xuất trong số cá nhân được khen thưởng', 100, '%']);
  });

  it('of members, inspection and the annual report are for officers of the unit; members import back from the export', async () => {
    expect((await download(`/exports/units/${units.may!.id}/members.xlsx`)).status).toBe(401);
    expect((await download(`/exports/units/${units.may!.id}/members.xlsx`, tokens.officerKh)).status).toBe(403);
    const [members] = await workbook(`/exports/units/${units.may!.id}/members.xlsx`, tokens.officerBn);
    expect(rowValues(members!, 1).slice(0, 5)).toEqual(['Họ tên', 'Mã nghề', 'Trực tiếp sản xuất', 'Giữ chức vụ', 'Ngày vào công đoàn']);
    expect(members!.getColumn(1).values.slice(2).sort()).toEqual(['Nguyễn Thị Hồng Nhung', 'Ưng Hoàng Phúc', 'Đặng Thùy Trâm'].sort());
    const [behind, silent, byType] = await workbook(`/exports/campaigns/${campaignIdOf('Lao động giỏi')}/inspection.xlsx`, tokens.officerBn);
    expect([behind!.name, silent!.name, byType!.name]).toEqual(['Chậm tiến độ', 'Chưa báo cáo', 'Theo loại hình']);
    expect(rowValues(byType!, 2)).toEqual(['doanh nghiệp tư nhân', 1, expect.any(Number)]);
    const [annual] = await workbook(`/exports/units/${units.bn!.id}/annual-report.xlsx`, tokens.officerBn);
    expect(rowValues(annual!, 2)[0]).toBe('Liên đoàn Lao động tỉnh Bắc Ninh (toàn đơn vị)');
    expect(rowValues(annual!, 3)[0]).toBe('Công đoàn Công ty Cổ phần May Bắc Giang');

    const exported = (await download(`/exports/units/${units.may!.id}/members.xlsx`, tokens.officerBn)).body;
    const copy = await api.createUnit({ parentId: units.bn!.id, code: `copy-${run}`, name: 'Công đoàn Công ty May Bắc Giang 2', level: 'GRASSROOTS', organisationType: 'PRIVATE_ENTERPRISE' }, tokens.admin);
    const IMPORT = `mutation($u: ID!, $f: String!) { importMembersFromSpreadsheet(unitId: $u, contentBase64: $f) { imported rows problems { row field message } } }`;
    expect((await api.ok(IMPORT, { u: copy.id, f: exported.toString('base64') }, tokens.officerBn)).importMembersFromSpreadsheet).toEqual({ imported: 3, rows: 3, problems: [] });
    const notExcel = await api.refused(IMPORT, { u: copy.id, f: Buffer.from('ho_ten,ma_nghe\n').toString('base64') }, tokens.officerBn);
    expect([notExcel.code, notExcel.problems.map((p) => p.field), notExcel.message]).toEqual(['BAD_USER_INPUT', ['contentBase64'], expect.stringContaining('Excel')]);
    expect((await api.refused(IMPORT, { u: copy.id, f: '%%%' }, tokens.officerBn)).problems.map((p) => p.field)).toEqual(['contentBase64']);
    expect((await api.refused(IMPORT, { u: copy.id, f: exported.toString('base64') }, tokens.officerKh)).code).toBe('FORBIDDEN');
  });
});

describe('spreadsheets of the public lists and the reviewer’s queue', () => {
  const PUBLISH = `mutation($id: ID!, $action: StoryAction!) { transitionStory(id: $id, action: $action) { status } }`;
  let storyTitle: string;

  beforeAll(async () => {
    tokens.editorBn = await token(['EDITOR'], 'bn', `editor-bn-${run}`);
    storyTitle = `Thợ may Bắc Giang tiết kiệm vải ${run}`;
    const input = { kind: 'GOOD_PRACTICE', title: storyTitle, summary: 'Cách làm hay của tổ cắt', body: 'Tổ cắt tiết kiệm 3% vải mỗi tháng.', provinceCode: 'BN' };
    const id = (await api.ok(`mutation($input: StoryInput!) { createStory(input: $input) { id } }`, { input }, tokens.editorBn)).createStory.id;
    await api.ok(PUBLISH, { id, action: 'SUBMIT_FOR_REVIEW' }, tokens.editorBn);
    await api.ok(PUBLISH, { id, action: 'PUBLISH' }, tokens.editorBn);
    await api.ok(`mutation($input: SectionInput!) { createSection(input: $input) { id } }`, { input: { slug: `cach-lam-hay-${run}`, name: 'Cách làm hay ngành may', filter: { kinds: ['GOOD_PRACTICE'], provinceCode: 'BN' } } }, tokens.editorBn);
  });

  it('of the home page’s movements: launched ones for everyone, a draft only for its officers, the status filter checked', async () => {
    const [everyone] = await workbook('/exports/campaigns/movements.xlsx');
    expect(rowValues(everyone!, 1)).toEqual(['Phong trào thi đua', 'Đơn vị phát động', 'Loại phong trào', 'Trạng thái', 'Bắt đầu', 'Kết thúc', 'Đơn vị tham gia', 'Đoàn viên tham gia', 'Nhân rộng từ']);
    const titles = everyone!.getColumn(1).values.slice(2);
    expect(titles).toContain(`Lao động giỏi – Lao động sáng tạo ${run}`);
    expect(titles).not.toContain(`Bản nháp ${run}`);
    const line = everyone!.getRow(titles.indexOf(`Lao động giỏi – Lao động sáng tạo ${run}`) + 2);
    expect([line.getCell(2).value, line.getCell(3).value, line.getCell(5).value, line.getCell(7).value]).toEqual([
      'Liên đoàn Lao động tỉnh Bắc Ninh', 'Thi đua trong công nhân, viên chức, lao động', new Date(`${today.slice(0, 4)}-01-01T00:00:00Z`), 1,
    ]);
    const [officer] = await workbook(`/exports/campaigns/movements.xlsx?unitId=${units.bn!.id}&status=DRAFT`, tokens.officerBn);
    expect(officer!.getColumn(1).values.slice(2)).toContain(`Bản nháp ${run}`);
    expect(officer!.getColumn(4).values.slice(2).every((status) => status === 'Bản nháp')).toBe(true);
    const [outsider] = await workbook(`/exports/campaigns/movements.xlsx?status=DRAFT`, tokens.officerKh);
    expect(outsider!.getColumn(1).values.slice(2)).not.toContain(`Bản nháp ${run}`);
    const refused = await download('/exports/campaigns/movements.xlsx?status=NOPE');
    expect([refused.status, json(refused.body).error.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect((await download('/exports/campaigns/movements.xlsx/extra')).status).toBe(404);
  });

  it('of stories: a section’s and a search’s published stories, found without diacritics; an empty search refused', async () => {
    const [section] = await workbook(`/exports/stories/sections/cach-lam-hay-${run}.xlsx`);
    expect(rowValues(section!, 1)).toEqual(['Tiêu đề', 'Thể loại', 'Tỉnh, thành phố', 'Ngày đăng', 'Tóm tắt', 'Đường dẫn']);
    const line = section!.getRow(section!.getColumn(1).values.indexOf(storyTitle));
    expect([line.getCell(1).value, line.getCell(2).value, line.getCell(3).value, line.getCell(5).value]).toEqual([storyTitle, 'Mô hình mới, cách làm hay', 'tỉnh Bắc Ninh', 'Cách làm hay của tổ cắt']);
    expect(String(line.getCell(6).value)).toMatch(/\/stories\/[0-9a-f-]{36}$/);
    const [found] = await workbook(`/exports/stories/search.xlsx?text=${encodeURIComponent(`tho may bac giang tiet kiem vai ${run}`)}`);
    expect(found!.getColumn(1).values.slice(2)).toEqual([storyTitle]);
    const empty = await download('/exports/stories/search.xlsx?text=%20');
    expect([empty.status, json(empty.body).error.message]).toEqual([400, expect.stringContaining('nhập ít nhất một từ')]);
    expect((await download('/exports/stories/sections/khong-co-chuyen-muc-nay.xlsx')).status).toBe(404);
  });

  it('of the review queue: for the signed-in reviewer only, as their screen lists it', async () => {
    expect((await download('/exports/reviews/queue.xlsx')).status).toBe(401);
    const [queue] = await workbook('/exports/reviews/queue.xlsx', tokens.councilBn1);
    expect(rowValues(queue!, 1)).toEqual(['Tiêu chí', 'Nội dung báo cáo', 'Minh chứng', 'Số lượt đã chấm']);
    expect(queue!.actualRowCount).toBe(1);
    expect((await download('/exports/reviews/other.xlsx', tokens.councilBn1)).status).toBe(404);
  });
});

describe('spreadsheets of the officers’ lists', () => {
  it('of accounts: those the officer manages, found as the accounts screen finds them; another province’s refused', async () => {
    const input = { username: `canbo.may.${run}`, fullName: 'Hoàng Thị Lụa', email: `lua.${run}@example.vn`, unitId: units.may!.id, roles: ['UNIT_OFFICER', 'REVIEWER'] };
    await api.ok(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`, { input }, tokens.admin);
    expect((await download('/exports/accounts/list.xlsx')).status).toBe(401);
    const [found] = await workbook(`/exports/accounts/list.xlsx?search=${encodeURIComponent('hoang thi lua')}`, tokens.officerBn);
    expect(rowValues(found!, 1)).toEqual(['Họ và tên', 'Tên đăng nhập', 'Thư điện tử', 'Đơn vị', 'Vai trò', 'Đoàn viên', 'Trạng thái', 'Ngày tạo']);
    const line = found!.getRow(found!.getColumn(2).values.indexOf(`canbo.may.${run}`));
    expect(rowValues(found!, line.number).slice(0, 5)).toEqual(['Hoàng Thị Lụa', `canbo.may.${run}`, `lua.${run}@example.vn`, 'Công đoàn Công ty Cổ phần May Bắc Giang', 'Cán bộ công đoàn, Người chấm điểm']);
    expect([line.getCell(7).value, line.getCell(8).value]).toEqual(['Đang hoạt động', new Date(`${today}T00:00:00Z`)]);
    const [outsider] = await workbook(`/exports/accounts/list.xlsx?search=canbo.may.${run}`, tokens.officerKh);
    expect(outsider!.actualRowCount).toBe(1);
    const other = await download(`/exports/accounts/list.xlsx?unitId=${units.bn!.id}`, tokens.officerKh);
    expect([other.status, json(other.body).error.code]).toEqual([403, 'FORBIDDEN']);
    const bad = await download('/exports/accounts/list.xlsx?unitId=nope', tokens.officerBn);
    expect([bad.status, json(bad.body).error.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect((await download('/exports/accounts/other.xlsx', tokens.officerBn)).status).toBe(404);
  });

  it('of the editor’s candidates: those of their province, with the reward decision they come from', async () => {
    const editorBn = await token(['EDITOR'], 'bn', `editor-candidates-bn-${run}`);
    const editorKh = await token(['EDITOR'], 'kh', `editor-candidates-kh-${run}`);
    const title = await eventually(async () => {
      const { storyCandidates } = await api.ok(`{ storyCandidates(first: 100) { edges { node { title } } } }`, {}, editorBn);
      return (storyCandidates.edges as { node: { title: string } }[]).map((e) => e.node.title).find((t) => t.startsWith('Nguyễn Thị Hồng Nhung')) ?? null;
    }, 30000, 'the reward’s candidate');
    expect((await download('/exports/stories/candidates.xlsx')).status).toBe(401);
    const [sheet] = await workbook('/exports/stories/candidates.xlsx', editorBn);
    expect(rowValues(sheet!, 1)).toEqual(['Tiêu đề', 'Thể loại', 'Tỉnh, thành phố', 'Ngày đề xuất', 'Số quyết định khen thưởng', 'Tóm tắt']);
    const line = sheet!.getRow(sheet!.getColumn(1).values.indexOf(title));
    expect([line.getCell(1).value, line.getCell(4).value, line.getCell(5).value]).toEqual([title, new Date(`${today}T00:00:00Z`), decision.number]);
    const [outsider] = await workbook('/exports/stories/candidates.xlsx', editorKh);
    expect(outsider!.getColumn(1).values.slice(2)).not.toContain(title);
    expect((await download('/exports/stories/candidates.xlsx', tokens.officerBn)).status).toBe(403);
  });

  it('of emulation registrations: a year’s within the officer’s subtree, the year and status checked', async () => {
    const year = Number(today.slice(0, 4));
    const input = { year, memberId: members.tram, formCodes: ['LDTT'], registeredOn: `${year}-03-01`, note: 'Đăng ký trên giấy' };
    await api.ok(`mutation($input: EmulationRegistrationInput!) { registerEmulationTitles(input: $input) { id } }`, { input }, tokens.admin);
    const formName = (await api.ok(`{ rewardForms { code name } }`, {})).rewardForms.find((f: { code: string }) => f.code === 'LDTT').name;
    expect((await download(`/exports/rewards/registrations.xlsx?year=${year}`)).status).toBe(401);
    const [sheet] = await workbook(`/exports/rewards/registrations.xlsx?year=${year}&status=SUBMITTED`, tokens.officerBn);
    expect(rowValues(sheet!, 1)).toEqual(['Cá nhân, tập thể', 'Năm thi đua', 'Danh hiệu đăng ký', 'Ngày đăng ký', 'Trạng thái', 'Lý do trả lại', 'Ghi chú']);
    expect(sheet!.actualRowCount).toBe(2);
    expect(rowValues(sheet!, 2)).toEqual(['Đặng Thùy Trâm', year, formName, new Date(`${year}-03-01T00:00:00Z`), 'Chờ cấp trên duyệt', undefined, 'Đăng ký trên giấy']);
    const [approved] = await workbook(`/exports/rewards/registrations.xlsx?year=${year}&status=APPROVED`, tokens.officerBn);
    expect(approved!.actualRowCount).toBe(1);
    const [outsider] = await workbook(`/exports/rewards/registrations.xlsx?year=${year}`, tokens.officerKh);
    expect(outsider!.actualRowCount).toBe(1);
    for (const bad of ['year=20x6', 'status=NOPE']) {
      const refused = await download(`/exports/rewards/registrations.xlsx?${bad}`, tokens.officerBn);
      expect([bad, refused.status, json(refused.body).error.code]).toEqual([bad, 400, 'BAD_USER_INPUT']);
    }
  });
  it('of colleagues’ proposals: those about the officer’s subtree, the status checked', async () => {
    const proposer = await issueTestToken({ sub: `member-phuc-${run}`, name: 'Ưng Hoàng Phúc', roles: ['MEMBER'], unitPath: units.may!.path, memberId: members.phuc! });
    const input = { colleagueId: members.tram, kind: 'GOOD_DEED', occurredOn: today, description: 'Chị Trâm trả lại chiếc ví nhặt được cho người đánh rơi', evidence: [{ description: 'Tổ trưởng tổ 2 chứng kiến' }] };
    await api.ok(`mutation($input: ColleagueProposalInput!) { proposeColleague(input: $input) { id } }`, { input }, proposer);
    expect((await download('/exports/rewards/colleague-proposals.xlsx')).status).toBe(401);
    const [sheet] = await workbook('/exports/rewards/colleague-proposals.xlsx?status=SUBMITTED', tokens.officerBn);
    expect(rowValues(sheet!, 1)).toEqual(['Ngày đề xuất', 'Người được đề xuất', 'Công đoàn cơ sở', 'Người đề xuất', 'Loại', 'Ngày diễn ra', 'Nội dung', 'Minh chứng', 'Trạng thái', 'Lý do không đề nghị']);
    expect(sheet!.actualRowCount).toBe(2);
    expect(rowValues(sheet!, 2).slice(0, 9)).toEqual([
      new Date(`${today}T00:00:00Z`), 'Đặng Thùy Trâm', 'Công đoàn Công ty Cổ phần May Bắc Giang', 'Ưng Hoàng Phúc', 'Người tốt, việc tốt', new Date(`${today}T00:00:00Z`),
      input.description, 'Tổ trưởng tổ 2 chứng kiến', 'Chờ công đoàn cơ sở xem xét',
    ]);
    const [outsider] = await workbook('/exports/rewards/colleague-proposals.xlsx', tokens.officerKh);
    expect(outsider!.actualRowCount).toBe(1);
    const refused = await download('/exports/rewards/colleague-proposals.xlsx?status=NOPE', tokens.officerBn);
    expect([refused.status, json(refused.body).error.code]).toEqual([400, 'BAD_USER_INPUT']);
  });
  it('of the long-service medal’s list: the unit’s members due it in a year, for officers of the unit', async () => {
    const year = Number(today.slice(0, 4));
    const input = { unitId: units.may!.id, fullName: 'Phạm Văn Thâm', occupationCode: 'CN_DET_MAY', isDirectProductionWorker: true, holdsLeadershipPost: false, joinedUnionOn: `${year - 30}-01-15` };
    await api.ok(`mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }`, { input }, tokens.admin);
    const url = `/exports/rewards/long-service.xlsx?unitId=${units.may!.id}&year=${year}`;
    const sheet = await eventually(async () => {
      const [found] = await workbook(url, tokens.officerBn);
      return found!.getColumn(1).values.includes('Phạm Văn Thâm') ? found! : null;
    }, 30000, 'the member in reward’s read model');
    expect(rowValues(sheet, 1)).toEqual(['Họ và tên', 'Công đoàn cơ sở', 'Ngày vào công đoàn', 'Số năm trong tổ chức công đoàn', 'Tình trạng']);
    expect(rowValues(sheet, sheet.getColumn(1).values.indexOf('Phạm Văn Thâm'))).toEqual(['Phạm Văn Thâm', 'Công đoàn Công ty Cổ phần May Bắc Giang', new Date(`${year - 30}-01-15T00:00:00Z`), 30, 'Đủ điều kiện']);
    expect((await download(url)).status).toBe(401);
    expect((await download(url, tokens.officerKh)).status).toBe(403);
    for (const bad of ['unitId=nope', `unitId=${units.may!.id}&year=abc`]) {
      const refused = await download(`/exports/rewards/long-service.xlsx?${bad}`, tokens.officerBn);
      expect([bad, refused.status, json(refused.body).error.code]).toEqual([bad, 400, 'BAD_USER_INPUT']);
    }
  });
  it('of a member’s own nominations: hers only, with the decision', async () => {
    const nhung = await issueTestToken({ sub: `member-nhung-${run}`, name: 'Nguyễn Thị Hồng Nhung', roles: ['MEMBER'], unitPath: units.may!.path, memberId: members.nhung! });
    const tram = await issueTestToken({ sub: `member-tram-${run}`, name: 'Đặng Thùy Trâm', roles: ['MEMBER'], unitPath: units.may!.path, memberId: members.tram! });
    expect((await download('/exports/rewards/my-nominations.xlsx')).status).toBe(401);
    const [own] = await workbook('/exports/rewards/my-nominations.xlsx', nhung);
    expect(rowValues(own!, 1)).toEqual(['Hình thức khen thưởng', 'Nguồn', 'Thành tích', 'Ngày thành tích', 'Trạng thái', 'Số quyết định', 'Ngày quyết định', 'Lý do không khen thưởng']);
    const line = own!.getRow(own!.getColumn(6).values.indexOf(decision.number));
    expect([line.getCell(2).value, line.getCell(3).value, line.getCell(4).value, line.getCell(5).value, line.getCell(7).value]).toEqual([
      'Cán bộ đề xuất', 'Có 3 sáng kiến cải tiến dây chuyền may, làm lợi 450 triệu đồng', new Date(`${today}T00:00:00Z`), 'Đã khen thưởng', new Date(`${today}T00:00:00Z`),
    ]);
    const [other] = await workbook('/exports/rewards/my-nominations.xlsx', tram);
    expect(other!.getColumn(6).values.slice(2)).not.toContain(decision.number);
  });
  it('of emulation blocs: a unit’s blocs with each member unit, for anyone; a bad organiser or year refused', async () => {
    const year = Number(today.slice(0, 4));
    const dt = await api.createUnit({ code: `dt-${run}`, parentId: units.bn!.id, name: 'Công đoàn Công ty Điện tử Quế Võ', level: 'GRASSROOTS', organisationType: 'FDI_ENTERPRISE' }, tokens.admin);
    const input = { organiserUnitId: units.bn!.id, kind: 'CUM', name: `Cụm thi đua doanh nghiệp Bắc Ninh ${run}`, year, memberUnitIds: [units.may!.id, dt.id] };
    await eventually(async () => {
      const result = await graphql<{ createEmulationBloc: { id: string } }>(platform.gatewayUrl, `mutation($input: EmulationBlocInput!) { createEmulationBloc(input: $input) { id } }`, { input }, tokens.officerBn);
      return result.data?.createEmulationBloc ?? null;
    }, 30000, 'the new unit in reward’s read model');
    const [sheet] = await workbook(`/exports/rewards/blocs.xlsx?organiserUnitId=${units.bn!.id}`);
    expect(rowValues(sheet!, 1)).toEqual(['Khối, cụm thi đua', 'Loại', 'Năm thi đua', 'Trạng thái', 'Ngày ký giao ước', 'Đơn vị thành viên', 'Điểm', 'Xếp hạng']);
    expect(sheet!.actualRowCount).toBe(3);
    expect(sheet!.getColumn(6).values.slice(2).sort()).toEqual(['Công đoàn Công ty Cổ phần May Bắc Giang', 'Công đoàn Công ty Điện tử Quế Võ']);
    expect(rowValues(sheet!, 2).slice(0, 4)).toEqual([input.name, 'Cụm thi đua', year, 'Mới thành lập']);
    const [elsewhere] = await workbook(`/exports/rewards/blocs.xlsx?organiserUnitId=${units.kh!.id}`);
    expect(elsewhere!.actualRowCount).toBe(1);
    for (const bad of ['organiserUnitId=nope', `organiserUnitId=${units.bn!.id}&year=abc`]) {
      const refused = await download(`/exports/rewards/blocs.xlsx?${bad}`);
      expect([bad, refused.status, json(refused.body).error.code]).toEqual([bad, 400, 'BAD_USER_INPUT']);
    }
  });
  it('of pending proceedings: the subtree’s for its officers, closed ones only when asked', async () => {
    const note = `Đơn thư khiếu nại ngày 20/11 đang được xác minh ${run}`;
    await api.ok(`mutation($input: RecordProceedingInput!) { recordPendingProceeding(input: $input) { id } }`, { input: { memberId: members.phuc, kind: 'COMPLAINT', note, openedOn: today } }, tokens.officerBn);
    const url = `/exports/units/${units.bn!.id}/proceedings.xlsx`;
    expect((await download(url)).status).toBe(401);
    expect((await download(url, tokens.officerKh)).status).toBe(403);
    const [sheet] = await workbook(url, tokens.officerBn);
    expect(rowValues(sheet!, 1)).toEqual(['Đoàn viên', 'Đơn vị', 'Việc đang xem xét', 'Nội dung', 'Ngày bắt đầu', 'Ngày kết thúc', 'Kết quả']);
    expect(rowValues(sheet!, sheet!.getColumn(4).values.indexOf(note))).toEqual(['Ưng Hoàng Phúc', 'Công đoàn Công ty Cổ phần May Bắc Giang', 'Có đơn thư khiếu nại, tố cáo', note, new Date(`${today}T00:00:00Z`)]);
    const refused = await download(`${url}?includeClosed=maybe`, tokens.officerBn);
    expect([refused.status, json(refused.body).error.code]).toEqual([400, 'BAD_USER_INPUT']);
  });
});

const campaignIds = new Map<string, string>();
function campaignIdOf(prefix: string): string {
  return [...campaignIds].find(([title]) => title.startsWith(prefix))![1];
}
