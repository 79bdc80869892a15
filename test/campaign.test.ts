/**
 * The campaign subgraph through the real gateway, on the real databases and broker: the union tree, members and
 * their CSV import, the life of a movement (launch, enrol, report, inspect, summarise, close), replication and
 * its lineage, overdue summaries, the annual report, the events other services rely on, and who may do what.
 */
import { Client } from 'pg';
import { databaseUrl, eventsTopic } from '@thidua/common';
import { issueTestToken } from './support/tokens';
import { Api } from './support/api';
import { eventually } from './support/graphql';
import { readTopic, testKafka } from './support/kafka';
import { startTestPlatform, type TestPlatform } from './support/platform';
import { TWO_PROVINCES, buildUnionTree, type UnionTree } from './support/union-tree';

let platform: TestPlatform;
let api: Api;
let admin: string;
let db: Client;
const run = Date.now().toString(36);

const CREATE = `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id status targets { id name } } }`;
const LAUNCH = `mutation($id: ID!) { launchCampaign(id: $id) { id status } }`;
const ENROL_UNIT = `mutation($input: EnrollUnitInput!) { enrollUnit(input: $input) { id } }`;
const ENROL_MEMBER = `mutation($input: EnrollMemberInput!) { enrollMember(input: $input) { id } }`;
const REPORT = `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id periodStart periodEnd value } }`;
const STATUS = `query($id: ID!) { campaign(id: $id) { status } }`;

let units: UnionTree['units'];
let members: UnionTree['members'];
let bnOfficer: string;
let khOfficer: string;

