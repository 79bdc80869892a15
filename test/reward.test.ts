/**
 * The reward subgraph through the real gateway, fed by campaign's and evaluation's events over the real broker:
 * the catalogue and base salary, council review, eligibility and quota rules enforced at decision time (granted and
 * refused), amounts from the dated base salary, ad-hoc rewards, initiatives paid from benefit value, employer rewards
 * under a collective agreement, the flow from ResultsPublished to RewardGranted, the public register, fairness
 * figures on a data set whose answers are worked out below, the events reward publishes, and who may do what.
 */
import { Client } from 'pg';
import { databaseUrl, eventsTopic, type Role } from '@thidua/common';
import { issueTestToken } from './support/tokens';
import { Api } from './support/api';
import { eventually, graphql } from './support/graphql';
import { readTopic, testKafka, type ReadMessage } from './support/kafka';
import { startTestPlatform, type TestPlatform } from './support/platform';

let platform: TestPlatform;
let api: Api;
let rewardDb: Client;
let evaluationDb: Client;
const run = Date.now().toString(36);
const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();

/** A day `n` days before today (Vietnam time), so every date below is in the past whenever the suite runs. */
function daysAgo(n: number): string {
  return new Date(Date.now() + 7 * 3_600_000 - n * 86_400_000).toISOString().slice(0, 10);
}
const today = daysAgo(0);

type Unit = { id: string; path: string };
const units: Record<string, Unit> = {};
const members: Record<string, string> = {};
const tokens: Record<string, string> = {};
let hoaCstdcsNomination: string;
let agreementId: string;

const token = (roles: Role[], unitKey: string | null, sub: string, memberId: string | null = null) =>
  issueTestToken({ sub, name: sub, roles, unitPath: unitKey ? units[unitKey]!.path : null, memberId });

async function unit(key: string, input: Record<string, unknown>): Promise<void> {
  units[key] = await api.createUnit({ code: `${key}-${run}`, ...input }, tokens.admin);
}

async function member(key: string, unitKey: string, fullName: string, direct: boolean, leader: boolean): Promise<void> {
  const input = { unitId: units[unitKey]!.id, fullName, occupationCode: direct ? 'CN_DET_MAY' : 'CONG_CHUC', isDirectProductionWorker: direct, holdsLeadershipPost: leader };
  members[key] = (await api.ok(`mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }`, { input }, tokens.admin)).createMember.id;
}

const NOMINATE = `mutation($input: NominateInput!) { nominate(input: $input) { id status source awardYear form { code } } }`;
const REVIEW = `mutation($id: ID!, $vote: CouncilVote, $comment: String) { reviewNomination(id: $id, vote: $vote, comment: $comment) { status votesFor votesAgainst reviews { vote comment } } }`;
const GRANT = `mutation($id: ID!, $input: GrantRewardInput!) {
  grantReward(nominationId: $id, input: $input) { id number decidedOn formCode formName adHoc subjectName unitName amountVnd baseSalaryVnd daysToDecision awardYear }
}`;

interface NominationSpec {
  memberKey?: string;
  unitKey?: string;
  granting: string;
  formCode?: string;
  source?: 'OFFICER' | 'AD_HOC';
  taskRating?: string;
  achievedOn: string;
  awardYear?: number;
  reason?: string;
}

async function nominate(spec: NominationSpec, by = tokens.officerHn): Promise<string> {
  const input = {
    source: spec.source ?? 'OFFICER',
    memberId: spec.memberKey ? members[spec.memberKey] : null,
    unitId: spec.unitKey ? units[spec.unitKey]!.id : null,
    grantingUnitId: units[spec.granting]!.id,
    formCode: spec.formCode ?? null,
    taskRating: spec.taskRating ?? null,
    achievedOn: spec.achievedOn,
    awardYear: spec.awardYear ?? null,
    reason: spec.reason ?? 'Hoàn thành vượt mức chỉ tiêu năng suất của tổ sản xuất',
  };
  return (await api.ok(NOMINATE, { input }, by)).nominate.id;
}

async function approve(nominationId: string): Promise<void> {
  await api.ok(REVIEW, { id: nominationId, vote: 'FOR' }, tokens.councilHn);
}

async function grant(nominationId: string, decidedOn: string, extra: Record<string, unknown> = {}, by = tokens.councilHn) {
  return (await api.ok(GRANT, { id: nominationId, input: { signerRole: 'Chủ tịch Liên đoàn Lao động thành phố', decidedOn, ...extra } }, by)).grantReward;
}

async function refusedGrant(nominationId: string, decidedOn: string, extra: Record<string, unknown> = {}, by = tokens.councilHn) {
  const result = await graphql(platform.gatewayUrl, GRANT, { id: nominationId, input: { signerRole: 'Chủ tịch Liên đoàn Lao động thành phố', decidedOn, ...extra } }, by);
  const error = result.errors?.[0];
  if (!error) throw new Error(`Expected a refusal, got ${JSON.stringify(result.data)}`);
  return { message: error.message, ...(error.extensions as { code: string; rule?: string; source?: string }) };
}

/** Catalogue forms as they were before a test edited them: put back after the suite, since later suites share the databases. */
const editedForms = new Map<string, Record<string, unknown>>();
const FORM_INPUT_FIELDS = 'code name kind subjects grantingLevels individualMultiplier collectiveMultiplier precedence eligibility collectiveEligibility quota source verified active';

async function formForEditing(code: string): Promise<Record<string, unknown>> {
  const { rewardForm } = await api.ok(`query($code: ID!) { rewardForm(code: $code) { ${FORM_INPUT_FIELDS} } }`, { code });
  if (!editedForms.has(code)) editedForms.set(code, rewardForm);
  return rewardForm;
}

async function restoreEditedForms(): Promise<void> {
  for (const form of editedForms.values()) {
    await api.ok(`mutation($input: RewardFormInput!) { saveRewardForm(input: $input, note: "Khôi phục sau kiểm thử") { version } }`, { input: form }, tokens.admin);
  }
}

const rewardEvents = (enough: (messages: ReadMessage[]) => boolean) =>
  readTopic(testKafka('reward-events'), eventsTopic('reward', process.env.KAFKA_TOPIC_PREFIX ?? ''), enough);
const payloadsOf = (messages: ReadMessage[], type: string) =>
  messages.filter((m) => m.headers['event-type'] === type).map((m) => JSON.parse(m.value!).payload as Record<string, any>);

