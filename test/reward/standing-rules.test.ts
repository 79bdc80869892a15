/**
 * What holds a proposal back, through the real gateway on the real databases and broker: a yearly title only for a
 * subject whose registration (đăng ký thi đua) the level above approved; a pending discipline, inspection or
 * complaint case, recorded in campaign on the member or unit and carried to reward by ProceedingsChanged, suspends the
 * decision until it is closed. Each scenario builds its own Hà Nội tree.
 */
import { issueTestToken } from '../support/tokens';
import { usePlatform } from '../support/platform';
import { REGISTER_TITLES, RewardScenario, daysAgo, today, year } from '../support/reward';
import { eventually, graphql } from '../support/graphql';
import { eventuallyCounted } from '../support/read-models';

const env = usePlatform();
const REVIEW_REGISTRATION = `mutation($id: ID!, $approve: Boolean!, $reason: String) { reviewEmulationRegistration(id: $id, approve: $approve, reason: $reason) { status reviewReason } }`;
/** A day within this year's registration window that has come (the window closes on 31 March). */
const inWindow = today <= `${year}-03-31` ? today : `${year}-03-31`;

describe('registration (đăng ký thi đua)', () => {
  let s: RewardScenario;
  let khoa: string;
  let khoaToken: string;
  let mayOfficer: string;

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
    khoa = await s.api.createMember({ unitId: s.units.may!.id, fullName: 'Phan Văn Khoa', occupationCode: 'CN_DET_MAY', isDirectProductionWorker: true, holdsLeadershipPost: false }, s.tokens.admin);
    await eventuallyCounted('reward', 'member_refs WHERE id = $1', [khoa], 1, 'Khoa in reward');
    khoaToken = await s.token(['MEMBER'], 'may', 'member-khoa', khoa);
    mayOfficer = await s.token(['UNIT_OFFICER'], 'may', 'officer-may');
  });

  const register = (input: Record<string, unknown>, by: string) => s.api.ok(REGISTER_TITLES, { input: { year, ...input } }, by);

  it('is the condition of a yearly title: without one the nomination is refused, naming the rule and its source', async () => {
    const input = { source: 'OFFICER', memberId: khoa, grantingUnitId: s.units.may!.id, formCode: 'LDTT', achievedOn: daysAgo(5), awardYear: year, reason: 'Hoàn thành tốt nhiệm vụ cả năm' };
    const refusal = await graphql<any>(env.platform.gatewayUrl, `mutation($input: NominateInput!) { nominate(input: $input) { id } }`, { input }, s.tokens.officerHn);
    expect(refusal.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', rule: 'REGISTRATION', source: expect.stringContaining('Luật Thi đua, khen thưởng 06/2022/QH15') });
    expect(refusal.errors![0]!.message).toContain('Phan Văn Khoa chưa đăng ký thi đua');
    // a commendation needs no registration
    expect((await s.api.ok(`mutation($input: NominateInput!) { nominate(input: $input) { status } }`, { input: { ...input, grantingUnitId: s.units.hn!.id, formCode: 'BK_TINH' } }, s.tokens.officerHn)).nominate.status).toBe('OPEN');
  });

  it('is entered from the paper form by the grassroots officer, dated within the window, and approved by an officer over the member', async () => {
    const early = await s.api.refused(REGISTER_TITLES, { input: { year, memberId: khoa, formCodes: ['LDTT'], registeredOn: `${year - 1}-11-30` } }, mayOfficer);
    expect(early.problems).toEqual([{ field: 'registeredOn', message: expect.stringContaining(`từ 01/12/${year - 1} đến 31/03/${year}`) }]);
    const notATitle = await s.api.refused(REGISTER_TITLES, { input: { year, memberId: khoa, formCodes: ['LDTT', 'BK_TINH'], registeredOn: inWindow } }, mayOfficer);
    expect(notATitle.problems.map((p) => p.field)).toEqual(['formCodes.1']);
    const backdated = await s.api.refused(REGISTER_TITLES, { input: { year, formCodes: ['LDTT'], registeredOn: inWindow === today ? daysAgo(400) : inWindow } }, khoaToken);
    expect(backdated.problems.map((p) => p.field)).toEqual(['registeredOn']);
    expect((await s.api.refused(REGISTER_TITLES, { input: { year, memberId: khoa, formCodes: ['LDTT'] } }, s.tokens.officerKh)).code).toBe('NOT_FOUND');

    const registration = (await register({ memberId: khoa, formCodes: ['LDTT'], registeredOn: inWindow }, mayOfficer)).registerEmulationTitles;
    expect(registration).toMatchObject({ status: 'SUBMITTED', registeredOn: inWindow, forms: [{ code: 'LDTT' }] });
    expect((await s.api.refused(REVIEW_REGISTRATION, { id: registration.id, approve: true }, s.tokens.officerKh)).code).toBe('NOT_FOUND');
    expect((await s.api.refused(REVIEW_REGISTRATION, { id: registration.id, approve: true }, khoaToken)).code).toBe('FORBIDDEN');
    expect((await s.api.ok(REVIEW_REGISTRATION, { id: registration.id, approve: true }, mayOfficer)).reviewEmulationRegistration.status).toBe('APPROVED');
    expect((await s.api.refused(REVIEW_REGISTRATION, { id: registration.id, approve: false, reason: 'Duyệt lại lần nữa cho chắc chắn' }, mayOfficer)).code).toBe('CONFLICT');
    expect((await s.api.refused(REGISTER_TITLES, { input: { year, memberId: khoa, formCodes: ['CSTDCS'], registeredOn: inWindow } }, mayOfficer)).code).toBe('CONFLICT');
    const own = (await s.api.ok(`query($y: Int!) { myEmulationRegistration(year: $y) { status forms { name } } }`, { y: year }, khoaToken)).myEmulationRegistration;
    expect(own).toEqual({ status: 'APPROVED', forms: [{ name: 'Lao động tiên tiến' }] });

    const khoas = (await s.api.ok(`mutation($input: NominateInput!) { nominate(input: $input) { id } }`, {
      input: { source: 'OFFICER', memberId: khoa, grantingUnitId: s.units.may!.id, formCode: 'LDTT', taskRating: 'GOOD', achievedOn: daysAgo(5), awardYear: year, reason: 'Hoàn thành tốt nhiệm vụ cả năm' },
    }, s.tokens.officerHn)).nominate.id;
    await s.approve(khoas);
    expect(await s.decideByEmployer(khoas, today)).toMatchObject({ formCode: 'LDTT', subjectName: 'Phan Văn Khoa' });
    // the registration covers Lao động tiên tiến, not the higher Chiến sĩ thi đua cơ sở
    const higher = await s.api.refused(`mutation($input: NominateInput!) { nominate(input: $input) { id } }`, {
      input: { source: 'OFFICER', memberId: khoa, grantingUnitId: s.units.may!.id, formCode: 'CSTDCS', achievedOn: daysAgo(5), awardYear: year, reason: 'Hoàn thành xuất sắc nhiệm vụ cả năm' },
    }, s.tokens.officerHn);
    expect(higher.message).toContain('không gồm Chiến sĩ thi đua cơ sở');
  });

  it('of a collective is approved by the level above, not by the unit itself; a returned one is corrected and sent again', async () => {
    const unit = await s.api.createUnit({ parentId: s.units.hn!.id, code: `ben-xe-${s.run}`, name: 'Công đoàn Bến xe Giáp Bát', level: 'GRASSROOTS', organisationType: 'STATE_OWNED_ENTERPRISE' }, s.tokens.admin);
    await eventuallyCounted('reward', 'unit_refs WHERE id = $1', [unit.id], 1, 'the unit in reward');
    const benXeOfficer = await issueTestToken({ sub: 'officer-ben-xe', name: 'officer-ben-xe', roles: ['UNIT_OFFICER'], unitPath: unit.path, memberId: null });
    const registration = (await register({ unitId: unit.id, formCodes: ['TTLDXS'], registeredOn: inWindow }, benXeOfficer)).registerEmulationTitles;
    const itself = await s.api.refused(REVIEW_REGISTRATION, { id: registration.id, approve: true }, benXeOfficer);
    expect([itself.code, itself.message]).toEqual(['FORBIDDEN', 'Đăng ký của Công đoàn Bến xe Giáp Bát do công đoàn cấp trên duyệt, không phải chính đơn vị']);
    expect((await s.api.refused(REVIEW_REGISTRATION, { id: registration.id, approve: false, reason: 'Sai' }, s.tokens.officerHn)).problems.map((p) => p.field)).toEqual(['reason']);
    const reason = 'Tập thể mới thành lập, chưa đủ 10 tháng hoạt động: đăng ký Tập thể lao động tiên tiến';
    expect((await s.api.ok(REVIEW_REGISTRATION, { id: registration.id, approve: false, reason }, s.tokens.officerHn)).reviewEmulationRegistration).toEqual({ status: 'RETURNED', reviewReason: reason });
    const nominateUnit = { source: 'OFFICER', unitId: unit.id, grantingUnitId: s.units.hn!.id, formCode: 'TTLDTT', achievedOn: daysAgo(5), awardYear: year, reason: 'Hoàn thành tốt nhiệm vụ năm' };
    expect((await s.api.refused(`mutation($input: NominateInput!) { nominate(input: $input) { id } }`, { input: nominateUnit }, s.tokens.officerHn)).message).toContain('có đăng ký bị cấp trên trả lại');
    const again = (await register({ unitId: unit.id, formCodes: ['TTLDTT'], registeredOn: today }, benXeOfficer)).registerEmulationTitles;
    expect(again).toMatchObject({ id: registration.id, status: 'SUBMITTED', registeredOn: inWindow, forms: [{ code: 'TTLDTT' }] });
    await s.api.ok(REVIEW_REGISTRATION, { id: registration.id, approve: true }, s.tokens.officerHn);
    expect((await s.api.ok(`mutation($input: NominateInput!) { nominate(input: $input) { status } }`, { input: nominateUnit }, s.tokens.officerHn)).nominate.status).toBe('OPEN');
    const listed = (await s.api.ok(`query($y: Int!) { emulationRegistrations(year: $y, status: APPROVED, first: 50) { edges { node { subjectName } } } }`, { y: year }, s.tokens.officerHn)).emulationRegistrations.edges;
    expect(listed.map((e: any) => e.node.subjectName)).toContain('Công đoàn Bến xe Giáp Bát');
    expect((await s.api.ok(`query($y: Int!) { emulationRegistrations(year: $y) { edges { node { id } } } }`, { y: year }, s.tokens.officerKh)).emulationRegistrations.edges).toEqual([]);
  });

  it('has a public window with its source', async () => {
    const window = (await graphql<any>(env.platform.gatewayUrl, `query($y: Int!) { registrationWindow(year: $y) { opensOn closesOn verified source } }`, { y: year })).data.registrationWindow;
    expect(window).toEqual({ opensOn: `${year - 1}-12-01`, closesOn: `${year}-03-31`, verified: false, source: expect.stringContaining('đăng ký thi đua') });
  });
});