async function count(sql: string, params: unknown[] = []): Promise<number> {
  return (await db.query(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0].n;
}

const thisYear = new Date().getUTCFullYear();
const flagshipInput = () => ({
  launchingUnitId: units.vn!.id,
  title: `Lao động giỏi – Lao động sáng tạo ${run}`,
  goal: 'Nâng cao năng suất lao động và thu nhập của người lao động',
  category: 'FOR_WORKERS',
  startsOn: `${thisYear}-01-01`,
  endsOn: `${thisYear + 1}-12-31`,
  reportingCadence: 'MONTHLY',
  targets: [
    { name: 'Sáng kiến được công nhận', unitOfMeasure: 'sáng kiến', targetValue: 12, direction: 'HIGHER_IS_BETTER', aggregation: 'SUM', weight: 70 },
    { name: 'Tai nạn lao động', unitOfMeasure: 'vụ', targetValue: 0, direction: 'LOWER_IS_BETTER', aggregation: 'LATEST', weight: 30 },
  ],
});

beforeAll(async () => {
  platform = await startTestPlatform();
  api = new Api(platform.gatewayUrl);
  admin = await platform.token(['NATIONAL_ADMIN'], null);
  db = new Client({ connectionString: databaseUrl('campaign') });
  await db.connect();
  ({ units, members } = await buildUnionTree(api, admin, {
    units: {
      ...TWO_PROVINCES,
      kcn: { parent: 'bn', name: 'Công đoàn các Khu công nghiệp Bắc Ninh', level: 'UPPER_GRASSROOTS' },
      may: { parent: 'kcn', name: 'Công đoàn Công ty May Bắc Giang', level: 'GRASSROOTS', organisationType: 'PRIVATE_ENTERPRISE' },
      dt: { parent: 'kcn', name: 'Công đoàn Công ty Điện tử Quang Châu', level: 'GRASSROOTS', organisationType: 'FDI_ENTERPRISE' },
      snv: { parent: 'kh', name: 'Công đoàn Sở Nội vụ Khánh Hòa', level: 'GRASSROOTS', organisationType: 'ADMINISTRATIVE_AGENCY' },
    },
    members: {
      nhung: { unit: 'may', fullName: 'Nguyễn Thị Hồng Nhung', occupationCode: 'CN_DET_MAY', direct: true },
      ha: { unit: 'may', fullName: 'Trần Thị Thu Hà', occupationCode: 'CN_DET_MAY', direct: true },
      hung: { unit: 'dt', fullName: 'Phạm Văn Hùng', occupationCode: 'CN_DIEN_TU', direct: true },
      vinh: { unit: 'snv', fullName: 'Ngô Quang Vinh', occupationCode: 'CONG_CHUC', direct: false },
    },
  }, run));
  bnOfficer = await platform.token(['UNIT_OFFICER'], units.bn!.path, 'officer-bn');
  khOfficer = await platform.token(['UNIT_OFFICER'], units.kh!.path, 'officer-kh');
});

afterAll(async () => {
  await db?.end();
  await platform?.stop();
});

describe('the union tree', () => {
  const SUBTREE = `query($id: ID!, $type: OrganisationType, $level: UnitLevel) {
    unionUnit(id: $id) { subtree(organisationType: $type, level: $level, first: 50) { edges { node { name } } } } }`;

  it('lists a subtree, filtered by organisation type and level, in Vietnamese order', async () => {
    const all = await api.ok(SUBTREE, { id: units.bn!.id });
    expect(all.unionUnit.subtree.edges.map((e: any) => e.node.name)).toEqual([
      'Công đoàn các Khu công nghiệp Bắc Ninh',
      'Công đoàn Công ty Điện tử Quang Châu',
      'Công đoàn Công ty May Bắc Giang',
    ]);
    const fdi = await api.ok(SUBTREE, { id: units.bn!.id, type: 'FDI_ENTERPRISE' });
    expect(fdi.unionUnit.subtree.edges.map((e: any) => e.node.name)).toEqual(['Công đoàn Công ty Điện tử Quang Châu']);
    const grassroots = await api.ok(SUBTREE, { id: units.vn!.id, level: 'GRASSROOTS' });
    expect(grassroots.unionUnit.subtree.edges).toHaveLength(3);
  });

  it('pages with cursors and never repeats a unit', async () => {
    const page = `query($id: ID!, $after: String) { unionUnit(id: $id) { subtree(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }`;
    const first = await api.ok(page, { id: units.vn!.id });
    const second = await api.ok(page, { id: units.vn!.id, after: first.unionUnit.subtree.pageInfo.endCursor });
    const ids = [...first.unionUnit.subtree.edges, ...second.unionUnit.subtree.edges].map((e: any) => e.node.id);
    expect(new Set(ids).size).toBe(4);
    expect(first.unionUnit.subtree.pageInfo.hasNextPage).toBe(true);
  });

  it('renames a unit and tells the other services (UnitUpserted → evaluation read model)', async () => {
    await api.ok(`mutation($id: ID!) { updateUnionUnit(id: $id, input: { name: "Công đoàn Công ty CP May Bắc Giang" }) { name } }`, { id: units.may!.id }, bnOfficer);
    const evaluation = new Client({ connectionString: databaseUrl('evaluation') });
    await evaluation.connect();
    try {
      const organisationType = await eventually(async () => {
        const row = (await evaluation.query(`SELECT organisation_type FROM unit_refs WHERE id = $1`, [units.may!.id])).rows[0];
        return row?.organisation_type ?? null;
      });
      expect(organisationType).toBe('PRIVATE_ENTERPRISE');
    } finally {
      await evaluation.end();
    }
  });

  it('tells callers which unit their token works for', async () => {
    expect((await api.ok(`{ myUnit { id name } }`, {}, khOfficer)).myUnit).toEqual({ id: units.kh!.id, name: expect.any(String) });
    expect((await api.ok(`{ myUnit { id } }`)).myUnit).toBeNull();
  });

  it('refuses an officer changing a unit of another province', async () => {
    const refusal = await api.refused(`mutation($id: ID!) { updateUnionUnit(id: $id, input: { name: "Đổi tên" }) { name } }`, { id: units.may!.id }, khOfficer);
    expect(refusal.code).toBe('FORBIDDEN');
  });
});

describe('member import from CSV', () => {
  const IMPORT = `mutation($unitId: ID!, $csv: String!) { importMembers(unitId: $unitId, csv: $csv) { imported rows problems { row field message } } }`;
  const header = 'ho_ten,ma_nghe,truc_tiep_san_xuat,giu_chuc_vu,ngay_vao_cong_doan';
  const membersOf = (unitId: string) => count(`members WHERE unit_id = $1`, [unitId]);

  it('imports a valid file and lists the members', async () => {
    const before = await membersOf(units.dt!.id);
    const csv = `${header}\nHoàng Thị Lan Anh,CN_DIEN_TU,có,không,15/03/2021\nĐỗ Văn Khải,KY_SU,không,có,\n`;
    const report = await api.ok(IMPORT, { unitId: units.dt!.id, csv }, bnOfficer);
    expect(report.importMembers).toEqual({ imported: 2, rows: 2, problems: [] });
    expect(await membersOf(units.dt!.id)).toBe(before + 2);
  });

  it('imports nothing when any row is wrong, and says which rows and why', async () => {
    const before = await membersOf(units.dt!.id);
    const csv = `${header}\nVũ Thị Ngọc,CN_DIEN_TU,có,không,\n,CN_DIEN_TU,có,không,\nLý Văn Tú,NGHE_LA,có,không,\n`;
    const report = await api.ok(IMPORT, { unitId: units.dt!.id, csv }, bnOfficer);
    expect(report.importMembers).toEqual({
      imported: 0,
      rows: 3,
      problems: [
        { row: 3, field: 'ho_ten', message: 'họ tên dài 1–200 ký tự' },
        { row: 4, field: 'ma_nghe', message: 'mã nghề "NGHE_LA" không có trong danh mục nghề nghiệp' },
      ],
    });
    expect(await membersOf(units.dt!.id)).toBe(before);
  });

  it('refuses a malformed file with BAD_USER_INPUT and writes nothing', async () => {
    const before = await membersOf(units.dt!.id);
    const refusal = await api.refused(IMPORT, { unitId: units.dt!.id, csv: 'ten,nghe\nA,B' }, bnOfficer);
    expect(refusal.code).toBe('BAD_USER_INPUT');
    expect(refusal.message).toMatch(/Thiếu cột/);
    expect(await membersOf(units.dt!.id)).toBe(before);
  });

  it('refuses anonymous callers and officers of another province', async () => {
    const csv = `${header}\nA,CN_DIEN_TU,có,không,`;
    expect((await api.refused(IMPORT, { unitId: units.dt!.id, csv })).code).toBe('UNAUTHENTICATED');
    expect((await api.refused(IMPORT, { unitId: units.dt!.id, csv }, khOfficer)).code).toBe('FORBIDDEN');
  });
});

describe('members’ gender and membership dates', () => {
  const readModel = async (service: 'evaluation' | 'reward' | 'media', memberId: string) => {
    const other = new Client({ connectionString: databaseUrl(service) });
    await other.connect();
    try {
      return (await other.query(`SELECT gender, joined_union_on::text AS joined, left_union_on::text AS "left" FROM member_refs WHERE id = $1`, [memberId])).rows[0] ?? null;
    } finally {
      await other.end();
    }
  };
  const womenIn = async (unitPath: string) => {
    const reward = new Client({ connectionString: databaseUrl('reward') });
    await reward.connect();
    try {
      return (await reward.query(`SELECT coalesce(sum(women), 0)::int AS w FROM member_counts WHERE unit_path = $1`, [unitPath])).rows[0].w as number;
    } finally {
      await reward.end();
    }
  };

  it('are recorded, shown to officers and carried to every read model; the counts of women follow a change', async () => {
    const womenBefore = await womenIn(units.snv!.path);
    const id = await api.createMember({ unitId: units.snv!.id, fullName: 'Lê Thị Thu Trang', occupationCode: 'CONG_CHUC', isDirectProductionWorker: false, holdsLeadershipPost: false,
      gender: 'FEMALE', joinedUnionOn: '2001-07-28' }, admin);
    for (const service of ['evaluation', 'reward', 'media'] as const) {
      expect(await eventually(() => readModel(service, id), 20000, `the member in ${service}`)).toEqual({ gender: 'FEMALE', joined: '2001-07-28', left: null });
    }
    expect(await womenIn(units.snv!.path)).toBe(womenBefore + 1);
    const MEMBER = `query($id: ID!) { member(id: $id) { gender joinedUnionOn } }`;
    expect((await api.ok(MEMBER, { id }, khOfficer)).member).toEqual({ gender: 'FEMALE', joinedUnionOn: '2001-07-28' });
    expect((await api.ok(MEMBER, { id }, bnOfficer)).member).toBeNull();

    await api.ok(`mutation($id: ID!) { updateMember(id: $id, input: { gender: MALE, leftUnionOn: "2026-01-31" }) { gender } }`, { id }, khOfficer);
    await eventually(async () => ((await readModel('reward', id))?.gender === 'MALE' ? true : null), 20000, 'the change in reward');
    expect(await readModel('reward', id)).toEqual({ gender: 'MALE', joined: '2001-07-28', left: '2026-01-31' });
    expect(await womenIn(units.snv!.path)).toBe(womenBefore);
  });

  it('come with the member import (the gender column is optional) and a wrong gender is reported by row', async () => {
    const IMPORT = `mutation($unitId: ID!, $csv: String!) { importMembers(unitId: $unitId, csv: $csv) { imported problems { row field message } } }`;
    const header = 'ho_ten,ma_nghe,truc_tiep_san_xuat,giu_chuc_vu,ngay_vao_cong_doan,gioi_tinh';
    const wrong = await api.ok(IMPORT, { unitId: units.snv!.id, csv: `${header}\nPhan Thị Yến,CONG_CHUC,không,không,,Nữ\nLâm Văn Quý,CONG_CHUC,không,không,,?` }, khOfficer);
    expect(wrong.importMembers).toEqual({ imported: 0, problems: [{ row: 3, field: 'gioi_tinh', message: 'ghi "Nam" hoặc "Nữ", hoặc để trống khi chưa có' }] });
    const ok = await api.ok(IMPORT, { unitId: units.snv!.id, csv: `${header}\nPhan Thị Yến,CONG_CHUC,không,không,,Nữ\nLâm Văn Quý,CONG_CHUC,không,không,,Nam` }, khOfficer);
    expect(ok.importMembers.imported).toBe(2);
    const { rows } = await db.query(`SELECT full_name, gender FROM members WHERE unit_id = $1 AND full_name IN ('Phan Thị Yến', 'Lâm Văn Quý') ORDER BY full_name`, [units.snv!.id]);
    expect(rows).toEqual([{ full_name: 'Lâm Văn Quý', gender: 'MALE' }, { full_name: 'Phan Thị Yến', gender: 'FEMALE' }]);
  });
});

describe('the life of a movement', () => {
  let campaignId: string;
  let targets: { id: string; name: string }[];
  let unitEnrollment: string;
  let memberEnrollment: string;

  beforeAll(async () => {
    const created = await api.ok(CREATE, { input: flagshipInput() }, admin);
    campaignId = created.createCampaign.id;
    targets = created.createCampaign.targets;
    await api.ok(LAUNCH, { id: campaignId }, admin);
  });

  it('refuses to launch twice', async () => {
    expect((await api.refused(LAUNCH, { id: campaignId }, admin)).code).toBe('CONFLICT');
  });

  it('refuses to change targets after launch, but lets texts change and tells others', async () => {
    const refusal = await api.refused(
      `mutation($id: ID!) { updateCampaign(id: $id, input: { endsOn: "2040-01-01" }) { id } }`,
      { id: campaignId },
      admin,
    );
    expect(refusal.code).toBe('BAD_USER_INPUT');
    expect(refusal.problems.map((p) => p.field)).toEqual(['endsOn']);
    const updated = await api.ok(`mutation($id: ID!) { updateCampaign(id: $id, input: { organisingMeasures: "Sơ kết hằng quý" }) { organisingMeasures } }`, { id: campaignId }, admin);
    expect(updated.updateCampaign.organisingMeasures).toBe('Sơ kết hằng quý');
  });

  it('enrols a unit and a member, with commitments', async () => {
    unitEnrollment = (await api.ok(ENROL_UNIT, { input: { campaignId, unitId: units.may!.id, commitments: [{ targetId: targets[0]!.id, value: 10 }] } }, bnOfficer)).enrollUnit.id;
    const self = await issueMemberToken(members.hung!, units.dt!.path);
    memberEnrollment = (await api.ok(ENROL_MEMBER, { input: { campaignId, memberId: members.hung } }, self)).enrollMember.id;
    const participation = await api.ok(`query($id: ID!) { campaign(id: $id) { participation { units members } } }`, { id: campaignId });
    expect(participation.campaign.participation).toEqual({ units: 1, members: 1 });
  });

  it('refuses enrolling twice, outside scope, or an occupation the campaign does not cover', async () => {
    expect((await api.refused(ENROL_UNIT, { input: { campaignId, unitId: units.may!.id } }, bnOfficer)).code).toBe('CONFLICT');
    expect((await api.refused(ENROL_UNIT, { input: { campaignId, unitId: units.may!.id } }, khOfficer)).code).toBe('FORBIDDEN');
    const narrow = await api.ok(CREATE, { input: { ...flagshipInput(), title: `Chỉ cho dệt may ${run}`, launchingUnitId: units.bn!.id, scope: { occupationCodes: ['CN_DET_MAY'] } } }, bnOfficer);
    await api.ok(LAUNCH, { id: narrow.createCampaign.id }, bnOfficer);
    const refusal = await api.refused(ENROL_MEMBER, { input: { campaignId: narrow.createCampaign.id, memberId: members.hung } }, bnOfficer);
    expect(refusal.code).toBe('BAD_USER_INPUT');
    expect(refusal.message).toMatch(/CN_DET_MAY/);
  });

  it('takes progress reports per period, moves the campaign in progress, and refuses a second report for a period', async () => {
    const report = await api.ok(REPORT, { input: { enrollmentId: unitEnrollment, targetId: targets[0]!.id, periodStart: `${thisYear}-01-15`, value: 3, evidenceUrl: 'https://congdoan.vn/bao-cao/1' } }, bnOfficer);
    expect(report.reportProgress).toMatchObject({ periodStart: `${thisYear}-01-01`, periodEnd: `${thisYear}-01-31`, value: 3 });
    expect((await api.ok(STATUS, { id: campaignId })).campaign.status).toBe('IN_PROGRESS');
    const again = await api.refused(REPORT, { input: { enrollmentId: unitEnrollment, targetId: targets[0]!.id, periodStart: `${thisYear}-01-02`, value: 1 } }, bnOfficer);
    expect(again.code).toBe('CONFLICT');
  });

  it('refuses bad reports without writing anything', async () => {
    const before = await count('progress_reports');
    const negative = await api.refused(REPORT, { input: { enrollmentId: unitEnrollment, targetId: targets[0]!.id, periodStart: `${thisYear}-02-01`, value: -1 } }, bnOfficer);
    expect(negative.code).toBe('BAD_USER_INPUT');
    const future = await api.refused(REPORT, { input: { enrollmentId: unitEnrollment, targetId: targets[0]!.id, periodStart: `${thisYear + 1}-12-01`, value: 1 } }, bnOfficer);
    expect(future.problems.map((p) => p.field)).toEqual(['periodStart']);
    const outsider = await api.refused(REPORT, { input: { enrollmentId: unitEnrollment, targetId: targets[0]!.id, periodStart: `${thisYear}-02-01`, value: 1 } }, khOfficer);
    expect(outsider.code).toBe('NOT_FOUND');
    expect(await count('progress_reports')).toBe(before);
  });

  it('shows progress against commitments, and the inspection view to officers only', async () => {
    const progress = await api.ok(`query($id: ID!) { enrollment(id: $id) { completion progress { target { name } committedValue currentValue met } } }`, { id: unitEnrollment }, bnOfficer);
    expect(progress.enrollment.progress[0]).toEqual({ target: { name: 'Sáng kiến được công nhận' }, committedValue: 10, currentValue: 3, met: false });
    expect(progress.enrollment.completion).toBeCloseTo(0.3 * 0.7);
    const inspection = await api.ok(
      `query($id: ID!) { campaign(id: $id) { inspection { enrolled behindTarget { id } behindTargetCount silent { id } silentCount byOrganisationType { key enrollments } byOccupation { key enrollments } } } }`,
      { id: campaignId },
      admin,
    );
    expect(inspection.campaign.inspection.enrolled).toBe(2);
    expect(inspection.campaign.inspection.behindTargetCount).toBe(inspection.campaign.inspection.behindTarget.length);
    expect(inspection.campaign.inspection.silentCount).toBe(inspection.campaign.inspection.silent.length);
    expect(inspection.campaign.inspection.byOrganisationType).toEqual([
      { key: 'FDI_ENTERPRISE', enrollments: 1 },
      { key: 'PRIVATE_ENTERPRISE', enrollments: 1 },
    ]);
    expect(inspection.campaign.inspection.byOccupation).toEqual([{ key: 'CN_DIEN_TU', enrollments: 1 }]);
    const khView = await api.ok(`query($id: ID!) { campaign(id: $id) { inspection { enrolled } } }`, { id: campaignId }, khOfficer);
    expect(khView.campaign.inspection.enrolled).toBe(0);
    const anonymous = await api.refused(`query($id: ID!) { campaign(id: $id) { inspection { enrolled } } }`, { id: campaignId });
    expect(anonymous.code).toBe('UNAUTHENTICATED');
  });

  it('lets a member see their own enrollment and nobody else’s', async () => {
    const self = await issueMemberToken(members.hung!, units.dt!.path);
    const mine = await api.ok(`{ myEnrollments { edges { node { id campaign { title } } } } }`, {}, self);
    expect(mine.myEnrollments.edges.map((e: any) => e.node.id)).toEqual([memberEnrollment]);
    const other = await issueMemberToken(members.nhung!, units.may!.path);
    expect((await api.ok(`query($id: ID!) { enrollment(id: $id) { id } }`, { id: memberEnrollment }, other)).enrollment).toBeNull();
    expect((await api.ok(`query($id: ID!) { member(id: $id) { fullName } }`, { id: members.hung })).member).toBeNull();
  });

  it('refuses to close without a summary, then summarises and closes', async () => {
    const SUMMARY = `mutation($id: ID!, $input: CampaignSummaryInput!) { submitCampaignSummary(id: $id, input: $input) { status } }`;
    const early = await api.refused(SUMMARY, { id: campaignId, input: { results: [], lessons: 'x', exemplars: [] } }, admin);
    expect(early.code).toBe('CONFLICT');
    expect((await api.refused(`mutation($id: ID!) { closeCampaign(id: $id) { status } }`, { id: campaignId }, admin)).code).toBe('CONFLICT');

    await api.ok(`mutation($id: ID!) { beginCampaignSummary(id: $id) { status } }`, { id: campaignId }, admin);
    const noSummary = await api.refused(`mutation($id: ID!) { closeCampaign(id: $id) { status } }`, { id: campaignId }, admin);
    expect(noSummary.code).toBe('CONFLICT');
    expect(noSummary.message).toMatch(/chưa có báo cáo tổng kết/);
    expect((await api.refused(`mutation($id: ID!) { startCampaign(id: $id) { status } }`, { id: campaignId }, admin)).code).toBe('CONFLICT');

    const incomplete = await api.refused(SUMMARY, { id: campaignId, input: { results: [{ targetId: targets[0]!.id, achievedValue: 14 }], lessons: 'Cần nhân rộng cách làm', exemplars: [] } }, admin);
    expect(incomplete.code).toBe('BAD_USER_INPUT');
    expect(await count('campaign_summaries WHERE campaign_id = $1', [campaignId])).toBe(0);

    await api.ok(
      SUMMARY,
      {
        id: campaignId,
        input: {
          results: [
            { targetId: targets[0]!.id, achievedValue: 14 },
            { targetId: targets[1]!.id, achievedValue: 0, comment: 'Không có tai nạn' },
          ],
          lessons: 'Gắn thi đua với năng suất và thu nhập; khen thưởng kịp thời người lao động trực tiếp',
          exemplars: [{ name: 'Phạm Văn Hùng', achievement: '5 sáng kiến cải tiến dây chuyền', memberId: members.hung, unitId: units.dt!.id }],
        },
      },
      admin,
    );
    const closed = await api.ok(`mutation($id: ID!) { closeCampaign(id: $id) { status closedAt } }`, { id: campaignId }, admin);
    expect(closed.closeCampaign.status).toBe('CLOSED');

    // the public sees the summary, without the exemplar's member record (personal data)
    const publicView = await api.ok(`query($id: ID!) { campaign(id: $id) { summary { results { target { name } achievedValue met } exemplars { name achievement member { id } unit { name } } } } }`, { id: campaignId });
    expect(publicView.campaign.summary.results).toEqual([
      { target: { name: 'Sáng kiến được công nhận' }, achievedValue: 14, met: true },
      { target: { name: 'Tai nạn lao động' }, achievedValue: 0, met: true },
    ]);
    expect(publicView.campaign.summary.exemplars).toEqual([{ name: 'Phạm Văn Hùng', achievement: '5 sáng kiến cải tiến dây chuyền', member: null, unit: { name: 'Công đoàn Công ty Điện tử Quang Châu' } }]);
  });

  it('published every step as an event on campaign.events', async () => {
    const types = ['CampaignLaunched', 'CampaignUpdated', 'EnrollmentCreated', 'ProgressReported', 'CampaignSummarised', 'CampaignClosed'];
    const messages = await readTopic(testKafka('campaign-events'), eventsTopic('campaign', process.env.KAFKA_TOPIC_PREFIX ?? ''), (all) =>
      types.every((type) => all.some((m) => m.value?.includes(campaignId) && m.headers['event-type'] === type)),
    );
    const mine = messages.filter((m) => m.value?.includes(campaignId)).map((m) => JSON.parse(m.value!));
    const progress = mine.find((e) => e.type === 'ProgressReported');
    expect(progress.payload).toMatchObject({ campaignId, value: 3, currentValue: 3, committedValue: 10, periodStart: `${thisYear}-01-01` });
    expect(mine.find((e) => e.type === 'CampaignSummarised').payload.results.every((r: { met: boolean }) => r.met)).toBe(true);
  });
});

describe('replication (nhân rộng)', () => {
  let flagship: string;
  let derived: string;

  beforeAll(async () => {
    flagship = (await api.ok(CREATE, { input: { ...flagshipInput(), title: `Mô hình gốc ${run}` } }, admin)).createCampaign.id;
    await api.ok(LAUNCH, { id: flagship }, admin);
  });

  it('refuses a replication that does not say what it adapts to', async () => {
    const refusal = await api.refused(
      `mutation($input: ReplicateCampaignInput!) { replicateCampaign(input: $input) { id } }`,
      { input: { sourceCampaignId: flagship, launchingUnitId: units.kh!.id, scope: {}, adaptationNote: '' } },
      khOfficer,
    );
    expect(refusal.problems.map((p) => p.field)).toEqual(['scope', 'adaptationNote']);
  });

  it('derives an adapted campaign and keeps the lineage both ways', async () => {
    const result = await api.ok(
      `mutation($input: ReplicateCampaignInput!) { replicateCampaign(input: $input) { id status title derivedFrom { id } adaptationNote targets { name targetValue } scope { organisationTypes occupations { code } } } }`,
      {
        input: {
          sourceCampaignId: flagship,
          launchingUnitId: units.kh!.id,
          title: `Công chức giỏi – Công chức sáng tạo ${run}`,
          scope: { organisationTypes: ['ADMINISTRATIVE_AGENCY'], occupationCodes: ['CONG_CHUC'] },
          targets: [{ name: 'Sáng kiến cải cách hành chính', unitOfMeasure: 'sáng kiến', targetValue: 3, direction: 'HIGHER_IS_BETTER', weight: 100 }],
          adaptationNote: 'Chuyển chỉ tiêu năng suất thành cải cách hành chính cho công chức',
          startsOn: `${thisYear}-01-01`,
          endsOn: `${thisYear + 1}-06-30`,
        },
      },
      khOfficer,
    );
    derived = result.replicateCampaign.id;
    expect(result.replicateCampaign).toMatchObject({
      status: 'DRAFT',
      derivedFrom: { id: flagship },
      targets: [{ name: 'Sáng kiến cải cách hành chính', targetValue: 3 }],
      scope: { organisationTypes: ['ADMINISTRATIVE_AGENCY'], occupations: [{ code: 'CONG_CHUC' }] },
    });
    await api.ok(LAUNCH, { id: derived }, khOfficer);
    const lineage = await api.ok(`query($id: ID!) { campaign(id: $id) { derivatives { edges { node { id title } } } } }`, { id: flagship });
    expect(lineage.campaign.derivatives.edges.map((e: any) => e.node.id)).toEqual([derived]);
  });

  it('measures how far the model spread: campaigns, units and members reached', async () => {
    await api.ok(ENROL_UNIT, { input: { campaignId: flagship, unitId: units.may!.id } }, bnOfficer);
    await api.ok(ENROL_UNIT, { input: { campaignId: derived, unitId: units.snv!.id } }, khOfficer);
    const spread = await api.ok(`query($id: ID!) { campaign(id: $id) { spread { campaigns units members } } }`, { id: flagship });
    const mayMembers = await count('members WHERE unit_id = $1', [units.may!.id]);
    const snvMembers = await count('members WHERE unit_id = $1', [units.snv!.id]);
    expect(spread.campaign.spread).toEqual({ campaigns: 2, units: 2, members: mayMembers + snvMembers });
  });
});

describe('every campaign mutation across the province boundary', () => {
  it('refuses a Khánh Hòa officer on a Bắc Ninh campaign, and a member on any, changing nothing', async () => {
    const created = await api.ok(CREATE, { input: { ...flagshipInput(), title: `Của Bắc Ninh ${run}`, launchingUnitId: units.bn!.id } }, bnOfficer);
    const id = created.createCampaign.id;
    const member = await issueMemberToken(members.nhung!, units.may!.path);
    const summary = { results: [], lessons: 'Không được phép ghi', exemplars: [] };
    const attempts: [string, Record<string, unknown>][] = [
      [`mutation($id: ID!) { launchCampaign(id: $id) { id } }`, { id }],
      [`mutation($id: ID!) { updateCampaign(id: $id, input: { goal: "Sửa trộm" }) { id } }`, { id }],
      [`mutation($id: ID!) { startCampaign(id: $id) { id } }`, { id }],
      [`mutation($id: ID!) { beginCampaignSummary(id: $id) { id } }`, { id }],
      [`mutation($id: ID!, $s: CampaignSummaryInput!) { submitCampaignSummary(id: $id, input: $s) { id } }`, { id, s: summary }],
      [`mutation($id: ID!) { closeCampaign(id: $id) { id } }`, { id }],
      [`mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`, { input: { ...flagshipInput(), launchingUnitId: units.bn!.id } }],
      [
        `mutation($input: ReplicateCampaignInput!) { replicateCampaign(input: $input) { id } }`,
        { input: { sourceCampaignId: id, launchingUnitId: units.bn!.id, scope: { occupationCodes: ['KY_SU'] }, adaptationNote: 'Không được phép nhân rộng' } },
      ],
    ];
    const before = await db.query(`SELECT status, goal, (SELECT count(*) FROM campaigns)::int AS campaigns FROM campaigns WHERE id = $1`, [id]);
    for (const token of [khOfficer, member]) {
      for (const [query, variables] of attempts) {
        const refusal = await api.refused(query, variables, token);
        // a draft of another subtree is invisible (NOT_FOUND); anything else is FORBIDDEN
        expect([query, ['FORBIDDEN', 'NOT_FOUND'].includes(refusal.code)]).toEqual([query, true]);
      }
    }
    expect((await db.query(`SELECT status, goal, (SELECT count(*) FROM campaigns)::int AS campaigns FROM campaigns WHERE id = $1`, [id])).rows).toEqual(before.rows);

    // and the allowed path for its own officer: launched → in progress → summarising
    await api.ok(LAUNCH, { id }, bnOfficer);
    expect((await api.ok(`mutation($id: ID!) { startCampaign(id: $id) { status startedAt } }`, { id }, bnOfficer)).startCampaign.status).toBe('IN_PROGRESS');
    expect((await api.ok(`mutation($id: ID!) { beginCampaignSummary(id: $id) { status } }`, { id }, bnOfficer)).beginCampaignSummary.status).toBe('SUMMARISING');
  });
});

describe('overdue summaries and the annual report', () => {
  it('lists a campaign past its end without a summary for the level above, not for itself', async () => {
    const created = await api.ok(CREATE, { input: { ...flagshipInput(), title: `Quá hạn tổng kết ${run}`, launchingUnitId: units.kcn!.id } }, bnOfficer);
    const id = created.createCampaign.id;
    await api.ok(LAUNCH, { id }, bnOfficer);
    // time passes: the period ended last month
    await db.query(`UPDATE campaigns SET starts_on = $2, ends_on = $3 WHERE id = $1`, [id, `${thisYear - 1}-01-01`, `${thisYear - 1}-12-31`]);
    const OVERDUE = `query($unitId: ID!) { overdueSummaries(unitId: $unitId) { edges { node { id summaryOverdue } } } }`;
    const forProvince = await api.ok(OVERDUE, { unitId: units.bn!.id }, bnOfficer);
    expect(forProvince.overdueSummaries.edges).toContainEqual({ node: { id, summaryOverdue: true } });
    const forItself = await api.ok(OVERDUE, { unitId: units.kcn!.id }, bnOfficer);
    expect(forItself.overdueSummaries.edges.map((e: any) => e.node.id)).not.toContain(id);
    expect((await api.refused(OVERDUE, { unitId: units.bn!.id }, khOfficer)).code).toBe('FORBIDDEN');
  });

  it('reports the year for a unit and each unit one level down', async () => {
    const report = await api.ok(
      `query($id: ID!, $year: Int!) { unionUnit(id: $id) { annualReport(year: $year) { figures { campaignsLaunched campaignsClosed campaignsSummarised summariesOverdue enrolledUnits enrolledMembers targetsTracked targetsMet } byChildUnit { unit { name } figures { campaignsLaunched enrolledUnits } } } } }`,
      { id: units.vn!.id, year: thisYear },
      admin,
    );
    const { figures, byChildUnit } = report.unionUnit.annualReport;
    expect(figures.campaignsLaunched).toBeGreaterThanOrEqual(5);
    expect(figures.campaignsClosed).toBe(1);
    expect(figures.campaignsSummarised).toBe(1);
    expect(figures.summariesOverdue).toBe(1);
    expect(figures.enrolledMembers).toBe(1);
    expect(figures.targetsTracked).toBeGreaterThan(0);
    expect(byChildUnit.map((line: any) => line.unit.name)).toEqual(['Liên đoàn Lao động tỉnh Bắc Ninh', 'Liên đoàn Lao động tỉnh Khánh Hòa']);
    expect((await api.refused(`query($id: ID!) { unionUnit(id: $id) { annualReport(year: 2026) { year } } }`, { id: units.bn!.id }, khOfficer)).code).toBe('FORBIDDEN');
  });
});

describe('measurable targets (chỉ tiêu cụ thể, đo lường được)', () => {
  const vague = { name: 'làm việc tốt', unitOfMeasure: 'việc', targetValue: 0, direction: 'HIGHER_IS_BETTER', aggregation: 'SUM', weight: 100 };
  const withTargets = (targets: Record<string, unknown>[], title: string) => ({ ...flagshipInput(), title: `${title} ${run}`, launchingUnitId: units.bn!.id, targets });
  const draftsNamed = (title: string) => count(`campaigns WHERE title = $1`, [`${title} ${run}`]);

  it('refuses a vague target (praise counted in "việc", a value of 0 that higher-is-better reaches at once), naming it, and writes nothing', async () => {
    const refusal = await api.refused(CREATE, { input: withTargets([vague], 'Làm việc tốt') }, bnOfficer);
    expect(refusal.code).toBe('BAD_USER_INPUT');
    expect(refusal.problems.map((p) => p.field)).toEqual(['targets.0.name', 'targets.0.targetValue']);
    expect(refusal.message).toContain('Chỉ tiêu «làm việc tốt» đo bằng «việc» thì không đo lường được');
    expect(refusal.message).toContain('mức 0 với chiều «càng cao càng tốt» thì ai cũng đạt');
    expect(await draftsNamed('Làm việc tốt')).toBe(0);
  });

  it('refuses a missing or negative value, a unit of spaces and an overlong name; the message carries the rule the form shows', async () => {
    const { targetRules } = await api.ok(`{ targetRules { name unitOfMeasure targetValue } }`);
    const base = { name: 'Sáng kiến được công nhận', unitOfMeasure: 'sáng kiến', direction: 'HIGHER_IS_BETTER', weight: 100 };
    const missing = await api.refused(CREATE, { input: withTargets([{ ...base, targetValue: null }], 'Thiếu mức') }, bnOfficer);
    expect(missing.problems).toEqual([{ field: 'targets.0.targetValue', message: expect.stringContaining('để trống không được tính là 0') }]);
    expect(missing.message).toContain(targetRules.targetValue);
    const omitted = await api.refused(CREATE, { input: withTargets([base], 'Bỏ trống mức') }, bnOfficer);
    expect(omitted.problems.map((p) => p.field)).toEqual(['targets.0.targetValue']);
    const negative = await api.refused(CREATE, { input: withTargets([{ ...base, targetValue: -3, direction: 'LOWER_IS_BETTER' }], 'Mức âm') }, bnOfficer);
    expect(negative.message).toContain('không được âm');
    const blankUnit = await api.refused(CREATE, { input: withTargets([{ ...base, unitOfMeasure: '   ', targetValue: 5 }], 'Không đơn vị') }, bnOfficer);
    expect(blankUnit.problems).toEqual([{ field: 'targets.0.unitOfMeasure', message: expect.stringContaining(targetRules.unitOfMeasure) }]);
    const longName = await api.refused(CREATE, { input: withTargets([{ ...base, name: 'sáng kiến '.repeat(30), targetValue: 5 }], 'Tên dài') }, bnOfficer);
    expect(longName.problems.map((p) => p.field)).toEqual(['targets.0.name']);
    const titles = ['Thiếu mức', 'Bỏ trống mức', 'Mức âm', 'Không đơn vị', 'Tên dài'].map((title) => `${title} ${run}`);
    expect(await count(`campaigns WHERE title = ANY($1)`, [titles])).toBe(0);
  });

  it('accepts 0 when lower is better, and "việc" when the name says what is counted; refuses a vague target added to a draft later', async () => {
    const accepted = await api.ok(CREATE, {
      input: withTargets([
        { name: 'Tai nạn lao động nghiêm trọng', unitOfMeasure: 'vụ', targetValue: 0, direction: 'LOWER_IS_BETTER', weight: 50 },
        { name: 'Việc tốt được biểu dương', unitOfMeasure: 'việc', targetValue: 20, direction: 'HIGHER_IS_BETTER', weight: 50 },
      ], 'Đo được'),
    }, bnOfficer);
    const id = accepted.createCampaign.id;
    const later = await api.refused(`mutation($id: ID!, $t: [CampaignTargetInput!]) { updateCampaign(id: $id, input: { targets: $t }) { id } }`, { id, t: [vague] }, bnOfficer);
    expect(later.problems.map((p) => p.field)).toEqual(['targets.0.name', 'targets.0.targetValue']);
    expect((await api.ok(`query($id: ID!) { campaign(id: $id) { targets { name } } }`, { id }, bnOfficer)).campaign.targets).toHaveLength(2);
  });
});

describe('drafts: a launch that fails leaves none, and an author can discard one', () => {
  const LAUNCH_NEW = `mutation($input: CreateCampaignInput!) { createCampaign(input: $input, launch: true) { id status } }`;
  const DISCARD = `mutation($id: ID!) { discardCampaignDraft(id: $id) }`;
  const drafts = () => count(`campaigns WHERE status = 'DRAFT' AND launching_unit_path LIKE $1`, [`${units.bn!.path}%`]);

  it('checks every launch rule before creating: refused, it writes no draft; accepted, it is launched at once and evaluation opens its round', async () => {
    const before = await drafts();
    const incomplete = await api.refused(LAUNCH_NEW, { input: { ...flagshipInput(), launchingUnitId: units.bn!.id, title: `Chưa đủ ${run}`, goal: ' ', endsOn: null } }, bnOfficer);
    expect(incomplete.problems.map((p) => p.field)).toEqual(['goal', 'endsOn']);
    const badTarget = await api.refused(LAUNCH_NEW, { input: { ...flagshipInput(), launchingUnitId: units.bn!.id, title: `Trọng số lệch ${run}`, targets: [{ ...flagshipInput().targets[0], weight: 60 }] } }, bnOfficer);
    expect(badTarget.message).toContain('Tổng trọng số các chỉ tiêu phải bằng 100, hiện là 60');
    expect(await drafts()).toBe(before);

    const launched = (await api.ok(LAUNCH_NEW, { input: { ...flagshipInput(), launchingUnitId: units.bn!.id, title: `Phát động ngay ${run}` } }, bnOfficer)).createCampaign;
    expect(launched.status).toBe('LAUNCHED');
    expect(await drafts()).toBe(before);
    const round = await eventually(async () => (await api.ok(`query($id: ID!) { campaign(id: $id) { evaluationRound { status } } }`, { id: launched.id })).campaign.evaluationRound);
    expect(round.status).toBe('OPEN');
  });

  it('discards the author’s draft with its targets; refuses a launched movement, a replication source, outsiders, members and the anonymous', async () => {
    const draft = (await api.ok(CREATE, { input: { ...flagshipInput(), launchingUnitId: units.kcn!.id, title: `Bản nháp bỏ đi ${run}` } }, bnOfficer)).createCampaign.id;
    const member = await issueMemberToken(members.nhung!, units.may!.path);
    expect((await api.refused(DISCARD, { id: draft }, khOfficer)).code).toBe('NOT_FOUND');
    expect((await api.refused(DISCARD, { id: draft }, member)).code).toBe('FORBIDDEN');
    expect((await api.refused(DISCARD, { id: draft })).code).toBe('UNAUTHENTICATED');
    expect((await api.refused(DISCARD, { id: 'không-phải-mã' }, bnOfficer)).code).toBe('BAD_USER_INPUT');
    expect(await count(`campaigns WHERE id = $1`, [draft])).toBe(1);

    expect((await api.ok(DISCARD, { id: draft }, bnOfficer)).discardCampaignDraft).toBe(draft);
    expect(await count(`campaigns WHERE id = $1`, [draft])).toBe(0);
    expect(await count(`campaign_targets WHERE campaign_id = $1`, [draft])).toBe(0);
    expect((await api.refused(DISCARD, { id: draft }, bnOfficer)).code).toBe('NOT_FOUND');

    const launched = (await api.ok(LAUNCH_NEW, { input: { ...flagshipInput(), launchingUnitId: units.bn!.id, title: `Đã phát động ${run}` } }, bnOfficer)).createCampaign.id;
    const refusal = await api.refused(DISCARD, { id: launched }, bnOfficer);
    expect(refusal).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`Phong trào «Đã phát động ${run}» đã phát động nên không xoá được`) });

    const source = (await api.ok(CREATE, { input: { ...flagshipInput(), launchingUnitId: units.bn!.id, title: `Gốc nháp ${run}` } }, bnOfficer)).createCampaign.id;
    await api.ok(`mutation($input: ReplicateCampaignInput!) { replicateCampaign(input: $input) { id } }`, {
      input: { sourceCampaignId: source, launchingUnitId: units.kcn!.id, title: `Nhân rộng từ nháp ${run}`, scope: { occupationCodes: ['CN_DET_MAY'] }, adaptationNote: 'Cho công nhân dệt may khu công nghiệp' },
    }, bnOfficer);
    const lineage = await api.refused(DISCARD, { id: source }, bnOfficer);
    expect(lineage).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`«Nhân rộng từ nháp ${run}»`) });
    expect(await count(`campaigns WHERE id = $1`, [source])).toBe(1);
  });
});

function issueMemberToken(memberId: string, unitPath: string): Promise<string> {
  return issueTestToken({ sub: `member-${memberId}`, name: 'Đoàn viên', roles: ['MEMBER'], unitPath, memberId });
}
