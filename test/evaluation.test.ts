/**
 * The evaluation subgraph through the real gateway, fed by the campaign subgraph's events over the real broker:
 * criteria sets per audience (validation, versions, immutability), automatic scores from progress reports,
 * rubric reviews with conflict-of-interest rules and a third review, publication, rankings, appeals, the
 * events evaluation publishes, federation fields, and who may do what.
 */
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { databaseUrl, eventsTopic, type Role } from '@thidua/common';
import { issueTestToken } from './support/tokens';
import { Api } from './support/api';
import { eventually, graphql } from './support/graphql';
import { readTopic, testKafka } from './support/kafka';
import { startTestPlatform, type TestPlatform } from './support/platform';
import { TWO_PROVINCES, buildUnionTree, type UnionTree } from './support/union-tree';

let platform: TestPlatform;
let api: Api;
let admin: string;
let officer: string;
let outsider: string;
let evaluationDb: Client;
const run = Date.now().toString(36);
const year = new Date().getUTCFullYear();

let units: UnionTree['units'];
let members: UnionTree['members'];
const enrollments: Record<string, string> = {};
let campaignId: string;
let initiatives: string;
let accidents: string;

const token = (roles: Role[], unitPath: string | null, sub: string, memberId: string | null = null) =>
  issueTestToken({ sub, name: sub, roles, unitPath, memberId });

const memberToken = (key: string, unitKey: string) => token(['MEMBER'], units[unitKey]!.path, `member-${key}`, members[key]!);

async function report(enrollment: string, targetId: string, value: number): Promise<void> {
  await api.ok(`mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`, { input: { enrollmentId: enrollment, targetId, periodStart: `${year}-01-01`, value } }, admin);
}

async function score(enrollmentId: string, tokenValue = admin) {
  return (await api.ok(`query($id: ID!) { participantScore(enrollmentId: $id) { variant criteriaSetVersion total breakdown { criterion { name } points } } }`, { id: enrollmentId }, tokenValue)).participantScore;
}

const RUBRIC_LEVELS = [
  { score: 0, description: 'Không có minh chứng về kết quả' },
  { score: 5, description: 'Có minh chứng, kết quả đạt yêu cầu' },
  { score: 10, description: 'Có minh chứng, kết quả xuất sắc, được nhân rộng' },
];
const CREATE_SET = `mutation($input: CriteriaSetInput!) { createCriteriaSet(input: $input) { id version status criteria { id name } } }`;
const PUBLISH_SET = `mutation($id: ID!) { publishCriteriaSet(id: $id) { id version status } }`;

async function publishedSet(variant: string, criteria: Record<string, unknown>[]): Promise<{ id: string; criteria: { id: string; name: string }[] }> {
  const created = (await api.ok(CREATE_SET, { input: { campaignId, variant, criteria } }, officer)).createCriteriaSet;
  await api.ok(PUBLISH_SET, { id: created.id }, officer);
  return created;
}

let civilRubric: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  api = new Api(platform.gatewayUrl);
  admin = await platform.token(['NATIONAL_ADMIN'], null);
  evaluationDb = new Client({ connectionString: databaseUrl('evaluation') });
  await evaluationDb.connect();

  ({ units, members } = await buildUnionTree(api, admin, {
    units: {
      ...TWO_PROVINCES,
      evn: { parent: 'bn', name: 'Công đoàn Điện lực Bắc Ninh', level: 'GRASSROOTS', organisationType: 'STATE_OWNED_ENTERPRISE' },
      so: { parent: 'bn', name: 'Công đoàn Sở Nội vụ Bắc Ninh', level: 'GRASSROOTS', organisationType: 'ADMINISTRATIVE_AGENCY' },
      fdi: { parent: 'bn', name: 'Công đoàn Công ty Điện tử Quang Châu', level: 'GRASSROOTS', organisationType: 'FDI_ENTERPRISE' },
    },
    members: {
      an: { unit: 'evn', fullName: 'Đỗ Minh An', occupationCode: 'KY_SU', direct: true },
      binh: { unit: 'so', fullName: 'Ngô Thị Bình', occupationCode: 'CONG_CHUC', direct: false },
      cuong: { unit: 'fdi', fullName: 'Phạm Văn Cường', occupationCode: 'CN_DIEN_TU', direct: true },
      dung: { unit: 'so', fullName: 'Lê Văn Dũng', occupationCode: 'CONG_CHUC', direct: false },
    },
  }, run));
  officer = await token(['UNIT_OFFICER'], units.bn!.path, 'officer-bn');
  outsider = await token(['UNIT_OFFICER'], units.kh!.path, 'officer-kh');

  const created = await api.ok(
    `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id targets { id name } } }`,
    {
      input: {
        launchingUnitId: units.bn!.id,
        title: `Thi đua năng suất ${run}`,
        goal: 'Tăng năng suất, giảm tai nạn',
        category: 'FOR_WORKERS',
        startsOn: `${year}-01-01`,
        endsOn: `${year + 1}-12-31`,
        targets: [
          { name: 'Sáng kiến', unitOfMeasure: 'sáng kiến', targetValue: 12, direction: 'HIGHER_IS_BETTER', aggregation: 'SUM', weight: 70 },
          { name: 'Tai nạn lao động', unitOfMeasure: 'vụ', targetValue: 2, direction: 'LOWER_IS_BETTER', aggregation: 'LATEST', weight: 30 },
        ],
      },
    },
    officer,
  );
  campaignId = created.createCampaign.id;
  [initiatives, accidents] = created.createCampaign.targets.map((t: { id: string }) => t.id);
  await api.ok(`mutation($id: ID!) { launchCampaign(id: $id) { id } }`, { id: campaignId }, officer);
  for (const key of ['an', 'binh', 'cuong', 'dung']) {
    enrollments[key] = (await api.ok(`mutation($input: EnrollMemberInput!) { enrollMember(input: $input) { id } }`, { input: { campaignId, memberId: members[key] } }, officer)).enrollMember.id;
  }
  enrollments.evn = (await api.ok(`mutation($input: EnrollUnitInput!) { enrollUnit(input: $input) { id } }`, { input: { campaignId, unitId: units.evn!.id } }, officer)).enrollUnit.id;
  await eventually(async () => {
    const { rows } = await evaluationDb.query(
      `SELECT (SELECT count(*) FROM participants WHERE campaign_id = $1)::int AS p, (SELECT count(*) FROM member_refs WHERE id = ANY($2::uuid[]))::int AS m,
              (SELECT count(*) FROM evaluation_rounds WHERE campaign_id = $1)::int AS r`,
      [campaignId, Object.values(members)],
    );
    return rows[0].p === 5 && rows[0].m === 4 && rows[0].r === 1 ? true : null;
  }, 30000, 'participants and read models in evaluation');
});

