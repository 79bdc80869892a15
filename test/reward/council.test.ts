/**
 * How a council decides, through the real gateway: members seated by the unit's officer, meetings with the members
 * present, votes counted only in the open meeting from members who attend and have no conflict of interest (themselves,
 * their own unit's collective, a relative they declared), and decisions only when the meeting had its quorum and the
 * majority of the regulation voted for; the refusal names the rule and its source.
 */
import { ADD_COUNCIL_MEMBER, GRANT, OPEN_MEETING, REVIEW, RewardScenario, daysAgo, year } from '../support/reward';
import { usePlatform } from '../support/platform';

const env = usePlatform();

const COUNCIL = `query($u: ID) { council(unitId: $u) { unitName members { id fullName position member { id } } openMeeting { id membersTotal quorumNeeded quorumMet attendees { fullName } } rules { code minMembers source } mySeat { fullName } } }`;
const CLOSE = `mutation($id: ID!) { closeCouncilMeeting(id: $id) { status } }`;
const DECLARE = `mutation($input: CouncilConflictInput!) { declareCouncilConflict(input: $input) { fullName } }`;
const OUTCOME = `query($id: ID!) { nomination(id: $id) { myConflict councilOutcome { passed rule message source quorumNeeded majorityNeeded } } }`;

describe('a council (Hội đồng Thi đua - Khen thưởng)', () => {
  let s: RewardScenario;
  let hoaSeatToken: string;
  let seats: Record<string, string>;

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
    await s.seatCouncil('hn');
    await s.seatCouncil('may');
    hoaSeatToken = await s.token(['COUNCIL_MEMBER'], 'hn', 'council-hn-hoa', s.members.hoa!);
  });

  it('is seated by the unit’s officer only, one seat per account', async () => {
    const input = { accountId: 'council-hn-hoa', fullName: 'Nguyễn Thị Hoa', position: 'MEMBER', memberId: s.members.hoa };
    expect((await s.api.refused(ADD_COUNCIL_MEMBER, { unitId: s.units.hn!.id, input }, s.tokens.officerKh)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(ADD_COUNCIL_MEMBER, { unitId: s.units.hn!.id, input }, s.tokens.councilHn)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(ADD_COUNCIL_MEMBER, { unitId: s.units.hn!.id, input: { ...input, fullName: ' ' } }, s.tokens.officerHn)).problems.map((p) => p.field)).toEqual(['fullName']);
    expect((await s.api.refused(ADD_COUNCIL_MEMBER, { unitId: s.units.hn!.id, input: { ...input, memberId: s.members.hoa, accountId: 'x' } }, s.tokens.officerKh)).code).toBe('FORBIDDEN');
    await s.api.ok(ADD_COUNCIL_MEMBER, { unitId: s.units.hn!.id, input }, s.tokens.officerHn);
    expect(await s.api.refused(ADD_COUNCIL_MEMBER, { unitId: s.units.hn!.id, input }, s.tokens.officerHn)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('đã là thành viên Hội đồng') });
    const { council } = await s.api.ok(COUNCIL, { u: s.units.hn!.id }, s.tokens.officerHn);
    expect(council.members.map((m: any) => [m.fullName, m.position])).toEqual([['Vũ Thị Thu', 'CHAIR'], ['Ngô Văn Hải', 'VICE_CHAIR'], ['Đặng Minh Châu', 'MEMBER'], ['Nguyễn Thị Hoa', 'MEMBER']]);
    seats = Object.fromEntries(council.members.map((m: any) => [m.fullName, m.id]));
    // the meeting opened before Hoa's seat counts the three members it had
    expect(council.openMeeting).toMatchObject({ membersTotal: 3, quorumNeeded: 2, quorumMet: true });
    expect(council.rules.find((r: any) => r.code === 'DEFAULT')).toMatchObject({ minMembers: 3, source: expect.stringContaining('2/3') });
    expect((await s.api.ok(COUNCIL, {}, hoaSeatToken)).council).toMatchObject({ unitName: 'Liên đoàn Lao động thành phố Hà Nội', mySeat: { fullName: 'Nguyễn Thị Hoa' } });
    expect((await s.api.refused(COUNCIL, { u: s.units.hn!.id }, s.tokens.councilMay)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(COUNCIL, { u: s.units.hn!.id }, s.tokens.hoa)).code).toBe('FORBIDDEN');
    // a new meeting: one open at a time, with members of this council present
    const open = council.openMeeting.id;
    const everyone = { attendeeIds: Object.values(seats) };
    expect((await s.api.refused(OPEN_MEETING, { unitId: s.units.hn!.id, input: everyone }, s.tokens.councilHn)).code).toBe('CONFLICT');
    expect((await s.api.refused(OPEN_MEETING, { unitId: s.units.hn!.id, input: everyone }, s.tokens.hoa)).code).toBe('FORBIDDEN');
    await s.api.ok(CLOSE, { id: open }, s.tokens.councilHn);
    expect((await s.api.refused(CLOSE, { id: open }, s.tokens.councilHn)).code).toBe('CONFLICT');
    expect((await s.api.refused(OPEN_MEETING, { unitId: s.units.hn!.id, input: { attendeeIds: [s.seats.get('council-may')] } }, s.tokens.councilHn)).problems.map((p) => p.field)).toEqual(['attendeeIds']);
    expect((await s.api.refused(OPEN_MEETING, { unitId: s.units.hn!.id, input: { ...everyone, heldOn: `${year + 1}-01-01` } }, s.tokens.councilHn)).problems.map((p) => p.field)).toEqual(['heldOn']);
    const meeting = (await s.api.ok(OPEN_MEETING, { unitId: s.units.hn!.id, input: everyone }, s.tokens.councilHn)).openCouncilMeeting;
    expect(meeting).toMatchObject({ status: 'OPEN', membersTotal: 4, quorumNeeded: 3, quorumMet: true });
  });

  it('keeps a member from voting on themselves, their own unit’s collective and a relative they declared, and decides with the others', async () => {
    const hoa = await s.nominate({ memberKey: 'hoa', granting: 'hn', formCode: 'BK_TINH', achievedOn: daysAgo(30), awardYear: year });
    expect((await s.api.ok(OUTCOME, { id: hoa }, hoaSeatToken)).nomination.myConflict).toBe('bạn là người được đề nghị');
    expect(await s.api.refused(REVIEW, { id: hoa, vote: 'FOR' }, hoaSeatToken)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Bạn không biểu quyết đề nghị này: bạn là người được đề nghị (Luật Phòng, chống tham nhũng 2018') });
    const may = await s.nominate({ unitKey: 'may', granting: 'hn', formCode: 'BK_TINH', achievedOn: daysAgo(30), awardYear: year });
    expect((await s.api.refused(REVIEW, { id: may, vote: 'FOR' }, hoaSeatToken)).message).toContain('tập thể được đề nghị là đơn vị của bạn');
    const lan = await s.nominate({ memberKey: 'lan', granting: 'hn', formCode: 'BK_TINH', achievedOn: daysAgo(30), awardYear: year });
    expect((await s.api.ok(OUTCOME, { id: lan }, hoaSeatToken)).nomination.myConflict).toBeNull();
    expect((await s.api.refused(DECLARE, { input: { memberId: s.members.lan, relation: 'e' } }, hoaSeatToken)).problems.map((p) => p.field)).toEqual(['relation']);
    expect((await s.api.refused(DECLARE, { input: { memberId: s.members.lan, relation: 'em gái' } }, s.tokens.officerHn)).code).toBe('FORBIDDEN');
    await s.api.ok(DECLARE, { input: { memberId: s.members.lan, relation: 'em gái' } }, hoaSeatToken);
    expect((await s.api.refused(REVIEW, { id: lan, vote: 'FOR' }, hoaSeatToken)).message).toContain('người được đề nghị là em gái của bạn (đã khai báo)');
    // the three others may vote: two of them are the majority of the three entitled to
    await s.api.ok(REVIEW, { id: hoa, vote: 'FOR' }, s.tokens.councilHn);
    expect((await s.api.ok(OUTCOME, { id: hoa }, s.tokens.councilHn)).nomination.councilOutcome).toMatchObject({ passed: false, rule: 'MAJORITY', quorumNeeded: 3, majorityNeeded: 2 });
    await s.api.ok(REVIEW, { id: hoa, vote: 'FOR' }, s.tokens.councilHn2);
    expect((await s.api.ok(OUTCOME, { id: hoa }, s.tokens.councilHn)).nomination.councilOutcome).toMatchObject({ passed: true, rule: null });
    expect(await s.grant(hoa, daysAgo(20))).toMatchObject({ formCode: 'BK_TINH', subjectName: 'Nguyễn Thị Hoa' });
  });

  it('decides nothing in a meeting without its quorum, nor from members absent or after it closed', async () => {
    const { council } = await s.api.ok(COUNCIL, { u: s.units.hn!.id }, s.tokens.councilHn);
    await s.api.ok(CLOSE, { id: council.openMeeting.id }, s.tokens.councilHn);
    const tuan = await s.nominate({ memberKey: 'tuan', granting: 'hn', formCode: 'BK_TINH', achievedOn: daysAgo(10), awardYear: year });
    expect(await s.api.refused(REVIEW, { id: tuan, vote: 'FOR' }, s.tokens.councilHn)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Hội đồng chưa mở phiên họp') });
    // comments need no meeting
    expect((await s.api.ok(REVIEW, { id: tuan, comment: 'Đề nghị bổ sung xác nhận của doanh nghiệp' }, s.tokens.councilHn3)).reviewNomination.status).toBe('IN_COUNCIL');
    const thin = (await s.api.ok(OPEN_MEETING, { unitId: s.units.hn!.id, input: { attendeeIds: [seats['Vũ Thị Thu'], seats['Ngô Văn Hải']] } }, s.tokens.officerHn)).openCouncilMeeting;
    expect(thin).toMatchObject({ membersTotal: 4, quorumNeeded: 3, quorumMet: false, attendees: [{ fullName: 'Vũ Thị Thu' }, { fullName: 'Ngô Văn Hải' }] });
    expect((await s.api.refused(REVIEW, { id: tuan, vote: 'FOR' }, s.tokens.councilHn3)).message).toContain('Bạn không có tên trong danh sách dự họp');
    const unseated = await s.token(['COUNCIL_MEMBER'], 'hn', 'council-hn-unseated');
    expect((await s.api.refused(REVIEW, { id: tuan, vote: 'FOR' }, unseated)).code).toBe('FORBIDDEN');
    await s.api.ok(REVIEW, { id: tuan, vote: 'FOR' }, s.tokens.councilHn);
    await s.api.ok(REVIEW, { id: tuan, vote: 'FOR' }, s.tokens.councilHn2);
    const refused = await s.refusedGrant(tuan, daysAgo(5));
    expect(refused).toMatchObject({ code: 'CONFLICT', rule: 'QUORUM', source: expect.stringContaining('2/3'), message: expect.stringContaining('không đủ số thành viên dự họp: 2/4, cần ít nhất 3') });
    expect((await s.api.ok(`query($id: ID!) { nomination(id: $id) { status } }`, { id: tuan }, s.tokens.officerHn)).nomination.status).toBe('IN_COUNCIL');
    await s.api.ok(CLOSE, { id: thin.id }, s.tokens.officerHn);
    await s.api.ok(OPEN_MEETING, { unitId: s.units.hn!.id, input: { attendeeIds: Object.values(seats) } }, s.tokens.officerHn);
    for (const token of [s.tokens.councilHn, s.tokens.councilHn2, s.tokens.councilHn3]) await s.api.ok(REVIEW, { id: tuan, vote: 'FOR' }, token);
    expect((await s.api.ok(GRANT, { id: tuan, input: { signerRole: 'Chủ tịch Liên đoàn Lao động thành phố', decidedOn: daysAgo(5) } }, s.tokens.councilHn)).grantReward).toMatchObject({ formCode: 'BK_TINH' });
  });
});

describe('the councils’ rules, kept by the national admin', () => {
  let s: RewardScenario;
  const RULES = `{ councilRules { code formCodes quorumShare majorityShare majorityStrict minMembers source verified } adHocTimeLimit { days source verified } }`;
  const SAVE = `mutation($input: CouncilRuleInput!) { saveCouncilRule(input: $input) { code formCodes quorumShare majorityShare majorityStrict minMembers source verified } }`;
  const LIMIT = `mutation($input: TimeLimitInput!) { setAdHocTimeLimit(input: $input) { days source verified } }`;
  type Rule = { code: string; formCodes: string[]; quorumShare: number; majorityShare: number; majorityStrict: boolean; minMembers: number; source: string; verified: boolean };
  let before: { councilRules: Rule[]; adHocTimeLimit: { days: number; source: string; verified: boolean } };

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
    before = await s.api.ok(RULES);
  });

  // every suite after this one counts votes by the seeded rules
  afterAll(async () => {
    for (const rule of before.councilRules) await s.api.ok(SAVE, { input: rule }, s.tokens.admin);
    await s.api.ok(LIMIT, { input: before.adHocTimeLimit }, s.tokens.admin);
  });

  it('are saved with their source, each refused problem beside its field, by national admins only', async () => {
    const higher = before.councilRules.find((r) => r.code === 'CSTD_HIGHER')!;
    expect((await s.api.refused(SAVE, { input: higher }, s.tokens.officerHn)).code).toBe('FORBIDDEN');
    const bad = await s.api.refused(SAVE, { input: { ...higher, quorumShare: 0, majorityShare: 1.5, minMembers: 1, source: 'NĐ' } }, s.tokens.admin);
    expect(bad.problems.map((p) => p.field).sort()).toEqual(['majorityShare', 'minMembers', 'quorumShare', 'source']);
    // the default is for no form in particular, a form belongs to one rule, and a form must be in the catalogue
    expect((await s.api.refused(SAVE, { input: { ...before.councilRules.find((r) => r.code === 'DEFAULT')!, formCodes: ['BK_TINH'] } }, s.tokens.admin)).problems.map((p) => p.field)).toEqual(['formCodes']);
    const twice = await s.api.refused(SAVE, { input: { ...higher, code: 'CSTD_AGAIN', formCodes: ['CSTD_TINH'] } }, s.tokens.admin);
    expect(twice.message).toBe('CSTD_TINH đã thuộc quy định CSTD_HIGHER');
    expect((await s.api.refused(SAVE, { input: { ...higher, formCodes: ['KHONG_CO'] } }, s.tokens.admin)).message).toBe('không có hình thức KHONG_CO trong danh mục');

    const saved = (await s.api.ok(SAVE, { input: { ...higher, majorityShare: 0.8, source: `${higher.source} (đối chiếu ${year})`, verified: true } }, s.tokens.admin)).saveCouncilRule;
    expect(saved).toMatchObject({ code: 'CSTD_HIGHER', majorityShare: 0.8, verified: true });
    expect((await s.api.ok(RULES)).councilRules.find((r: Rule) => r.code === 'CSTD_HIGHER')).toEqual(saved);

    expect((await s.api.refused(LIMIT, { input: { days: 0, source: 'x', verified: false } }, s.tokens.admin)).problems.map((p) => p.field).sort()).toEqual(['days', 'source']);
    expect((await s.api.refused(LIMIT, { input: before.adHocTimeLimit }, s.tokens.officerHn)).code).toBe('FORBIDDEN');
    expect((await s.api.ok(LIMIT, { input: { ...before.adHocTimeLimit, days: 7 } }, s.tokens.admin)).setAdHocTimeLimit.days).toBe(7);
    expect((await s.api.ok(RULES)).adHocTimeLimit.days).toBe(7);
  });
});