beforeAll(async () => {
  platform = await startTestPlatform();
  api = new Api(platform.gatewayUrl);
  tokens.admin = await platform.token(['NATIONAL_ADMIN'], null);
  rewardDb = new Client({ connectionString: databaseUrl('reward') });
  evaluationDb = new Client({ connectionString: databaseUrl('evaluation') });
  await Promise.all([rewardDb.connect(), evaluationDb.connect()]);

  await unit('vn', { name: 'Tổng Liên đoàn Lao động Việt Nam', level: 'NATIONAL' });
  await unit('hn', { parentId: units.vn!.id, name: 'Liên đoàn Lao động thành phố Hà Nội', level: 'PROVINCIAL', provinceCode: 'HN' });
  await unit('kh', { parentId: units.vn!.id, name: 'Liên đoàn Lao động tỉnh Khánh Hòa', level: 'PROVINCIAL', provinceCode: 'KH' });
  await unit('may', { parentId: units.hn!.id, name: 'Công đoàn Công ty May Thăng Long', level: 'GRASSROOTS', organisationType: 'STATE_OWNED_ENTERPRISE' });
  await unit('so', { parentId: units.hn!.id, name: 'Công đoàn Sở Công Thương Hà Nội', level: 'GRASSROOTS', organisationType: 'ADMINISTRATIVE_AGENCY' });
  await member('hoa', 'may', 'Nguyễn Thị Hoa', true, false);
  await member('lan', 'may', 'Trần Thị Lan', true, false);
  await member('tuan', 'may', 'Lê Văn Tuấn', true, false);
  await member('minh', 'may', 'Phạm Quang Minh', false, true);
  await member('binh', 'so', 'Đỗ Thanh Bình', false, false);

  tokens.officerHn = await token(['UNIT_OFFICER'], 'hn', 'officer-hn');
  tokens.officerKh = await token(['UNIT_OFFICER'], 'kh', 'officer-kh');
  tokens.councilHn = await token(['COUNCIL_MEMBER'], 'hn', 'council-hn-1');
  tokens.councilHn2 = await token(['COUNCIL_MEMBER'], 'hn', 'council-hn-2');
  tokens.councilMay = await token(['COUNCIL_MEMBER'], 'may', 'council-may');
  tokens.employer = await token(['EMPLOYER'], 'may', 'employer-may');
  tokens.hoa = await token(['MEMBER'], 'may', 'member-hoa', members.hoa!);

  await eventually(async () => {
    const { rows } = await rewardDb.query(`SELECT count(*)::int AS n FROM member_refs WHERE id = ANY($1::uuid[])`, [Object.values(members)]);
    return rows[0].n === 5 ? true : null;
  }, 30000, 'members in reward’s read model');
});

afterAll(async () => {
  if (api) await restoreEditedForms();
  await Promise.all([rewardDb?.end(), evaluationDb?.end()]);
  await platform?.stop();
});

describe('catalogue and base salary', () => {
  const FORMS = `query($date: Date) { rewardForms { code name kind individualMultiplier collectiveMultiplier source verified amountOn(date: $date) { baseSalaryVnd individualVnd collectiveVnd } } }`;

  it('is public, cites its sources and pays by the base salary in force on the day', async () => {
    const before = (await api.ok(FORMS, { date: '2024-06-30' })).rewardForms;
    const after = (await api.ok(FORMS, { date: '2024-07-01' })).rewardForms;
    const ldtt = (forms: any[]) => forms.find((f) => f.code === 'LDTT');
    expect(ldtt(before)).toMatchObject({ name: 'Lao động tiên tiến', kind: 'EMULATION_TITLE', individualMultiplier: 0.3, verified: true, amountOn: { baseSalaryVnd: 1_800_000, individualVnd: 540_000 } });
    expect(ldtt(before).source).toContain('06/2022/QH15');
    expect(ldtt(after).amountOn).toEqual({ baseSalaryVnd: 2_340_000, individualVnd: 710_000, collectiveVnd: null });
    expect(after.find((f: any) => f.code === 'BK_TINH')).toMatchObject({ verified: false, amountOn: { individualVnd: 3_510_000, collectiveVnd: 7_020_000 } });
    expect(after.map((f: any) => f.code)).toEqual(expect.arrayContaining(['CSTDCS', 'CSTD_TINH', 'CSTD_TQ', 'TTLDTT', 'TTLDXS', 'CO_TINH', 'CO_CP', 'GIAY_KHEN', 'BK_TTG', 'HCLD1', 'LAO_DONG_SANG_TAO', 'GIAI_NGUYEN_DUC_CANH']));
  });

  it('lets national admins record a base salary rise; amounts on later days follow it', async () => {
    const SET = `mutation($input: BaseSalaryInput!) { setBaseSalary(input: $input) { effectiveFrom amountVnd roundingStepVnd verified } }`;
    const input = { effectiveFrom: '2090-07-01', amountVnd: 2_530_000, source: 'Mức tăng được báo chí đưa tin, chưa có nghị định', verified: false };
    expect((await api.refused(SET, { input }, tokens.officerHn)).code).toBe('FORBIDDEN');
    expect((await api.refused(SET, { input: { ...input, amountVnd: -1 } }, tokens.admin)).problems.map((p) => p.field)).toEqual(['amountVnd']);
    expect((await api.ok(SET, { input }, tokens.admin)).setBaseSalary).toEqual({ effectiveFrom: '2090-07-01', amountVnd: 2_530_000, roundingStepVnd: 10_000, verified: false });
    const cstdcs = (await api.ok(`{ rewardForm(code: "CSTDCS") { amountOn(date: "2090-07-02") { individualVnd } } }`)).rewardForm;
    expect(cstdcs.amountOn.individualVnd).toBe(2_530_000);
    expect((await api.ok(`{ baseSalaries { effectiveFrom } }`)).baseSalaries[0].effectiveFrom).toBe('2090-07-01');
  });

  it('lets national admins edit a form, refusing rules it cannot read and keeping every version', async () => {
    const SAVE = `mutation($input: RewardFormInput!, $note: String!) { saveRewardForm(input: $input, note: $note) { code version quota history { version note } } }`;
    const rewardForm = await formForEditing('GIAY_KHEN');
    const bad = await api.refused(SAVE, { input: { ...rewardForm, eligibility: [{ kind: 'TITLE_IN_YEAR' }] }, note: 'Thử quy tắc sai' }, tokens.admin);
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('eligibility.0.formCode must be a form code') });
    expect((await api.refused(SAVE, { input: rewardForm, note: 'Không được' }, tokens.officerHn)).code).toBe('FORBIDDEN');
    // one Giấy khen per granting unit and year: the quota test below relies on it
    const saved = (await api.ok(SAVE, { input: { ...rewardForm, quota: { kind: 'ABSOLUTE', max: 1, source: 'Quy chế khen thưởng của đơn vị (thử nghiệm)' } }, note: 'Giới hạn 1 giấy khen/năm' }, tokens.admin)).saveRewardForm;
    expect(saved).toMatchObject({ version: 2, quota: { kind: 'ABSOLUTE', max: 1 } });
    expect(saved.history.map((h: any) => h.version)).toEqual([2, 1]);
  });
});