afterAll(async () => {
  await evaluationDb?.end();
  await platform?.stop();
});

describe('criteria sets', () => {
  it('refuses vague criteria and weights that do not sum to 100, saying why', async () => {
    const refusal = await api.refused(CREATE_SET, {
      input: { campaignId, variant: 'GENERAL', criteria: [{ name: 'Tích cực tham gia phong trào', method: 'LINEAR', weight: 80 }] },
    }, officer);
    expect(refusal.code).toBe('BAD_USER_INPUT');
    expect(refusal.message).toContain('"Tích cực tham gia phong trào" chưa đo được');
    expect(refusal.message).toContain('tổng trọng số phải bằng 100, hiện là 80');
    expect((await evaluationDb.query(`SELECT count(*)::int AS n FROM criteria_sets WHERE campaign_id = $1`, [campaignId])).rows[0].n).toBe(0);
  });

  it('refuses officers outside the launching unit and anonymous callers', async () => {
    const input = { campaignId, variant: 'GENERAL', criteria: [{ name: 'Sáng kiến', method: 'LINEAR', weight: 100, unitOfMeasure: 'sáng kiến', targetValue: 12 }] };
    expect((await api.refused(CREATE_SET, { input }, outsider)).code).toBe('FORBIDDEN');
    expect((await api.refused(CREATE_SET, { input })).code).toBe('UNAUTHENTICATED');
  });

  it('publishes one set per audience; a published set is immutable and changes make a new version', async () => {
    const general = await publishedSet('GENERAL', [{ name: 'Sáng kiến', method: 'LINEAR', weight: 100, unitOfMeasure: 'sáng kiến', targetValue: 12, targetId: initiatives }]);
    const first = await publishedSet('DIRECT_PRODUCTION_WORKER', [{ name: 'Sáng kiến', method: 'LINEAR', weight: 100, unitOfMeasure: 'sáng kiến', targetValue: 10, targetId: initiatives }]);
    const immutable = await api.refused(`mutation($id: ID!, $input: CriteriaSetInput!) { updateCriteriaSet(id: $id, input: $input) { id } }`, {
      id: first.id,
      input: { campaignId, variant: 'DIRECT_PRODUCTION_WORKER', criteria: [{ name: 'Khác', method: 'PASS_FAIL', weight: 100, unitOfMeasure: 'vụ', targetValue: 0 }] },
    }, officer);
    expect(immutable.code).toBe('CONFLICT');
    expect(immutable.message).toMatch(/không sửa được: hãy tạo phiên bản mới/);

    await publishedSet('DIRECT_PRODUCTION_WORKER', [
      { name: 'Sáng kiến', method: 'LINEAR', weight: 70, unitOfMeasure: 'sáng kiến', targetValue: 12, targetId: initiatives },
      {
        name: 'An toàn lao động',
        method: 'THRESHOLDS',
        weight: 30,
        unitOfMeasure: 'vụ',
        direction: 'LOWER_IS_BETTER',
        targetId: accidents,
        thresholds: [{ value: 2, points: 60 }, { value: 0, points: 100 }],
      },
    ]);
    const civil = await publishedSet('CIVIL_SERVANT_NON_LEADER', [{ name: 'Cải cách hành chính', method: 'RUBRIC', weight: 100, rubricLevels: RUBRIC_LEVELS }]);
    civilRubric = civil.criteria[0]!.id;
    await publishedSet('PRIVATE_FDI_SIMPLIFIED', [{ name: 'Năng suất: sáng kiến', method: 'LINEAR', weight: 100, unitOfMeasure: 'sáng kiến', targetValue: 12, targetId: initiatives }]);

    const sets = await api.ok(`query($id: ID!) { campaign(id: $id) { criteriaSets { variant version status } } }`, { id: campaignId });
    expect(sets.campaign.criteriaSets).toEqual(
      expect.arrayContaining([
        { variant: 'GENERAL', version: 1, status: 'PUBLISHED' },
        { variant: 'DIRECT_PRODUCTION_WORKER', version: 2, status: 'PUBLISHED' },
        { variant: 'CIVIL_SERVANT_NON_LEADER', version: 1, status: 'PUBLISHED' },
        { variant: 'PRIVATE_FDI_SIMPLIFIED', version: 1, status: 'PUBLISHED' },
      ]),
    );
    expect(sets.campaign.criteriaSets).toHaveLength(4); // the public does not see the superseded version
    expect(general.id).toBeTruthy();
  });
});