describe('pending discipline, inspection or complaint (suspends a proposal)', () => {
  let s: RewardScenario;
  const RECORD = `mutation($input: RecordProceedingInput!) { recordPendingProceeding(input: $input) { id kind note openedOn closedOn member { fullName } unit { name } } }`;
  const CLOSE = `mutation($id: ID!, $input: CloseProceedingInput!) { closePendingProceeding(id: $id, input: $input) { closedOn outcome } }`;
  const SUSPENSION = `query($id: ID!) { nomination(id: $id) { suspension { kinds since rule source message } } }`;
  const suspension = async (id: string) => (await s.api.ok(SUSPENSION, { id }, s.tokens.councilHn)).nomination.suspension;
  const until = (id: string, test: (value: any) => boolean, what: string) => eventually(async () => {
    const value = await suspension(id);
    return test(value) ? value ?? 'none' : null;
  }, 30000, what);

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
  });

  it('is recorded on a member by officers over her, with its grounds, and refused to others', async () => {
    const bad = await s.api.refused(RECORD, { input: { memberId: s.members.hoa, kind: 'INSPECTION', note: 'Thanh tra', openedOn: '2999-01-01' } }, s.tokens.officerHn);
    expect(bad.problems.map((p) => p.field)).toEqual(['note', 'openedOn']);
    expect((await s.api.refused(RECORD, { input: { memberId: s.members.hoa, unitId: s.units.may!.id, kind: 'INSPECTION', note: 'Quyết định thanh tra số 12/QĐ-TTr' } }, s.tokens.officerHn)).problems.map((p) => p.field)).toEqual(['memberId']);
    expect((await s.api.refused(RECORD, { input: { memberId: s.members.hoa, kind: 'INSPECTION', note: 'Quyết định thanh tra số 12/QĐ-TTr' } }, s.tokens.officerKh)).code).toBe('NOT_FOUND');
    expect((await s.api.refused(RECORD, { input: { memberId: s.members.hoa, kind: 'INSPECTION', note: 'Quyết định thanh tra số 12/QĐ-TTr' } }, s.tokens.hoa)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(`query($u: ID!) { pendingProceedings(unitId: $u) { edges { node { id } } } }`, { u: s.units.hn!.id }, s.tokens.officerKh)).code).toBe('FORBIDDEN');
  });

  it('suspends the decision on her nomination while open, naming the rule, and lets it go on once every case is closed', async () => {
    const nomination = await s.nominate({ memberKey: 'hoa', granting: 'hn', formCode: 'BK_TINH', achievedOn: daysAgo(10), reason: 'Cải tiến dây chuyền là túi áo' });
    await s.approve(nomination);
    const note = 'Quyết định thanh tra số 12/QĐ-TTr ngày 02/11 của Thanh tra Sở Công Thương';
    const inspection = (await s.api.ok(RECORD, { input: { memberId: s.members.hoa, kind: 'INSPECTION', note, openedOn: daysAgo(5) } }, s.tokens.officerHn)).recordPendingProceeding;
    expect(inspection).toEqual({ id: inspection.id, kind: 'INSPECTION', note, openedOn: daysAgo(5), closedOn: null, member: { fullName: 'Nguyễn Thị Hoa' }, unit: { name: 'Công đoàn Công ty May Thăng Long' } });
    const complaint = (await s.api.ok(RECORD, { input: { memberId: s.members.hoa, kind: 'COMPLAINT', note: 'Đơn tố cáo ngày 20/11 đang được xác minh' } }, s.tokens.officerHn)).recordPendingProceeding;
    const listed = (await s.api.ok(`query($u: ID!) { pendingProceedings(unitId: $u) { edges { node { id kind } } } }`, { u: s.units.may!.id }, s.tokens.officerHn)).pendingProceedings.edges;
    expect(listed.map((e: any) => e.node.id).sort()).toEqual([inspection.id, complaint.id].sort());

    const suspended = await until(nomination, (v) => v?.kinds.length === 2, 'both cases in reward');
    expect(suspended).toMatchObject({ kinds: ['INSPECTION', 'COMPLAINT'], since: daysAgo(5), rule: 'PENDING_PROCEEDINGS', source: expect.stringContaining('Nghị định 98/2023/NĐ-CP') });
    const refused = await s.refusedGrant(nomination, today);
    expect(refused).toMatchObject({ code: 'CONFLICT', rule: 'PENDING_PROCEEDINGS', source: expect.stringContaining('Điều 4') });
    expect(refused.message).toContain('Nguyễn Thị Hoa đang bị thanh tra, kiểm tra, điều tra, có đơn thư khiếu nại, tố cáo đang được xác minh');

    const outcome = 'Kết luận thanh tra số 20/KL-TTr: không có vi phạm';
    expect((await s.api.ok(CLOSE, { id: inspection.id, input: { outcome } }, s.tokens.officerHn)).closePendingProceeding).toEqual({ closedOn: today, outcome });
    expect((await s.api.refused(CLOSE, { id: inspection.id, input: { outcome } }, s.tokens.officerHn)).code).toBe('CONFLICT');
    expect((await s.api.refused(CLOSE, { id: complaint.id, input: { outcome, closedOn: daysAgo(30) } }, s.tokens.officerHn)).problems.map((p) => p.field)).toEqual(['closedOn']);
    // one case is still open: still suspended
    expect(await until(nomination, (v) => v?.kinds.length === 1, 'the complaint alone')).toMatchObject({ kinds: ['COMPLAINT'], since: today });
    expect((await s.refusedGrant(nomination, today)).rule).toBe('PENDING_PROCEEDINGS');
    await s.api.ok(CLOSE, { id: complaint.id, input: { outcome: 'Kết quả xác minh: đơn tố cáo không có cơ sở' } }, s.tokens.officerHn);
    await until(nomination, (v) => v === null, 'no case left');
    expect(await s.grant(nomination, today)).toMatchObject({ formCode: 'BK_TINH', subjectName: 'Nguyễn Thị Hoa' });
  });

  it('stops a dossier already on its way: a level does not pass it up while a case opened after the council proposed it is open', async () => {
    const nomination = await s.nominate({ memberKey: 'lan', granting: 'may', formCode: 'HCLD3', achievedOn: daysAgo(400), awardYear: year - 1, reason: 'Năm năm liền hoàn thành xuất sắc nhiệm vụ' });
    await s.approve(nomination, s.tokens.councilMay);
    const { id } = (await s.api.ok(`mutation($id: ID!) { proposeReward(nominationId: $id, input: { signerRole: "Chủ tịch Công đoàn cơ sở" }) { id } }`, { id: nomination }, s.tokens.councilMay)).proposeReward;
    const discipline = (await s.api.ok(RECORD, { input: { memberId: s.members.lan, kind: 'DISCIPLINE', note: 'Xem xét kỷ luật theo Biên bản họp ngày 01/12 của Công ty' } }, s.tokens.officerHn)).recordPendingProceeding;
    // Hà Nội's officers, who hold the dossier, see the nomination's suspension
    const held = (test: (value: any) => boolean, what: string) => eventually(async () => {
      const value = (await s.api.ok(SUSPENSION, { id: nomination }, s.tokens.officerHn)).nomination.suspension;
      return test(value) ? value ?? 'none' : null;
    }, 30000, what);
    await held((v) => v?.kinds.length === 1, 'the case in reward');
    const FORWARD = `mutation($id: ID!) { forwardProposal(id: $id) { holderUnitName } }`;
    const stopped = await graphql<any>(env.platform.gatewayUrl, FORWARD, { id }, s.tokens.officerHn);
    expect(stopped.errors![0]).toMatchObject({ message: expect.stringContaining('Tạm dừng xét khen thưởng: Trần Thị Lan'), extensions: { code: 'CONFLICT', rule: 'PENDING_PROCEEDINGS', source: expect.stringContaining('Điều 4') } });
    // the dossier stays, and says why to whoever holds it
    expect((await s.api.ok(`query($id: ID!) { rewardProposal(id: $id) { holderUnitName suspension { rule kinds } } }`, { id }, s.tokens.officerHn)).rewardProposal)
      .toEqual({ holderUnitName: 'Liên đoàn Lao động thành phố Hà Nội', suspension: { rule: 'PENDING_PROCEEDINGS', kinds: ['DISCIPLINE'] } });
    await s.api.ok(CLOSE, { id: discipline.id, input: { outcome: 'Không kỷ luật: vi phạm không có cơ sở' } }, s.tokens.officerHn);
    await held((v) => v === null, 'no case left');
    expect((await s.api.ok(`query($id: ID!) { rewardProposal(id: $id) { suspension { rule } } }`, { id }, s.tokens.officerHn)).rewardProposal.suspension).toBeNull();
    expect((await s.api.ok(FORWARD, { id }, s.tokens.officerHn)).forwardProposal.holderUnitName).toBe('Tổng Liên đoàn Lao động Việt Nam');
  });

  it('on a unit suspends the collective’s nomination, not its members’', async () => {
    await s.api.ok(RECORD, { input: { unitId: s.units.so!.id, kind: 'DISCIPLINE', note: 'Xem xét kỷ luật tập thể theo Biên bản họp ngày 15/11' } }, s.tokens.officerHn);
    const collective = await s.nominate({ unitKey: 'so', granting: 'hn', formCode: 'BK_TINH', achievedOn: daysAgo(10), reason: 'Hoàn thành xuất sắc cải cách hành chính' });
    const member = await s.nominate({ memberKey: 'binh', granting: 'hn', formCode: 'BK_TINH', achievedOn: daysAgo(10), reason: 'Hoàn thành xuất sắc cải cách hành chính' });
    expect(await until(collective, (v) => v !== null, 'the unit’s case in reward')).toMatchObject({ kinds: ['DISCIPLINE'] });
    expect(await suspension(member)).toBeNull();
    await s.approve(collective);
    expect((await s.refusedGrant(collective, today)).rule).toBe('PENDING_PROCEEDINGS');
    await s.approve(member);
    expect(await s.grant(member, today)).toMatchObject({ subjectName: 'Đỗ Thanh Bình' });
  });
});