describe('ad-hoc rewards (khen thưởng đột xuất)', () => {
  it('take the short path, at the subject’s own unit, and pay by the base salary on the decision date', async () => {
    const fire = await nominate({ memberKey: 'hoa', granting: 'may', formCode: 'GIAY_KHEN', source: 'AD_HOC', achievedOn: '2024-06-20', reason: 'Dũng cảm cứu đồng nghiệp khỏi đám cháy tại xưởng may' });
    const decided = await grant(fire, '2024-06-28', {}, tokens.councilMay);
    expect(decided).toMatchObject({ formCode: 'GIAY_KHEN', adHoc: true, subjectName: 'Nguyễn Thị Hoa', unitName: 'Công đoàn Công ty May Thăng Long', amountVnd: 540_000, baseSalaryVnd: 1_800_000, daysToDecision: 8, awardYear: 2024 });
    expect(decided.number).toBe(`1/2024/QĐ-KT-MAY-${run.toUpperCase()}`);
    const flood = await nominate({ memberKey: 'lan', granting: 'may', formCode: 'GIAY_KHEN', source: 'AD_HOC', achievedOn: '2025-09-08', reason: 'Giúp đồng nghiệp vùng lũ khắc phục hậu quả bão Yagi' });
    expect(await grant(flood, '2025-09-10', {}, tokens.councilMay)).toMatchObject({ amountVnd: 710_000, baseSalaryVnd: 2_340_000, number: `1/2025/QĐ-KT-MAY-${run.toUpperCase()}` });
  });

  it('cannot be an emulation title, and the nomination must go to a unit above the subject', async () => {
    const title = await api.refused(NOMINATE, { input: { source: 'AD_HOC', memberId: members.hoa, grantingUnitId: units.may!.id, formCode: 'LDTT', achievedOn: daysAgo(3), reason: 'Thành tích đột xuất trong tháng' } }, tokens.officerHn);
    expect(title).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('emulation title') });
    const sideways = await api.refused(NOMINATE, { input: { source: 'AD_HOC', memberId: members.hoa, grantingUnitId: units.so!.id, achievedOn: daysAgo(3), reason: 'Thành tích đột xuất trong tháng' } }, tokens.officerHn);
    expect(sideways.problems.map((p) => p.field)).toEqual(['grantingUnitId']);
  });
});

describe('council review, eligibility and quotas at decision time', () => {
  const achieved = daysAgo(60);
  let hoaTitle: string;

  it('needs the council’s approval, counting each member’s latest vote', async () => {
    hoaTitle = await nominate({ memberKey: 'hoa', granting: 'hn', formCode: 'LDTT', achievedOn: achieved, awardYear: year });
    expect(await refusedGrant(hoaTitle, daysAgo(50))).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('0 for, 0 against') });
    await approve(hoaTitle);
    expect((await api.ok(REVIEW, { id: hoaTitle, vote: 'AGAINST', comment: 'Chưa đủ minh chứng' }, tokens.councilHn2)).reviewNomination).toMatchObject({ status: 'IN_COUNCIL', votesFor: 1, votesAgainst: 1 });
    expect(await refusedGrant(hoaTitle, daysAgo(50))).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('1 for, 1 against') });
    expect((await api.ok(REVIEW, { id: hoaTitle, vote: 'FOR', comment: 'Đã bổ sung minh chứng' }, tokens.councilHn2)).reviewNomination.votesFor).toBe(2);
  });

  it('refuses a title whose rule is unmet, naming the rule and its source, then grants once the dossier meets it', async () => {
    const unrated = await refusedGrant(hoaTitle, daysAgo(50));
    expect(unrated).toMatchObject({ code: 'CONFLICT', rule: 'TASK_RATING', source: expect.stringContaining('Điều 24') });
    expect(unrated.message).toContain('Lao động tiên tiến cannot be granted to Nguyễn Thị Hoa');
    const decided = await grant(hoaTitle, daysAgo(50), { taskRating: 'GOOD' });
    expect(decided).toMatchObject({ formName: 'Lao động tiên tiến', amountVnd: 710_000, daysToDecision: 10, awardYear: year, adHoc: false });
    expect(decided.number).toMatch(new RegExp(`^\\d+/${daysAgo(50).slice(0, 4)}/QĐ-KT-HN-`));
    expect(await refusedGrant(hoaTitle, daysAgo(50))).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already granted') });
  });

  it('keeps councils to their own level and officers to their subtree', async () => {
    const nomination = await nominate({ memberKey: 'lan', granting: 'hn', formCode: 'LDTT', taskRating: 'GOOD', achievedOn: achieved, awardYear: year });
    expect((await api.refused(REVIEW, { id: nomination, vote: 'FOR' }, tokens.councilMay)).code).toBe('NOT_FOUND');
    expect((await api.refused(REVIEW, { id: nomination, vote: 'FOR' }, tokens.officerHn)).code).toBe('FORBIDDEN');
    expect((await api.refused(NOMINATE, { input: { source: 'OFFICER', memberId: members.lan, grantingUnitId: units.hn!.id, achievedOn: achieved, reason: 'Đề nghị từ tỉnh khác' } }, tokens.officerKh)).code).toBe('FORBIDDEN');
    expect((await api.refused(`{ nominations { edges { node { id } } } }`, {}, tokens.hoa)).code).toBe('FORBIDDEN');
    const visibleToKh = (await api.ok(`{ nominations(first: 100) { edges { node { id } } } }`, {}, tokens.officerKh)).nominations.edges;
    expect(visibleToKh).toEqual([]);
    await approve(nomination);
    expect(await grant(nomination, daysAgo(45))).toMatchObject({ daysToDecision: 15 });
  });

  it('grants Chiến sĩ thi đua cơ sở only on LĐTT of the year and excellence or a recognised initiative', async () => {
    const tuanTitle = await nominate({ memberKey: 'tuan', granting: 'hn', formCode: 'LDTT', taskRating: 'GOOD', achievedOn: achieved, awardYear: year });
    await approve(tuanTitle);
    expect(await grant(tuanTitle, daysAgo(40))).toMatchObject({ daysToDecision: 20 });

    const binhCstdcs = await nominate({ memberKey: 'binh', granting: 'hn', formCode: 'CSTDCS', taskRating: 'EXCELLENT', achievedOn: achieved, awardYear: year });
    await approve(binhCstdcs);
    expect(await refusedGrant(binhCstdcs, daysAgo(30))).toMatchObject({ rule: 'TITLE_IN_YEAR', message: expect.stringContaining(`needs Lao động tiên tiến for ${year} first`) });

    const hoaCstdcs = await nominate({ memberKey: 'hoa', granting: 'hn', formCode: 'CSTDCS', taskRating: 'GOOD', achievedOn: achieved, awardYear: year });
    await approve(hoaCstdcs);
    expect(await refusedGrant(hoaCstdcs, daysAgo(30))).toMatchObject({ rule: 'ANY_OF', message: expect.stringContaining('recognised initiative') });
    hoaCstdcsNomination = hoaCstdcs;
  });
});