describe('automatic scores from progress reports', () => {
  it('scores each participant with the variant that applies, naming its version (worked out by hand)', async () => {
    await report(enrollments.an!, initiatives, 9);
    await report(enrollments.an!, accidents, 1);
    await report(enrollments.cuong!, initiatives, 6);
    // An: direct worker in a state-owned enterprise → DIRECT_PRODUCTION_WORKER v2: 0.7 × (100·9/12 = 75) + 0.3 × 60 = 70.5
    const an = await eventually(async () => {
      const s = await score(enrollments.an!);
      return s.breakdown.every((b: { points: number | null }) => b.points !== null) ? s : null;
    }, 30000, 'An scored from both reports');
    expect(an).toEqual({
      variant: 'DIRECT_PRODUCTION_WORKER',
      criteriaSetVersion: 2,
      total: 70.5,
      breakdown: [
        { criterion: { name: 'Sáng kiến' }, points: 75 },
        { criterion: { name: 'An toàn lao động' }, points: 60 },
      ],
    });
    // Cường: worker in an FDI enterprise → the simplified set: 100 · 6/12 = 50
    const cuong = await eventually(async () => ((await score(enrollments.cuong!)).total > 0 ? score(enrollments.cuong!) : null), 30000, 'Cường scored');
    expect(cuong).toMatchObject({ variant: 'PRIVATE_FDI_SIMPLIFIED', criteriaSetVersion: 1, total: 50 });
    // Bình: civil servant without a leadership post → the rubric set, no score until reviewed
    expect(await score(enrollments.binh!)).toMatchObject({ variant: 'CIVIL_SERVANT_NON_LEADER', total: 0 });
  });

  it('records who changed each score, when, before, after and why', async () => {
    const history = (await api.ok(`query($id: ID!) { scoreHistory(enrollmentId: $id) { before after actor reason } }`, { id: enrollments.an! }, officer)).scoreHistory;
    expect(history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ before: null, after: 75, actor: 'system', reason: expect.stringMatching(/^progress report /) }),
        expect.objectContaining({ before: null, after: 60, actor: 'system' }),
      ]),
    );
    expect(history).toHaveLength(2);
    const stranger = await memberToken('cuong', 'fdi');
    expect((await api.refused(`query($id: ID!) { scoreHistory(enrollmentId: $id) { after } }`, { id: enrollments.an! }, stranger)).code).toBe('NOT_FOUND');
  });
});