describe('collective agreements and employer rewards', () => {
  const AGREEMENT = `mutation($input: CollectiveAgreementInput!) { registerCollectiveAgreement(input: $input) { id employerName initiativeRate clauses { code period amountVnd maxRecipientsPerPeriod } } }`;
  const RECORD = `mutation($input: EmployerRewardInput!) { recordEmployerRewards(input: $input) { subjectName amountVnd periodStart periodEnd member { id } } }`;
  const monthStart = `${today.slice(0, 7)}-01`;
  const agreementInput = () => ({
    unitId: units.may!.id,
    employerName: 'Công ty TNHH May Thăng Long',
    signedOn: daysAgo(400),
    validFrom: daysAgo(365),
    validUntil: `${year + 2}-12-31`,
    initiativeRate: 0.1,
    clauses: [{ code: 'D5.1', period: 'MONTHLY', criterion: 'Năng suất vượt 120% định mức trong tháng, không có sản phẩm lỗi', amountVnd: 500_000, maxRecipientsPerPeriod: 2 }],
  });

  it('are registered by the enterprise’s employer or officers over it, with their reward clauses', async () => {
    expect((await api.refused(AGREEMENT, { input: agreementInput() }, tokens.officerKh)).code).toBe('FORBIDDEN');
    const invalid = await api.refused(AGREEMENT, { input: { ...agreementInput(), initiativeRate: 7, clauses: [{ ...agreementInput().clauses[0], amountVnd: 0 }] } }, tokens.employer);
    expect(invalid.problems.map((p) => p.field)).toEqual(['initiativeRate', 'clauses.0.amountVnd']);
    const agreement = (await api.ok(AGREEMENT, { input: agreementInput() }, tokens.employer)).registerCollectiveAgreement;
    expect(agreement).toMatchObject({ initiativeRate: 0.1, clauses: [{ code: 'D5.1', period: 'MONTHLY', amountVnd: 500_000, maxRecipientsPerPeriod: 2 }] });
    agreementId = agreement.id;
  });

  it('apply a clause: its amount, its period boundaries, its members and its limit per period', async () => {
    const input = { agreementId, clauseCode: 'D5.1', periodStart: monthStart, memberIds: [members.hoa, members.lan], reason: 'Năng suất tháng vượt 125%' };
    const misaligned = await api.refused(RECORD, { input: { ...input, periodStart: daysAgo(0) === monthStart ? daysAgo(1) : today } }, tokens.employer);
    expect(misaligned).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('monthly') });
    expect((await api.refused(RECORD, { input: { ...input, memberIds: [members.binh] } }, tokens.employer)).code).toBe('BAD_USER_INPUT');
    expect((await api.refused(RECORD, { input: { ...input, clauseCode: 'X9' } }, tokens.employer)).message).toContain('its clauses are D5.1');
    const recorded = (await api.ok(RECORD, { input }, tokens.employer)).recordEmployerRewards;
    expect(recorded).toHaveLength(2);
    expect(recorded[0]).toMatchObject({ subjectName: 'Nguyễn Thị Hoa', amountVnd: 500_000, periodStart: monthStart });
    expect(recorded[0].periodEnd.slice(0, 7)).toBe(monthStart.slice(0, 7));
    expect(await api.refused(RECORD, { input: { ...input, memberIds: [members.tuan] } }, tokens.employer)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('at most 2 people per period') });
    const listed = (await api.ok(`query($id: ID!) { employerRewards(agreementId: $id) { edges { node { subjectName } } } }`, { id: agreementId }, tokens.officerHn)).employerRewards;
    expect(listed.edges).toHaveLength(2);
    expect((await api.refused(`query($id: ID!) { employerRewards(agreementId: $id) { edges { node { subjectName } } } }`, { id: agreementId }, tokens.officerKh)).code).toBe('NOT_FOUND');
  });
});

describe('initiatives (sáng kiến)', () => {
  const REGISTER = `mutation($input: RegisterInitiativeInput!) { registerInitiative(input: $input) { id status authorName } }`;
  const ASSESS = `mutation($id: ID!, $input: AssessInitiativeInput!) {
    assessInitiative(id: $id, input: $input) { status benefitValueVnd rate rateSource rewardVnd recognisedYear reach }
  }`;
  let initiativeId: string;

  it('are registered by their author and assessed by officers over them, with the benefit value worked out', async () => {
    initiativeId = (await api.ok(REGISTER, { input: { title: 'Cữ gá may túi tự động', description: 'Cữ gá giúp may túi áo nhanh gấp đôi, giảm lỗi đường may' } }, tokens.hoa)).registerInitiative.id;
    expect((await api.refused(REGISTER, { input: { title: 'Sáng kiến hộ', description: 'Đăng ký thay cho người khác ở đơn vị khác', memberId: members.binh } }, tokens.hoa)).code).toBe('FORBIDDEN');
    const input = { recognised: true, reach: 'UNIT', firstYearSavingsVnd: 150_000_000, firstYearEarningsVnd: 0, applicationCostVnd: 30_000_000, calculation: 'Tiết kiệm 12,5 triệu đồng/tháng × 12 tháng, trừ 30 triệu chi phí chế tạo cữ gá' };
    expect((await api.refused(ASSESS, { id: initiativeId, input }, tokens.officerKh)).code).toBe('NOT_FOUND');
    expect((await api.refused(ASSESS, { id: initiativeId, input }, tokens.hoa)).code).toBe('FORBIDDEN');
    expect((await api.refused(ASSESS, { id: initiativeId, input: { ...input, calculation: null, applicationCostVnd: -5 } }, tokens.officerHn)).problems.map((p) => p.field)).toEqual([
      'applicationCostVnd',
      'calculation',
    ]);
    // 150,000,000 − 30,000,000 = 120,000,000 benefit; the agreement's 10% beats the legal 7%
    const assessed = (await api.ok(ASSESS, { id: initiativeId, input }, tokens.officerHn)).assessInitiative;
    expect(assessed).toMatchObject({ status: 'RECOGNISED', benefitValueVnd: 120_000_000, rate: 0.1, rewardVnd: 12_000_000, recognisedYear: year, reach: 'UNIT' });
    expect(assessed.rateSource).toContain('Công ty TNHH May Thăng Long');
    expect((await api.refused(ASSESS, { id: initiativeId, input }, tokens.officerHn)).code).toBe('CONFLICT');
  });

  it('pay by the legal 7% where no agreement sets a rate', async () => {
    const binh = await token(['MEMBER'], 'so', 'member-binh', members.binh!);
    const id = (await api.ok(REGISTER, { input: { title: 'Số hoá hồ sơ một cửa', description: 'Quy trình số hoá hồ sơ giúp rút ngắn thời gian xử lý' } }, binh)).registerInitiative.id;
    const assessed = (await api.ok(ASSESS, { id, input: { recognised: true, reach: 'PROVINCE', firstYearSavingsVnd: 50_000_000, firstYearEarningsVnd: 10_000_000, applicationCostVnd: 20_000_000, calculation: 'Tiết kiệm giấy tờ và công: 50 triệu + phí dịch vụ 10 triệu − 20 triệu phần mềm' } }, tokens.officerHn)).assessInitiative;
    expect(assessed).toMatchObject({ benefitValueVnd: 40_000_000, rate: 0.07, rewardVnd: 2_800_000 });
    expect((await api.ok(`{ initiatives(first: 10) { edges { node { title } } } }`, {}, binh)).initiatives.edges.map((e: any) => e.node.title)).toEqual(['Số hoá hồ sơ một cửa']);
  });

  it('qualify their author for Chiến sĩ thi đua cơ sở', async () => {
    expect(await grant(hoaCstdcsNomination, daysAgo(30))).toMatchObject({ formCode: 'CSTDCS', amountVnd: 2_340_000, daysToDecision: 30 });
  });
});

describe('quotas and collective titles', () => {
  const achieved = daysAgo(60);

  it('enforces a share of another title per granting unit and year', async () => {
    const SAVE = `mutation($input: RewardFormInput!, $note: String!) { saveRewardForm(input: $input, note: $note) { version } }`;
    const rewardForm = await formForEditing('CSTDCS');
    await api.ok(SAVE, { input: { ...rewardForm, quota: { kind: 'SHARE_OF_FORM', formCode: 'LDTT', share: 0.5 } }, note: 'Không quá 50% số LĐTT' }, tokens.admin);
    // Hà Nội granted LĐTT to Hoa, Lan and Tuấn this year: floor(0.5 × 3) = 1 CSTDCS, already Hoa's
    const lan = await nominate({ memberKey: 'lan', granting: 'hn', formCode: 'CSTDCS', taskRating: 'EXCELLENT', achievedOn: achieved, awardYear: year });
    await approve(lan);
    expect(await refusedGrant(lan, daysAgo(20))).toMatchObject({ code: 'CONFLICT', rule: 'SHARE_OF_FORM', message: expect.stringContaining('1 of 1 granted (50% of Lao động tiên tiến granted (3))') });
  });

  it('enforces an absolute quota, ad hoc included', async () => {
    const first = await nominate({ memberKey: 'tuan', granting: 'may', formCode: 'GIAY_KHEN', source: 'AD_HOC', achievedOn: daysAgo(5), awardYear: year, reason: 'Phát hiện và xử lý kịp thời sự cố rò rỉ hơi nóng' });
    expect(await grant(first, daysAgo(3), {}, tokens.councilMay)).toMatchObject({ daysToDecision: 2, adHoc: true });
    const second = await nominate({ memberKey: 'lan', granting: 'may', formCode: 'GIAY_KHEN', source: 'AD_HOC', achievedOn: daysAgo(5), awardYear: year, reason: 'Hỗ trợ đồng nghiệp trong ca đêm' });
    expect(await refusedGrant(second, daysAgo(3), {}, tokens.councilMay)).toMatchObject({ code: 'CONFLICT', rule: 'ABSOLUTE' });
  });

  it('grants a collective title only when enough of its members hold the title', async () => {
    // Công ty May has 4 members: Hoa, Lan, Tuấn (LĐTT) and Minh; more than 50% needed
    const collective = await nominate({ unitKey: 'may', granting: 'hn', formCode: 'TTLDTT', taskRating: 'GOOD', achievedOn: achieved, awardYear: year });
    await approve(collective);
    const so = await nominate({ unitKey: 'so', granting: 'hn', formCode: 'TTLDTT', taskRating: 'GOOD', achievedOn: achieved, awardYear: year });
    await approve(so);
    expect(await refusedGrant(so, daysAgo(20))).toMatchObject({ rule: 'MEMBERS_WITH_TITLE', message: expect.stringContaining('more than 50% of members with Lao động tiên tiến (0 of 1)') });
    expect(await grant(collective, daysAgo(20))).toMatchObject({ formCode: 'TTLDTT', subjectName: 'Công đoàn Công ty May Thăng Long', amountVnd: 1_880_000, daysToDecision: 40 });
    const minh = await nominate({ memberKey: 'minh', granting: 'hn', formCode: 'BK_TINH', achievedOn: achieved, awardYear: year, reason: 'Chỉ đạo chuyển đổi số dây chuyền may' });
    await approve(minh);
    expect(await grant(minh, daysAgo(49))).toMatchObject({ amountVnd: 3_510_000, daysToDecision: 11 });
  });
});