describe('submissions and reviews', () => {
  let submissionId: string;
  const reviewer = (sub: string, unitKey: string, memberId: string | null = null) => token(['REVIEWER'], units[unitKey]!.path, sub, memberId);
  const ASSIGN = `mutation($id: ID!, $r: ReviewerInput!) { assignReviewer(submissionId: $id, reviewer: $r) { id } }`;
  const REVIEW = `mutation($id: ID!, $score: Int!) { reviewSubmission(submissionId: $id, score: $score) { status reviewCount finalScore } }`;

  it('takes evidence from the participant for a rubric criterion only', async () => {
    const binh = await memberToken('binh', 'so');
    const SUBMIT = `mutation($input: SubmissionInput!) { submitEvidence(input: $input) { id status } }`;
    const wrong = await api.refused(SUBMIT, { input: { enrollmentId: enrollments.binh!, criterionId: civilRubric, text: 'ngắn', evidence: [] } }, binh);
    expect(wrong.problems.map((p) => p.field)).toEqual(['text', 'evidence']);
    const submitted = await api.ok(SUBMIT, {
      input: {
        enrollmentId: enrollments.binh!,
        criterionId: civilRubric,
        text: 'Rút ngắn thời gian giải quyết hồ sơ từ 10 ngày xuống 5 ngày',
        evidence: [{ url: 'https://bacninh.gov.vn/bao-cao.pdf', fileName: 'bao-cao.pdf', mimeType: 'application/pdf', sizeBytes: 120000 }],
      },
    }, binh);
    submissionId = submitted.submitEvidence.id;
    expect(submitted.submitEvidence.status).toBe('IN_REVIEW');
    expect((await api.refused(SUBMIT, { input: { enrollmentId: enrollments.binh!, criterionId: civilRubric, text: 'Của người khác nộp thay', evidence: [{ url: 'https://x.vn/a' }] } }, await memberToken('an', 'evn'))).code).toBe('FORBIDDEN');
  });

  it('refuses conflicted reviewers: themself, their own grassroots unit, a declared conflict', async () => {
    const self = await api.refused(ASSIGN, { id: submissionId, r: { subject: 'rv-binh', memberId: members.binh } }, officer);
    expect(self.message).toMatch(/của chính mình/);
    const colleague = await api.refused(ASSIGN, { id: submissionId, r: { subject: 'rv-dung', memberId: members.dung, unitPath: units.so!.path } }, officer);
    expect(colleague.message).toMatch(/công đoàn cơ sở nơi mình sinh hoạt/);
    // the same unit written without its trailing slash or in capitals is still their own unit; a malformed path is input to fix
    for (const variant of [units.so!.path.slice(0, -1), units.so!.path.toUpperCase()]) {
      const hostile = await api.refused(ASSIGN, { id: submissionId, r: { subject: 'rv-dung', memberId: members.dung, unitPath: variant } }, officer);
      expect([variant, hostile.code, /công đoàn cơ sở nơi mình sinh hoạt/.test(hostile.message)]).toEqual([variant, 'CONFLICT', true]);
    }
    expect((await api.refused(ASSIGN, { id: submissionId, r: { subject: 'rv-dung', unitPath: '/vn/ bn/' } }, officer)).problems.map((p) => p.field)).toEqual(['reviewer.unitPath']);
    await api.ok(`mutation($e: ID!) { declareConflict(enrollmentId: $e, reason: "Người thân trong gia đình") }`, { e: enrollments.binh! }, await reviewer('rv-family', 'evn'));
    const declared = await api.refused(ASSIGN, { id: submissionId, r: { subject: 'rv-family', unitPath: units.evn!.path } }, officer);
    expect(declared.message).toMatch(/đã khai xung đột lợi ích/);
    expect(self.code).toBe('CONFLICT');
    expect((await evaluationDb.query(`SELECT count(*)::int AS n FROM review_assignments WHERE submission_id = $1`, [submissionId])).rows[0].n).toBe(0);
  });

  it('asks a third review when two disagree, then takes the median (10, 5, 5 → 5 of 10 = 50 points)', async () => {
    for (const sub of ['rv-1', 'rv-2', 'rv-3']) await api.ok(ASSIGN, { id: submissionId, r: { subject: sub, unitPath: units.evn!.path } }, officer);
    expect((await api.refused(REVIEW, { id: submissionId, score: 5 }, await reviewer('rv-unassigned', 'evn'))).code).toBe('FORBIDDEN');
    expect((await api.refused(REVIEW, { id: submissionId, score: 7 }, await reviewer('rv-1', 'evn'))).code).toBe('BAD_USER_INPUT');
    const queue = async (sub: string) => (await api.ok(`{ myReviewAssignments { edges { node { id criterion { name } } } } }`, {}, await reviewer(sub, 'evn'))).myReviewAssignments.edges.map((e: any) => e.node.id);
    expect(await queue('rv-1')).toEqual([submissionId]);
    expect(await queue('rv-unassigned')).toEqual([]);
    expect((await api.ok(REVIEW, { id: submissionId, score: 10 }, await reviewer('rv-1', 'evn'))).reviewSubmission).toEqual({ status: 'IN_REVIEW', reviewCount: 1, finalScore: null });
    expect(await queue('rv-1')).toEqual([]);
    expect(await queue('rv-2')).toEqual([submissionId]);
    expect((await api.ok(REVIEW, { id: submissionId, score: 5 }, await reviewer('rv-2', 'evn'))).reviewSubmission).toEqual({ status: 'NEEDS_THIRD_REVIEW', reviewCount: 2, finalScore: null });
    expect((await api.ok(REVIEW, { id: submissionId, score: 5 }, await reviewer('rv-3', 'evn'))).reviewSubmission).toEqual({ status: 'SCORED', reviewCount: 3, finalScore: 5 });
    expect(await score(enrollments.binh!)).toMatchObject({ total: 50, breakdown: [{ criterion: { name: 'Cải cách hành chính' }, points: 50 }] });
  });
});

describe('publication, rankings and appeals', () => {
  const RANKINGS = `query($id: ID!, $by: RankingDimension, $key: String) { campaign(id: $id) { rankings(by: $by, key: $key) { publicationVersion edges { node { rank name unitName score } } } } }`;
  const APPEAL = `mutation($c: ID!, $e: ID!, $r: String!) { fileAppeal(campaignId: $c, enrollmentId: $e, reason: $r) { id status } }`;

  it('publishes at once, public, ranked with the documented tie-break', async () => {
    expect((await api.refused(`mutation($c: ID!) { publishResults(campaignId: $c) { publicationVersion } }`, { c: campaignId }, outsider)).code).toBe('FORBIDDEN');
    await api.ok(`mutation($c: ID!) { publishResults(campaignId: $c) { publicationVersion } }`, { c: campaignId }, officer);
    const publicView = await api.ok(RANKINGS, { id: campaignId });
    // Cường and Bình tie at 50 with no criterion at 100: the direct production worker comes first
    expect(publicView.campaign.rankings).toEqual({
      publicationVersion: 1,
      edges: [
        { node: { rank: 1, name: 'Đỗ Minh An', unitName: 'Công đoàn Điện lực Bắc Ninh', score: 70.5 } },
        { node: { rank: 2, name: 'Phạm Văn Cường', unitName: 'Công đoàn Công ty Điện tử Quang Châu', score: 50 } },
        { node: { rank: 3, name: 'Ngô Thị Bình', unitName: 'Công đoàn Sở Nội vụ Bắc Ninh', score: 50 } },
        { node: { rank: 4, name: 'Công đoàn Điện lực Bắc Ninh', unitName: 'Công đoàn Điện lực Bắc Ninh', score: 0 } },
        { node: { rank: 4, name: 'Lê Văn Dũng', unitName: 'Công đoàn Sở Nội vụ Bắc Ninh', score: 0 } },
      ],
    });
    const fdi = await api.ok(RANKINGS, { id: campaignId, by: 'ORGANISATION_TYPE', key: 'FDI_ENTERPRISE' });
    expect(fdi.campaign.rankings.edges).toEqual([{ node: { rank: 1, name: 'Phạm Văn Cường', unitName: 'Công đoàn Công ty Điện tử Quang Châu', score: 50 } }]);
    const province = await api.ok(RANKINGS, { id: campaignId, by: 'PROVINCE', key: 'BN' });
    expect(province.campaign.rankings.edges).toHaveLength(5);
  });

  it('pages a group ranking by its cursor, ranks counted again within the group and ties kept across pages', async () => {
    const PAGE = `query($id: ID!, $after: String) { campaign(id: $id) { rankings(by: PROVINCE, key: "BN", first: 2, after: $after) { edges { node { rank name } } pageInfo { hasNextPage endCursor } } } }`;
    const seen: [number, string][] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const { rankings }: { rankings: { edges: { node: { rank: number; name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } = (await api.ok(PAGE, { id: campaignId, after })).campaign;
      seen.push(...rankings.edges.map((e): [number, string] => [e.node.rank, e.node.name]));
      after = rankings.pageInfo.hasNextPage ? rankings.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual([[1, 'Đỗ Minh An'], [2, 'Phạm Văn Cường'], [3, 'Ngô Thị Bình'], [4, 'Công đoàn Điện lực Bắc Ninh'], [4, 'Lê Văn Dũng']]);
    const ranksIn = async (type: string) =>
      (await api.ok(RANKINGS, { id: campaignId, by: 'ORGANISATION_TYPE', key: type })).campaign.rankings.edges.map((e: { node: { rank: number; name: string } }) => [e.node.rank, e.node.name]);
    expect(await ranksIn('ADMINISTRATIVE_AGENCY')).toEqual([[1, 'Ngô Thị Bình'], [2, 'Lê Văn Dũng']]);
    expect(await ranksIn('STATE_OWNED_ENTERPRISE')).toEqual([[1, 'Đỗ Minh An'], [2, 'Công đoàn Điện lực Bắc Ninh']]);
    expect((await api.refused(RANKINGS, { id: campaignId, by: 'SECTOR', key: 'not-an-id' })).code).toBe('BAD_USER_INPUT');
    const forged = Buffer.from(JSON.stringify(['giữa'])).toString('base64url');
    expect(await api.refused(PAGE, { id: campaignId, after: forged })).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'after' }] });
  });

  it('resolves members’ and units’ published scores through the federation', async () => {
    const result = await api.ok(`query($m: ID!, $u: ID!) { member(id: $m) { fullName scores { rank score } } unionUnit(id: $u) { name scores { rank score } } }`, { m: members.an, u: units.evn!.id }, officer);
    expect(result).toEqual({
      member: { fullName: 'Đỗ Minh An', scores: [{ rank: 1, score: 70.5 }] },
      unionUnit: { name: 'Công đoàn Điện lực Bắc Ninh', scores: [{ rank: 4, score: 0 }] },
    });
  });

  it('accepts an appeal: re-scores, republishes, keeps the history', async () => {
    const cuong = await memberToken('cuong', 'fdi');
    const appeal = (await api.ok(APPEAL, { c: campaignId, e: enrollments.cuong!, r: 'Báo cáo quý I thiếu 4 sáng kiến đã được công nhận' }, cuong)).fileAppeal;
    expect((await api.refused(APPEAL, { c: campaignId, e: enrollments.cuong!, r: 'Nộp lại lần nữa cho chắc chắn' }, cuong)).code).toBe('CONFLICT');
    expect((await api.refused(APPEAL, { c: campaignId, e: enrollments.an!, r: 'Kháng nghị hộ người khác' }, cuong)).code).toBe('FORBIDDEN');
    const [criterion] = (await evaluationDb.query(`SELECT c.id FROM criteria c JOIN criteria_sets s ON s.id = c.set_id WHERE s.campaign_id = $1 AND s.variant = 'PRIVATE_FDI_SIMPLIFIED'`, [campaignId])).rows;
    const resolved = await api.ok(
      `mutation($id: ID!, $c: [ScoreCorrectionInput!]) { resolveAppeal(id: $id, accept: true, resolution: "Đã xác minh 10 sáng kiến", corrections: $c) { status resolution } }`,
      { id: appeal.id, c: [{ criterionId: criterion.id, points: 83.33 }] },
      officer,
    );
    expect(resolved.resolveAppeal.status).toBe('ACCEPTED');
    const after = await api.ok(RANKINGS, { id: campaignId });
    expect(after.campaign.rankings.publicationVersion).toBe(2);
    expect(after.campaign.rankings.edges[0].node).toEqual({ rank: 1, name: 'Phạm Văn Cường', unitName: 'Công đoàn Công ty Điện tử Quang Châu', score: 83.33 });
    expect((await evaluationDb.query(`SELECT version FROM publications WHERE campaign_id = $1 ORDER BY version`, [campaignId])).rows.map((r) => r.version)).toEqual([1, 2]);
    const history = (await api.ok(`query($id: ID!) { scoreHistory(enrollmentId: $id) { before after reason } }`, { id: enrollments.cuong! }, cuong)).scoreHistory;
    expect(history.at(-1)).toEqual({ before: 50, after: 83.33, reason: `appeal ${appeal.id}: Đã xác minh 10 sáng kiến` });
  });

  it('keeps every version readable through the gateway, with its history: version 1 as it was before the appeal', async () => {
    const VERSION = `query($id: ID!, $v: Int, $by: RankingDimension, $key: String) { campaign(id: $id) { rankings(version: $v, by: $by, key: $key) { publicationVersion edges { node { rank name score } } } } }`;
    const first = (await api.ok(VERSION, { id: campaignId, v: 1 })).campaign.rankings;
    expect(first.publicationVersion).toBe(1);
    expect(first.edges.slice(0, 2)).toEqual([{ node: { rank: 1, name: 'Đỗ Minh An', score: 70.5 } }, { node: { rank: 2, name: 'Phạm Văn Cường', score: 50 } }]);
    expect((await api.ok(VERSION, { id: campaignId, v: 2 })).campaign.rankings.edges[0].node).toEqual({ rank: 1, name: 'Phạm Văn Cường', score: 83.33 });
    const fdiThen = (await api.ok(VERSION, { id: campaignId, v: 1, by: 'ORGANISATION_TYPE', key: 'FDI_ENTERPRISE' })).campaign.rankings.edges;
    expect(fdiThen).toEqual([{ node: { rank: 1, name: 'Phạm Văn Cường', score: 50 } }]);
    const history = (await api.ok(`query($id: ID!) { campaign(id: $id) { publications { version cause entries publishedAt appealDeadline } } }`, { id: campaignId })).campaign.publications;
    expect(history.map((p: { version: number; cause: string; entries: number }) => [p.version, p.cause, p.entries])).toEqual([[2, 'APPEAL', 5], [1, 'RESULTS', 5]]);

    const missing = await graphql<any>(platform.gatewayUrl, VERSION, { id: campaignId, v: 9 });
    expect(missing.data.campaign.rankings).toBeNull();
    expect(missing.errors?.[0]).toMatchObject({ path: ['campaign', 'rankings'], message: `Phong trào «Thi đua năng suất ${run}» chưa có lần công bố thứ 9.`, extensions: { code: 'NOT_FOUND' } });
    for (const v of [0, -1]) expect(await api.refused(VERSION, { id: campaignId, v })).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'version' }] });

    const sheet = await fetch(`${platform.gatewayUrl.replace(/\/graphql$/, '')}/exports/rankings/${campaignId}.xlsx?version=1`);
    expect([sheet.status, decodeURIComponent(sheet.headers.get('content-disposition') ?? '')]).toEqual([200, expect.stringContaining('(công bố lần 1).xlsx')]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await sheet.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect((book.worksheets[0]!.getRow(3).values as unknown[]).slice(1, 5)).toEqual([2, 'Phạm Văn Cường', 'Công đoàn Công ty Điện tử Quang Châu', 50]);
    expect((await fetch(`${platform.gatewayUrl.replace(/\/graphql$/, '')}/exports/rankings/${campaignId}.xlsx?version=9`)).status).toBe(404);
  });

  it('rejects an appeal without republishing, and refuses appeals after the window', async () => {
    const an = await memberToken('an', 'evn');
    const appeal = (await api.ok(APPEAL, { c: campaignId, e: enrollments.an!, r: 'Điểm an toàn lao động chưa đúng' }, an)).fileAppeal;
    await api.ok(`mutation($id: ID!) { resolveAppeal(id: $id, accept: false, resolution: "Số liệu tai nạn đã được xác nhận") { status } }`, { id: appeal.id }, officer);
    expect((await api.ok(RANKINGS, { id: campaignId })).campaign.rankings.publicationVersion).toBe(2);
    await evaluationDb.query(`UPDATE publications SET appeal_deadline = now() - interval '1 day' WHERE campaign_id = $1`, [campaignId]);
    const late = await api.refused(APPEAL, { c: campaignId, e: enrollments.an!, r: 'Kháng nghị sau khi hết hạn' }, an);
    expect(late.code).toBe('CONFLICT');
    expect(late.message).toMatch(/^Đã hết hạn khiếu nại kết quả phong trào «Thi đua năng suất .+» \(hạn \d\d\/\d\d\/\d{4} \d\d:\d\d\)\.$/);
  });

  it('published CriteriaSetPublished, SubmissionScored, ResultsPublished and AppealResolved', async () => {
    const types = ['CriteriaSetPublished', 'SubmissionScored', 'ResultsPublished', 'AppealResolved'];
    const count = (all: { headers: Record<string, string>; value: string | null }[], type: string) =>
      all.filter((m) => m.headers['event-type'] === type && m.value?.includes(campaignId)).length;
    // events of different aggregates sit on different partitions: wait for all of them, in any order
    const messages = await readTopic(testKafka('evaluation-events'), eventsTopic('evaluation', process.env.KAFKA_TOPIC_PREFIX ?? ''), (all) =>
      types.every((type) => count(all, type) > 0) && count(all, 'ResultsPublished') >= 2 && count(all, 'CriteriaSetPublished') >= 5,
    );
    const published = messages.filter((m) => m.headers['event-type'] === 'ResultsPublished' && m.value?.includes(campaignId)).map((m) => JSON.parse(m.value!).payload);
    expect(published.map((p) => p.version)).toEqual([1, 2]);
    const sets = messages.filter((m) => m.headers['event-type'] === 'CriteriaSetPublished' && m.value?.includes(campaignId)).map((m) => JSON.parse(m.value!).payload);
    // each set is its own aggregate, on its own partition: order by version, not by arrival
    const direct = sets.filter((s) => s.variant === 'DIRECT_PRODUCTION_WORKER').sort((a, b) => a.version - b.version);
    expect(direct.map((s) => s.version)).toEqual([1, 2]);
    expect(direct[1].supersededSetId).toBe(direct[0].criteriaSetId);
    expect(published[1].entries[0]).toMatchObject({ name: 'Phạm Văn Cường', rank: 1, total: 83.33, isDirectProductionWorker: true, variant: 'PRIVATE_FDI_SIMPLIFIED' });
  });
});