describe('from published results to a reward decision', () => {
  let campaignId: string;

  it('nominates the best results within the campaign’s plan, before the launching unit’s council', async () => {
    const created = (await api.ok(`mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id targets { id } } }`, {
      input: {
        launchingUnitId: units.hn!.id, title: `Thi đua sáng kiến Thủ đô ${run}`, goal: 'Mỗi đoàn viên một sáng kiến', category: 'FOR_WORKERS',
        startsOn: `${year}-01-01`, endsOn: `${year + 1}-12-31`,
        targets: [{ name: 'Sáng kiến', unitOfMeasure: 'sáng kiến', targetValue: 10, direction: 'HIGHER_IS_BETTER', aggregation: 'SUM', weight: 100 }],
      },
    }, tokens.officerHn)).createCampaign;
    campaignId = created.id;
    const targetId = created.targets[0].id;
    await api.ok(`mutation($id: ID!) { launchCampaign(id: $id) { id } }`, { id: campaignId }, tokens.officerHn);
    const enrollments: Record<string, string> = {};
    for (const key of ['hoa', 'lan', 'binh']) {
      enrollments[key] = (await api.ok(`mutation($input: EnrollMemberInput!) { enrollMember(input: $input) { id } }`, { input: { campaignId, memberId: members[key] } }, tokens.officerHn)).enrollMember.id;
    }
    await eventually(async () => {
      const ready = await api.ok(`query($id: ID!) { campaign(id: $id) { nominationsOpen rewardPlan { form { code } explicit } } }`, { id: campaignId });
      return ready.campaign.nominationsOpen ? ready : null;
    }, 30000, 'campaign known to reward').then((ready) => expect(ready.campaign.rewardPlan).toEqual({ form: { code: 'BK_TINH' }, explicit: false }));
    const PLAN = `mutation($id: ID!, $input: CampaignRewardPlanInput!) { setCampaignRewardPlan(campaignId: $id, input: $input) { topN explicit form { code } } }`;
    expect((await api.refused(PLAN, { id: campaignId, input: { formCode: 'BK_TINH', topN: 2 } }, tokens.officerKh)).code).toBe('FORBIDDEN');
    expect((await api.refused(PLAN, { id: campaignId, input: { formCode: 'GIAY_KHEN', topN: 2 } }, tokens.officerHn)).message).toContain('not by a PROVINCIAL unit');
    expect((await api.ok(PLAN, { id: campaignId, input: { formCode: 'BK_TINH', topN: 2 } }, tokens.officerHn)).setCampaignRewardPlan).toEqual({ topN: 2, explicit: true, form: { code: 'BK_TINH' } });

    await eventually(async () => {
      const { rows } = await evaluationDb.query(`SELECT count(*)::int AS n FROM participants WHERE campaign_id = $1`, [campaignId]);
      return rows[0].n === 3 ? true : null;
    }, 30000, 'participants in evaluation');
    const set = (await api.ok(`mutation($input: CriteriaSetInput!) { createCriteriaSet(input: $input) { id } }`, {
      input: { campaignId, variant: 'GENERAL', criteria: [{ name: 'Số sáng kiến được công nhận', method: 'LINEAR', weight: 100, unitOfMeasure: 'sáng kiến', targetValue: 10, targetId }] },
    }, tokens.officerHn)).createCriteriaSet;
    await api.ok(`mutation($id: ID!) { publishCriteriaSet(id: $id) { id } }`, { id: set.id }, tokens.officerHn);
    for (const [key, value] of [['hoa', 10], ['lan', 6], ['binh', 3]] as const) {
      await api.ok(`mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`, { input: { enrollmentId: enrollments[key], targetId, periodStart: `${year}-01-01`, value } }, tokens.officerHn);
    }
    await eventually(async () => {
      const scores = await Promise.all(Object.values(enrollments).map(async (id) => (await api.ok(`query($id: ID!) { participantScore(enrollmentId: $id) { total } }`, { id }, tokens.officerHn)).participantScore.total));
      return scores.every((s) => s > 0) ? true : null;
    }, 30000, 'scores from progress');
    await api.ok(`mutation($c: ID!) { publishResults(campaignId: $c) { publicationVersion } }`, { c: campaignId }, tokens.officerHn);

    const fromResults = await eventually(async () => {
      const page = (await api.ok(`{ nominations(source: RESULTS, first: 100) { edges { node { subjectName resultRank form { code } campaign { id } grantingUnit { id } achievedOn id } } } }`, {}, tokens.councilHn)).nominations;
      const mine = page.edges.map((e: any) => e.node).filter((n: any) => n.campaign?.id === campaignId);
      return mine.length === 2 ? mine : null;
    }, 30000, 'nominations from ResultsPublished');
    expect(fromResults.map((n: any) => [n.subjectName, n.resultRank, n.form.code, n.grantingUnit.id]).sort()).toEqual([
      ['Nguyễn Thị Hoa', 1, 'BK_TINH', units.hn!.id],
      ['Trần Thị Lan', 2, 'BK_TINH', units.hn!.id],
    ]);
    const hoa = fromResults.find((n: any) => n.subjectName === 'Nguyễn Thị Hoa');
    expect(hoa.achievedOn).toBe(today);
    await approve(hoa.id);
    expect(await grant(hoa.id, today)).toMatchObject({ formCode: 'BK_TINH', amountVnd: 3_510_000, daysToDecision: 0 });

    const campaign = (await api.ok(`query($id: ID!) { campaign(id: $id) { title rewards { edges { node { subjectName formName amountVnd campaign { title } } } } } }`, { id: campaignId })).campaign;
    expect(campaign.rewards.edges.map((e: any) => e.node)).toEqual([{ subjectName: 'Nguyễn Thị Hoa', formName: expect.stringContaining('Bằng khen'), amountVnd: 3_510_000, campaign: { title: campaign.title } }]);
  });

  it('publishes NominationCreated, RewardGranted and InitiativeRewarded, valid against their schemas', async () => {
    // events of different aggregates sit on different partitions: wait for all of them, in any order
    const fromResults = (all: ReadMessage[]) => payloadsOf(all, 'NominationCreated').filter((p) => p.source === 'RESULTS' && p.campaignId === campaignId);
    const messages = await rewardEvents(
      (all) => payloadsOf(all, 'RewardGranted').some((p) => p.campaignId === campaignId) && payloadsOf(all, 'InitiativeRewarded').length >= 2 && fromResults(all).length >= 2,
    );
    const granted = payloadsOf(messages, 'RewardGranted').find((p) => p.campaignId === campaignId)!;
    expect(granted).toMatchObject({ formCode: 'BK_TINH', amountVnd: 3_510_000, adHoc: false, subject: { memberId: members.hoa, name: 'Nguyễn Thị Hoa', isDirectProductionWorker: true } });
    expect(fromResults(messages).map((p) => p.subject.name).sort()).toEqual(['Nguyễn Thị Hoa', 'Trần Thị Lan']);
    expect(payloadsOf(messages, 'InitiativeRewarded').find((p) => p.subject.memberId === members.hoa)).toMatchObject({ benefitValueVnd: 120_000_000, rate: 0.1, rewardVnd: 12_000_000 });
  });
});

describe('refusals', () => {
  it('need a reason, and tell the others through RewardRefused', async () => {
    const nomination = await nominate({ memberKey: 'binh', granting: 'hn', formCode: 'BK_TINH', achievedOn: daysAgo(10), awardYear: year });
    const REFUSE = `mutation($id: ID!, $reason: String!) { refuseNomination(nominationId: $id, reason: $reason) { status refusalReason } }`;
    expect((await api.refused(REFUSE, { id: nomination, reason: 'Không' }, tokens.councilHn)).problems.map((p) => p.field)).toEqual(['reason']);
    expect((await api.refused(REFUSE, { id: nomination, reason: 'Thành tích chưa tiêu biểu' }, tokens.officerHn)).code).toBe('FORBIDDEN');
    const refused = (await api.ok(REFUSE, { id: nomination, reason: 'Thành tích chưa nổi bật so với khối thi đua' }, tokens.councilHn)).refuseNomination;
    expect(refused).toEqual({ status: 'REFUSED', refusalReason: 'Thành tích chưa nổi bật so với khối thi đua' });
    const messages = await rewardEvents((all) => payloadsOf(all, 'RewardRefused').some((p) => p.nominationId === nomination));
    expect(payloadsOf(messages, 'RewardRefused').find((p) => p.nominationId === nomination)).toMatchObject({ formCode: 'BK_TINH', grantingUnitPath: units.hn!.path, subject: { name: 'Đỗ Thanh Bình' } });
  });
});

describe('the public register', () => {
  const REGISTER = `query($filter: RewardDecisionFilter, $first: Int, $after: String) {
    rewardDecisions(filter: $filter, first: $first, after: $after) { edges { node { number subjectName formName unitName reason amountVnd adHoc member { id } } } pageInfo { hasNextPage endCursor } }
  }`;
  const inHanoi = (filter: Record<string, unknown> = {}) => ({ filter: { unitId: units.hn!.id, ...filter }, first: 50 });

  it('is searchable by anyone with or without diacritics, and shows people by name only', async () => {
    for (const search of ['cứu đồng nghiệp', 'cuu dong nghiep', 'CUU DONG']) {
      const found = (await api.ok(REGISTER, inHanoi({ search }))).rewardDecisions.edges.map((e: any) => e.node);
      expect(found).toEqual([expect.objectContaining({ subjectName: 'Nguyễn Thị Hoa', formName: 'Giấy khen', adHoc: true, amountVnd: 540_000, member: null })]);
    }
    const asOfficer = (await api.ok(REGISTER, inHanoi({ search: 'cuu dong nghiep' }), tokens.officerHn)).rewardDecisions.edges[0].node;
    expect(asOfficer.member).toEqual({ id: members.hoa });
    const adHoc = (await api.ok(REGISTER, inHanoi({ adHoc: true }))).rewardDecisions.edges.map((e: any) => e.node.subjectName).sort();
    expect(adHoc).toEqual(['Lê Văn Tuấn', 'Nguyễn Thị Hoa', 'Trần Thị Lan']);
    expect((await api.ok(REGISTER, inHanoi({ formCode: 'LDTT' }))).rewardDecisions.edges).toHaveLength(3);
    expect((await api.ok(REGISTER, { filter: { unitId: units.kh!.id } })).rewardDecisions.edges).toEqual([]);
  });

  it('pages with cursors and refuses bad filters clearly', async () => {
    const first = (await api.ok(REGISTER, { ...inHanoi(), first: 4 })).rewardDecisions;
    expect(first.edges).toHaveLength(4);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (await api.ok(REGISTER, { ...inHanoi(), first: 50, after: first.pageInfo.endCursor })).rewardDecisions;
    const all = (await api.ok(REGISTER, inHanoi())).rewardDecisions.edges.map((e: any) => e.node.number);
    expect([...first.edges, ...rest.edges].map((e: any) => e.node.number)).toEqual(all);
    expect(all).toHaveLength(10);
    expect((await api.refused(REGISTER, { filter: { unitId: 'not-an-id' } })).problems.map((p) => p.field)).toEqual(['filter.unitId']);
    expect((await api.refused(REGISTER, { first: 500 })).code).toBe('BAD_USER_INPUT');
  });

  it('shows each member’s and unit’s rewards on their federated records', async () => {
    const record = (await api.ok(`query($m: ID!, $u: ID!) {
      member(id: $m) { fullName rewards(first: 10) { edges { node { formCode } } } }
      unionUnit(id: $u) { name rewards { edges { node { formCode subjectName } } } }
    }`, { m: members.hoa, u: units.may!.id }, tokens.officerHn));
    expect(record.member.rewards.edges.map((e: any) => e.node.formCode).sort()).toEqual(['BK_TINH', 'CSTDCS', 'GIAY_KHEN', 'LDTT']);
    expect(record.unionUnit.rewards.edges.map((e: any) => e.node)).toEqual([{ formCode: 'TTLDTT', subjectName: 'Công đoàn Công ty May Thăng Long' }]);
  });
});