describe('a closed movement', () => {
  const APPEAL = `mutation($c: ID!, $e: ID!, $r: String!) { fileAppeal(campaignId: $c, enrollmentId: $e, reason: $r) { id } }`;
  const PUBLISH = `mutation($c: ID!) { publishResults(campaignId: $c) { publicationVersion } }`;
  const RESOLVE = `mutation($id: ID!, $accept: Boolean!, $c: [ScoreCorrectionInput!]) { resolveAppeal(id: $id, accept: $accept, resolution: "Đã xem xét lại minh chứng", corrections: $c) { status } }`;
  const ROUND = `query($id: ID!) { campaign(id: $id) { evaluationRound { status campaignClosedAt } rankings { publicationVersion } } }`;
  const roundOf = async (id: string) => (await api.ok(ROUND, { id })).campaign;
  const storedStatus = async (id: string) => (await evaluationDb.query(`SELECT status FROM evaluation_rounds WHERE campaign_id = $1`, [id])).rows[0].status;
  const windowEnds = (id: string, when: string) => evaluationDb.query(`UPDATE publications SET appeal_deadline = now() + $2::interval WHERE campaign_id = $1 AND latest`, [id, when]);

  async function close(id: string, targetIds: string[], tokenValue = officer): Promise<void> {
    await api.ok(`mutation($id: ID!) { beginCampaignSummary(id: $id) { status } }`, { id }, tokenValue);
    await api.ok(`mutation($id: ID!, $s: CampaignSummaryInput!) { submitCampaignSummary(id: $id, input: $s) { status } }`, {
      id, s: { results: targetIds.map((targetId) => ({ targetId, achievedValue: 1 })), lessons: 'Gắn thi đua với năng suất lao động', exemplars: [] },
    }, tokenValue);
    await api.ok(`mutation($id: ID!) { closeCampaign(id: $id) { status } }`, { id }, tokenValue);
  }

  it('keeps the promised appeal window after closing (CLOSING), refuses late publications, then closes the round once the last appeal is resolved', async () => {
    await windowEnds(campaignId, '2 days');
    await close(campaignId, [initiatives!, accidents!]);
    const closing = await eventually(async () => {
      const { evaluationRound } = await roundOf(campaignId);
      return evaluationRound.status === 'CLOSING' ? evaluationRound : null;
    }, 30000, 'the round CLOSING after CampaignClosed');
    expect(closing.campaignClosedAt).toEqual(expect.any(String));

    const late = await api.refused(PUBLISH, { c: campaignId }, officer);
    expect(late).toMatchObject({ code: 'CONFLICT', message: `Phong trào «Thi đua năng suất ${run}» đã kết thúc: không công bố thêm kết quả. Kết quả đã công bố được giữ nguyên; khiếu nại đang mở vẫn được giải quyết.` });
    const dung = (await api.ok(APPEAL, { c: campaignId, e: enrollments.dung!, r: 'Minh chứng cải cách hành chính chưa được chấm' }, await memberToken('dung', 'so'))).fileAppeal.id;
    const binh = (await api.ok(APPEAL, { c: campaignId, e: enrollments.binh!, r: 'Điểm cải cách hành chính thấp hơn thực tế' }, await memberToken('binh', 'so'))).fileAppeal.id;

    await windowEnds(campaignId, '-1 minute');
    const afterWindow = await api.refused(APPEAL, { c: campaignId, e: enrollments.an!, r: 'Kháng nghị khi đã hết hạn' }, await memberToken('an', 'evn'));
    expect(afterWindow.message).toMatch(/^Đã hết hạn khiếu nại kết quả phong trào «Thi đua năng suất/);
    expect((await roundOf(campaignId)).evaluationRound.status).toBe('CLOSING'); // two appeals filed in time are still open

    // an accepted appeal still republishes (version 3), and the round stays CLOSING for the new version's window
    await api.ok(RESOLVE, { id: dung, accept: true, c: [{ criterionId: civilRubric, points: 40 }] }, officer);
    expect(await roundOf(campaignId)).toMatchObject({ evaluationRound: { status: 'CLOSING' }, rankings: { publicationVersion: 3 } });
    await windowEnds(campaignId, '-1 minute');
    await api.ok(RESOLVE, { id: binh, accept: false }, officer);
    expect(await storedStatus(campaignId)).toBe('CLOSED');
    expect((await roundOf(campaignId)).evaluationRound.status).toBe('CLOSED');

    const closed = await api.refused(APPEAL, { c: campaignId, e: enrollments.an!, r: 'Kháng nghị sau khi phong trào kết thúc' }, await memberToken('an', 'evn'));
    expect(closed).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^Phong trào «Thi đua năng suất .+» đã kết thúc và hạn khiếu nại đã hết lúc \d\d\/\d\d\/\d{4} \d\d:\d\d: không nhận khiếu nại mới\.$/) });
    expect((await api.refused(PUBLISH, { c: campaignId }, officer)).code).toBe('CONFLICT');
    expect((await evaluationDb.query(`SELECT count(*)::int AS n FROM publications WHERE campaign_id = $1`, [campaignId])).rows[0].n).toBe(3);
  });

  it('closes a round at once when nothing was published, and refuses publishing and appeals after', async () => {
    const created = (await api.ok(`mutation($input: CreateCampaignInput!) { createCampaign(input: $input, launch: true) { id targets { id } } }`, {
      input: {
        launchingUnitId: units.bn!.id, title: `Ngắn ngày ${run}`, goal: 'Thử đóng phong trào', category: 'FOR_WORKERS', startsOn: `${year}-01-01`, endsOn: `${year + 1}-12-31`,
        targets: [{ name: 'Sáng kiến', unitOfMeasure: 'sáng kiến', targetValue: 1, direction: 'HIGHER_IS_BETTER', weight: 100 }],
      },
    }, officer)).createCampaign;
    const enrollment = (await api.ok(`mutation($input: EnrollMemberInput!) { enrollMember(input: $input) { id } }`, { input: { campaignId: created.id, memberId: members.an } }, officer)).enrollMember.id;
    await eventually(async () => ((await roundOf(created.id)).evaluationRound ? true : null), 30000, 'the round opened');
    await close(created.id, created.targets.map((t: { id: string }) => t.id));
    await eventually(async () => ((await roundOf(created.id)).evaluationRound.status === 'CLOSED' ? true : null), 30000, 'the round CLOSED');
    expect((await api.refused(PUBLISH, { c: created.id }, officer)).message).toBe(`Phong trào «Ngắn ngày ${run}» đã kết thúc: không công bố thêm kết quả. Kết quả đã công bố được giữ nguyên; khiếu nại đang mở vẫn được giải quyết.`);
    await eventuallyParticipant(enrollment);
    const appeal = await api.refused(APPEAL, { c: created.id, e: enrollment, r: 'Kháng nghị khi chưa có kết quả' }, await memberToken('an', 'evn'));
    expect(appeal).toMatchObject({ code: 'CONFLICT', message: `Phong trào «Ngắn ngày ${run}» chưa công bố kết quả: chưa có gì để khiếu nại.` });
  });
});

async function eventuallyParticipant(enrollmentId: string): Promise<void> {
  await eventually(async () => ((await evaluationDb.query(`SELECT 1 FROM participants WHERE enrollment_id = $1`, [enrollmentId])).rowCount ? true : null), 30000, 'the participant');
}