describe('fairness and timeliness figures', () => {
  const FAIRNESS = `query($u: ID!, $from: Date!, $to: Date!) { rewardFairness(unitId: $u, from: $from, to: $to) {
    decisions individualDecisions directWorkerShareOfRewards directWorkerShareOfMembers nonLeaderShareOfRewards nonLeaderShareOfMembers
    medianDaysToDecision p90DaysToDecision adHocDecisions spentVnd plannedVnd employerRewards employerRewardsVnd } }`;

  it('answers for a subtree and period with figures worked out by hand', async () => {
    const BUDGET = `mutation($u: ID!, $y: Int!, $a: SafeInt!) { setRewardBudget(unitId: $u, year: $y, amountVnd: $a) }`;
    expect((await api.refused(BUDGET, { u: units.hn!.id, y: year, a: 50_000_000 }, tokens.officerKh)).code).toBe('FORBIDDEN');
    await api.ok(BUDGET, { u: units.hn!.id, y: year, a: 50_000_000 }, tokens.officerHn);
    await api.ok(BUDGET, { u: units.may!.id, y: year, a: 5_000_000 }, tokens.officerHn);
    const figures = (await api.ok(FAIRNESS, { u: units.hn!.id, from: daysAgo(100), to: today }, tokens.officerHn)).rewardFairness;
    // Decisions in the last 100 days about Hà Nội: LĐTT Hoa (10 days), Lan (15), Tuấn (20); CSTDCS Hoa (30); TTLĐTT Công ty May (40);
    // Bằng khen Minh (11), Hoa from results (0); ad-hoc Giấy khen Tuấn (2). Sorted days 0 2 10 11 15 20 30 40: median (4th) 11, p90 (8th) 40.
    // Seven individual decisions, six to direct workers and non-leaders (all but Minh); members: 3 of 5 direct, 4 of 5 non-leaders.
    // Spent: 3 × 710,000 + 2,340,000 + 1,880,000 + 2 × 3,510,000 + 710,000 = 14,080,000.
    expect(figures).toEqual({
      decisions: 8,
      individualDecisions: 7,
      directWorkerShareOfRewards: 0.8571,
      directWorkerShareOfMembers: 0.6,
      nonLeaderShareOfRewards: 0.8571,
      nonLeaderShareOfMembers: 0.8,
      medianDaysToDecision: 11,
      p90DaysToDecision: 40,
      adHocDecisions: 1,
      spentVnd: 14_080_000,
      plannedVnd: 55_000_000,
      employerRewards: 2,
      employerRewardsVnd: 1_000_000,
    });
  });

  it('follows members’ changes: the membership shares come from counts kept as the read model changes', async () => {
    const UPDATE = `mutation($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { id } }`;
    const shares = async () => {
      const { rewardFairness } = await api.ok(FAIRNESS, { u: units.hn!.id, from: daysAgo(100), to: today }, tokens.officerHn);
      return [rewardFairness.directWorkerShareOfMembers, rewardFairness.nonLeaderShareOfMembers];
    };
    // Bình becomes a direct production worker holding a leadership post: 4 of 5 direct, 3 of 5 non-leaders
    await api.ok(UPDATE, { id: members.binh, input: { isDirectProductionWorker: true, holdsLeadershipPost: true } }, tokens.admin);
    await eventually(async () => ((await shares()).join() === '0.8,0.6' ? true : null), 30000, 'shares after Bình’s change');
    await api.ok(UPDATE, { id: members.binh, input: { isDirectProductionWorker: false, holdsLeadershipPost: false } }, tokens.admin);
    await eventually(async () => ((await shares()).join() === '0.6,0.8' ? true : null), 30000, 'shares after Bình’s change is undone');
  });

  it('is for officers over the unit only', async () => {
    expect((await api.refused(FAIRNESS, { u: units.hn!.id, from: daysAgo(100), to: today }, tokens.officerKh)).code).toBe('FORBIDDEN');
    expect((await api.refused(FAIRNESS, { u: units.hn!.id, from: daysAgo(100), to: today })).code).toBe('UNAUTHENTICATED');
    expect((await api.refused(FAIRNESS, { u: units.hn!.id, from: today, to: daysAgo(1) }, tokens.officerHn)).problems.map((p) => p.field)).toEqual(['to']);
  });
});

describe('union awards at national level', () => {
  // runs after the figures above: these national decisions are not part of the worked example
  it('Bằng Lao động sáng tạo goes to direct, non-leading workers whose initiatives bring enough benefit', async () => {
    const council = await token(['COUNCIL_MEMBER'], 'vn', 'council-vn');
    const nominateNational = (memberKey: string, formCode: string) =>
      nominate({ memberKey, granting: 'vn', formCode, achievedOn: daysAgo(5), awardYear: year, reason: 'Tác giả sáng kiến làm lợi lớn cho doanh nghiệp' }, tokens.admin);
    const decide = async (id: string) => {
      await api.ok(REVIEW, { id, vote: 'FOR' }, council);
      return api.ok(GRANT, { id, input: { signerRole: 'Chủ tịch Tổng Liên đoàn Lao động Việt Nam' } }, council).then(
        (r) => r.grantReward,
        (error: Error) => ({ error: error.message }),
      );
    };
    // Hoa: a direct worker, no leadership post, one initiative worth 120,000,000 VND this year
    expect(await decide(await nominateNational('hoa', 'LAO_DONG_SANG_TAO'))).toMatchObject({ formCode: 'LAO_DONG_SANG_TAO', amountVnd: 0 });
    const minh = await decide(await nominateNational('minh', 'LAO_DONG_SANG_TAO'));
    expect(minh.error).toContain('is for direct production workers');
    expect(minh.error).toContain('is for people without a leadership post');
    expect(minh.error).toContain('needs one initiative worth at least 80,000,000 VND');
  });

  it('the Nguyễn Đức Cảnh award is granted once in a lifetime', async () => {
    const council = await token(['COUNCIL_MEMBER'], 'vn', 'council-vn');
    const once = async () => {
      const id = await nominate({ memberKey: 'tuan', granting: 'vn', formCode: 'GIAI_NGUYEN_DUC_CANH', achievedOn: daysAgo(5), awardYear: year, reason: 'Công nhân trực tiếp sản xuất tiêu biểu' }, tokens.admin);
      await api.ok(REVIEW, { id, vote: 'FOR' }, council);
      return graphql(platform.gatewayUrl, GRANT, { id, input: { signerRole: 'Chủ tịch Tổng Liên đoàn Lao động Việt Nam' } }, council);
    };
    expect((await once()).data?.grantReward).toMatchObject({ formCode: 'GIAI_NGUYEN_DUC_CANH' });
    expect((await once()).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', rule: 'ONCE_IN_LIFETIME' });
  });
});
